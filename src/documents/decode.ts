/**
 * @module documents/decode
 * Bytes to a string, in the order of trust: a byte-order mark, then what the document declares (HTML),
 * then valid UTF-8 (which text in any other encoding almost never is), and only then a statistical guess
 * (chardet), decoded with the WHATWG decoders Node carries (full ICU: windows-125x, ISO-8859-x, GB18030,
 * Big5, Shift_JIS, EUC-KR…). The encoding reported is the decoder's canonical name.
 */
import chardet from 'chardet';
import { DocumentError } from './error.ts';
import { SNIFF_BYTES } from './limits.ts';
import { BINARY, bomEncoding, controlShare, head } from './sniff.ts';

export interface Decoded {
  text: string;
  encoding: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * What windows-1252 puts at bytes 0x80-0x9F (the WHATWG index). Node 20 decodes windows-1252 as
 * ISO-8859-1, turning curly quotes, dashes and the euro sign into invisible C1 controls
 * (nodejs/node#56542); the bytes are put right after decoding, and only where Node still gets them wrong.
 */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const CP1252_BROKEN = new TextDecoder('windows-1252').decode(Uint8Array.of(0x80)) !== '\u20ac';

/** A WHATWG decoder for a label, or null when Node does not know the label. */
function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

function checked(text: string, encoding: string): Decoded {
  // UTF-16 passes the byte check (it is full of NULs by design), so judge what it decoded to: a
  // binary file that happens to start with FF FE decodes to NULs and other control characters.
  if (controlShare(text) > 0.1) throw new DocumentError(BINARY);
  return { text, encoding };
}

function decodeWith(decoder: TextDecoder, bytes: Uint8Array): Decoded {
  let text = decoder.decode(bytes);
  if (CP1252_BROKEN && decoder.encoding === 'windows-1252') text = text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  return checked(text, decoder.encoding);
}

/**
 * The charset an HTML document declares in its first 4 KiB: `<meta charset>`, `<meta http-equiv
 * content="…; charset=…">` or an XML declaration. Browsers look in the first 1 KiB; pages with long
 * heads put it later, and looking further costs nothing.
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  const start = head(bytes, 4096);
  const m =
    /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(start) ?? /^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([\w.:-]+)/i.exec(start);
  return m ? m[1]! : null;
}

export function decodeText(bytes: Uint8Array, declared: string | null = null): Decoded {
  const bom = bomEncoding(bytes);
  if (bom === 'utf-16le' && bytes[2] === 0 && bytes[3] === 0) {
    // FF FE 00 00 is UTF-32's mark, which no WHATWG decoder reads.
    throw new DocumentError('unsupported encoding: the file is UTF-32; save it as UTF-8');
  }
  if (bom) return decodeWith(new TextDecoder(bom), bytes);

  if (declared) {
    const decoder = decoderFor(declared);
    // A page cannot be UTF-16 without a BOM (its own ASCII declaration would be unreadable), so
    // browsers read such a declaration as UTF-8; so do we.
    if (decoder) return decodeWith(decoder.encoding.startsWith('utf-16') ? new TextDecoder('utf-8') : decoder, bytes);
  }

  let utf8: string | null = null;
  try {
    utf8 = strictUtf8.decode(bytes);
  } catch {
    // Not UTF-8: guess below.
  }
  if (utf8 !== null) return checked(utf8, 'utf-8');

  const guess = chardet.detect(bytes.subarray(0, SNIFF_BYTES));
  const decoder = guess ? decoderFor(guess) : null;
  if (!decoder) throw new DocumentError(`unsupported encoding: ${guess ?? 'unknown'}; save the file as UTF-8`);
  return decodeWith(decoder, bytes);
}
