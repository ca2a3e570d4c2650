/**
 * @module drawing/text
 * How wide a label will be, and where it wraps, without a browser: the layout runs on the server
 * and in the CLI, so it measures with a font's advance widths instead of a canvas. The drawing asks
 * for DejaVu Sans first (Debian's default sans-serif), whose widths these are.
 */

/** Advance widths of DejaVu Sans for U+0020–U+007E, in thousandths of an em (from the font's hmtx table). */
const REGULAR = [318,401,460,838,636,950,780,275,390,390,500,838,318,361,318,337,636,636,636,636,636,636,636,636,636,636,337,337,838,838,838,531,1000,684,686,698,770,632,575,775,752,295,295,656,557,863,748,787,603,787,695,635,611,732,684,989,685,611,685,390,337,390,838,500,500,613,635,550,635,615,352,635,634,278,278,579,278,974,634,612,635,635,411,521,392,634,592,818,592,592,525,636,337,636,838];
/** The same for DejaVu Sans Bold, which headings use. */
const BOLD = [348,456,521,838,696,1002,872,306,457,457,523,838,380,415,380,365,696,696,696,696,696,696,696,696,696,696,400,400,838,838,838,580,1000,774,762,734,830,683,683,821,837,372,372,775,637,995,837,850,733,850,770,720,682,812,774,1103,771,724,725,457,365,457,838,500,500,675,716,593,716,678,435,716,712,343,343,665,343,1042,712,687,716,716,493,595,478,712,652,924,645,652,582,712,365,712,838];

/** Ideographs, kana, Hangul and full-width forms take a whole em. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

export const FONT_FAMILY = '"DejaVu Sans", "Noto Sans CJK SC", "Noto Sans", sans-serif';

/** The width of `text` in pixels at `size`, rounded up a little: a label drawn wider than measured would spill. */
export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 32 && code < 127) units += table[code - 32]!;
    else if (WIDE.test(ch)) units += 1000;
    else {
      // An accented letter is as wide as its base letter; anything else is taken as a wide letter.
      const base = ch.normalize('NFD').codePointAt(0)!;
      units += base >= 32 && base < 127 ? table[base - 32]! : 700;
    }
  }
  return (units / 1000) * size * 1.02;
}

/**
 * Breaks `text` into at most `maxLines` lines no wider than `width` (a line broken at a space ends
 * in that space, which is not counted); the last line ends in "…" if the text does not fit (the
 * whole name stays in the node's title and its page).
 */
export function wrapText(text: string, width: number, size: number, maxLines: number, bold = false): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const tryLine = line ? `${line} ${word}` : word;
    if (textWidth(tryLine, size, bold) <= width) {
      line = tryLine;
      continue;
    }
    if (line) {
      // Broken at a space, the line keeps it: unseen at the line's end, it makes the lines read as the name.
      lines.push(`${line} `);
      line = '';
    }
    if (lines.length === maxLines) return ellipsis(lines, words.slice(i).join(' '), width, size, bold);
    // A single word wider than the line (a long compound, a string of characters) is cut where it must be.
    let rest = word;
    while (textWidth(rest, size, bold) > width) {
      const cut = fit(rest, width, size, bold);
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
      if (lines.length === maxLines) return ellipsis(lines, [rest, ...words.slice(i + 1)].join(' '), width, size, bold);
    }
    line = rest;
  }
  if (line) {
    if (lines.length === maxLines) return ellipsis(lines, line, width, size, bold);
    lines.push(line);
  }
  return lines;
}

/** How many leading code units of `s` fit in `width` (at least one character). */
function fit(s: string, width: number, size: number, bold: boolean): number {
  let n = 0;
  for (const ch of s) {
    if (n > 0 && textWidth(s.slice(0, n + ch.length), size, bold) > width) break;
    n += ch.length;
  }
  return n;
}

/** The lines so far, the last one shortened to end in "…" to say that `rest` did not fit. */
function ellipsis(lines: string[], rest: string, width: number, size: number, bold: boolean): string[] {
  if (!rest) return lines;
  const last = `${lines.pop()!.trimEnd()} ${rest}`;
  let cut = fit(last, width - textWidth('…', size, bold), size, bold);
  // Cut after a whole word where there is one: "Microsystem and…", not "Microsystem and Inf…".
  const space = last.lastIndexOf(' ', cut);
  if (last[cut] !== ' ' && space > 0) cut = space;
  return [...lines, `${last.slice(0, cut).trimEnd()}…`];
}
