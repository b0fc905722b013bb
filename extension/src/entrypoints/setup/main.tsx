import { createRoot } from 'react-dom/client';
import { browser } from '#imports';
import { createMessenger, createMessengerApi } from '../../messaging/create-messenger.ts';
import { createSetupStore } from '../../setup/create-setup-store.ts';
import { SetupApp } from '../../setup/setup-app.tsx';
import '../../styles/staffsync.css';

// An extension page of its own (setup.html), opened from the popup and the options: the keys typed here go to the
// background worker only, which sends them to the staffsync server; no page of ExpenseIn's can reach them.
const root = document.getElementById('root');
if (root) {
  const store = createSetupStore(createMessengerApi(createMessenger()));
  createRoot(root).render(
    <SetupApp store={store} openOptions={() => void browser.runtime.openOptionsPage()} />,
  );
}
