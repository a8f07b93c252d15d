import { describe, expect, it } from 'vitest';
import { InvalidWeekError, parseWeek, previousWeek, resolveWeek, weekOf, weekStart, weeksInYear } from '../../server/domain/iso-week.ts';

describe('iso-week', () => {
  it('weekOf puts the first days of January in the previous year’s last week when they precede the first Thursday', () => {
    expect(weekOf(new Date('2026-01-01T12:00:00Z'))).toBe('2026-W01'); // a Thursday
    expect(weekOf(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53'); // a Friday of a long year
    expect(weekOf(new Date('2021-01-03T12:00:00Z'))).toBe('2020-W53');
    expect(weekOf(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(weekOf(new Date('2026-11-23T08:00:00Z'))).toBe('2026-W48');
    expect(weekOf(new Date('2026-11-29T23:59:59Z'))).toBe('2026-W48');
    expect(weekOf(new Date('2026-11-30T00:00:00Z'))).toBe('2026-W49');
  });

  it('weeksInYear gives 53 weeks to years starting on a Thursday and to leap years starting on a Wednesday', () => {
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2015)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(weeksInYear(2027)).toBe(52);
    expect(weeksInYear(2024)).toBe(52);
  });

  it('parseWeek accepts YYYY-Www and refuses other spellings, week 0 and W53 of a short year', () => {
    expect(parseWeek('2026-W48')).toEqual({ year: 2026, week: 48 });
    expect(parseWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
    for (const bad of ['2026-48', '2026W48', '2026-w48', '2026-W4', '26-W48', '2026-W48-1', ' 2026-W48']) {
      expect(() => parseWeek(bad), bad).toThrow(InvalidWeekError);
    }
    expect(() => parseWeek('2026-W00')).toThrow(/W01 to W53/);
    expect(() => parseWeek('2025-W53')).toThrow(/2025 has weeks W01 to W52/);
    expect(() => parseWeek('0999-W52')).toThrow('"0999-W52": the year must be 1000 or later');
  });

  it('weekStart is the Monday of the week and previousWeek crosses year ends', () => {
    expect(weekStart('2026-W01').toISOString()).toBe('2025-12-29T00:00:00.000Z');
    expect(weekStart('2026-W48').toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(previousWeek('2027-W01')).toBe('2026-W53');
    expect(previousWeek('2026-W01')).toBe('2025-W52');
    expect(previousWeek('2026-W48')).toBe('2026-W47');
  });

  it('resolveWeek defaults to the current week and refuses a week after it', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    expect(resolveWeek(undefined, now)).toBe('2026-W48');
    expect(resolveWeek('2026-W48', now)).toBe('2026-W48');
    expect(resolveWeek('2025-W01', now)).toBe('2025-W01');
    expect(() => resolveWeek('2026-W49', now)).toThrow(/2026-W49 is in the future \(this is 2026-W48\)/);
    expect(() => resolveWeek('2027-W01', now)).toThrow(/future/);
  });
});
