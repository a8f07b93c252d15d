/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`, UTC), the way the GDPR's
 * "one month" and a regulator's "two years" are read: adding months keeps the
 * day of the month, clamped to the month's last day (31 January + 1 month is
 * 28 February, or 29 in a leap year), as java.time and Neo4j's date arithmetic
 * do. ISO dates compare correctly as strings.
 */

export interface Period {
  months?: number;
  weeks?: number;
  days?: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`"${date}" is not an ISO date (YYYY-MM-DD)`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new RangeError(`"${date}" is not a calendar date`);
  return { year, month, day };
}

/** Whether `text` is an ISO date that the calendar has (`2026-02-30` is not), as Cypher's `date()` reads one. */
export function isCalendarDay(text: string): boolean {
  try {
    parts(text);
    return true;
  } catch {
    return false;
  }
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The calendar day of an ISO date or timestamp (`2026-01-05T10:00:00Z` → `2026-01-05`), in UTC. */
export function dayOf(value: string | Date): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (ISO_DATE.test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`"${value}" is not a date or timestamp`);
  return new Date(ms).toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return format(y, m, Math.min(day, daysInMonth(y, m)));
}

export function addDays(date: string, days: number): string {
  const { year, month, day } = parts(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return format(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Months first (clamped to the month's end), then weeks and days, as Neo4j adds a duration to a date. */
export function addPeriod(date: string, period: Period): string {
  return addDays(addMonths(date, period.months ?? 0), (period.weeks ?? 0) * 7 + (period.days ?? 0));
}

/**
 * The latest date from which `period` has run out by `today`: every date up
 * to it (inclusive) has `addPeriod(date, period) <= today`, none after it.
 * Exact even where month-end clamping makes several dates end on one day.
 */
export function latestDateExpiredBy(today: string, period: Period): string {
  const negated: Period = { months: -(period.months ?? 0), weeks: -(period.weeks ?? 0), days: -(period.days ?? 0) };
  // Subtracting is not the inverse of adding at month ends, so step to the exact boundary.
  let date = addPeriod(today, negated);
  while (addPeriod(date, period) > today) date = addDays(date, -1);
  while (addPeriod(addDays(date, 1), period) <= today) date = addDays(date, 1);
  return date;
}

export function describePeriod(period: Period): string {
  const part = (n: number | undefined, unit: string) => (n ? `${n} ${unit}${n === 1 ? '' : 's'}` : null);
  return [part(period.months, 'month'), part(period.weeks, 'week'), part(period.days, 'day')].filter(Boolean).join(' ') || '0 days';
}
