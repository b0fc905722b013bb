import { browser, defineBackground } from '#imports';
import { createMessageHandlers } from '../background/create-message-handlers.ts';
import { createServerClient } from '../background/create-server-client.ts';
import { createMessenger, registerMessageHandlers } from '../messaging/create-messenger.ts';
import { readConnectionSettings } from '../settings/connection-settings.ts';

// The background worker owns every call to the staffsync server (PRODUCT.md 1 and 5; STYLE.md 9): pages send it
// typed messages, it answers with parsed results.
export default defineBackground(() => {
  const handlers = createMessageHandlers({
    client: createServerClient({ settings: readConnectionSettings }),
    clientFor: (settings) => createServerClient({ settings: async () => settings }),
    openOptions: () => browser.runtime.openOptionsPage(),
  });
  registerMessageHandlers(createMessenger(), handlers);
});
