import { describe, expect, it } from 'vitest';
import { parseDisplayDate } from './parse-display-date.ts';

describe('parseDisplayDate', () => {
  it.each([
    ['2027-01-31', '2027-01-31'],
    ['2027-01-31T00:00:00Z', '2027-01-31'],
    ['31/01/2027', '2027-01-31'],
    ['31/1/2027', '2027-01-31'],
    [' 1-2-2027 ', '2027-02-01'],
    ['01.02.2027', '2027-02-01'],
    ['31 Jan 2027', '2027-01-31'],
    ['31 January 2027', '2027-01-31'],
    ['1st Feb, 2027', '2027-02-01'],
    ['30 Sept 2026', '2026-09-30'],
  ])('reads %s as %s (UK day first)', (text, expected) => {
    expect(parseDisplayDate(text)).toBe(expected);
  });

  it.each(['', '31/02/2027', '2027-13-01', 'soon', '12/2027', '31 Foo 2027'])(
    'reads %j as no date',
    (text) => {
      expect(parseDisplayDate(text)).toBeNull();
    },
  );
});
