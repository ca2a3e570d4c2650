/**
 * @module cli/commands/brief
 * `greyzone brief --profile FILE --out FILE.pdf`: what the atlas means for one organisation — its
 * exposure (the methods, cases and actors that bear on its profile, with the reasons and claims),
 * as a briefing of a few pages printed by Chromium (or HTML), as JSON, or as a Navigator layer.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { defineCommand } from 'citty';
import { exposureOf } from '../../atlas/exposure.ts';
import { ProfileFileError, readProfile } from '../../atlas/profile-file.ts';
import { redactAtlas } from '../../atlas/redact.ts';
import { BRIEF_CASES, BRIEF_METHODS, briefingHtml } from '../../brief/briefing.ts';
import { NoChromium, printPdf } from '../../brief/pdf.ts';
import { exposureLayer } from '../../interop/navigator.ts';
import type { Tlp } from '../../model/vocab.ts';
import { atlasFromStore } from '../../store/as-atlas.ts';
import { CliError } from '../error.ts';
import { json } from '../format.ts';
import { clearanceArg } from '../options.ts';
import { dbArg, withStore } from '../store.ts';

/** Writes a file whole or not at all: to a neighbour first, then renamed over. */
function writeWhole(path: string, data: string | Buffer): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export default defineCommand({
  meta: { name: 'brief', description: 'What the atlas means for one organisation: a briefing (PDF or HTML), its exposure as JSON, or a Navigator layer' },
  args: {
    profile: { type: 'string', description: 'The organisation’s profile (YAML; see test/fixtures/profiles/)', required: true, valueHint: 'FILE' },
    out: { type: 'string', description: 'The briefing: FILE.pdf (printed by Chromium) or FILE.html', valueHint: 'FILE' },
    layer: { type: 'string', description: 'Also write the exposure as an ATT&CK Navigator layer', valueHint: 'FILE' },
    format: { type: 'enum', description: 'Without --out: the exposure as text or JSON', options: ['text', 'json'], default: 'text' },
    ...clearanceArg,
    ...dbArg,
  },
  async run({ args }) {
    if (args.out && !/\.(pdf|html?)$/i.test(args.out)) throw new CliError(`--out: '${args.out}' must end in .pdf or .html`);
    let text: string;
    try {
      text = readFileSync(args.profile, 'utf8');
    } catch {
      throw new CliError(`cannot read ${args.profile}`);
    }
    const atlas = redactAtlas(await withStore(args.db, (s) => atlasFromStore(s)), args.clearance as Tlp);
    let profile;
    try {
      profile = readProfile(text, args.profile, atlas);
    } catch (e) {
      if (e instanceof ProfileFileError) throw new CliError(e.message);
      throw e;
    }
    const exposure = exposureOf(atlas, profile);
    if (args.layer) writeWhole(args.layer, json(exposureLayer(atlas, exposure)));
    if (args.out) {
      const html = await briefingHtml(atlas, profile, exposure);
      try {
        writeWhole(args.out, /\.pdf$/i.test(args.out) ? await printPdf(html) : html);
      } catch (e) {
        if (e instanceof NoChromium) throw new CliError(e.message);
        throw e;
      }
      process.stderr.write(`wrote ${args.out}: ${Math.min(exposure.techniques.length, BRIEF_METHODS)} methods, ${Math.min(exposure.cases.length, BRIEF_CASES)} cases for ${exposure.organisation}\n`);
      return 0;
    }
    if (args.format === 'json') process.stdout.write(json(exposure));
    else {
      process.stdout.write(`What bears on ${exposure.organisation}\n\nMethods (score: reasons):\n`);
      for (const t of exposure.techniques.slice(0, 10)) process.stdout.write(`  ${t.id} ${t.name} — ${t.score}\n${t.reasons.slice(0, 3).map((r) => `      ${r.text}\n`).join('')}`);
      process.stdout.write(`\nCases:\n${exposure.cases.slice(0, 5).map((c) => `  ${c.date} ${c.name} — ${c.score}\n`).join('')}\nActors:\n${exposure.actors.slice(0, 5).map((a) => `  ${a.name} — ${a.score}\n`).join('')}`);
    }
    return 0;
  },
});
