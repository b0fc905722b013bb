import { createRoot } from 'react-dom/client';
import { browser } from '#imports';
import { createMessenger, createMessengerApi } from '../../messaging/create-messenger.ts';
import { createOptionsStore } from '../../options/create-options-store.ts';
import { OptionsApp } from '../../options/options-app.tsx';
import { originPattern } from '../../settings/connection-settings.ts';
import '../../styles/staffsync.css';

const root = document.getElementById('root');
if (root) {
  const store = createOptionsStore({
    api: createMessengerApi(createMessenger()),
    // A server outside the manifest's host permissions: ask for its origin alone (an optional host permission).
    async ensureHostPermission(serverUrl) {
      const origins = [originPattern(serverUrl)];
      if (await browser.permissions.contains({ origins })) return true;
      return browser.permissions.request({ origins });
    },
  });
  createRoot(root).render(<OptionsApp store={store} />);
}
