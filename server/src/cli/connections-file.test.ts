import { describe, expect, it } from 'vitest';
import { parseConnectionsFile } from './connections-file.ts';

const entry = (overrides: Record<string, unknown> = {}) => ({
  name: 'Harbour & Co',
  staffology: { employerId: 'emp-1', apiKey: 'sk-1', baseUrl: 'https://staffology.example/' },
  expensein: { apiKey: 'ek-1' },
  ...overrides,
});

const file = (...entries: unknown[]) => JSON.stringify(entries);

describe('parseConnectionsFile', () => {
  it('reads an entry as the API reads a connect request, with the leaver guard', () => {
    expect(parseConnectionsFile(file(entry({ leaverGuardMin: 3 })))).toEqual([
      {
        name: 'Harbour & Co',
        // As written: connectPair keeps base URLs without a trailing slash, whoever asks.
        staffology: { employerId: 'emp-1', apiKey: 'sk-1', baseUrl: 'https://staffology.example/' },
        expensein: { apiKey: 'ek-1', baseUrl: 'https://api.expensein.com' },
        settings: { includeBankDetails: false, leaverGuardMin: 3 },
        alertWebhookUrl: null,
        source: 'api',
      },
    ]);
  });

  it.each([
    ['name', { name: 'x'.repeat(101) }],
    ['leaverGuardMin', { leaverGuardMin: 1_000_001 }],
    ['leaverGuardPercent', { leaverGuardPercent: 101 }],
  ])('refuses an entry over the API’s cap on %s, naming the field', (field, overrides) => {
    expect(() => parseConnectionsFile(file(entry(), entry(overrides)))).toThrow(
      new RegExp(`nothing was connected:\\nentry 2 .*: ${field}: Too big`),
    );
  });

  it('names a misspelt field instead of dropping it', () => {
    expect(() =>
      parseConnectionsFile(file(entry({ expensein: { apiKey: 'ek-1', baseURL: 'https://x.example' } }))),
    ).toThrow(/entry 1 \("Harbour & Co"\): expensein: Unrecognized key: "baseURL"/);
  });
});
