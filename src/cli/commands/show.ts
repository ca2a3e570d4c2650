/**
 * @module cli/commands/show
 * `greyzone show ID`: one record with its names, relations, cases and every claim.
 */
import { defineCommand } from 'citty';
import { loadAtlas } from '../../atlas/load.ts';
import { recordView, type RelationView } from '../../atlas/view.ts';
import type { Name } from '../../model/name.ts';
import { CliError } from '../error.ts';
import { claimLine, json } from '../format.ts';
import { atlasArg, formatArg } from '../options.ts';

export default defineCommand({
  meta: { name: 'show', description: 'Show a record with its names, relations, cases and claims' },
  args: {
    id: { type: 'positional', description: 'Record id, e.g. org-mss or GZT0001', required: true },
    ...atlasArg,
    ...formatArg,
  },
  run({ args }) {
    const { atlas, issues } = loadAtlas(args.atlas);
    if (atlas.records.size === 0 && issues.length) throw new CliError(`cannot read the atlas: ${issues[0]!.message}`);
    const view = recordView(atlas, args.id);
    if (!view) throw new CliError(`no record with id '${args.id}'; try greyzone search`);
    if (args.format === 'json') {
      process.stdout.write(json(view));
      return 0;
    }
    const rec = view.record as { names?: Name[]; description?: string; subtype?: string; summary?: string };
    const out: string[] = [`${view.name}  (${view.kind}${rec.subtype ? `: ${rec.subtype}` : ''}, ${view.id})`];
    const others = (rec.names ?? []).filter((n) => n.type !== 'primary');
    if (others.length) out.push(`  names: ${others.map((n) => `${n.text} [${n.type}${n.lang !== 'en' ? `, ${n.lang}` : ''}]`).join('; ')}`);
    const about = rec.description ?? rec.summary;
    if (about) out.push(`  ${about.trim()}`);
    const rel = (title: string, list: RelationView[]) => {
      if (!list.length) return;
      out.push('', title);
      for (const r of list) {
        const when = r.valid_from || r.valid_to ? ` (${r.valid_from ?? ''}–${r.valid_to ?? ''})` : '';
        out.push(`  ${r.label} ${r.other_name} [${r.other}]${when}`);
        for (const c of r.claims) out.push(`    ${claimLine(c)}`);
      }
    };
    rel('Relations:', view.relations_out);
    rel('Relations in:', view.relations_in);
    if (view.cases.length) out.push('', 'Cases:', ...view.cases.map((c) => `  ${c.title} [${c.id}]`));
    if (view.claims.length) out.push('', 'Claims:', ...view.claims.map((c) => `  ${claimLine(c)}`));
    process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  },
});
