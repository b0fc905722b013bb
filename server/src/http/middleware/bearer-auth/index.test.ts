import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../../../store/open-temp-store.ts';
import { type BearerAuthEnv, bearerAuth } from './index.ts';

describe('bearerAuth', () => {
  let temp: TempStore | null = null;
  afterEach(() => temp?.cleanup());

  async function appWithStore() {
    temp = await openTempStore();
    const { store } = temp;
    const app = new Hono<BearerAuthEnv>();
    app.use(bearerAuth({ verify: (token) => store.tokens.verify(token) }));
    app.get('/who', (c) => c.json({ name: c.var.token.name }));
    return { app, store };
  }

  it('lets a request with an active token through and names the token', async () => {
    const { app, store } = await appWithStore();
    const { token } = await store.tokens.create('popup');
    const res = await app.request('/who', { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: 'popup' });
  });

  it('refuses a request without a token with 401 and a WWW-Authenticate challenge', async () => {
    const { app } = await appWithStore();
    const res = await app.request('/who');
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('refuses an unknown token, a revoked token and a non-bearer scheme', async () => {
    const { app, store } = await appWithStore();
    const { token } = await store.tokens.create('old');
    await store.tokens.revoke('old');
    for (const header of [`Bearer ${token}`, 'Bearer sst_not-a-token', `Basic ${token}`]) {
      const res = await app.request('/who', { headers: { Authorization: header } });
      expect(res.status, header).toBe(401);
    }
  });
});
