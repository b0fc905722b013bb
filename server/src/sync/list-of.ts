/**
 * The items given, nulls left out, in an array of exactly their number. Built by `push`, an array of a few items
 * keeps room for 22: a first sync of 50,000 employees keeps 46,000 such arrays of changes in its plan, and makes as
 * many arrays of outcomes on the way.
 */
export function listOf<T>(...items: (T | null)[]): T[] {
  let count = 0;
  for (const item of items) if (item !== null) count++;
  const list = new Array<T>(count);
  let index = 0;
  for (const item of items) if (item !== null) list[index++] = item;
  return list;
}
