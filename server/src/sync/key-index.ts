/**
 * Items by a key, for the planner's indexes over 50,000 users: one item per key, and an array only for a key two or
 * more items share. An array for every user was most of what the indexes cost, in time and in what the collector
 * had to copy while a plan was made.
 */
export interface KeyIndex<T> {
  /** The first item added under each key. */
  first: Map<string, T>;
  /** Every item of a key more than one item has, in the order added. */
  shared: Map<string, T[]>;
}

/** Indexes `items` by `keyOf`, in their order; an empty key is left out. */
export function indexBy<T>(items: readonly T[], keyOf: (item: T) => string): KeyIndex<T> {
  const index: KeyIndex<T> = { first: new Map(), shared: new Map() };
  for (const item of items) {
    const key = keyOf(item);
    if (key === '') continue;
    const first = index.first.get(key);
    if (first === undefined) {
      index.first.set(key, item);
      continue;
    }
    const shared = index.shared.get(key);
    if (shared) shared.push(item);
    else index.shared.set(key, [first, item]);
  }
  return index;
}

// Most keys asked about are held by nobody (every employee a first sync creates): one empty answer for all of them.
const none: readonly never[] = Object.freeze([]);

/** Every item under `key`, in the order added (empty when none). */
export function itemsAt<T>(index: KeyIndex<T>, key: string): readonly T[] {
  const first = index.first.get(key);
  if (first === undefined) return none;
  return sharedAt(index, key) ?? [first];
}

/** Every item under `key` when two or more share it; undefined when one or none has it. */
export function sharedAt<T>(index: KeyIndex<T>, key: string): readonly T[] | undefined {
  // Most indexes have no shared key at all (50,000 users, each with its own Reference): no second lookup for them.
  return index.shared.size === 0 ? undefined : index.shared.get(key);
}
