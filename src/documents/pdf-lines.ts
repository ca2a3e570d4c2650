/**
 * @module documents/pdf-lines
 * A PDF page has no paragraphs, only positioned runs of text; this turns its lines back into
 * paragraphs from the one clue that survives, the vertical space between them.
 */

export interface Line {
  text: string;
  /** Baseline height on the page; null for rotated text, whose gaps say nothing about paragraphs. */
  y: number | null;
  /** Font size, to tell a paragraph gap from the leading of a large font. */
  size: number;
}

/**
 * Lines joined with '\n', and with a blank line where the gap to the previous line is clearly larger
 * than the page's usual line spacing (and than the font size, so double-spaced text does not become a
 * paragraph per line), or where the text jumps up the page (a new column or block).
 */
export function joinLines(lines: readonly Line[]): string {
  const kept = lines.filter((l) => l.text.trim() !== '');
  const gaps = kept.map((l, i) => {
    const prev = kept[i - 1];
    return prev && prev.y !== null && l.y !== null ? prev.y - l.y : null;
  });
  const positive = gaps.filter((g): g is number => g !== null && g > 0).sort((a, b) => a - b);
  // The lower median: with two gaps, the smaller is the line spacing and the larger may be a paragraph.
  const usual = positive[Math.floor((positive.length - 1) / 2)];
  const parts: string[] = [];
  kept.forEach((line, i) => {
    if (i > 0) {
      const gap = gaps[i] ?? null;
      const size = Math.min(line.size, kept[i - 1]!.size);
      const paragraph = gap !== null && (gap < 0 || (usual !== undefined && gap > 1.3 * usual && (size <= 0 || gap > 1.5 * size)));
      parts.push(paragraph ? '\n\n' : '\n');
    }
    parts.push(line.text.trim());
  });
  return parts.join('');
}
