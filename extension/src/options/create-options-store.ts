import { createStore } from 'zustand/vanilla';
import type { PageApi } from '../messaging/create-page-api.ts';
import type { ConnectionTest, ServerApi } from '../messaging/protocol.ts';
import type { Problem } from '../messaging/server-result.ts';
import { type AnchorId, CORRECTION_VARIANT, type Corrections, describeAnchor } from '../page/anchors.ts';
import type { PageRecognition } from '../page/recognise-page.ts';
import {
  apiTokenItem,
  type ConnectionSettings,
  saveConnectionSettings,
  serverUrlItem,
  serverUrlSchema,
} from '../settings/connection-settings.ts';
import { readCorrections, saveCorrections } from '../settings/selector-corrections.ts';

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
  /** Selector corrections as typed (PRODUCT.md 5, advanced), by anchor. */
  corrections: Corrections;
  /** The corrections tried against the open ExpenseIn tab, and what in them does not hold. */
  check:
    | { state: 'idle' }
    | { state: 'checking' }
    | { state: 'checked'; recognition: PageRecognition; problems: string[]; unchecked: string[] }
    | { state: 'unavailable'; message: string };
  correctionsSaved: 'idle' | 'saving' | 'saved' | 'refused';
  load(): Promise<void>;
  setCorrection(id: AnchorId, selector: string): void;
  /** Tries the typed corrections on the open ExpenseIn tab; true when every one finds its anchor there. */
  tryCorrections(): Promise<boolean>;
  /** Saves the corrections after trying them (clearing them all needs no tab), and applies them in open tabs. */
  saveCorrections(): Promise<void>;
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
  /** The ExpenseIn tab, where corrections are tried and applied. */
  pages: Pick<PageApi, 'recognise' | 'applyCorrections'>;
}

function cleaned(corrections: Corrections): Corrections {
  return Object.fromEntries(
    Object.entries(corrections).flatMap(([id, selector]) =>
      selector?.trim() ? [[id, selector.trim()]] : [],
    ),
  );
}

/** What in a tried set of corrections does not hold, and what could not be tried on the page as it is. */
function judge(corrections: Corrections, recognition: PageRecognition) {
  const problems: string[] = [];
  const unchecked: string[] = [];
  for (const id of Object.keys(corrections) as AnchorId[]) {
    const anchor = recognition.anchors.find((candidate) => candidate.id === id);
    const { name } = describeAnchor(id);
    if (anchor?.note?.includes('not a valid CSS selector')) problems.push(`${name}: ${anchor.note}.`);
    else if (anchor?.status === 'not_looked_for')
      unchecked.push(`${name}: not checked (${anchor.note ?? 'not on this page'}).`);
    else if (anchor?.status !== 'found' || anchor.variant !== CORRECTION_VARIANT)
      problems.push(`${name}: your selector finds nothing on the open page.`);
  }
  return { problems, unchecked };
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
      corrections: {},
      check: { state: 'idle' },
      correctionsSaved: 'idle',
      async load() {
        const [serverUrl, token, corrections] = await Promise.all([
          serverUrlItem.getValue(),
          apiTokenItem.getValue(),
          readCorrections(),
        ]);
        set({ loaded: true, serverUrl, token, corrections });
      },
      setCorrection: (id, selector) =>
        set((state) => ({ corrections: { ...state.corrections, [id]: selector }, correctionsSaved: 'idle' })),
      async tryCorrections() {
        const corrections = cleaned(get().corrections);
        set({ check: { state: 'checking' } });
        const answer = await deps.pages.recognise(corrections);
        if (!answer.ok) {
          set({ check: { state: 'unavailable', message: answer.message } });
          return false;
        }
        const { problems, unchecked } = judge(corrections, answer.data);
        set({ check: { state: 'checked', recognition: answer.data, problems, unchecked } });
        return problems.length === 0;
      },
      async saveCorrections() {
        const corrections = cleaned(get().corrections);
        set({ correctionsSaved: 'saving' });
        if (Object.keys(corrections).length > 0 && !(await get().tryCorrections())) {
          set({ correctionsSaved: 'refused' });
          return;
        }
        await saveCorrections(corrections);
        await deps.pages.applyCorrections(corrections);
        set({ corrections, correctionsSaved: 'saved' });
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
