import { defineContentScript } from '#imports';
import { mountPanels } from '../../content/mount-panels.tsx';
import { panels } from '../../content/panel-registry.ts';
import { watchPage } from '../../content/watch-page.ts';
import { createMessenger, createMessengerApi } from '../../messaging/create-messenger.ts';
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
    const selectors = createSelectors();
    mountPanels(ctx, panels, {
      api: createMessengerApi(createMessenger()),
      page,
      selectors: () => selectors,
    });
  },
});
