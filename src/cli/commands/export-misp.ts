/**
 * @module cli/commands/export-misp
 * `greyzone export misp`: the actors and the approach matrix as two MISP galaxies, laid out as in
 * the MISP/misp-galaxy repository (galaxies/ and clusters/), in a new folder.
 */
import { defineCommand } from 'citty';
import { mispGalaxies, mispGalaxyFiles } from '../../interop/misp-galaxy.ts';
import { exportFolderArgs, exportToFolder } from '../export-folder.ts';
import { json } from '../format.ts';

export default defineCommand({
  meta: { name: 'misp', description: 'Write the actors and the approach matrix as MISP galaxies and clusters (a new folder, whole or not at all)' },
  args: exportFolderArgs,
  async run({ args }) {
    await exportToFolder(args, (atlas) => {
      const pairs = mispGalaxies(atlas);
      return {
        files: Object.fromEntries(Object.entries(mispGalaxyFiles(pairs)).map(([path, content]) => [path, json(content)])),
        summary: pairs.map(({ cluster }) => `${cluster.values.length} ${cluster.type} values`).join(', '),
      };
    });
    return 0;
  },
});
