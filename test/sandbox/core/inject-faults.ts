import type { Socket } from 'node:net';
import type { HttpBindings } from '@hono/node-server';
import type { MiddlewareHandler } from 'hono';
import type { FaultState } from './fault-state.ts';
import type { InjectedFault, RequestLog } from './request-log.ts';

const DEFAULT_STALL_MS = 30_000;
const DEFAULT_RETRY_AFTER_SECONDS = 1;

/**
 * The fault pipeline in front of a vendor's routes, and the request log that records what each request met.
 * Faults before the route (refuse, drop, stall, rate limit, error) leave the request undone; lost answers come
 * after it, so the write has happened when the client hears nothing or a 503.
 */
export function injectFaults(
  faultState: FaultState,
  matchRoute: (method: string, path: string) => string,
  log: RequestLog,
): MiddlewareHandler<{ Bindings: HttpBindings }> {
  const windows = new Map<string, number[]>();

  return async function injectFaultsMiddleware(c, next) {
    const started = performance.now();
    const method = c.req.method;
    const path = c.req.path;
    const routeKey = matchRoute(method, path);
    const record = (
      status: number | 'dropped',
      detail: { fault?: InjectedFault; carriedOutStatus?: number } = {},
    ) =>
      log.add({
        at: new Date().toISOString(),
        method,
        path,
        routeKey,
        status,
        ...detail,
        ms: performance.now() - started,
      });
    const socket = c.env?.incoming?.socket;
    // app.request() in tests has no socket; there the 499 stands for the connection that would have closed.
    const hangUp = () => {
      socket?.destroy();
      return new Response(null, { status: 499 });
    };

    const rule = faultState.forRoute(routeKey);
    if (!rule) {
      await next();
      record(c.res.status);
      return;
    }
    const { faults, bucket } = rule;

    if (faults.refuseWith !== undefined) {
      record(faults.refuseWith, { fault: 'refused' });
      // RFC 9110: a 405 must carry Allow; an empty one says no method is allowed here.
      const headers: Record<string, string> = faults.refuseWith === 405 ? { Allow: '' } : {};
      return c.json({ message: `${method} ${path} is switched off` }, faults.refuseWith, headers);
    }

    const delay = (faults.latencyMs ?? 0) + (faults.jitterMs ? faultState.roll() * faults.jitterMs : 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

    if (faultState.chance(faults.dropRate)) {
      record('dropped', { fault: 'drop' });
      return hangUp();
    }
    if (faultState.chance(faults.stallRate)) {
      await heldBack(faults.stallMs ?? DEFAULT_STALL_MS, socket);
      record('dropped', { fault: 'stall' });
      return hangUp();
    }
    if (faults.rateLimitPerSecond !== undefined) {
      const now = Date.now();
      const window = (windows.get(bucket) ?? []).filter((t) => now - t < 1000);
      if (window.length >= faults.rateLimitPerSecond) {
        windows.set(bucket, window);
        const retryAfter = Math.max(1, Math.ceil((1000 - (now - (window[0] ?? now))) / 1000));
        record(429, { fault: 'rate-limit' });
        return c.json({ message: 'Too many requests' }, 429, { 'Retry-After': String(retryAfter) });
      }
      window.push(now);
      windows.set(bucket, window);
    }
    for (const [status, rate] of Object.entries(faults.errorRates ?? {})) {
      if (faultState.chance(rate)) {
        record(Number(status), { fault: 'error' });
        const headers: Record<string, string> =
          status === '429'
            ? { 'Retry-After': String(faults.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS) }
            : {};
        return c.json({ message: `Injected ${status}` }, Number(status) as 500, headers);
      }
    }

    // Cast on arrival with the other dice, not after the route ran, so the seed alone decides which request loses
    // its answer whatever the route's own timing.
    const lostAnswer = faultState.chance(faults.lostAnswerRate)
      ? 'hang-up'
      : faultState.chance(faults.lostAnswer503Rate)
        ? '503'
        : null;

    await next();

    const carriedOutStatus = c.res.status;
    if (lostAnswer === 'hang-up') {
      record('dropped', { fault: 'lost-after-write', carriedOutStatus });
      c.res = hangUp();
    } else if (lostAnswer === '503') {
      record(503, { fault: 'lost-after-write', carriedOutStatus });
      c.res = Response.json({ message: 'Injected 503 after the request was carried out' }, { status: 503 });
    } else {
      record(carriedOutStatus);
    }
  };
}

/** Waits `ms`, or less when the client gives up first (its timeout closes the socket). */
function heldBack(ms: number, socket: Socket | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket?.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    socket?.once('close', done);
  });
}
