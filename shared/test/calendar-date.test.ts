import { describe, expect, it } from 'vitest';
import { CalendarDate, isCalendarDate, toCalendarDate } from '../src/schemas/calendar-date';

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
