import { createRoot } from 'react-dom/client';
import { createMessenger, createMessengerApi } from '../../messaging/create-messenger.ts';
import { createPageApi } from '../../messaging/create-page-api.ts';
import { createPageMessenger } from '../../messaging/page-protocol.ts';
import { createPopupStore } from '../../popup/create-popup-store.ts';
import { PopupApp } from '../../popup/popup-app.tsx';
import '../../styles/staffsync.css';

const root = document.getElementById('root');
if (root) {
  const store = createPopupStore(createMessengerApi(createMessenger()), {
    pages: createPageApi(createPageMessenger()),
  });
  createRoot(root).render(<PopupApp store={store} />);
}
