import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addPeriod, dayOf, describePeriod, isCalendarDay, latestDateExpiredBy } from '../../server/privacy/dates.ts';

describe('privacy/dates', () => {
  it('addMonths keeps the day of the month, clamped to the last day at month ends and in leap years', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 1)).toBe('2024-03-29');
    expect(addMonths('2024-03-31', 1)).toBe('2024-04-30');
    expect(addMonths('2025-12-31', 1)).toBe('2026-01-31');
    expect(addMonths('2024-02-29', 24)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
  });

  it('addPeriod adds months first, then weeks and days, as Neo4j adds a duration to a date', () => {
    expect(addPeriod('2024-01-31', { months: 1, days: 1 })).toBe('2024-03-01');
    expect(addPeriod('2025-12-10', { weeks: 4 })).toBe('2026-01-07');
    expect(addPeriod('2024-02-01', { weeks: 4 })).toBe('2024-02-29');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
  });

  it('latestDateExpiredBy gives the exact boundary, also where month-end clamping maps several dates to one', () => {
    const periods = [{ months: 1 }, { months: 24 }, { weeks: 4 }, { months: 12 }, { months: 1, days: 3 }];
    for (const period of periods) {
      for (let i = 0; i < 800; i++) {
        const today = addDays('2023-12-01', i);
        const cutoff = latestDateExpiredBy(today, period);
        expect(addPeriod(cutoff, period) <= today, `${today} ${JSON.stringify(period)}: ${cutoff} has expired`).toBe(true);
        expect(addPeriod(addDays(cutoff, 1), period) > today, `${today} ${JSON.stringify(period)}: the day after ${cutoff} has not`).toBe(true);
      }
    }
    // 2024-02-29 + 1 month = 2024-03-29; 2024-01-29, -30 and -31 all reach 2024-02-29.
    expect(latestDateExpiredBy('2024-02-29', { months: 1 })).toBe('2024-01-31');
    expect(latestDateExpiredBy('2024-02-28', { months: 1 })).toBe('2024-01-28');
  });

  it('dayOf reads the UTC day of a date or timestamp and refuses anything else', () => {
    expect(dayOf('2026-01-05')).toBe('2026-01-05');
    expect(dayOf('2026-01-05T23:30:00-02:00')).toBe('2026-01-06');
    expect(dayOf(new Date('2026-01-05T10:00:00Z'))).toBe('2026-01-05');
    expect(() => dayOf('yesterday')).toThrow(/not a date/);
    expect(() => addMonths('2026-02-30', 1)).toThrow(/not a calendar date/);
  });

  it('isCalendarDay takes the ISO days the calendar has and nothing else', () => {
    for (const day of ['2026-02-28', '2024-02-29', '0001-01-01']) expect(isCalendarDay(day), day).toBe(true);
    for (const text of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-1-5', '2026-01-05T00:00:00Z', '1', '']) expect(isCalendarDay(text), text).toBe(false);
  });

  it('describePeriod names a period in words', () => {
    expect(describePeriod({ months: 24 })).toBe('24 months');
    expect(describePeriod({ weeks: 4 })).toBe('4 weeks');
    expect(describePeriod({ months: 1, days: 1 })).toBe('1 month 1 day');
  });
});
