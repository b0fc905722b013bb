import type { PageMessenger } from '../messaging/page-protocol.ts';
import type { Corrections } from '../page/anchors.ts';
import { pageReport } from '../page/page-report.ts';
import { recognisePage } from '../page/recognise-page.ts';
import { createSelectors, type Selectors } from '../page/selectors.ts';

/**
 * The content script's answers to the popup and the options page: what it recognises on this page, the page report
 * and new corrections. Only this extension's pages are answered; web pages cannot send these messages at all.
 */
export function answerPageMessages(options: {
  messenger: PageMessenger;
  extensionId: string;
  selectors: () => Selectors;
  setCorrections: (corrections: Corrections) => void;
  signal: AbortSignal;
}): void {
  const { messenger, extensionId } = options;
  const ours = (sender: { id?: string }) => {
    if (sender.id !== extensionId) throw new Error('staffsync answers its own pages only');
  };
  const removers = [
    messenger.onMessage('recognisePage', ({ data, sender }) => {
      ours(sender);
      const selectors = data.corrections ? createSelectors(data.corrections) : options.selectors();
      return recognisePage(document, selectors);
    }),
    messenger.onMessage('pageReport', ({ sender }) => {
      ours(sender);
      return pageReport(document, recognisePage(document, options.selectors()));
    }),
    messenger.onMessage('applyCorrections', ({ data, sender }) => {
      ours(sender);
      options.setCorrections(data);
      return null;
    }),
  ];
  options.signal.addEventListener('abort', () => {
    for (const remove of removers) remove();
  });
}
