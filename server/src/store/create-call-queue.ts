import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Runs async calls one at a time; a call made from inside the running one is part of it and runs at once. SQLite
 * gives a process one connection, and a transaction on it spans awaits: without the queue, a call from elsewhere in
 * the process that ran meanwhile would land inside that transaction (and be rolled back with it).
 */
export interface CallQueue {
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** The same object with every method run through the queue. */
  guard<R extends object>(target: R): R;
}

export function createCallQueue(): CallQueue {
  const holder = new AsyncLocalStorage<true>();
  let tail: Promise<unknown> = Promise.resolve();

  function run<T>(fn: () => Promise<T>): Promise<T> {
    if (holder.getStore()) return fn();
    const result = tail.then(() => holder.run(true, fn));
    tail = result.catch(() => undefined);
    return result;
  }

  return {
    run,
    guard(target) {
      const guarded: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(target)) {
        guarded[name] =
          typeof value === 'function'
            ? (...args: unknown[]) => run(async () => value.apply(target, args))
            : value;
      }
      return guarded as typeof target;
    },
  };
}
