import { createServer, type Socket } from 'node:net';

export interface Canary {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>` */
  host: string;
  /** TCP connections made to it: any request at all, answered or not. */
  hits(): number;
  close(): Promise<void>;
}

/**
 * A loopback port that counts every connection made to it and answers nothing: a test proves that a URL was refused
 * before any request by finding zero hits here (PRODUCT.md 4.3).
 */
export async function startCanary(): Promise<Canary> {
  let hits = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    hits += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    host: `127.0.0.1:${address.port}`,
    hits: () => hits,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
