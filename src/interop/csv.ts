/**
 * @module interop/csv
 * The atlas as four CSV tables for spreadsheets: entities, relations, claims and cases, one row
 * per record (or claim), ordered by id so that two exports of the same atlas are identical.
 *
 * Written for Excel as much as for scripts: UTF-8 with a byte-order mark (without it Excel reads
 * the file in the local code page and garbles Chinese names), CRLF line ends (RFC 4180), and any
 * cell a spreadsheet would run as a formula — one starting with = + - @, a tab or a CR — prefixed
 * with an apostrophe, as OWASP advises against CSV injection: names, quotes and notes come from
 * documents and from ingestion, not from us. Lists inside a cell are joined with " | ".
 *
 * Each row's `tlp` is the marking of the row as written (see atlas/part-marking): a CLEAR record
 * that carries a RED alias makes a RED row, so a reader who filters the sheet by marking before
 * sharing it leaves nothing behind.
 */
import { stringify } from 'csv-stringify/sync';
import type { Atlas, LoadedRecord } from '../atlas/load.ts';
import { recordsOf } from '../atlas/load.ts';
import { partMarkings } from '../atlas/part-marking.ts';
import { displayName } from '../atlas/view.ts';
import type { Claim } from '../model/claim.ts';
import { ENTITY_KINDS } from '../model/entity-kinds.ts';
import type { RecordKind } from '../model/kinds.ts';
import { RELATION_TYPES } from '../model/relation-types.ts';
import { STANDINGS, type Standing } from '../model/vocab.ts';
import { compareCodeUnits } from '../util/compare.ts';
import { groupBy } from '../util/group-by.ts';

export const CSV_TABLES = ['entities', 'relations', 'claims', 'cases'] as const;
export type CsvTableName = (typeof CSV_TABLES)[number];

type Cell = string | number | null;
export interface CsvTable {
  columns: string[];
  rows: Cell[][];
}

const COLUMNS: Record<CsvTableName, string[]> = {
  entities: ['id', 'kind', 'subtype', 'name', 'other_names', 'description', 'country', 'claims', 'tlp'],
  relations: ['id', 'type', 'label', 'subject', 'subject_name', 'object', 'object_name', 'valid_from', 'valid_to', 'standing', 'claims', 'note', 'tlp'],
  claims: [
    'id', 'subject', 'predicate', 'object', 'value', 'source', 'source_title', 'source_url', 'quote', 'start', 'end', 'standing',
    'likelihood', 'reliability', 'credibility', 'valid_from', 'valid_to', 'recorded_at', 'recorded_by', 'record', 'note', 'tlp',
  ],
  cases: ['id', 'title', 'date', 'summary', 'people', 'actors', 'techniques', 'countries', 'sectors', 'target_groups', 'amounts', 'outcome', 'claims', 'tlp'],
};

const LIST = ' | ';
/** Cases have a table of their own. */
const ENTITY_ROWS = new Set<RecordKind>(ENTITY_KINDS.filter((k) => k !== 'case'));

/** Every table with its rows, ordered by id. */
export function csvRows(atlas: Atlas): Record<CsvTableName, CsvTable> {
  const rows = allRows(atlas);
  const markings = partMarkings(atlas, (view) => (view === atlas ? rows : allRows(view)));
  const table = (name: CsvTableName): CsvTable => ({
    columns: COLUMNS[name],
    rows: [...rows]
      .filter(([key]) => key.startsWith(`${name}\u0000`))
      .sort(([a], [b]) => compareCodeUnits(a, b))
      .map(([key, row]) => [...row, markings.get(key)!]),
  });
  return { entities: table('entities'), relations: table('relations'), claims: table('claims'), cases: table('cases') };
}

/** Every table as CSV text. */
export function csvTables(atlas: Atlas): Record<CsvTableName, string> {
  const tables = csvRows(atlas);
  return { entities: csvText(tables.entities), relations: csvText(tables.relations), claims: csvText(tables.claims), cases: csvText(tables.cases) };
}

