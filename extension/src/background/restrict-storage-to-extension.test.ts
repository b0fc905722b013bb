import { describe, expect, it } from 'vitest';
import { restrictStorageToExtension } from './restrict-storage-to-extension.ts';

describe('restrictStorageToExtension', () => {
  it('restricts the area to trusted contexts (the background and extension pages)', async () => {
    const levels: string[] = [];
    const restricted = await restrictStorageToExtension({
      setAccessLevel: async ({ accessLevel }) => {
        levels.push(accessLevel);
      },
    });
    expect(restricted).toBe(true);
    expect(levels).toEqual(['TRUSTED_CONTEXTS']);
  });

  it('says so when the browser cannot restrict it', async () => {
    expect(await restrictStorageToExtension({})).toBe(false);
    expect(
      await restrictStorageToExtension({
        setAccessLevel: async () => {
          throw new Error('This area does not support access levels');
        },
      }),
    ).toBe(false);
  });
});
