import { defineContentScript } from '#imports';
import { mountPanels } from '../../content/mount-panels.tsx';
import { panels } from '../../content/panel-registry.ts';
import { createMessenger, createMessengerApi } from '../../messaging/create-messenger.ts';
import '../../styles/staffsync.css';

// ExpenseIn, and the sandbox's web UI on any local port (match patterns without a port match every port).
export default defineContentScript({
  matches: ['https://app.expensein.com/*', 'http://127.0.0.1/*', 'http://localhost/*'],
  // The stylesheet goes into each panel's shadow root, never into ExpenseIn's page.
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  main(ctx) {
    mountPanels(ctx, panels, createMessengerApi(createMessenger()));
  },
});
