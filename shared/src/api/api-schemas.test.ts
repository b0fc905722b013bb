import { describe, expect, it } from 'vitest';
import {
  batchStatusRequestSchema,
  connectRequestSchema,
  userStatusQuerySchema,
  withoutTrailingSlash,
} from './index.ts';

describe('HTTP API schemas', () => {
  it('accepts up to 500 users in one batch status request and names the field past that', () => {
    const users = Array.from({ length: 500 }, (_, i) => ({ reference: String(1000 + i) }));
    expect(batchStatusRequestSchema.safeParse({ users }).success).toBe(true);
    const tooMany = batchStatusRequestSchema.safeParse({ users: [...users, { email: 'a@b.co' }] });
    expect(tooMany.success).toBe(false);
    expect(tooMany.error?.issues[0]?.path).toEqual(['users']);
  });

  it('needs exactly one of reference or email for one user status', () => {
    expect(userStatusQuerySchema.safeParse({ reference: '1001' }).success).toBe(true);
    expect(userStatusQuerySchema.safeParse({ email: 'a@b.co' }).success).toBe(true);
    expect(userStatusQuerySchema.safeParse({}).success).toBe(false);
    expect(userStatusQuerySchema.safeParse({ reference: '1', email: 'a@b.co' }).success).toBe(false);
  });

  it('fills the vendor base URLs and keeps bank details off by default on connect', () => {
    const parsed = connectRequestSchema.parse({
      staffology: { apiKey: 'k', employerId: 'e' },
      expensein: { apiKey: 'k2' },
    });
    expect(parsed.staffology.baseUrl).toBe('https://api.staffology.co.uk');
    expect(parsed.expensein.baseUrl).toBe('https://api.expensein.com');
    expect(parsed.includeBankDetails).toBe(false);
  });

  it('rejects a webhook URL that is not http(s)', () => {
    const result = connectRequestSchema.safeParse({
      staffology: { apiKey: 'k', employerId: 'e' },
      expensein: { apiKey: 'k2' },
      alertWebhookUrl: 'ftp://x.example',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['alertWebhookUrl']);
  });

  it('keeps a base URL without its trailing slashes, and leaves one without them as it is', () => {
    expect(withoutTrailingSlash('https://api.expensein.com//')).toBe('https://api.expensein.com');
    expect(withoutTrailingSlash('http://127.0.0.1:4010/base')).toBe('http://127.0.0.1:4010/base');
  });
});
