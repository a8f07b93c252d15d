/**
 * ISO 8601 weeks (`2026-W48`): weeks start on Monday and week 1 is the one
 * holding the year's first Thursday, so a year has 52 or 53 weeks and the
 * first days of January may belong to the previous year's last week.
 * Pure functions over UTC calendar days.
 */

export interface IsoWeek {
  year: number;
  week: number;
}

export const ISO_WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

export class InvalidWeekError extends Error {
  override name = 'InvalidWeekError';
}

const DAY_MS = 86_400_000;

/** Monday = 1 … Sunday = 7, as ISO 8601 numbers the days. */
function isoWeekday(day: Date): number {
  return day.getUTCDay() === 0 ? 7 : day.getUTCDay();
}

/** A long year (53 weeks) starts on a Thursday, or is a leap year starting on a Wednesday. */
export function weeksInYear(year: number): 52 | 53 {
  const jan1 = isoWeekday(new Date(Date.UTC(year, 0, 1)));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

export function formatWeek({ year, week }: IsoWeek): string {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week an instant falls in (its UTC calendar day). */
export function weekOf(instant: Date): string {
  const day = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
  // The Thursday of the same week decides the year the week belongs to.
  const thursday = new Date(day.getTime() + (4 - isoWeekday(day)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return formatWeek({ year, week });
}

/** Parses `YYYY-Www`, checking the week exists in that year (W53 only in long years). */
export function parseWeek(text: string): IsoWeek {
  const match = ISO_WEEK_PATTERN.exec(text);
  if (!match) throw new InvalidWeekError(`"${text}" is not an ISO week; write it as YYYY-Www, e.g. 2026-W48`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < 1000) throw new InvalidWeekError(`"${text}": the year must be 1000 or later`);
  const weeks = weeksInYear(year);
  if (week < 1 || week > weeks) throw new InvalidWeekError(`"${text}": ${year} has weeks W01 to W${weeks}`);
  return { year, week };
}

/** The Monday (UTC) that starts a week. */
export function weekStart(text: string): Date {
  const { year, week } = parseWeek(text);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1Monday = jan4.getTime() - (isoWeekday(jan4) - 1) * DAY_MS;
  return new Date(week1Monday + (week - 1) * 7 * DAY_MS);
}

/** The week before, across year ends (2027-W01 → 2026-W53). */
export function previousWeek(text: string): string {
  return weekOf(new Date(weekStart(text).getTime() - DAY_MS));
}

/** Weeks compare as strings once formatted, since both parts are zero-padded. */
export function compareWeeks(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A week a user may name: well-formed, existing, and not after the week of
 * `now` (a snapshot records what was, never what will be). Defaults to the
 * current week.
 */
export function resolveWeek(text: string | undefined, now: Date): string {
  const current = weekOf(now);
  if (text === undefined) return current;
  const week = formatWeek(parseWeek(text));
  if (compareWeeks(week, current) > 0) throw new InvalidWeekError(`${week} is in the future (this is ${current})`);
  return week;
}
