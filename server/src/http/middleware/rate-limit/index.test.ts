import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../logging/create-logger.ts';
import { handleError } from '../../handle-error.ts';
import { rateLimit } from './index.ts';

function limitedApp(windowMs: number) {
  const app = new Hono();
  app.onError(handleError(createLogger({ level: 'silent' })));
  app.use(
    rateLimit({ max: 2, windowMs, key: (c) => c.req.header('X-Key') ?? 'anon', what: 'sync requests' }),
  );
  app.post('/sync', (c) => c.json({ ok: true }));
  return app;
}

const post = (app: Hono, key: string) => app.request('/sync', { method: 'POST', headers: { 'X-Key': key } });

describe('rateLimit', () => {
  it('refuses the request past the limit with 429, Retry-After and the error body, per key', async () => {
    const app = limitedApp(60_000);
    expect((await post(app, 'a')).status).toBe(200);
    expect((await post(app, 'a')).status).toBe(200);
    const refused = await post(app, 'a');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThanOrEqual(59);
    expect(await refused.json()).toMatchObject({
      error: { code: 'rate_limited', message: expect.stringContaining('at most 2 sync requests') },
    });
    expect((await post(app, 'b')).status).toBe(200);
  });

  it('lets requests through again once the window has passed', async () => {
    const app = limitedApp(300);
    await post(app, 'a');
    await post(app, 'a');
    expect((await post(app, 'a')).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await post(app, 'a')).status).toBe(200);
  });
});
