import { describe, expect, it } from 'vitest';
import { CalendarDate, Instant, isCalendarDate, toCalendarDate } from '../src/schemas/calendar-date';

describe('isCalendarDate', () => {
  it.each(['2026-03-31', '2028-02-29', '2000-02-29', '2026-12-31', '2026-01-01'])(
    'when given %s, then it is a date',
    (value) => {
      expect(isCalendarDate(value)).toBe(true);
      expect(CalendarDate.safeParse(value).success).toBe(true);
    },
  );

  it.each(['2026-02-30', '2027-02-29', '1900-02-29', '2026-04-31', '2026-00-10', '2026-13-01', '2026-01-00',
    '2026-1-01', '26-01-01', '2026-01-01T00:00:00Z', ' 2026-01-01', '', null, 20260101])(
    'when given %j, then it is not a date',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
      expect(CalendarDate.safeParse(value).success).toBe(false);
    },
  );
});

describe('toCalendarDate', () => {
  const instant = new Date('2026-03-01T20:00:00.000Z');

  it('when no zone is given, then the UTC date is returned', () => {
    expect(toCalendarDate(instant)).toBe('2026-03-01');
  });

  it('when the zone is Asia/Shanghai, then the evening UTC instant is already the next day', () => {
    expect(toCalendarDate(instant, 'Asia/Shanghai')).toBe('2026-03-02');
  });
});

describe('the years both databases store', () => {
  it('when a date is in year 0001, 0099 or 9999, then it is a date; in year 0000, then it is not', () => {
    for (const d of ['0001-01-01', '0099-02-28', '9999-12-31']) expect(isCalendarDate(d), d).toBe(true);
    for (const d of ['0000-01-01', '0000-02-29', '0100-02-29']) expect(isCalendarDate(d), d).toBe(false);
  });

  it('when a time lands outside 0001-01-01..9999-12-31 once its offset is applied, then Instant refuses it', () => {
    for (const t of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '9999-12-31T23:00:00+01:00']) expect(Instant.safeParse(t).success, t).toBe(true);
    for (const t of ['0000-12-31T23:59:59Z', '0001-01-01T00:30:00+01:00', '9999-12-31T23:30:00-01:00']) expect(Instant.safeParse(t).success, t).toBe(false);
  });
});
