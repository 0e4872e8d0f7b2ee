import { z } from 'zod';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a `YYYY-MM-DD` string naming a day that exists (so `2026-02-30` is false). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1) return false; // there is no year 0000, and neither database stores one
  // Round-tripping through UTC rejects day 30 of February and friends without a month table.
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The instants both databases store, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z: a time is
 * checked against them after its offset is applied, so `9999-12-31T23:30:00-01:00` (which is in
 * year 10000 in UTC) is out.
 */
export const EARLIEST_STORABLE_MS = -62_135_596_800_000;
export const LATEST_STORABLE_MS = 253_402_300_799_999;

export function isStorableInstant(instant: Date): boolean {
  const ms = instant.getTime();
  return ms >= EARLIEST_STORABLE_MS && ms <= LATEST_STORABLE_MS;
}

/** An ISO 8601 date-time with its offset (`Z` or `±hh:mm`), within what both databases store. */
export const Instant = z.iso.datetime({ offset: true }).refine((s) => isStorableInstant(new Date(s)), {
  message: 'Expected a time between 0001-01-01 and 9999-12-31 (UTC)',
});

/**
 * The calendar date of an instant in a time zone, as `YYYY-MM-DD`.
 * Which zone counts as "today" for the provider is the caller's setting, not this module's.
 */
export function toCalendarDate(instant: Date, timeZone = 'UTC'): string {
  if (timeZone === 'UTC') return instant.toISOString().slice(0, 10);
  return dayFormat(timeZone).format(instant);
}

// Building an Intl formatter costs a tenth of a millisecond; the guards ask for today on every action.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormats.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f;
}

/** A `YYYY-MM-DD` date that exists. */
export const CalendarDate = z.string().refine(isCalendarDate, { message: 'Expected a real date as YYYY-MM-DD' });
export type CalendarDate = z.infer<typeof CalendarDate>;
