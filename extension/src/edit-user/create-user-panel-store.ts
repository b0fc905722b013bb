import type { ResyncResponse, UserKey, UserStatus } from '@staffsync/shared';
import { createStore } from 'zustand/vanilla';
import type { ServerApi } from '../messaging/protocol.ts';
import type { Problem } from '../messaging/server-result.ts';
import type { FormField } from '../page/anchors.ts';
import type { ControlReading } from '../page/read-edit-user.ts';
import type { EditedField } from './predict-overwrite.ts';

export interface UserPanelState {
  key: UserKey;
  status: 'loading' | 'ready' | 'problem';
  problem: Problem | null;
  user: UserStatus | null;
  /** What each synced field held when this user was first seen in the window. */
  originals: Partial<Record<FormField, ControlReading>>;
  /** Synced fields the administrator has changed in the window, not yet saved. */
  edits: Partial<Record<FormField, EditedField>>;
  resync:
    | { state: 'idle' }
    | { state: 'running' }
    | { state: 'done'; result: ResyncResponse }
    | { state: 'problem'; problem: Problem };
  expanded: boolean;
  load(): Promise<void>;
  /**
   * Records what a synced field holds now. The first reading of a field is its original (a tab drawn later, or a
   * control the page replaced, keeps the original of the first); back at its original value, it is no edit.
   */
  observe(field: FormField, reading: ControlReading): void;
  runResync(): Promise<void>;
  setExpanded(expanded: boolean): void;
  openOptions(): Promise<void>;
}

/** The Edit User panel's store, one per opened pop-up (STYLE.md 10). */
export function createUserPanelStore(
  api: Pick<ServerApi, 'getUserStatus' | 'resyncUser' | 'openOptions'>,
  key: UserKey,
) {
  let generation = 0;
  return createStore<UserPanelState>()((set, get) => ({
    key,
    status: 'loading',
    problem: null,
    user: null,
    originals: {},
    edits: {},
    resync: { state: 'idle' },
    expanded: true,
    async load() {
      const current = ++generation;
      set({ status: get().user ? 'ready' : 'loading' });
      const result = await api.getUserStatus(key);
      if (current !== generation) return;
      if (result.ok) set({ status: 'ready', user: result.data, problem: null });
      else set({ status: 'problem', problem: result.problem });
    },
    observe(field, reading) {
      const original = get().originals[field];
      if (!original) {
        set((state) => ({ originals: { ...state.originals, [field]: reading } }));
        return;
      }
      const current = get().edits[field];
      if (reading.value === original.value) {
        if (!current) return;
        const { [field]: _previous, ...others } = get().edits;
        set({ edits: others });
        return;
      }
      if (current?.value === reading.value && current.text === reading.text) return;
      set((state) => ({
        edits: {
          ...state.edits,
          [field]: {
            field,
            value: reading.value,
            text: reading.text,
            original: original.value,
            originalText: original.text,
          },
        },
      }));
    },
    async runResync() {
      if (get().resync.state === 'running') return;
      set({ resync: { state: 'running' }, expanded: true });
      const result = await api.resyncUser(key);
      set({
        resync: result.ok
          ? { state: 'done', result: result.data }
          : { state: 'problem', problem: result.problem },
      });
      // The status changes with a resync (overwrites applied, a new last sync): read it again.
      if (result.ok) await get().load();
    },
    setExpanded: (expanded) => set({ expanded }),
    async openOptions() {
      await api.openOptions(undefined);
    },
  }));
}

export type UserPanelStore = ReturnType<typeof createUserPanelStore>;
