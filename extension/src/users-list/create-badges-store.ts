import type { UserBadge, UserKey } from '@staffsync/shared';
import { createStore } from 'zustand/vanilla';
import type { ServerApi } from '../messaging/protocol.ts';
import type { Problem } from '../messaging/server-result.ts';
import { keyId } from '../page/read-users-list.ts';

export interface BadgesState {
  status: 'idle' | 'loading' | 'ready' | 'problem';
  problem: Problem | null;
  /** Staffology's side of the badges: what the last sync stored, as of this time (PRODUCT.md 4.4). */
  asOf: string | null;
  /** ExpenseIn's side: its users as the server read them at this time (at most a few seconds before). */
  expenseInAsOf: string | null;
  /** By `keyId` of the row key. */
  badges: Record<string, UserBadge>;
  /** The keys of the render last asked about (for Retry). */
  keys: UserKey[];
  /** Batch requests sent: one per render of the list. */
  requests: number;
  /**
   * Asks for the badges of one render of the list, in one request: all of them when the list was drawn afresh
   * (`refresh`), else only the rows not asked about yet (a virtualised list scrolled to new rows).
   */
  load(keys: UserKey[], options?: { refresh?: boolean }): Promise<void>;
  retry(): Promise<void>;
  openOptions(): Promise<void>;
}

/** The server takes at most 500 keys a request (batchStatusRequestSchema); a longer list is split. */
const maxKeys = 500;

/** The Users list badges' store (STYLE.md 10: one per mounted panel, made by a factory, given through context). */
export function createBadgesStore(api: Pick<ServerApi, 'getBadges' | 'openOptions'>) {
  let generation = 0;
  return createStore<BadgesState>()((set, get) => ({
    status: 'idle',
    problem: null,
    asOf: null,
    expenseInAsOf: null,
    badges: {},
    keys: [],
    requests: 0,
    async load(keys, options = {}) {
      const refresh = options.refresh ?? true;
      const unique = [...new Map(keys.map((key) => [keyId(key), key])).values()];
      const known = get().badges;
      const wanted = refresh ? unique : unique.filter((key) => !known[keyId(key)]);
      const current = ++generation;
      set({ keys: unique });
      if (wanted.length === 0) {
        if (refresh || get().status !== 'problem') set({ status: 'ready', problem: null });
        return;
      }
      // Badges already shown stay while the new ones load, so a re-render does not flicker.
      set({ status: 'loading' });
      const chunks: UserKey[][] = [];
      for (let start = 0; start < wanted.length; start += maxKeys)
        chunks.push(wanted.slice(start, start + maxKeys));
      set((state) => ({ requests: state.requests + chunks.length }));
      const results = await Promise.all(chunks.map((users) => api.getBadges({ users })));
      if (current !== generation) return; // a newer render asked since: its answer wins
      const failed = results.find((result) => !result.ok);
      if (failed && !failed.ok) {
        set({ status: 'problem', problem: failed.problem });
        return;
      }
      const badges: Record<string, UserBadge> = refresh ? {} : { ...get().badges };
      let asOf: string | null = refresh ? null : get().asOf;
      let expenseInAsOf: string | null = refresh ? null : get().expenseInAsOf;
      for (const result of results) {
        if (!result.ok) continue;
        asOf = result.data.asOf ?? asOf;
        expenseInAsOf = result.data.expenseInAsOf;
        for (const badge of result.data.statuses) badges[keyId(badge.key)] = badge;
      }
      set({ status: 'ready', problem: null, badges, asOf, expenseInAsOf });
    },
    retry: () => get().load(get().keys, { refresh: true }),
    async openOptions() {
      await api.openOptions(undefined);
    },
  }));
}

export type BadgesStore = ReturnType<typeof createBadgesStore>;
