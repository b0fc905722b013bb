import { type Connection, defaultSyncSettings, type SetupCheck } from '@staffsync/shared';
import { createStore } from 'zustand/vanilla';
import { followRun } from '../messaging/follow-run.ts';
import type { DepartmentsCheck, RunProblems, ServerApi, SetupCheckInput } from '../messaging/protocol.ts';
import type { Problem } from '../messaging/server-result.ts';
import {
  DEFAULT_EXPENSEIN_URL,
  DEFAULT_STAFFOLOGY_URL,
  type FieldErrors,
  type KeysForm,
  type SettingsForm,
  type SetupField,
  validateCheck,
  validateConnect,
  validateReconnect,
  validateSettings,
} from './validate-setup.ts';

type Task =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'done' }
  | { state: 'problem'; problem: Problem };

export interface SetupState {
  /** Whether this token may set up (owner), and the connection the extension works with. */
  start: { state: 'loading' } | { state: 'ready' } | { state: 'problem'; problem: Problem };
  /** null: nothing connected yet, so step 2 connects; else step 2 reconnects, disconnects and sets. */
  connection: Connection | null;
  form: KeysForm;
  /** Messages by field, each naming the problem (set by validation and by the server's 400s). */
  errors: FieldErrors;
  /** The set-up check of the keys typed: employers, departments, the preview; `request` is what it checked. */
  check:
    | { state: 'idle' }
    | { state: 'checking'; request: SetupCheckInput }
    | { state: 'done'; request: SetupCheckInput; result: SetupCheck }
    | { state: 'problem'; problem: Problem };
  /** Step 1 of a stored connection (with its stored keys). */
  departments:
    | { state: 'idle' }
    | { state: 'checking' }
    | { state: 'done'; result: DepartmentsCheck }
    | { state: 'problem'; problem: Problem };
  connecting: Task;
  /** Step 3: the run started by connect or reconnect (or the last one), followed to its end. */
  run:
    | { state: 'idle' }
    | { state: 'running'; runId: number; startedAt: string | null }
    | { state: 'done'; result: RunProblems }
    | { state: 'problem'; problem: Problem };
  reconnectForm: { staffologyApiKey: string; expenseinApiKey: string };
  reconnecting: Task;
  settingsForm: SettingsForm;
  savingSettings: Task;
  /** Disconnect asks once more before it disconnects. */
  disconnecting: Task | { state: 'confirming' };
  /** The last thing done, said politely (screen readers hear it). */
  notice: string;

  load(signal: AbortSignal): Promise<void>;
  setField<K extends keyof KeysForm>(field: K, value: KeysForm[K]): void;
  /** Reads what the keys open: the employers, ExpenseIn's setting and departments, and the preview once chosen. */
  checkKeys(): Promise<void>;
  chooseEmployer(employerId: string): Promise<void>;
  setIncludeBankDetails(value: boolean): Promise<void>;
  /** Step 1's "Check again". */
  checkAgain(): Promise<void>;
  /** Whether the preview shown was made from the form as it is now (Connect sends what was previewed). */
  previewIsCurrent(): boolean;
  connect(signal: AbortSignal): Promise<void>;
  setReconnectKey(field: 'staffologyApiKey' | 'expenseinApiKey', value: string): void;
  reconnect(signal: AbortSignal): Promise<void>;
  setSetting<K extends keyof SettingsForm>(field: K, value: SettingsForm[K]): void;
  saveSettings(): Promise<void>;
  askDisconnect(): void;
  cancelDisconnect(): void;
  disconnect(): Promise<void>;
}

export interface SetupStoreOptions {
  /** How often a started run is asked about until it ends (the server has no push channel). */
  pollMs?: number;
}

const emptyForm: KeysForm = {
  staffologyBaseUrl: DEFAULT_STAFFOLOGY_URL,
  staffologyApiKey: '',
  expenseinBaseUrl: DEFAULT_EXPENSEIN_URL,
  expenseinApiKey: '',
  employerId: '',
  includeBankDetails: false,
};

/** The settings form as a connection holds them; a webhook is typed anew (the API shows only its origin). */
export function settingsFormOf(
  connection: Pick<
    Connection,
    'includeBankDetails' | 'leaverGuardPercent' | 'leaverGuardMin' | 'syncEveryMinutes'
  >,
): SettingsForm {
  return {
    includeBankDetails: connection.includeBankDetails,
    leaverGuardPercent: String(connection.leaverGuardPercent),
    leaverGuardMin: String(connection.leaverGuardMin),
    alertWebhookUrl: '',
    removeWebhook: false,
    syncEveryMinutes: connection.syncEveryMinutes === null ? '' : String(connection.syncEveryMinutes),
  };
}

const credentialFields = { staffology: 'staffologyApiKey', expensein: 'expenseinApiKey' } as const;
const vendorNames = { staffology: 'Staffology', expensein: 'ExpenseIn' } as const;

