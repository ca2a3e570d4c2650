/**
 * Downloads an analyst takes elsewhere: a record, or a case, as a STIX 2.1 bundle for OpenCTI or
 * MISP. The server makes it from the reader's own view, so it holds only what the reader may see.
 */
import { h } from './dom.ts';

export function stixDownload(query: Record<string, string>, name: string): HTMLAnchorElement {
  return h('a', { href: `/api/export/stix?${new URLSearchParams(query).toString()}`, download: `${name}.stix.json`, class: 'download' }, 'Download as STIX 2.1');
}
