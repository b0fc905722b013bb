import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClientOptions, type RequestEvent } from './create-http-client.ts';
import { VendorError } from './vendor-error.ts';

interface Hit {
  method: string;
  path: string;
  at: number;
  authorization: string | undefined;
  body: string;
}

type Handler = (request: IncomingMessage, response: ServerResponse, hitNumber: number) => void;

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A real HTTP server on 127.0.0.1 whose answer to the n-th request is up to the test. */
async function serve(handler: Handler) {
  const hits: Hit[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      hits.push({
        method: request.method ?? '',
        path: request.url ?? '',
        at: Date.now(),
        authorization: request.headers.authorization,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      response.on('close', () => inFlight--);
      handler(request, response, hits.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const handle = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(handle);
  return handle;
}

const json = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};
const drop = (request: IncomingMessage) => request.socket.destroy();

function client(url: string, overrides: Partial<HttpClientOptions> = {}) {
  const waits: number[] = [];
  const events: RequestEvent[] = [];
  const http = createHttpClient({
    vendor: 'expensein',
    baseUrl: `${url}/`,
    headers: { Authorization: 'ApiKey sk_test_secret_key' },
    secrets: ['sk_test_secret_key'],
    http: { retries: 3, timeoutMs: 2000 },
    // Records the backoff instead of waiting it, so the waits are asserted, not timed.
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    onRequest: (event) => events.push(event),
    ...overrides,
  });
  return { http, waits, events };
}

const get = { method: 'GET', route: '/1.0/users', path: '/1.0/users' } as const;

async function failure(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof VendorError)) throw new Error(`expected a VendorError, got ${String(error)}`);
  return error;
}

describe('createHttpClient', () => {
  it('retries a 503 and a dropped connection to success, reporting each attempt', async () => {
    const server = await serve((request, response, n) => {
      if (n === 1) return json(response, 503, { message: 'busy' });
      if (n === 2) return drop(request);
      json(response, 200, [{ id: 1 }]);
    });
    const { http, waits, events } = client(server.url);

    await expect(http.request(get)).resolves.toEqual({ status: 200, body: [{ id: 1 }] });
    expect(server.hits).toHaveLength(3);
    expect(server.hits[0]?.authorization).toBe('ApiKey sk_test_secret_key');
    expect(waits).toHaveLength(2);
    expect(events.map(({ attempt, status, kind, route }) => ({ attempt, status, kind, route }))).toEqual([
      { attempt: 1, status: 503, kind: 'unavailable', route: '/1.0/users' },
      { attempt: 2, status: null, kind: 'network', route: '/1.0/users' },
      { attempt: 3, status: 200, kind: null, route: '/1.0/users' },
    ]);
  });

  it('waits at least what Retry-After asks before retrying a 429', async () => {
    const server = await serve((_request, response, n) =>
      n === 1
        ? json(response, 429, { message: 'slow down' }, { 'Retry-After': '2' })
        : json(response, 200, {}),
    );
    const { http, waits } = client(server.url);

    await http.request(get);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
  });

  it('gives up as rate_limited when Retry-After is longer than it may wait', async () => {
    const server = await serve((_request, response) =>
      json(response, 429, { message: 'come back tomorrow' }, { 'Retry-After': '86400' }),
    );
    const { http, waits } = client(server.url);

    const error = await failure(http.request(get));
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 86_400_000 });
    expect(server.hits).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('gives up after the configured retries with the last error', async () => {
    const server = await serve((_request, response) => json(response, 502, { message: 'bad gateway' }));
    const { http, waits } = client(server.url, { http: { retries: 2 } });

    const error = await failure(http.request(get));
    expect(error).toMatchObject({ kind: 'unavailable', status: 502, attempts: 3 });
    expect(server.hits).toHaveLength(3);
    expect(waits).toHaveLength(2);
  });

  it('does not retry a POST whose connection dropped, or that got a 503: it may have been applied', async () => {
    const dropped = await serve((request) => drop(request));
    const post = {
      method: 'POST',
      route: '/1.0/users',
      path: '/1.0/users',
      body: { firstName: 'A' },
    } as const;

    const error = await failure(client(dropped.url).http.request(post));
    expect(error).toMatchObject({ kind: 'network', method: 'POST', status: null });
    expect(dropped.hits).toHaveLength(1);
    expect(dropped.hits[0]?.body).toBe('{"firstName":"A"}');

    const unavailable = await serve((_request, response) => json(response, 503, { message: 'busy' }));
    await expect(failure(client(unavailable.url).http.request(post))).resolves.toMatchObject({ status: 503 });
    expect(unavailable.hits).toHaveLength(1);
  });

  it('retries a POST refused with 429 (not applied) and a PATCH whose connection dropped (idempotent)', async () => {
    const server = await serve((request, response, n) => {
      if (n === 1) return json(response, 429, { message: 'slow down' }, { 'Retry-After': '0' });
      if (n === 3) return drop(request);
      json(response, request.method === 'POST' ? 201 : 200, { id: 9 });
    });
    const { http } = client(server.url);

    await expect(
      http.request({ method: 'POST', route: '/1.0/users', path: '/1.0/users', body: {} }),
    ).resolves.toEqual({ status: 201, body: { id: 9 } });
    const patch = {
      method: 'PATCH',
      route: '/1.0/users/{id}',
      path: '/1.0/users/9',
      body: { lastName: 'B' },
    } as const;
    await expect(http.request(patch)).resolves.toEqual({ status: 200, body: { id: 9 } });
    expect(server.hits.map((hit) => hit.method)).toEqual(['POST', 'POST', 'PATCH', 'PATCH']);
  });

  it('retries a POST marked idempotent (a read) after a 503, a dropped connection and a timeout', async () => {
    const server = await serve((request, response, n) => {
      if (n === 1) return json(response, 503, { message: 'busy' });
      if (n === 2) return drop(request);
      if (n === 3) return; // never answers: the attempt times out
      json(response, 200, [{ id: 'a' }]);
    });
    const { http, events } = client(server.url, { http: { retries: 3, timeoutMs: 200 } });
    const read = {
      method: 'POST',
      route: '/employers/{employerId}/employees/list',
      path: '/employers/e1/employees/list',
      body: ['a'],
      idempotent: true,
    } as const;

    await expect(http.request(read)).resolves.toEqual({ status: 200, body: [{ id: 'a' }] });
    expect(events.map((event) => event.kind)).toEqual(['unavailable', 'network', 'timeout', null]);
    expect(server.hits.map((hit) => hit.body)).toEqual(Array(4).fill('["a"]'));
  });

  it('times out an attempt that gets no answer, and retries it', async () => {
    const server = await serve(() => {
      // Never answers; closed by afterEach.
    });
    const { http } = client(server.url, { http: { retries: 1, timeoutMs: 100 } });

    const error = await failure(http.request(get));
    expect(error).toMatchObject({ kind: 'timeout', status: null, attempts: 2 });
    expect(server.hits).toHaveLength(2);
  });

  it('maps refusals to kinds with field errors, and never repeats the key or bank details', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/1.0/users/1') return json(response, 401, { message: 'Invalid API key' });
      json(response, 409, {
        message: 'Key sk_test_secret_key: conflict for account 12345678',
        errors: { email: ['Email is already in use'], 'bankDetails.sortCode': ['20-00-00 is not valid'] },
      });
    });
    const { http } = client(server.url);

    const conflict = await failure(http.request({ ...get, method: 'POST', body: {} }));
    expect(conflict).toMatchObject({
      kind: 'conflict',
      status: 409,
      vendor: 'expensein',
      path: '/1.0/users',
      fieldErrors: {
        email: ['Email is already in use'],
        'bankDetails.sortCode': ['[redacted] is not valid'],
      },
    });
    expect(conflict.message).toContain('Email is already in use');
    expect(conflict.message).not.toMatch(/sk_test_secret_key|12345678|20-00-00/);

    const auth = await failure(http.request({ ...get, path: '/1.0/users/1' }));
    expect(auth).toMatchObject({ kind: 'auth', status: 401, attempts: 1 });
    expect(server.hits).toHaveLength(2);
  });

  it('keeps the reason of a refusal whose body has nulls, a bare message, no known part or no JSON', async () => {
    const bodies: Record<string, [number, string]> = {
      '/nulls': [
        400,
        JSON.stringify({ message: null, errors: { email: 'Email is not valid', reference: null } }),
      ],
      '/no-parts': [400, JSON.stringify({ title: 'One or more validation errors occurred.' })],
      '/text': [409, 'Conflict: email already taken'],
    };
    const server = await serve((request, response) => {
      const [status, body] = bodies[request.url ?? ''] ?? [500, ''];
      response.writeHead(status, { 'Content-Type': 'text/plain' });
      response.end(body);
    });
    const { http } = client(server.url);
    const post = (path: string) => failure(http.request({ ...get, method: 'POST', path, body: {} }));

    const nulls = await post('/nulls');
    expect(nulls).toMatchObject({ kind: 'invalid', fieldErrors: { email: ['Email is not valid'] } });
    expect(nulls.message).toContain('email: Email is not valid');
    expect((await post('/no-parts')).message).toContain('One or more validation errors occurred.');
    const text = await post('/text');
    expect(text).toMatchObject({ kind: 'conflict', status: 409, fieldErrors: {} });
    expect(text.message).toContain('Conflict: email already taken');
  });

  it('does not follow a redirect, to another host or its own, and does not retry it', async () => {
    const canary = await serve((_request, response) => json(response, 200, []));
    const server = await serve((_request, response) =>
      json(response, 302, {}, { Location: `${canary.url}/1.0/users?token=abc` }),
    );
    const { http } = client(server.url);
    const error = await failure(http.request(get));
    expect(error).toMatchObject({ kind: 'bad_response', status: 302 });
    expect(error.message).toContain(`redirect to ${canary.url} not followed`);
    expect(error.message).not.toContain('token=abc');
    expect(server.hits).toHaveLength(1);
    expect(canary.hits).toHaveLength(0);
  });

  it('reports a success whose body is not JSON as bad_response', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<html>maintenance</html>');
    });
    await expect(failure(client(server.url).http.request(get))).resolves.toMatchObject({
      kind: 'bad_response',
      status: 200,
    });
  });

  it('keeps to the concurrency bound and to N requests in any sliding second', async () => {
    const server = await serve((_request, response) => setTimeout(() => json(response, 200, {}), 20));
    const { http } = client(server.url, { http: { concurrency: 2, ratePerSecond: 4 } });

    await Promise.all(Array.from({ length: 9 }, () => http.request(get)));
    expect(server.hits).toHaveLength(9);
    expect(server.maxInFlight()).toBeLessThanOrEqual(2);
    const times = server.hits.map((hit) => hit.at).sort((a, b) => a - b);
    const busiest = Math.max(
      ...times.map((start) => times.filter((t) => t >= start && t < start + 1000).length),
    );
    expect(busiest).toBeLessThanOrEqual(4);
  });

  it('keeps to N in any second as a busy vendor counts them: one that takes requests in late still sees N', async () => {
    // The first four are taken in (and counted) 300 ms after they arrive; the rest at once. Counted from sending,
    // the next four went out a second after the first four were sent, 700 ms after the vendor counted them.
    const counted: number[] = [];
    const server = await serve((_request, response, hit) => {
      const takeIn = () => {
        counted.push(Date.now());
        json(response, 200, {});
      };
      if (hit <= 4) setTimeout(takeIn, 300);
      else takeIn();
    });
    const { http } = client(server.url, { http: { concurrency: 4, ratePerSecond: 4 } });

    await Promise.all(Array.from({ length: 8 }, () => http.request(get)));
    const times = counted.sort((a, b) => a - b);
    const busiest = Math.max(
      ...times.map((start) => times.filter((t) => t >= start && t < start + 1000).length),
    );
    expect(times).toHaveLength(8);
    expect(busiest).toBeLessThanOrEqual(4);
  });

  it('stops at once when its signal is aborted', async () => {
    const server = await serve((_request, response) => json(response, 200, {}));
    const controller = new AbortController();
    controller.abort(new Error('run cancelled'));
    const { http } = client(server.url, { signal: controller.signal });

    await expect(http.request(get)).rejects.toThrow('run cancelled');
    expect(server.hits).toHaveLength(0);
  });
});
