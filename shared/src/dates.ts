/**
 * The console's one date format and one date-time format per language (issue 18): Intl's medium
 * date, with a short time for instants. zh-CN: 2026年12月2日 / 2026年12月2日 14:14; en: Dec 2, 2026 /
 * Dec 2, 2026, 2:14 PM. The client's common/dates and the server's texts (checklist details) both
 * use these, so a date reads the same wherever it appears.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, kind: 'date' | 'dateTime', timeZone?: string): Intl.DateTimeFormat {
  const key = `${locale} ${kind} ${timeZone ?? ''}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, kind === 'date' ? { dateStyle: 'medium', timeZone } : { dateStyle: 'medium', timeStyle: 'short', timeZone });
    dateFormats.set(key, f);
  }
  return f;
}

/** A calendar date `YYYY-MM-DD`, read and printed in UTC so no time zone moves it to the day before. */
export function formatCalendarDate(isoDate: string, locale: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : format(locale, 'date', 'UTC').format(d);
}

/** An instant in the viewer's time zone (or the one given). */
export function formatInstant(at: string | number | Date, locale: string, timeZone?: string): string {
  const d = at instanceof Date ? at : new Date(at);
  return Number.isNaN(d.getTime()) ? String(at) : format(locale, 'dateTime', timeZone).format(d);
}
