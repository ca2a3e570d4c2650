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
import type { NewDocument } from '../store/documents.ts';
import type { Store } from '../store/store.ts';
import { Extractor, type Extraction } from './extract.ts';
import { buildProposals } from './proposals.ts';

/**
 * What the analyst says of a document at ingest (`greyzone ingest --title … --reliability …`):
 * where given, it wins over what the document says of itself; the grade is the default of every
 * decision on the document's proposals.
 */
export interface DocumentMeta {
  title?: string;
  publisher?: string;
  url?: string;
  date?: string;
  reliability?: NonNullable<NewDocument['reliability']>;
  credibility?: NonNullable<NewDocument['credibility']>;
}

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

  async ingest(doc: DocumentText, actor: string, tlp: Tlp = 'clear', meta: DocumentMeta = {}): Promise<IngestOutcome> {
    if (await this.store.documents.marking(doc.sha256)) return { status: 'exists', sha256: doc.sha256, proposals: 0 };
    const date = meta.date ?? doc.date;
    // Relative dates ("last year") are resolved against the document's date, and only against it.
    const x = this.extractor(tlp).extract(doc.text, date);
    const proposals = buildProposals(doc.text, x);
    const status = await this.store.documents.add(
      {
        ...doc,
        title: meta.title ?? doc.title,
        publisher: meta.publisher ?? null,
        url: meta.url ?? doc.url,
        date,
        reliability: meta.reliability ?? null,
        credibility: meta.credibility ?? null,
        language: x.language,
        tlp,
        extraction: { dates: x.dates, money: x.money, countries: x.countries, events: x.events },
      },
      proposals,
      actor,
    );
    return { status, sha256: doc.sha256, proposals: status === 'added' ? proposals.length : 0 };
  }
}
