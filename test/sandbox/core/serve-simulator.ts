import type { AddressInfo } from 'node:net';
import { type HttpBindings, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { FaultState } from './fault-state.ts';
import { type FaultConfig, parseFaultConfig } from './faults.ts';
import { injectFaults } from './inject-faults.ts';
import { RequestLog, type RequestLogSummary } from './request-log.ts';
import { createRouteMatcher } from './route-matcher.ts';
import type { SimulatorBackend } from './simulator.ts';

// Callers built their fault state from this module before it had a file of its own.
export { FaultState };

/** A simulator served on 127.0.0.1, with in-process handles for the same controls the HTTP control API offers. */
export interface SimulatorHandle<S> {
  url: string;
  backend: SimulatorBackend<S>;
  setFaults(config: FaultConfig): void;
  faults(): FaultConfig;
  requests(limit?: number): RequestLogSummary;
  clearRequests(): void;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Wraps a vendor backend with the control API (`/__control/...`, loopback only), fault injection and the request
 * log. Control routes are neither faulted nor logged.
 */
export function createSimulatorApp<S>(backend: SimulatorBackend<S>, faultState: FaultState, log: RequestLog) {
  const app = new Hono<{ Bindings: HttpBindings }>();

  app.use('/__control/*', async (c, next) => {
    const remote = c.env?.incoming?.socket?.remoteAddress;
    // app.request() in tests has no socket: that is in-process, so as local as it gets.
    if (remote !== undefined && !LOOPBACK.has(remote))
      return c.json({ message: 'control API is loopback only' }, 403);
    await next();
  });
  app.get('/__control/state', (c) => c.json(backend.snapshot() as object));
  app.post('/__control/load', async (c) => {
    const refused = await refusal(async () => backend.load(backend.parseState(await c.req.json())));
    return refused ? c.json(refused, 400) : c.json({ loaded: true });
  });
  app.post('/__control/reset', (c) => {
    backend.reset();
    faultState.set({});
    log.clear();
    return c.json({ reset: true });
  });
  app.get('/__control/requests', (c) => c.json(log.summary(Number(c.req.query('limit') ?? 1000))));
  app.delete('/__control/requests', (c) => {
    log.clear();
    return c.json({ cleared: true });
  });
  app.get('/__control/faults', (c) => c.json(faultState.current()));
  app.put('/__control/faults', async (c) => {
    const refused = await refusal(async () => faultState.set(parseFaultConfig(await c.req.json())));
    return refused ? c.json(refused, 400) : c.json(faultState.current());
  });
  app.delete('/__control/faults', (c) => {
    faultState.set({});
    return c.json({});
  });

  app.use('*', injectFaults(faultState, createRouteMatcher(backend.routes), log));

  app.route('/', backend.app);
  return app;
}

/**
 * A control request's body that is not JSON, or not a valid state or fault config, is the test author's mistake:
 * answered 400 with the reason (zod names the field), and nothing changes.
 */
async function refusal(apply: () => Promise<void>): Promise<{ message: string } | null> {
  try {
    await apply();
    return null;
  } catch (error) {
    return { message: error instanceof Error ? error.message : String(error) };
  }
}

/** Serves a backend on 127.0.0.1 (a random free port by default). */
export async function serveSimulator<S>(
  backend: SimulatorBackend<S>,
  options: { port?: number; faultState?: FaultState } = {},
): Promise<SimulatorHandle<S>> {
  const faultState = options.faultState ?? new FaultState();
  const log = new RequestLog();
  const app = createSimulatorApp(backend, faultState, log);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: options.port ?? 0 }, () => resolve(s));
    // A fixed port already taken (the demo's 4010 and 4020): the caller gets the error instead of a crash.
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    backend,
    setFaults: (config) => faultState.set(config),
    faults: () => faultState.current(),
    requests: (limit) => log.summary(limit),
    clearRequests: () => log.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
