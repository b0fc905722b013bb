import { describe, expect, it } from 'vitest';
import { indexBy, itemsAt, sharedAt } from './key-index.ts';

describe('indexBy / itemsAt', () => {
  const items = [
    { id: 1, key: 'a' },
    { id: 2, key: 'b' },
    { id: 3, key: 'a' },
    { id: 4, key: '' },
    { id: 5, key: 'a' },
  ];
  const index = indexBy(items, (item) => item.key);

  it('gives every item of a key in the order added, one or many', () => {
    expect(itemsAt(index, 'a').map((item) => item.id)).toEqual([1, 3, 5]);
    expect(itemsAt(index, 'b').map((item) => item.id)).toEqual([2]);
  });

  it('gives nothing for a key no item has, and leaves out the empty key', () => {
    expect(itemsAt(index, 'c')).toEqual([]);
    expect(itemsAt(index, '')).toEqual([]);
  });

  it('keeps an array only for the keys items share', () => {
    expect([...index.shared.keys()]).toEqual(['a']);
  });

  it('gives the items of a shared key only, from an index with or without shared keys', () => {
    expect(sharedAt(index, 'a')?.map((item) => item.id)).toEqual([1, 3, 5]);
    expect(sharedAt(index, 'b')).toBeUndefined();
    expect(sharedAt(index, 'c')).toBeUndefined();
    const unshared = indexBy(items.slice(0, 2), (item) => item.key);
    expect(sharedAt(unshared, 'a')).toBeUndefined();
    expect(itemsAt(unshared, 'a').map((item) => item.id)).toEqual([1]);
  });
});
