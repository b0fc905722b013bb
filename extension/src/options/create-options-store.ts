import { createStore } from 'zustand/vanilla';
import type { ConnectionTest, ServerApi } from '../messaging/protocol.ts';
import type { Problem } from '../messaging/server-result.ts';
import {
  apiTokenItem,
  type ConnectionSettings,
  saveConnectionSettings,
  serverUrlItem,
  serverUrlSchema,
} from '../settings/connection-settings.ts';

export interface OptionsState {
  loaded: boolean;
  serverUrl: string;
  token: string;
  /** A problem with what was typed, named by field. */
  fieldError: { field: 'serverUrl'; message: string } | null;
  saved: 'idle' | 'saving' | 'saved' | 'denied';
  test:
    | { state: 'idle' }
    | { state: 'testing' }
    | { state: 'ok'; result: ConnectionTest }
    | { state: 'problem'; problem: Problem };
  load(): Promise<void>;
  setServerUrl(value: string): void;
  setToken(value: string): void;
  save(): Promise<void>;
  testConnection(): Promise<void>;
}

export interface OptionsStoreDeps {
  api: Pick<ServerApi, 'testConnection'>;
  /**
   * Grants the background worker access to the server's exact origin (an optional host permission); false when the
   * administrator refuses. Asked at Save and at Test connection, both clicks.
   */
  ensureHostPermission(serverUrl: string): Promise<boolean>;
}

/** The options page's store: server URL and token in typed storage items, and Test connection. */
export function createOptionsStore(deps: OptionsStoreDeps) {
  return createStore<OptionsState>()((set, get) => {
    const typed = (): ConnectionSettings | null => {
      const url = serverUrlSchema.safeParse(get().serverUrl);
      if (!url.success) {
        set({
          fieldError: { field: 'serverUrl', message: url.error.issues[0]?.message ?? 'Not a valid address' },
        });
        return null;
      }
      set({ fieldError: null });
      return { serverUrl: url.data, token: get().token.trim() };
    };
    return {
      loaded: false,
      serverUrl: '',
      token: '',
      fieldError: null,
      saved: 'idle',
      test: { state: 'idle' },
      async load() {
        const [serverUrl, token] = await Promise.all([serverUrlItem.getValue(), apiTokenItem.getValue()]);
        set({ loaded: true, serverUrl, token });
      },
      setServerUrl: (serverUrl) => set({ serverUrl, saved: 'idle', fieldError: null }),
      setToken: (token) => set({ token, saved: 'idle' }),
      async save() {
        const settings = typed();
        if (!settings) return;
        set({ saved: 'saving' });
        if (!(await deps.ensureHostPermission(settings.serverUrl))) {
          set({ saved: 'denied' });
          return;
        }
        await saveConnectionSettings(settings);
        set({ saved: 'saved', serverUrl: settings.serverUrl, token: settings.token });
      },
      async testConnection() {
        const settings = typed();
        if (!settings) return;
        set({ test: { state: 'testing' } });
        if (!(await deps.ensureHostPermission(settings.serverUrl))) {
          set({
            test: {
              state: 'problem',
              problem: {
                kind: 'not_configured',
                message: 'The browser did not allow staffsync to reach that server.',
              },
            },
          });
          return;
        }
        const result = await deps.api.testConnection(settings);
        set({
          test: result.ok
            ? { state: 'ok', result: result.data }
            : { state: 'problem', problem: result.problem },
        });
      },
    };
  });
}

export type OptionsStore = ReturnType<typeof createOptionsStore>;
