import { describe, expect, it } from 'vitest';
import { redact } from './redact.ts';

describe('redact', () => {
  it('removes the API key and anything shaped like a sort code or account number', () => {
    const text = 'key sk_live_abc123 refused; sortCode 20-00-00, 20 00 00 or 200000; account 12345678';
    const clean = redact(text, ['sk_live_abc123']);
    expect(clean).not.toMatch(/sk_live_abc123|20-00-00|20 00 00|200000|12345678/);
    expect(clean).toContain('refused');
  });

  it('keeps ordinary text, dates and short numbers', () => {
    expect(redact('user 17 left on 2025-03-31', ['secret-key'])).toBe('user 17 left on 2025-03-31');
  });
});
