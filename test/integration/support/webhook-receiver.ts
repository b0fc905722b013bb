import { createServer, type Server } from 'node:http';

/** A webhook receiver on 127.0.0.1 that keeps every body posted to it, for the alert tests (PRODUCT.md 4.2). */
export async function startWebhookReceiver() {
  const received: string[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push(Buffer.concat(chunks).toString('utf8'));
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}/hooks/alert`,
    bodies: received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
