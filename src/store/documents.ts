/**
 * @module store/documents
 * Ingested documents and what extraction proposed from them, waiting for an analyst. A document
 * is stored once, by the SHA-256 of its bytes, together with all its proposals in one transaction:
 * a kill in the middle leaves it whole or absent. A decision on a proposal is made inside the
 * same transaction as the changes to records it causes, and keeps those changes so it can be undone.
 */
import { tlpsAllowedBy, type Tlp } from '../model/vocab.ts';
import { appendAudit } from './audit.ts';
import type { SqlDriver, SqlExec } from './driver.ts';

export interface NewDocument {
  sha256: string;
  name: string;
  format: string;
  encoding: string;
  title: string | null;
  /** Who published it, when ingestion was told or the document says. */
  publisher: string | null;
  url: string | null;
  date: string | null;
  /** The Admiralty grade set for the document at ingest: the default of every decision on it. */
  reliability: 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | null;
  credibility: 1 | 2 | 3 | 4 | 5 | 6 | null;
  language: string;
  text: string;
  pages: { page: number; start: number; end: number }[];
  bytes: number;
  tlp: Tlp;
  /** What extraction found that is shown but not proposed (dates, money, countries). */
  extraction: unknown;
}

export interface StoredDocument extends NewDocument {
  proposal_count: number;
  source: string | null;
  ingested_at: string;
  ingested_by: string;
}

export type ProposalStatus = 'proposed' | 'accepted' | 'rejected' | 'merged';

export interface NewProposal {
  kind: string;
  start: number;
  end: number;
  quote: string;
  data: Record<string, unknown>;
}

/** A change a decision made to one record, enough to undo it. */
export interface RecordChange {
  id: string;
  /** The record's data before (null: the decision created it). */
  before: unknown;
  /** The version the decision left it at. */
  version: number;
}

export interface Proposal extends NewProposal {
  id: string;
  document: string;
  seq: number;
  status: ProposalStatus;
  version: number;
  decided_by: string | null;
  decided_at: string | null;
  changes: RecordChange[];
}

export interface DocumentSummary {
  sha256: string;
  name: string;
  title: string | null;
  publisher: string | null;
  date: string | null;
  tlp: Tlp;
  ingested_at: string;
  counts: Record<ProposalStatus, number>;
}

/** A decision on a proposal that is no longer in the state the analyst saw. */
export class ProposalConflict extends Error {}

type DocumentRow = Omit<StoredDocument, 'text' | 'pages' | 'extraction'> & { body: string; pages: string; extraction: string };
type ProposalRow = Omit<Proposal, 'data' | 'changes' | 'start' | 'end'> & { data: string; changes: string | null; span_start: number; span_end: number };

const proposalFrom = (r: ProposalRow): Proposal => {
  const { span_start, span_end, data, changes, ...rest } = r;
  return { ...rest, seq: Number(r.seq), version: Number(r.version), start: Number(span_start), end: Number(span_end), data: JSON.parse(data) as Record<string, unknown>, changes: changes ? (JSON.parse(changes) as RecordChange[]) : [] };
};

export class Documents {
  constructor(private readonly db: SqlDriver) {}

