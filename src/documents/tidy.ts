/**
 * @module documents/tidy
 * One shape for the text of every format, so offsets mean the same thing whatever the source: NFC,
 * LF line ends, no trailing white space, paragraphs separated by exactly one blank line, and a final
 * newline. Offsets are counted on this text, so it must be produced before any offset is.
 */

/** Control characters that carry no layout (everything in C0 but tab and line feed, and DEL). */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

export function tidyText(raw: string): string {
  const text = raw
    // eslint-disable-next-line no-control-regex -- vertical tab and form feed break lines
    .replace(/\r\n?|[\u000b\u000c\u0085\u2028]/g, '\n')
    .replace(/\u2029/g, '\n\n')
    .replace(CONTROLS, '')
    .normalize('NFC')
    .replace(/[^\S\n]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
  return text === '' ? '' : `${text}\n`;
}

/** Share of the non-space characters that are U+FFFD, the mark of bytes decoded with the wrong encoding. */
export function replacementShare(text: string): number {
  let replaced = 0;
  let visible = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0xa0) continue;
    visible++;
    if (c === 0xfffd) replaced++;
  }
  return visible === 0 ? 0 : replaced / visible;
}
