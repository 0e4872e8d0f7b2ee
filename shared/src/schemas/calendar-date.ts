import { z } from 'zod';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a `YYYY-MM-DD` string naming a day that exists (so `2026-02-30` is false). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Round-tripping through UTC rejects day 30 of February and friends without a month table.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

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
