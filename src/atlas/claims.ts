/**
 * @module atlas/claims
 * Completes the claims written in records into full claims: subject, predicate and object from
 * where they stand, grades from their source, provenance from the atlas defaults.
 */
import { createHash } from 'node:crypto';
import type { Claim } from '../model/claim.ts';
import { mostRestrictive } from '../model/vocab.ts';
import type { RecordOf } from '../model/kinds.ts';
import { claimPlaces } from './claim-places.ts';
import type { AtlasIssue } from './issue.ts';
import type { Atlas } from './load.ts';

export interface LocatedClaim {
  claim: Claim;
  file: string;
  line: number;
  /** Path of the claim inside its record, for messages. */
  path: (string | number)[];
}

/** Stable id of a claim: the same assertion from the same span always gets the same id. */
export function claimId(c: Pick<Claim, 'subject' | 'predicate' | 'object' | 'value' | 'source' | 'start' | 'end'>): string {
  const key = [c.subject, c.predicate, c.object ?? '', c.value ?? '', c.source, c.start, c.end].join('|');
  return `clm-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

export function completeClaims(atlas: Atlas, issues: AtlasIssue[]): LocatedClaim[] {
  const out: LocatedClaim[] = [];
  for (const rec of atlas.records.values()) {
    const recordTlp = (rec.data as { tlp?: Claim['tlp'] }).tlp;
    for (const place of claimPlaces(rec.kind, rec.data)) {
      place.entries.forEach((e, i) => {
        const path = [...place.path, i];
        const line = rec.lineOf(path);
        const source = atlas.records.get(e.source);
        if (!source || source.kind !== 'source') {
          issues.push({ file: rec.file, line: rec.lineOf([...path, 'source']), message: `claim cites unknown source '${e.source}'` });
          return;
        }
        const src = source.data as RecordOf<'source'>;
        const base = {
          subject: place.subject,
          predicate: e.predicate ?? place.predicate,
          object: place.object,
          value: e.value ?? place.value,
          source: e.source,
          start: e.start,
          end: e.end,
        };
        const claim: Claim = {
          id: claimId(base),
          ...base,
          quote: e.quote,
          standing: e.standing ?? 'reported',
          likelihood: e.likelihood ?? null,
          reliability: e.reliability ?? src.reliability,
          credibility: e.credibility ?? src.credibility,
          valid_from: e.valid_from ?? null,
          valid_to: e.valid_to ?? null,
          recorded_at: e.recorded_at ?? atlas.meta.recorded_at,
          recorded_by: e.recorded_by ?? atlas.meta.recorded_by,
          // Never less restricted than the record it stands in or the source it quotes.
          tlp: mostRestrictive([e.tlp, recordTlp, src.tlp]),
          record: rec.id,
          note: e.note ?? null,
        };
        out.push({ claim, file: rec.file, line, path });
      });
    }
  }
  return out;
}
