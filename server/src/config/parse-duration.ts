import ms from 'ms';

/** A duration such as 90s, 10m, 2h or 90d (the `ms` package's), in milliseconds; null when `value` is not one. */
export function parseDuration(value: string): number | null {
  const parsed = ms(value as ms.StringValue);
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : null;
}
