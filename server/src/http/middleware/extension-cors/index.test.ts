import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { defaultCorsOrigins, extensionCors } from './index.ts';

function app(origins: readonly string[] = defaultCorsOrigins) {
  const hono = new Hono();
  hono.use(extensionCors({ origins }));
  hono.get('/api/x', (c) => c.json({ ok: true }));
  return hono;
}

describe('extensionCors', () => {
  it('allows any Chrome extension origin by default', async () => {
    const res = await app().request('/api/x', { headers: { Origin: 'chrome-extension://abcdefghijklmnop' } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('chrome-extension://abcdefghijklmnop');
  });

  it('gives a web page origin no CORS grant', async () => {
    for (const origin of [
      'https://app.expensein.com',
      'http://127.0.0.1:4020',
      'chrome-extension://x.evil.test/y',
    ]) {
      const res = await app().request('/api/x', { headers: { Origin: origin } });
      expect(res.headers.get('Access-Control-Allow-Origin'), origin).toBeNull();
    }
  });

  it('answers a preflight from an allowed origin, allowing the Authorization header', async () => {
    const res = await app().request('/api/x', {
      method: 'OPTIONS',
      headers: {
        Origin: 'chrome-extension://abc',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('chrome-extension://abc');
    expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('authorization');
  });

  it('takes a configured list of origins instead of the default', async () => {
    const hono = app(['chrome-extension://fixedid', 'http://localhost:3000']);
    const allowed = await hono.request('/api/x', { headers: { Origin: 'http://localhost:3000' } });
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:3000');
    const other = await hono.request('/api/x', { headers: { Origin: 'chrome-extension://otherid' } });
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
