import type { ConnectionHealth, RunSummary } from '@staffsync/shared';
import { createStore } from 'zustand/vanilla';
import type { PageApi } from '../messaging/create-page-api.ts';
import { followRun } from '../messaging/follow-run.ts';
import type { DryRunResponse, ServerApi } from '../messaging/protocol.ts';
import type { Problem } from '../messaging/server-result.ts';
import type { PageRecognition } from '../page/recognise-page.ts';

export interface PopupState {
  overview:
    | { state: 'loading' }
    | { state: 'ready'; health: ConnectionHealth }
    | { state: 'problem'; problem: Problem };
  sync:
    | { state: 'idle' }
    | { state: 'running'; runId: number | null; alreadyRunning: boolean }
    | { state: 'done'; run: RunSummary }
    | { state: 'problem'; problem: Problem };
  preview:
    | { state: 'idle' }
    | { state: 'running' }
    | { state: 'done'; result: DryRunResponse }
    | { state: 'problem'; problem: Problem };
  /** What staffsync recognises on the ExpenseIn tab (PRODUCT.md 5). */
  page:
    | { state: 'loading' }
    | { state: 'ready'; recognition: PageRecognition }
    | { state: 'unavailable'; message: string };
  /** "Copy page report": copied, or shown to copy by hand when the clipboard refused. */
  report:
    | { state: 'idle' }
    | { state: 'copying' }
    | { state: 'copied'; lines: number }
    | { state: 'shown'; text: string }
    | { state: 'unavailable'; message: string };
  loadOverview(): Promise<void>;
  loadPage(): Promise<void>;
  copyReport(): Promise<void>;
  /** Starts a run (or joins the one running) and follows it to its end. */
  syncNow(signal: AbortSignal): Promise<void>;
  runPreview(): Promise<void>;
  openOptions(): Promise<void>;
}

export interface PopupStoreOptions {
  /** How often a started run is asked about until it ends (the server has no push channel). */
  pollMs?: number;
  /** The ExpenseIn tab's content script; none: the page section says so. */
  pages?: Pick<PageApi, 'recognise' | 'report'>;
  /** Writes the clipboard (navigator.clipboard in the popup); throws when the browser refuses. */
  copy?: (text: string) => Promise<void>;
}

/** The popup's store (STYLE.md 10): connection health, last and next run, Sync now and Preview. */
export function createPopupStore(
  api: Pick<ServerApi, 'getOverview' | 'startSync' | 'getRun' | 'previewSync' | 'openOptions'>,
  options: PopupStoreOptions = {},
) {
  const pollMs = options.pollMs ?? 1000;
  return createStore<PopupState>()((set, get) => ({
    overview: { state: 'loading' },
    sync: { state: 'idle' },
    preview: { state: 'idle' },
    page: { state: 'loading' },
    report: { state: 'idle' },
    async loadPage() {
      const answer = options.pages
        ? await options.pages.recognise()
        : { ok: false as const, message: 'Not available here.' };
      set({
        page: answer.ok
          ? { state: 'ready', recognition: answer.data }
          : { state: 'unavailable', message: answer.message },
      });
    },
    async copyReport() {
      if (!options.pages) return;
      set({ report: { state: 'copying' } });
      const answer = await options.pages.report();
      if (!answer.ok) {
        set({ report: { state: 'unavailable', message: answer.message } });
        return;
      }
      try {
        await (options.copy ?? ((text) => navigator.clipboard.writeText(text)))(answer.data);
        set({ report: { state: 'copied', lines: answer.data.split('\n').length } });
      } catch {
        set({ report: { state: 'shown', text: answer.data } });
      }
    },
    async loadOverview() {
      const result = await api.getOverview(undefined);
      set({
        overview: result.ok
          ? { state: 'ready', health: result.data }
          : { state: 'problem', problem: result.problem },
      });
    },
    async syncNow(signal) {
      if (get().sync.state === 'running') return;
      set({ sync: { state: 'running', runId: null, alreadyRunning: false } });
      const started = await api.startSync(undefined);
      if (!started.ok) {
        set({ sync: { state: 'problem', problem: started.problem } });
        return;
      }
      const { runId, alreadyRunning } = started.data;
      set({ sync: { state: 'running', runId, alreadyRunning } });
      const followed = await followRun(api, runId, { pollMs, signal });
      // Stopped: the popup closed, and the run goes on in the server.
      if (followed.state === 'problem') set({ sync: followed });
      if (followed.state === 'ended') {
        set({ sync: { state: 'done', run: followed.run } });
        await get().loadOverview();
      }
    },
    async runPreview() {
      if (get().preview.state === 'running') return;
      set({ preview: { state: 'running' } });
      const result = await api.previewSync(undefined);
      set({
        preview: result.ok
          ? { state: 'done', result: result.data }
          : { state: 'problem', problem: result.problem },
      });
    },
    async openOptions() {
      await api.openOptions(undefined);
    },
  }));
}

export type PopupStore = ReturnType<typeof createPopupStore>;
