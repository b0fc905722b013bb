// RFC 9110 10.2.3: Retry-After = HTTP-date / delay-seconds. HTTP-date is IMF-fixdate, or one of the two obsolete
// forms a recipient must still accept (RFC 9110 5.6.7). Date.parse alone is too lenient ("5.5" is a date to it).
const IMF_FIXDATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850 = /^[A-Za-z]{6,9}, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * The wait a `Retry-After` header asks for, in milliseconds from `now`; null when the header is absent or
 * unreadable. A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  let at = Number.NaN;
  if (IMF_FIXDATE.test(text) || RFC_850.test(text)) at = Date.parse(text);
  // asctime carries no zone; HTTP dates are always GMT.
  else if (ASCTIME.test(text)) at = Date.parse(`${text.replace(/ {2}/, ' ')} GMT`);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
