import type { Corrections } from '../page/anchors.ts';
import type { PageRecognition } from '../page/recognise-page.ts';
import { expenseInTabs, findExpenseInTab } from './find-expensein-tab.ts';
import type { PageMessenger } from './page-protocol.ts';

/** An answer from the content script in the ExpenseIn tab, or why there is none. */
export type PageAnswer<T> =
  | { ok: true; data: T }
  | { ok: false; reason: 'no_tab' | 'no_answer'; message: string };

/** What the popup and the options ask of the ExpenseIn tab (PRODUCT.md 5). */
export interface PageApi {
  /** What the content script recognises there, with the saved corrections or with `corrections` tried. */
  recognise(corrections?: Corrections): Promise<PageAnswer<PageRecognition>>;
  /** "Copy page report": the page's structure, none of its data. */
  report(): Promise<PageAnswer<string>>;
  /** Saved corrections, applied at once in every ExpenseIn tab; returns how many tabs took them. */
  applyCorrections(corrections: Corrections): Promise<number>;
}

const noTab = {
  ok: false,
  reason: 'no_tab',
  message: "Open ExpenseIn's Users page in a tab: staffsync reports on the ExpenseIn tab you used last.",
} as const;

export function createPageApi(messenger: PageMessenger): PageApi {
  async function ask<T>(send: (tabId: number) => Promise<T>): Promise<PageAnswer<T>> {
    const tab = await findExpenseInTab();
    if (tab?.id === undefined) return noTab;
    try {
      return { ok: true, data: await send(tab.id) };
    } catch {
      // No content script in that tab: it was open before the extension was installed or updated.
      return {
        ok: false,
        reason: 'no_answer',
        message: 'staffsync is not running in the open ExpenseIn tab yet: reload that tab and try again.',
      };
    }
  }
  return {
    recognise: (corrections) =>
      ask((tabId) => messenger.sendMessage('recognisePage', corrections ? { corrections } : {}, tabId)),
    report: () => ask((tabId) => messenger.sendMessage('pageReport', undefined, tabId)),
    async applyCorrections(corrections) {
      const tabs = (await expenseInTabs()).flatMap((tab) => (tab.id === undefined ? [] : [tab.id]));
      const sent = await Promise.allSettled(
        tabs.map((tabId) => messenger.sendMessage('applyCorrections', corrections, tabId)),
      );
      return sent.filter((result) => result.status === 'fulfilled').length;
    },
  };
}
