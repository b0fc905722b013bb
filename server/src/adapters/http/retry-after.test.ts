import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.ts';

const now = Date.parse('2026-11-25T10:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['3', 3000],
    ['0', 0],
    [' 120 ', 120_000],
    ['Wed, 25 Nov 2026 10:00:05 GMT', 5000],
    ['Wednesday, 25-Nov-26 10:00:30 GMT', 30_000],
    ['Wed Nov 25 10:01:00 2026', 60_000],
    ['Wed, 25 Nov 2026 09:59:00 GMT', 0],
  ])('reads %j as %i ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it.each([null, undefined, '', 'soon', '5.5', '-1', '1e3', '2026-11-25T10:00:05Z'])(
    'ignores %j',
    (header) => {
      expect(parseRetryAfter(header, now)).toBeNull();
    },
  );
});
