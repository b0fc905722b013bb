import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Corrections } from '../page/anchors.ts';
import type { PageRecognition } from '../page/recognise-page.ts';

/**
 * Messages from the extension's pages (popup, options) to the content script in an ExpenseIn tab: what it
 * recognises there (PRODUCT.md 5), with the saved corrections or with ones being tried, the page report, and new
 * corrections once saved. Answered only for this extension (content-script side, answer-page-messages.ts).
 */
export interface PageProtocolMap {
  recognisePage(data: { corrections?: Corrections }): PageRecognition;
  pageReport(): string;
  applyCorrections(data: Corrections): null;
}

export function createPageMessenger() {
  return defineExtensionMessaging<PageProtocolMap>({ logger: undefined });
}

export type PageMessenger = ReturnType<typeof createPageMessenger>;
