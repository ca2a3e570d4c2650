/**
 * @module interop/taxii
 * TAXII 2.1 (OASIS Standard, 2021) collections over an atlas view: what each collection holds, its
 * manifest (id, date added, version, media type), and the filters and paging of the Get Objects,
 * Get Manifest and Get Object Versions endpoints. The HTTP side is server/routes/taxii.
 *
 * Collections: the atlas — the whole STIX export of the reader's view, greyzone's objects and the
 * other producers' it keeps — and one per kept collection. An object's date_added is when the store
 * last wrote what it was made from: the record (so an edit reappears for an `added_after` poll) or,
 * for another producer's object, when its version came in. greyzone holds one version of each
 * object, so match[version] = first | last | all give that version, and a timestamp gives it if equal.
 */
import type { Atlas } from '../atlas/load.ts';
import { stixObjects, type StixObject } from './stix/export.ts';
import { EXTENSION_ID } from './stix/extension.ts';
import { GREYZONE_NAMESPACE } from '../util/stix-id.ts';
import { v5 as uuidv5 } from 'uuid';

export const TAXII_MEDIA = 'application/taxii+json;version=2.1';
export const STIX_MEDIA = 'application/stix+json;version=2.1';
export const API_ROOT = 'greyzone';
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** What one POST may carry (the API root's max_content_length). */
export const MAX_CONTENT_LENGTH = 50 * 1024 * 1024;

/** The atlas collection's name; the others are the kept collections' own names. */
export const ATLAS_COLLECTION = 'atlas';

export interface TaxiiCollection {
  id: string;
  title: string;
  description: string;
  can_read: boolean;
  can_write: boolean;
  media_types: string[];
}

export interface ManifestEntry {
  id: string;
  date_added: string;
  version: string;
  media_type: string;
}

interface Entry extends ManifestEntry {
  object: StixObject;
}

/** A collection's id: a UUID that stays the same for its name. */
export function collectionId(name: string): string {
  return uuidv5(`taxii-collection:${name}`, GREYZONE_NAMESPACE);
}

/** The collections a view holds; `canWrite` says whether the reader may add to them (an analyst may). */
export function collectionsOf(atlas: Atlas, canWrite: boolean): TaxiiCollection[] {
  const collection = (name: string, title: string, description: string, writable: boolean): TaxiiCollection => ({ id: collectionId(name), title, description, can_read: true, can_write: writable, media_types: [STIX_MEDIA] });
  return [
    collection(ATLAS_COLLECTION, 'greyzone atlas', `${atlas.meta.name}: every record as STIX 2.1, with the claims' provenance in greyzone's extension, and the objects of other producers it keeps. Objects posted here are imported as by greyzone import stix (other producers' into the collection "taxii").`, canWrite),
    ...[...atlas.kept.collections.keys()].sort().map((name) => collection(name, name, `Objects of other producers kept verbatim in the collection "${name}".`, canWrite)),
  ];
}

/** The collection's name for its id, if this view holds it. */
export function collectionName(atlas: Atlas, id: string): string | undefined {
  return [ATLAS_COLLECTION, ...atlas.kept.collections.keys()].find((name) => collectionId(name) === id);
}

const entriesCache = new WeakMap<Atlas, Map<string, Entry[]>>();

/** A collection's objects with their manifest entries, in the order pages run: date added, then id. */
export function collectionEntries(atlas: Atlas, name: string, updatedAt: (recordId: string) => string | undefined): Entry[] {
  let byName = entriesCache.get(atlas);
  if (!byName) entriesCache.set(atlas, (byName = new Map()));
  let entries = byName.get(name);
  if (entries) return entries;
  const recorded = toTimestamp(atlas.meta.recorded_at);
  const objects: StixObject[] = name === ATLAS_COLLECTION ? [...stixObjects(atlas, { kind: 'all' })] : [...atlas.kept.objects.values()].filter((k) => k.collection === name).map((k) => k.object as StixObject);
  entries = objects.map((object) => {
    const version = String(object.modified ?? object.created ?? recorded);
    const kept = atlas.kept.objects.get(object.id);
    const ext = (object.extensions as Record<string, { id?: string; derived_from?: string }> | undefined)?.[EXTENSION_ID];
    const record = ext?.derived_from ?? ext?.id;
    const added = kept?.added ?? (record ? updatedAt(record) : undefined) ?? (kept ? version : recorded);
    return { id: object.id, date_added: toTimestamp(added), version, media_type: STIX_MEDIA, object };
  });
  entries.sort((a, b) => compare(a.date_added, b.date_added) || compare(a.id, b.id));
  byName.set(name, entries);
  return entries;
}

/** A date as TAXII writes timestamps: UTC, milliseconds. A date without a time is its first instant. */
function toTimestamp(date: string): string {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date);
  return Number.isNaN(d.getTime()) ? '1970-01-01T00:00:00.000Z' : d.toISOString();
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface ObjectQuery {
  addedAfter?: string;
  ids?: string[];
  types?: string[];
  versions?: string[];
  specVersions?: string[];
  limit: number;
  next?: string;
}

/** A query parameter that cannot be met, said in one line. */
export class TaxiiQueryError extends Error {}

/** The entries a query asks for, one page of them, with what the next page starts after. */
export function queryEntries(entries: readonly Entry[], q: ObjectQuery): { items: Entry[]; more: boolean; next?: string } {
  let from = 0;
  if (q.next !== undefined) {
    const after = decodeNext(q.next);
    from = firstAfter(entries, after.date_added, after.id);
  }
  const addedAfter = q.addedAfter === undefined ? undefined : timestampOf(q.addedAfter, 'added_after');
  const versions = q.versions?.map((v) => (['first', 'last', 'all'].includes(v) ? v : timestampOf(v, 'match[version]')));
  const fits = (e: Entry) =>
    (addedAfter === undefined || e.date_added > addedAfter) &&
    (!q.ids || q.ids.includes(e.id)) &&
    (!q.types || q.types.includes(e.id.split('--')[0]!)) &&
    (!versions || versions.some((v) => v === 'first' || v === 'last' || v === 'all' || v === toTimestamp(e.version))) &&
    (!q.specVersions || q.specVersions.includes(String(e.object.spec_version ?? '2.0')));
  const items: Entry[] = [];
  let i = from;
  for (; i < entries.length && items.length < q.limit; i++) if (fits(entries[i]!)) items.push(entries[i]!);
  let more = false;
  for (let j = i; j < entries.length; j++) {
    if (fits(entries[j]!)) {
      more = true;
      break;
    }
  }
  const last = items.at(-1);
  return { items, more, ...(more && last ? { next: encodeNext(last) } : {}) };
}

/** The index of the first entry after (date_added, id) in page order. */
function firstAfter(entries: readonly Entry[], date: string, id: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const e = entries[mid]!;
    if (compare(e.date_added, date) < 0 || (e.date_added === date && compare(e.id, id) <= 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// The next page starts after the last entry given, not at a count: objects added meanwhile do not shift it.
const encodeNext = (e: Entry) => Buffer.from(JSON.stringify([e.date_added, e.id])).toString('base64url');

function decodeNext(token: string): { date_added: string; id: string } {
  try {
    const [date_added, id] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown[];
    if (typeof date_added === 'string' && typeof id === 'string') return { date_added, id };
  } catch {
    /* said below */
  }
  throw new TaxiiQueryError(`next: '${token.slice(0, 40)}' is not a token this server gave`);
}

function timestampOf(value: string, name: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) || Number.isNaN(Date.parse(value))) throw new TaxiiQueryError(`${name}: '${value.slice(0, 40)}' is not a UTC timestamp (YYYY-MM-DDTHH:MM:SS[.sss]Z)`);
  return new Date(value).toISOString();
}
