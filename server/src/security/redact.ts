// A run of 6 or more digits, each optionally after one space, dash, dot or slash: account numbers and sort codes
// however they are written (12345678, 1234 5678, 1234-5678, 12 34 56 78, 12-34-56, 20.00.00).
const BANK_LIKE = /\d(?:[ \-./]?\d){5,}/g;
// Calendar dates are not bank details: `2026-01-31` is kept wherever it stands (leave dates are in many messages).
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Nor are ids: Staffology's employer and employee ids are UUIDs, whose digit groups can look like `4603-9714`.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const mask = '[redacted]';

/**
 * Removes the given secrets and anything that looks like bank details from text, before it is logged, stored as a
 * run's error, answered by the API or posted to a webhook (PRODUCT.md 4.2: API keys and bank details are never
 * logged or shown). Vendors may echo the input they refused, so their messages are never trusted to be clean.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let clean = text;
  for (const secret of secrets) {
    // Very short strings would blank out ordinary words; real keys are long.
    if (secret.length >= 4) clean = clean.split(secret).join(mask);
  }
  const ids = [...clean.matchAll(UUID)].map((match) => [match.index, match.index + match[0].length] as const);
  const inId = (at: number) => ids.some(([start, end]) => at >= start && at < end);
  return clean.replace(BANK_LIKE, (run, at: number) => (ISO_DATE.test(run) || inId(at) ? run : mask));
}

/** `redact` applied to every string in a JSON-like value (a log line's fields), keys kept. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  if (value instanceof Error) return redact(value.message);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, depth + 1)]));
}
