/**
 * @module atlas/text
 * Reading files strictly (a size limit, UTF-8 without replacement characters, the line of the
 * first bad byte when the encoding is wrong) and writing them whole or not at all.
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';

export class FileProblem extends Error {
  constructor(
    message: string,
    readonly line = 1,
  ) {
    super(message);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function formatBytes(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** Reads a UTF-8 text file of at most `limit` bytes; throws {@link FileProblem} otherwise. */
export function readUtf8(path: string, limit: number): { text: string; bytes: Buffer } {
  const size = statSync(path).size;
  if (size > limit) {
    throw new FileProblem(`file is too large (${formatBytes(size)}; the limit is ${formatBytes(limit)})`);
  }
  const bytes = readFileSync(path);
  if (bytes.length === 0 || bytes.toString('latin1').trim() === '') throw new FileProblem('file is empty');
  try {
    return { text: decoder.decode(bytes), bytes };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, at).reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
    throw new FileProblem(`file is not valid UTF-8 (byte ${at}); save it as UTF-8`, line);
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    try {
      decoder.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return i;
}

/** Text between two code-point offsets (W3C TextPositionSelector semantics). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  if (!/[\uD800-\uDFFF]/.test(text)) return text.slice(start, end);
  return Array.from(text).slice(start, end).join('');
}

export function codePointLength(text: string): number {
  if (!/[\uD800-\uDFFF]/.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * A converter from UTF-16 offsets (what JavaScript's string functions give) to code-point offsets
 * (what claims and extractions report), built once per text.
 */
export function codePointOffsets(text: string): (utf16: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  // For each UTF-16 index, how many low surrogates come before it.
  const lows = new Uint32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    lows[i + 1] = lows[i]! + (c >= 0xdc00 && c <= 0xdfff ? 1 : 0);
  }
  return (i) => i - lows[i]!;
}

/** Writes beside the target and renames over it, so an interrupted write never leaves half a file. */
export function writeFileAtomic(path: string, content: string | Buffer): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}
