import type { AddressInfo } from 'node:net';
import { type HttpBindings, serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { FaultConfig, RouteFaults } from './faults.ts';
import { RequestLog, type RequestLogSummary } from './request-log.ts';
import { createRouteMatcher } from './route-matcher.ts';
import { seededRandom } from './seeded-random.ts';
import type { SimulatorBackend } from './simulator.ts';

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

/** Holds the fault configuration in force; the backend reads it (malformed records) through `current`. */
export class FaultState {
  private config: FaultConfig = {};
  private random = seededRandom(1);

  current = (): FaultConfig => this.config;

  set(config: FaultConfig): void {
    this.config = config;
    this.random = seededRandom(config.seed ?? 1);
  }

  roll(): number {
    return this.random();
  }

  /** Faults for a route: the route's own entry, else the "*" entry. */
  forRoute(routeKey: string): { faults: RouteFaults; bucket: string } | null {
    const routes = this.config.routes ?? {};
    const own = routes[routeKey];
    if (own) return { faults: own, bucket: routeKey };
    const all = routes['*'];
    return all ? { faults: all, bucket: '*' } : null;
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Wraps a vendor backend with the control API (`/__control/...`, loopback only), fault injection and the request
 * log. Control routes are neither faulted nor logged.
 */
export function createSimulatorApp<S>(backend: SimulatorBackend<S>, faultState: FaultState, log: RequestLog) {
  const app = new Hono<{ Bindings: HttpBindings }>();
  const matchRoute = createRouteMatcher(backend.routes);
  const windows = new Map<string, number[]>();

  app.use('/__control/*', async (c, next) => {
    const remote = c.env?.incoming?.socket?.remoteAddress;
    // app.request() in tests has no socket: that is in-process, so as local as it gets.
    if (remote !== undefined && !LOOPBACK.has(remote))
      return c.json({ message: 'control API is loopback only' }, 403);
    await next();
  });
  app.get('/__control/state', (c) => c.json(backend.snapshot() as object));
  app.post('/__control/load', async (c) => {
    backend.load((await c.req.json()) as S);
    return c.json({ loaded: true });
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
    faultState.set((await c.req.json()) as FaultConfig);
    return c.json(faultState.current());
  });
  app.delete('/__control/faults', (c) => {
    faultState.set({});
    return c.json({});
  });

  app.use('*', async (c, next) => {
    const started = performance.now();
    const method = c.req.method;
    const path = c.req.path;
    const routeKey = matchRoute(method, path);
    const record = (status: number | 'dropped') =>
      log.add({
        at: new Date().toISOString(),
        method,
        path,
        routeKey,
        status,
        ms: performance.now() - started,
      });

    const rule = faultState.forRoute(routeKey);
    if (rule) {
      const { faults, bucket } = rule;
      const delay = (faults.latencyMs ?? 0) + (faults.jitterMs ? faultState.roll() * faults.jitterMs : 0);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

      if (faults.dropRate && faultState.roll() < faults.dropRate) {
        record('dropped');
        c.env?.incoming?.socket?.destroy();
        return new Response(null, { status: 499 });
      }
      if (faults.rateLimitPerSecond !== undefined) {
        const now = Date.now();
        const window = (windows.get(bucket) ?? []).filter((t) => now - t < 1000);
        if (window.length >= faults.rateLimitPerSecond) {
          windows.set(bucket, window);
          const retryAfter = Math.max(1, Math.ceil((1000 - (now - (window[0] ?? now))) / 1000));
          record(429);
          return c.json({ message: 'Too many requests' }, 429, { 'Retry-After': String(retryAfter) });
        }
        window.push(now);
        windows.set(bucket, window);
      }
      for (const [status, rate] of Object.entries(faults.errorRates ?? {})) {
        if (rate && faultState.roll() < rate) {
          record(Number(status));
          return c.json({ message: `Injected ${status}` }, Number(status) as 500);
        }
      }
    }
    await next();
    record(c.res.status);
  });

  app.route('/', backend.app);
  return app;
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
