import { browser, defineContentScript } from '#imports';
import { answerPageMessages } from '../../content/answer-page-messages.ts';
import { mountPanels } from '../../content/mount-panels.tsx';
import { panels } from '../../content/panel-registry.ts';
import { watchPage } from '../../content/watch-page.ts';
import { createMessenger, createMessengerApi } from '../../messaging/create-messenger.ts';
import { createPageMessenger } from '../../messaging/page-protocol.ts';
import type { Corrections } from '../../page/anchors.ts';
import { createSelectors } from '../../page/selectors.ts';
import { EXPENSEIN_MATCHES } from '../../settings/page-matches.ts';

export default defineContentScript({
  // ExpenseIn only; the sandbox build adds loopback in wxt.config.ts (src/settings/page-matches.ts).
  matches: [...EXPENSEIN_MATCHES],
  // The stylesheet is adopted by each shadow root (src/content/shared-style-sheet.ts), never added to the page.
  cssInjectionMode: 'manual',
  runAt: 'document_idle',
  main(ctx) {
    const page = watchPage({ signal: ctx.signal });
    const api = createMessengerApi(createMessenger());
    let selectors = createSelectors();
    // New corrections apply at once: every panel looks again in the next frame.
    const setCorrections = (corrections: Corrections) => {
      selectors = createSelectors(corrections);
      page.poke();
    };
    answerPageMessages({
      messenger: createPageMessenger(),
      extensionId: browser.runtime.id,
      selectors: () => selectors,
      setCorrections,
      signal: ctx.signal,
    });
    mountPanels(ctx, panels, { api, page, selectors: () => selectors });
    void api.getCorrections(undefined).then((result) => {
      if (result.ok && Object.keys(result.data).length > 0) setCorrections(result.data);
    });
  },
});
