/**
 * @module cli/commands/show
 * `greyzone show ID`: one record with its names, relations, cases and every claim — as the store
 * holds it (what analysts accepted in review included), or as a folder of atlas files holds it.
 */
import { defineCommand } from 'citty';
import { loadAtlas, type Atlas } from '../../atlas/load.ts';
import { recordView, type RelationView } from '../../atlas/view.ts';
import type { Name } from '../../model/name.ts';
import { atlasFromStore } from '../../store/as-atlas.ts';
import { CliError } from '../error.ts';
import { claimLine, json } from '../format.ts';
import { formatArg } from '../options.ts';
import { dbArg, openStore } from '../store.ts';

/** Where `show` and `search` read: the store (`--db`, the default), or atlas files named by `--atlas`. */
export const readArgs = {
  ...dbArg,
  atlas: { type: 'string' as const, description: 'Read this folder of atlas files instead of the store', valueHint: 'DIR' },
};

/** The atlas `show` and `search` read: the store's, unless `--atlas DIR` names files. */
export async function atlasToRead(args: { db?: string; atlas?: string }): Promise<Atlas> {
  if (args.atlas !== undefined && args.db !== undefined) throw new CliError('give --db or --atlas, not both');
  if (args.atlas !== undefined) {
    const { atlas, issues } = loadAtlas(args.atlas);
    if (atlas.records.size === 0 && issues.length) throw new CliError(`cannot read the atlas: ${issues[0]!.message}`);
    return atlas;
  }
  const store = await openStore(args.db);
  try {
    return await atlasFromStore(store);
  } finally {
    await store.close();
  }
}

/** Fields every record shares, printed above; everything else is printed generically below. */
const SHOWN = new Set(['id', 'names', 'description', 'summary', 'claims', 'tlp', 'subtype', 'title', 'name']);

/** A record's own fields as readable lines: lists one item a line, objects as their values joined. */
function details(record: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const text = (v: unknown): string => {
    if (Array.isArray(v)) return v.map(text).join(' / ');
    if (v === null || typeof v !== 'object') return String(v);
    // A true flag reads as its name.
    return Object.entries(v)
      // Nested claims are printed with the claims below; lists of lists (matching cues) are for machines.
      .filter(([k, x]) => k !== 'claims' && x !== false && !(Array.isArray(x) && x.some(Array.isArray)))
      .map(([k, x]) => (x === true ? k : text(x)))
      .join(' · ');
  };
  for (const [key, value] of Object.entries(record)) {
    if (SHOWN.has(key) || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const label = key.replaceAll('_', ' ');
    if (Array.isArray(value) && value.some((v) => typeof v === 'object')) {
      lines.push('', `${label[0]!.toUpperCase()}${label.slice(1)}:`, ...value.map((v) => `  - ${text(v)}`));
    } else lines.push(`  ${label}: ${text(value)}`);
  }
  return lines;
}

export default defineCommand({
  meta: { name: 'show', description: 'Show a record with its names, relations, cases and claims' },
  args: {
    id: { type: 'positional', description: 'Record id, e.g. org-mss or GZT0001', required: true },
    ...readArgs,
    ...formatArg,
  },
  async run({ args }) {
    const atlas = await atlasToRead(args);
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
    out.push(...details(view.record as Record<string, unknown>));
    rel('Relations:', view.relations_out);
    rel('Relations in:', view.relations_in);
    if (view.cases.length) out.push('', 'Cases:', ...view.cases.map((c) => `  ${c.title} [${c.id}]`));
    for (const { case: c, claims } of view.in_cases) {
      out.push('', `In ${c}:`, ...claims.map((cl) => `  ${claimLine(cl)}`));
    }
    if (view.claims.length) out.push('', 'Claims:', ...view.claims.map((c) => `  ${claimLine(c)}`));
    process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  },
});
