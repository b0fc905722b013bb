import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through in front of the staffsync server that records what the extension asks, so a test can count the
 * requests one render of the Users list makes.
 */
export async function startCountingProxy(target: string) {
  const requests: { method: string; path: string }[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const path = incoming.url ?? '/';
    requests.push({ method: incoming.method ?? 'GET', path: new URL(path, target).pathname });
    const body = await readBody(incoming);
    const headers = new Headers();
    for (const name of ['authorization', 'content-type', 'accept']) {
      const value = incoming.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    try {
      const response = await fetch(new URL(path, target), {
        method: incoming.method,
        headers,
        ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
      });
      outgoing.writeHead(response.status, {
        'Content-Type': response.headers.get('content-type') ?? 'text/plain',
      });
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      outgoing.writeHead(502).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? (address satisfies AddressInfo).port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}
