/**
 * Calendar dates (`YYYY-MM-DD`) as whole days since 1970-01-01, in UTC, so that date arithmetic never meets a
 * time zone or the machine's clock: the company is generated relative to a given "today".
 */
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumber(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`expected a date as YYYY-MM-DD, got "${isoDate}"`);
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2026-02-30 over into March: a date that does not round-trip is not a real date.
  if (isoDateOf(ms / MS_PER_DAY) !== isoDate)
    throw new RangeError(`"${isoDate}" is not a real calendar date`);
  return ms / MS_PER_DAY;
}

export function isoDateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  return isoDateOf(dayNumber(isoDate) + days);
}
