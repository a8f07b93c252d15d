/** The app's notion of now; tests pass a fixed one so time-based results are exact. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The UTC calendar day of an instant, as Cypher's date() reads it. */
export function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/** Whole and fractional days from `from` to `to` (never negative), rounded to 0.01. */
export function daysBetween(from: string | Date, to: Date): number {
  const start = typeof from === 'string' ? Date.parse(from) : from.getTime();
  return Math.max(0, Math.round(((to.getTime() - start) / DAY_MS) * 100) / 100);
}
