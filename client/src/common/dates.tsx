import { DateField, useLocale, type DateFieldProps } from 'react-admin';
import { formatCalendarDate, formatInstant } from '@closure-desk/shared';

/** The one date-time format of the console's language (shared/dates.ts), for text outside fields. */
export function useFormatDateTime(): (at: string | number | Date) => string {
  const locale = useLocale();
  return (at) => formatInstant(at, locale);
}

/** The one date format of the console's language, for a calendar date `YYYY-MM-DD`. */
export function useFormatDate(): (isoDate: string) => string {
  const locale = useLocale();
  return (isoDate) => formatCalendarDate(isoDate, locale);
}

/** A timestamp in the viewer's time zone and the console's language. */
export const DateTimeField = (props: DateFieldProps) => {
  const locale = useLocale();
  return (
    <DateField
      showTime
      locales={locale}
      options={{ dateStyle: 'medium', timeStyle: 'short' }}
      sx={{ whiteSpace: 'nowrap' }}
      {...props}
    />
  );
};

/**
 * A calendar date (`YYYY-MM-DD`). Read as UTC midnight, so it must be printed in UTC too,
 * or a viewer west of Greenwich would see the day before.
 */
export const DayField = (props: DateFieldProps) => {
  const locale = useLocale();
  return (
    <DateField
      locales={locale}
      options={{ timeZone: 'UTC', dateStyle: 'medium' }}
      sx={{ whiteSpace: 'nowrap' }}
      {...props}
    />
  );
};

/** The first instant of a day picked in a date filter, in the viewer's time zone, as ISO UTC. */
export const startOfLocalDay = (value: string | null): string | null => localDayBound(value, false);

/** The last instant of a day picked in a date filter, so "until the 22nd" includes the 22nd. */
export const endOfLocalDay = (value: string | null): string | null => localDayBound(value, true);

function localDayBound(value: string | null, end: boolean): string | null {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d, 0, 0, 0, 0);
  return date.toISOString();
}
