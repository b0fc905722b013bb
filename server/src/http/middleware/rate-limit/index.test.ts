import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { rateLimit } from './index.ts';

function limitedApp(now: () => number) {
  const app = new Hono();
  app.use(rateLimit({ max: 2, windowMs: 60_000, key: (c) => c.req.header('X-Key') ?? 'anon', now }));
  app.post('/sync', (c) => c.json({ ok: true }));
  return app;
}

const post = (app: Hono, key: string) => app.request('/sync', { method: 'POST', headers: { 'X-Key': key } });

describe('rateLimit', () => {
  it('refuses the request past the limit with 429 and Retry-After, per key', async () => {
    let at = 1_000_000;
    const app = limitedApp(() => at);
    expect((await post(app, 'a')).status).toBe(200);
    at += 10_000;
    expect((await post(app, 'a')).status).toBe(200);
    const refused = await post(app, 'a');
    expect(refused.status).toBe(429);
    // The oldest request leaves the window 50 s from now.
    expect(refused.headers.get('Retry-After')).toBe('50');
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await post(app, 'b')).status).toBe(200);
  });

  it('slides: a request is allowed again once the oldest leaves the window', async () => {
    let at = 0;
    const app = limitedApp(() => at);
    await post(app, 'a');
    at = 30_000;
    await post(app, 'a');
    at = 59_999;
    expect((await post(app, 'a')).status).toBe(429);
    at = 60_001;
    expect((await post(app, 'a')).status).toBe(200);
    expect((await post(app, 'a')).status).toBe(429);
  });
});
