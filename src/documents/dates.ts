/**
 * @module documents/dates
 * Publication dates as the rest of greyzone writes them ('YYYY-MM-DD', 'YYYY-MM' or 'YYYY'), from the
 * forms documents use: ISO 8601 in HTML metadata and text headers, 'D:YYYYMMDDHHmmSS…' in PDFs. The date
 * is taken as written, never shifted to UTC: a release dated 20 June in New York was published on 20 June.
 */

function partial(year: string, month: string | undefined, day: string | undefined): string | null {
  const y = Number(year);
  if (y < 1000) return null;
  if (month === undefined) return year;
  const m = Number(month);
  if (m < 1 || m > 12) return null;
  if (day === undefined) return `${year}-${month}`;
  const d = Number(day);
  // Date.UTC rolls 31 April over to 1 May; a date that does not survive the round trip does not exist.
  if (d < 1 || new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d) return null;
  return `${year}-${month}-${day}`;
}

/** 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' or a full ISO timestamp; anything else is null. */
export function isoDate(value: string | null | undefined): string | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T ]\d)/.exec(value?.trim() ?? '');
  return m ? partial(m[1]!, m[2], m[3]) : null;
}

/** A PDF date string ('D:20210304050607Z', 'D:2021', sometimes without the 'D:'). */
export function pdfDate(value: string | null | undefined): string | null {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value?.trim() ?? '');
  if (!m) return null;
  // A month or day of 00 (seen in the wild) means "not given", not "invalid".
  const month = m[2] === '00' ? undefined : m[2];
  const day = month === undefined || m[3] === '00' ? undefined : m[3];
  return partial(m[1]!, month, day);
}
