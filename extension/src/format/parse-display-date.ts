const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function iso(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? date.toISOString().slice(0, 10) : null;
}

/**
 * A date as a date picker may show it, as `YYYY-MM-DD`; null when it is no date. ExpenseIn is a UK product
 * (expensein.md), so a numeric date reads day first: `31/01/2027`, `31-01-2027`, `31.1.2027`; also ISO
 * (`2027-01-31`, what the API and a native date input hold) and words (`31 Jan 2027`, `31 January 2027`).
 */
export function parseDisplayDate(text: string): string | null {
  const value = text.trim();
  const isoMatch = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(value);
  if (isoMatch) return iso(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3]));
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (dayFirst) return iso(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  const words = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,})\.?,?\s+(\d{4})$/.exec(value);
  if (words?.[2]) {
    const name = words[2].toLowerCase();
    const month = monthNames.findIndex((candidate) => candidate.startsWith(name) && name.length >= 3);
    if (month >= 0) return iso(Number(words[3]), month + 1, Number(words[1]));
  }
  return null;
}
