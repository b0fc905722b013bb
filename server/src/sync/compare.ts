/**
 * Orderings that make a plan the same for the same input, whatever order the vendors listed records in.
 * Code-unit order, not `localeCompare`: the result must not depend on the machine's locale.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Nulls sort last. */
export function compareNullableText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareText(a, b);
}

/** Nulls sort first (a `create` has no user id yet). */
export function compareNullableId(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}
