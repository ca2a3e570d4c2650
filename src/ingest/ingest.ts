/**
 * @module ingest/ingest
 * One document from text to draft: extract, build the proposals, store the document and all its
 * proposals in one transaction (whole or absent, whatever happens to the process). The same
 * bytes ingested again are recognised by their SHA-256 and left as they are.
 */
import type { Atlas } from '../atlas/load.ts';
import { redactAtlas } from '../atlas/redact.ts';
import type { DocumentText } from '../documents/read.ts';
import type { Tlp } from '../model/vocab.ts';
import type { Store } from '../store/store.ts';
import { Extractor, type Extraction } from './extract.ts';
import { buildProposals } from './proposals.ts';

export interface IngestOutcome {
  status: 'added' | 'exists';
  sha256: string;
  proposals: number;
}

/** What `greyzone extract` prints for a document: the extraction with the document it came from. */
export function extractionReport(doc: DocumentText, x: Extraction): Record<string, unknown> {
  return {
    document: { name: doc.name, sha256: doc.sha256, title: doc.title, url: doc.url, date: doc.date, format: doc.format, encoding: doc.encoding, language: x.language, pages: doc.pages.length },
    ...x,
  };
}

export class Ingester {
  private readonly extractors = new Map<Tlp, Extractor>();

  constructor(
    private readonly store: Store,
    private readonly atlas: Atlas,
  ) {}

  /**
   * A document is read against the atlas as its own marking sees it, so that what it proposes
   * never names a record its readers may not see.
   */
  extractor(tlp: Tlp): Extractor {
    let x = this.extractors.get(tlp);
    if (!x) this.extractors.set(tlp, (x = new Extractor(redactAtlas(this.atlas, tlp))));
    return x;
  }

  async ingest(doc: DocumentText, actor: string, tlp: Tlp = 'clear'): Promise<IngestOutcome> {
    if (await this.store.documents.marking(doc.sha256)) return { status: 'exists', sha256: doc.sha256, proposals: 0 };
    const x = this.extractor(tlp).extract(doc.text, doc.date);
    const proposals = buildProposals(doc.text, x);
    const status = await this.store.documents.add(
      { ...doc, language: x.language, tlp, extraction: { dates: x.dates, money: x.money, countries: x.countries, events: x.events } },
      proposals,
      actor,
    );
    return { status, sha256: doc.sha256, proposals: status === 'added' ? proposals.length : 0 };
  }
}
