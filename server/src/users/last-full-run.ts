import type { Run, Store } from '../store/index.ts';

/** The newest full run (not a dry run, not a single-user resync): what every user was last synced by. */
export function lastFullRun(store: Store, connectionId: number): Run | null {
  const recent = store.runs.list({ connectionId, limit: 100 }).items;
  return recent.find((run) => !run.dryRun && run.trigger !== 'single-user') ?? null;
}