/** One table as CSV text, with its header. */
export function csvText(table: CsvTable): string {
  return stringify([table.columns, ...table.rows], { bom: true, escape_formulas: true, record_delimiter: 'windows' });
}

/** The rows of every table (without their marking) by `table \0 id`, the key that orders them. */
function allRows(atlas: Atlas): Map<string, Cell[]> {
  const rows = new Map<string, Cell[]>();
  const claimsIn = groupBy(
    atlas.claims.map((c) => c.claim),
    (c) => c.record,
  );
  const count = (id: string) => claimsIn.get(id)?.length ?? 0;
  const nameOf = (id: string) => {
    const rec = atlas.records.get(id);
    return rec ? displayName(rec) : id;
  };

  for (const rec of atlas.records.values()) {
    if (ENTITY_ROWS.has(rec.kind)) rows.set(`entities\u0000${rec.id}`, entityRow(rec, count(rec.id)));
  }
  for (const r of recordsOf(atlas, 'relation')) {
    const d = r.data;
    rows.set(`relations\u0000${r.id}`, [
      r.id, d.type, RELATION_TYPES[d.type].label, d.subject, nameOf(d.subject), d.object, nameOf(d.object),
      d.valid_from ?? null, d.valid_to ?? null, strongest((claimsIn.get(r.id) ?? []).map((c) => c.standing)) ?? null, count(r.id), d.note ?? null,
    ]);
  }
  for (const c of atlas.claims.map((l) => l.claim)) {
    let key = `claims\u0000${c.id}\u0000${c.record}`;
    while (rows.has(key)) key += '\u0000'; // the same assertion twice in one record: both rows stay
    rows.set(key, claimRow(atlas, c));
  }
  for (const c of recordsOf(atlas, 'case')) rows.set(`cases\u0000${c.id}`, caseRow(c, count(c.id)));
  return rows;
}

function entityRow(rec: LoadedRecord, claims: number): Cell[] {
  const d = rec.data as { names: { text: string; type: string }[]; description?: string; subtype?: string; country?: string };
  const others = d.names.filter((n) => n.type !== 'primary').map((n) => n.text);
  return [rec.id, rec.kind, d.subtype ?? null, displayName(rec), others.join(LIST), d.description ?? null, d.country ?? null, claims];
}

function claimRow(atlas: Atlas, c: Claim): Cell[] {
  const source = atlas.records.get(c.source)?.data as { title?: string; url?: string } | undefined;
  return [
    c.id, c.subject, c.predicate, c.object, c.value, c.source, source?.title ?? null, source?.url ?? null, c.quote, c.start, c.end, c.standing,
    c.likelihood, c.reliability, c.credibility, c.valid_from, c.valid_to, c.recorded_at, c.recorded_by, c.record, c.note,
  ];
}

function caseRow(c: LoadedRecord<'case'>, claims: number): Cell[] {
  const d = c.data;
  const list = (items: string[]) => items.join(LIST);
  return [
    c.id,
    d.title,
    d.date,
    d.summary,
    // The standing exactly as the case gives it: an allegation never reads as a conviction.
    list(d.people.map((p) => `${p.person} (${p.role}, ${p.standing})`)),
    list(d.actors.map((a) => `${a.entity} (${a.role})`)),
    list(d.techniques.map((t) => (t.by ? `${t.technique} (by ${t.by})` : t.technique))),
    list(d.countries.map((k) => `${k.country} (${k.role})`)),
    list(d.sectors.map((s) => s.sector)),
    list(d.target_groups.map((t) => t.target_group)),
    list(d.amounts.map((a) => `${a.approximate ? 'about ' : ''}${a.amount} ${a.currency} (${a.what})`)),
    d.outcome.text,
    claims,
  ];
}

/** The firmest of the standings (STANDINGS runs weakest first), or undefined for none. */
function strongest(standings: readonly Standing[]): Standing | undefined {
  return standings.reduce<Standing | undefined>((top, s) => (top === undefined || STANDINGS.indexOf(s) > STANDINGS.indexOf(top) ? s : top), undefined);
}