/** A key the check found wanting, as a message under its field. */
function credentialErrors(result: SetupCheck, request: SetupCheckInput): FieldErrors {
  const errors: FieldErrors = {};
  for (const vendor of ['staffology', 'expensein'] as const) {
    const name = vendorNames[vendor];
    const state = result.credentials[vendor];
    if (state === 'invalid')
      errors[credentialFields[vendor]] = `${name} did not accept this key: check it and paste it again`;
    if (state === 'forbidden') {
      errors[credentialFields[vendor]] =
        `${name} accepted this key but refused it access${vendor === 'expensein' ? ': it needs Account Administrator' : ''}`;
    }
    if (state === 'unreachable') {
      errors[credentialFields[vendor]] =
        `${name} could not be reached at ${request[vendor].baseUrl}: check the address`;
    }
  }
  return errors;
}

/** A refusal naming a request field, as a message under the form field it came from. */
function fieldErrorOf(problem: Problem): FieldErrors {
  const fields: Record<string, SetupField> = {
    'staffology.apiKey': 'staffologyApiKey',
    'staffology.baseUrl': 'staffologyBaseUrl',
    'staffology.employerId': 'employerId',
    employerId: 'employerId',
    'expensein.apiKey': 'expenseinApiKey',
    'expensein.baseUrl': 'expenseinBaseUrl',
    alertWebhookUrl: 'alertWebhookUrl',
    leaverGuardPercent: 'leaverGuardPercent',
    leaverGuardMin: 'leaverGuardMin',
    syncEveryMinutes: 'syncEveryMinutes',
  };
  const field = problem.field ? fields[problem.field] : undefined;
  return field ? { [field]: problem.message } : {};
}

/**
 * The set-up page's store (STYLE.md 10): the seed's three steps. Keys live here only while they are typed: they are
 * sent to the server (checked, then connected) and cleared once it has them, never written to storage.
 */
