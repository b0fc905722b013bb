import { defineContentScript } from '#imports';
import { mountPanels } from '../../content/mount-panels.tsx';
import { panels } from '../../content/panel-registry.ts';
import { createMessenger, createMessengerApi } from '../../messaging/create-messenger.ts';
import { EXPENSEIN_MATCHES } from '../../settings/page-matches.ts';
import '../../styles/staffsync.css';

export default defineContentScript({
  // ExpenseIn only; the sandbox build adds loopback in wxt.config.ts (src/settings/page-matches.ts).
  matches: [...EXPENSEIN_MATCHES],
  // The stylesheet goes into each panel's shadow root, never into ExpenseIn's page.
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  main(ctx) {
    mountPanels(ctx, panels, createMessengerApi(createMessenger()));
  },
});
