import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  search: string;
  authorization: string | null;
  body: unknown;
}

export interface CannedResponse {
  status?: number;
  body?: unknown;
  /** Sent as is instead of `body` (for malformed answers). */
  raw?: string;
  headers?: Record<string, string>;
  /** Answer after this long (to put answers out of order). */
  delayMs?: number;
}

export type Route = (request: RecordedRequest) => CannedResponse;

/**
 * A real HTTP server on 127.0.0.1 answering from a table of `"METHOD /path"` routes, standing in for the staffsync
 * server in unit tests (the real server runs in the end-to-end tests). It records every request it gets.
 */
export async function startTestServer(routes: Record<string, Route | CannedResponse>) {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const text = await readBody(incoming);
    const request: RecordedRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      search: url.search,
      authorization: incoming.headers.authorization ?? null,
      body: text === '' ? undefined : JSON.parse(text),
    };
    requests.push(request);
    const route = routes[`${request.method} ${request.path}`];
    const canned: CannedResponse =
      route === undefined
        ? { status: 404, body: { error: { code: 'not_found', message: `No route ${request.path}` } } }
        : typeof route === 'function'
          ? route(request)
          : route;
    if (canned.delayMs) await new Promise((resolve) => setTimeout(resolve, canned.delayMs));
    outgoing.writeHead(canned.status ?? 200, { 'Content-Type': 'application/json', ...canned.headers });
    outgoing.end(canned.raw ?? JSON.stringify(canned.body ?? null));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.on('error', reject);
  });
}
