import { createRoot } from 'react-dom/client';
import { browser } from '#imports';
import { createMessenger, createMessengerApi } from '../../messaging/create-messenger.ts';
import { createPageApi } from '../../messaging/create-page-api.ts';
import { createPageMessenger } from '../../messaging/page-protocol.ts';
import { createOptionsStore } from '../../options/create-options-store.ts';
import { OptionsApp } from '../../options/options-app.tsx';
import { originPattern } from '../../settings/connection-settings.ts';
import '../../styles/staffsync.css';

const root = document.getElementById('root');
if (root) {
  const store = createOptionsStore({
    api: createMessengerApi(createMessenger()),
    // The server's origin alone, asked while the click that saves is still a user gesture (no await before it);
    // an origin already granted resolves without a prompt.
    ensureHostPermission: (serverUrl) => browser.permissions.request({ origins: [originPattern(serverUrl)] }),
    pages: createPageApi(createPageMessenger()),
  });
  createRoot(root).render(<OptionsApp store={store} />);
}