  /** Stores a document with its proposals, or does nothing if the same bytes are stored already. */
  async add(doc: NewDocument, proposals: NewProposal[], actor: string): Promise<'added' | 'exists'> {
    const now = new Date().toISOString();
    return this.db.transaction(async (tx) => {
      if ((await tx.all('SELECT sha256 FROM documents WHERE sha256 = ?', [doc.sha256])).length) return 'exists';
      await tx.run(
        `INSERT INTO documents (sha256, name, format, encoding, title, publisher, url, date, reliability, credibility, language, body, pages, bytes, tlp, extraction, proposal_count, ingested_at, ingested_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [doc.sha256, doc.name, doc.format, doc.encoding, doc.title, doc.publisher, doc.url, doc.date, doc.reliability, doc.credibility, doc.language, doc.text, JSON.stringify(doc.pages), doc.bytes, doc.tlp, JSON.stringify(doc.extraction), proposals.length, now, actor],
      );
      for (const [i, p] of proposals.entries()) {
        await tx.run('INSERT INTO proposals (id, document, seq, kind, span_start, span_end, quote, data, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
          `${doc.sha256.slice(0, 12)}-${i + 1}`, doc.sha256, i + 1, p.kind, p.start, p.end, p.quote, JSON.stringify(p.data), 'proposed',
        ]);
      }
      await appendAudit(tx, { actor, action: 'document.ingest', target: doc.sha256, tlp: doc.tlp, before: null, after: { name: doc.name, title: doc.title, publisher: doc.publisher, url: doc.url, date: doc.date, reliability: doc.reliability, credibility: doc.credibility, proposals: proposals.length } }, now);
      return 'added';
    });
  }

  async list(clearance: Tlp): Promise<DocumentSummary[]> {
    const allowed = tlpsAllowedBy(clearance);
    const docs = await this.db.all<Omit<DocumentSummary, 'counts'>>(
      `SELECT sha256, name, title, publisher, date, tlp, ingested_at FROM documents WHERE tlp IN (${allowed.map(() => '?').join(', ')}) ORDER BY ingested_at DESC, sha256`,
      allowed,
    );
    const counts = new Map(docs.map((d): [string, Record<ProposalStatus, number>] => [d.sha256, { proposed: 0, accepted: 0, rejected: 0, merged: 0 }]));
    for (const row of await this.db.all<{ document: string; status: ProposalStatus; n: number }>('SELECT document, status, COUNT(*) AS n FROM proposals GROUP BY document, status')) {
      const c = counts.get(row.document);
      if (c) c[row.status] = Number(row.n);
    }
    return docs.map((d) => ({ ...d, counts: counts.get(d.sha256)! }));
  }

  /** A stored document's marking, or undefined when it is not stored — without reading its text. */
  async marking(sha256: string): Promise<Tlp | undefined> {
    return (await this.db.all<{ tlp: Tlp }>('SELECT tlp FROM documents WHERE sha256 = ?', [sha256]))[0]?.tlp;
  }

  async get(sha256: string): Promise<StoredDocument | undefined> {
    const [r] = await this.db.all<DocumentRow>('SELECT * FROM documents WHERE sha256 = ?', [sha256]);
    if (!r) return undefined;
    const { body, pages, extraction, ...rest } = r;
    return { ...rest, credibility: r.credibility === null || r.credibility === undefined ? null : (Number(r.credibility) as StoredDocument['credibility']), reliability: r.reliability ?? null, publisher: r.publisher ?? null, bytes: Number(r.bytes), proposal_count: Number(r.proposal_count), text: body, pages: JSON.parse(pages) as StoredDocument['pages'], extraction: JSON.parse(extraction) as unknown };
  }

  async proposals(document: string): Promise<Proposal[]> {
    return (await this.db.all<ProposalRow>('SELECT * FROM proposals WHERE document = ? ORDER BY seq', [document])).map(proposalFrom);
  }

  async proposal(id: string): Promise<Proposal | undefined> {
    const [r] = await this.db.all<ProposalRow>('SELECT * FROM proposals WHERE id = ?', [id]);
    return r && proposalFrom(r);
  }

  /** Every document with how many proposals it has and how many it was stored with. */
  async consistency(): Promise<{ sha256: string; stored: number; declared: number }[]> {
    return (
      await this.db.all<{ sha256: string; stored: number; declared: number }>(
        'SELECT d.sha256, COUNT(p.id) AS stored, d.proposal_count AS declared FROM documents d LEFT JOIN proposals p ON p.document = d.sha256 GROUP BY d.sha256, d.proposal_count',
      )
    ).map((r) => ({ sha256: r.sha256, stored: Number(r.stored), declared: Number(r.declared) }));
  }
}

/**
 * Records a decision, inside the transaction that makes its changes: only if the proposal is
 * still at `version`. Undoing sets it back to 'proposed'.
 */
export async function decideProposal(tx: SqlExec, p: Proposal, status: ProposalStatus, changes: RecordChange[], actor: string, tlp: Tlp, data?: Record<string, unknown>): Promise<number> {
  const now = new Date().toISOString();
  const undo = status === 'proposed';
  const { changes: n } = await tx.run('UPDATE proposals SET status = ?, version = version + 1, decided_by = ?, decided_at = ?, changes = ?, data = ? WHERE id = ? AND version = ?', [
    status, undo ? null : actor, undo ? null : now, undo ? null : JSON.stringify(changes), JSON.stringify(data ?? p.data), p.id, p.version,
  ]);
  if (!n) throw new ProposalConflict(`proposal ${p.id} was decided by someone else meanwhile; reload the document`);
  await appendAudit(tx, { actor, action: undo ? 'proposal.undo' : `proposal.${status === 'accepted' ? 'accept' : status === 'rejected' ? 'reject' : 'merge'}`, target: p.id, tlp, before: { status: p.status }, after: { status, changes: changes.map((c) => c.id) } }, now);
  return p.version + 1;
}

/** Notes which atlas source a document became, the first time a claim from it is accepted. */
export async function setDocumentSource(tx: SqlExec, sha256: string, source: string | null): Promise<void> {
  await tx.run('UPDATE documents SET source = ? WHERE sha256 = ?', [source, sha256]);
}
