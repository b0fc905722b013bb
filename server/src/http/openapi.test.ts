import { Validator } from '@seriousme/openapi-schema-validator';
import { apiErrorSchema, healthSchema } from '@staffsync/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './create-test-app.ts';

interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<string, { security?: unknown[]; parameters?: { name: string; in: string }[] }>
  >;
}

const methods = ['get', 'post', 'put', 'patch', 'delete'];

function operations(doc: OpenApiDocument) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, operation]) => ({ method, path, operation })),
  );
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  afterEach(async () => t.cleanup());

  async function document(): Promise<OpenApiDocument> {
    const res = await t.call('/api/openapi.json', { token: null });
    expect(res.status).toBe(200);
    return res.body as OpenApiDocument;
  }

  it('is a valid OpenAPI 3 document by a standard validator', async () => {
    t = await createTestApp();
    const result = await new Validator().validate((await document()) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('lists every route the app serves, and nothing it does not', async () => {
    t = await createTestApp();
    const documented = operations(await document())
      .map(({ method, path }) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)
      .sort();
    const served = t.app.routes
      .filter((route) => route.method !== 'ALL' && route.path !== '/api/openapi.json')
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    expect(documented).toEqual([...new Set(served)]);
    expect(documented.length).toBeGreaterThanOrEqual(14);
  });

  it('answers 401 on every route but health and the document, without a token and with a bad one', async () => {
    t = await createTestApp();
    await t.addConnection();
    const doc = await document();
    const guarded = operations(doc).filter(({ operation }) => operation.security !== undefined);
    expect(guarded.length).toBe(operations(doc).length - 1);
    for (const { method, path } of guarded) {
      const url = path.replace('{id}', '1').replace('{runId}', '1');
      for (const token of [null, 'sst_wrong', 'not-even-a-token']) {
        const res = await t.call(url, {
          method: method.toUpperCase(),
          token,
          ...(method === 'post' ? { body: {} } : {}),
        });
        expect(res.status, `${method} ${url} with ${token}`).toBe(401);
        expect(apiErrorSchema.parse(res.body).error.code).toBe('unauthorized');
      }
    }
    const health = await t.call('/api/health', { token: null });
    expect(health.status).toBe(200);
    expect(healthSchema.parse(health.body).ok).toBe(true);
  });
});
