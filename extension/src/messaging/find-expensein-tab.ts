import { type Browser, browser } from '#imports';

/** The tabs the content script runs in: the pages the built manifest matches. */
export async function expenseInTabs(): Promise<Browser.tabs.Tab[]> {
  const url = (browser.runtime.getManifest().content_scripts ?? []).flatMap((script) => script.matches ?? []);
  return url.length > 0 ? browser.tabs.query({ url }) : [];
}

/**
 * "The current tab" for the popup and the options (PRODUCT.md 5): the active tab of the focused window when it is an
 * ExpenseIn page (the popup opened over it), else the ExpenseIn tab used last (the options page open in a tab of its
 * own). Null when no ExpenseIn page is open.
 */
export async function findExpenseInTab(): Promise<Browser.tabs.Tab | null> {
  const tabs = (await expenseInTabs()).filter((tab) => tab.id !== undefined);
  const active = tabs.find((tab) => tab.active && tab.highlighted);
  if (active) return active;
  return tabs.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0] ?? null;
}