export function createSetupStore(api: ServerApi, options: SetupStoreOptions = {}) {
  const pollMs = options.pollMs ?? 1000;
  return createStore<SetupState>()((set, get) => {
    /** An ended run's skipped and conflicting employees. */
    async function showEnded(runId: number): Promise<void> {
      const result = await api.getRunProblems({ runId });
      set({
        run: result.ok
          ? { state: 'done', result: result.data }
          : { state: 'problem', problem: result.problem },
      });
    }

    /** Follows a run to its end, then reads its skipped and conflicting employees. */
    async function follow(runId: number, signal: AbortSignal): Promise<void> {
      set({ run: { state: 'running', runId, startedAt: null } });
      const followed = await followRun(api, runId, {
        pollMs,
        signal,
        onRunning: (run) => set({ run: { state: 'running', runId, startedAt: run.startedAt } }),
      });
      if (followed.state === 'stopped') return; // the page closed: the run goes on in the server
      if (followed.state === 'problem') {
        set({ run: followed });
        return;
      }
      await showEnded(runId);
    }

    async function runCheck(): Promise<void> {
      const checked = validateCheck(get().form);
      if (!checked.ok) {
        set({ errors: checked.errors });
        return;
      }
      const request = checked.value;
      set({ errors: {}, check: { state: 'checking', request } });
      const answer = await api.checkSetup(request);
      // A newer check started while this one was out: its answer wins.
      const current = get().check;
      if (current.state !== 'checking' || current.request !== request) return;
      if (!answer.ok) {
        set({ check: { state: 'problem', problem: answer.problem }, errors: fieldErrorOf(answer.problem) });
        return;
      }
      set({
        check: { state: 'done', request, result: answer.data },
        errors: credentialErrors(answer.data, request),
      });
    }

    function adopt(connection: Connection): void {
      set({ connection, settingsForm: settingsFormOf(connection) });
    }

    return {
      start: { state: 'loading' },
      connection: null,
      form: emptyForm,
      errors: {},
      check: { state: 'idle' },
      departments: { state: 'idle' },
      connecting: { state: 'idle' },
      run: { state: 'idle' },
      reconnectForm: { staffologyApiKey: '', expenseinApiKey: '' },
      reconnecting: { state: 'idle' },
      settingsForm: settingsFormOf({ ...defaultSyncSettings, syncEveryMinutes: null }),
      savingSettings: { state: 'idle' },
      disconnecting: { state: 'idle' },
      notice: '',

      async load(signal) {
        const answer = await api.getSetup(undefined);
        if (!answer.ok) {
          set({ start: { state: 'problem', problem: answer.problem } });
          return;
        }
        set({ start: { state: 'ready' } });
        const { connection } = answer.data;
        if (!connection) return;
        adopt(connection);
        // The runs list, not the connection's health: that would ask both vendors again besides step 1's check.
        const [, last] = await Promise.all([
          get().checkAgain(),
          api.getLastRun({ connectionId: connection.id }),
        ]);
        if (!last.ok || !last.data) return;
        // A run that has ended is not asked about again: its employees are read at once.
        if (last.data.status === 'running') await follow(last.data.id, signal);
        else await showEnded(last.data.id);
      },

      setField(field, value) {
        const { [field]: _cleared, ...errors } = get().errors as Record<string, string>;
        set({ form: { ...get().form, [field]: value }, errors });
      },

      checkKeys: runCheck,

      async chooseEmployer(employerId) {
        get().setField('employerId', employerId);
        if (employerId) await runCheck();
      },

      async setIncludeBankDetails(value) {
        get().setField('includeBankDetails', value);
        // R8: bank details change what the first sync plans, so a preview on show is made again.
        if (get().form.employerId && get().check.state !== 'idle') await runCheck();
      },

      async checkAgain() {
        const { connection } = get();
        if (!connection) {
          await runCheck();
          return;
        }
        set({ departments: { state: 'checking' } });
        const answer = await api.checkDepartments({ connectionId: connection.id });
        set({
          departments: answer.ok
            ? { state: 'done', result: answer.data }
            : { state: 'problem', problem: answer.problem },
        });
      },

      previewIsCurrent() {
        const { check, form } = get();
        if (check.state !== 'done' || check.result.preview === null) return false;
        const now = validateCheck(form);
        return now.ok && JSON.stringify(now.value) === JSON.stringify(check.request);
      },

      async connect(signal) {
        const checked = validateConnect(get().form);
        if (!checked.ok) {
          set({ errors: checked.errors });
          return;
        }
        if (!get().previewIsCurrent()) {
          set({
            connecting: {
              state: 'problem',
              problem: {
                kind: 'refused',
                message:
                  'The keys, the employer or Include Bank Details changed since the preview: check again first.',
              },
            },
          });
          return;
        }
        set({ errors: {}, connecting: { state: 'busy' } });
        const answer = await api.connect(checked.value);
        if (!answer.ok) {
          set({
            connecting: { state: 'problem', problem: answer.problem },
            errors: fieldErrorOf(answer.problem),
          });
          return;
        }
        const { check } = get();
        // The server has the keys now: they leave the page, and step 1 keeps the names it showed.
        set({
          form: { ...get().form, staffologyApiKey: '', expenseinApiKey: '' },
          check: { state: 'idle' },
          connecting: { state: 'done' },
          departments:
            check.state === 'done' && check.result.departments.staffology
              ? { state: 'done', result: check.result.departments.staffology }
              : { state: 'idle' },
          notice: `Connected "${answer.data.connection.name}". The keys are kept, encrypted, by the staffsync server only: they are not shown again.`,
        });
        adopt(answer.data.connection);
        if (answer.data.runId !== null) await follow(answer.data.runId, signal);
      },

      setReconnectKey(field, value) {
        const errorField =
          field === 'staffologyApiKey' ? 'reconnectStaffologyApiKey' : 'reconnectExpenseinApiKey';
        const { [errorField]: _cleared, ...errors } = get().errors;
        set({ reconnectForm: { ...get().reconnectForm, [field]: value }, errors });
      },

      async reconnect(signal) {
        const { connection } = get();
        if (!connection) return;
        const checked = validateReconnect(get().reconnectForm);
        if (!checked.ok) {
          set({ errors: checked.errors });
          return;
        }
        set({ reconnecting: { state: 'busy' } });
        const answer = await api.reconnect({ connectionId: connection.id, ...checked.value });
        if (!answer.ok) {
          set({ reconnecting: { state: 'problem', problem: answer.problem } });
          return;
        }
        set({
          reconnectForm: { staffologyApiKey: '', expenseinApiKey: '' },
          reconnecting: { state: 'done' },
          disconnecting: { state: 'idle' },
          notice: 'Reconnected: the sync runs again now (step 3).',
        });
        adopt(answer.data.connection);
        if (answer.data.runId !== null) await follow(answer.data.runId, signal);
      },

      setSetting(field, value) {
        const { [field as SetupField]: _cleared, ...errors } = get().errors;
        set({
          settingsForm: { ...get().settingsForm, [field]: value },
          errors,
          savingSettings: { state: 'idle' },
        });
      },

      async saveSettings() {
        const { connection } = get();
        if (!connection) return;
        const checked = validateSettings(get().settingsForm);
        if (!checked.ok) {
          set({ errors: checked.errors });
          return;
        }
        set({ savingSettings: { state: 'busy' } });
        const answer = await api.saveSettings({ connectionId: connection.id, settings: checked.value });
        if (!answer.ok) {
          set({
            savingSettings: { state: 'problem', problem: answer.problem },
            errors: fieldErrorOf(answer.problem),
          });
          return;
        }
        adopt(answer.data);
        set({ savingSettings: { state: 'done' }, notice: 'Settings saved: the next run uses them.' });
      },

      askDisconnect: () => set({ disconnecting: { state: 'confirming' } }),
      cancelDisconnect: () => set({ disconnecting: { state: 'idle' } }),

      async disconnect() {
        const { connection } = get();
        if (!connection) return;
        set({ disconnecting: { state: 'busy' } });
        const answer = await api.disconnect({ connectionId: connection.id });
        if (!answer.ok) {
          set({ disconnecting: { state: 'problem', problem: answer.problem } });
          return;
        }
        adopt(answer.data);
        set({
          disconnecting: { state: 'done' },
          notice: 'Disconnected: no more runs until you reconnect. Links and history are kept.',
        });
      },
    };
  });
}

export type SetupStore = ReturnType<typeof createSetupStore>;
