import { browser, defineBackground } from '#imports';
import { createMessageHandlers } from '../background/create-message-handlers.ts';
import { createSenderPolicy } from '../background/create-sender-policy.ts';
import { createServerClient } from '../background/create-server-client.ts';
import { restrictStorageToExtension } from '../background/restrict-storage-to-extension.ts';
import { createMessenger, registerMessageHandlers } from '../messaging/create-messenger.ts';
import { readConnectionSettings } from '../settings/connection-settings.ts';
import { readCorrections } from '../settings/selector-corrections.ts';

// The background worker owns every call to the staffsync server (PRODUCT.md 1 and 5; STYLE.md 9): pages send it
// typed messages, it answers with parsed results.
export default defineBackground(() => {
  void restrictStorageToExtension(browser.storage.local);
  const handlers = createMessageHandlers({
    client: createServerClient({ settings: readConnectionSettings }),
    clientFor: (settings) => createServerClient({ settings: async () => settings }),
    openOptions: () => browser.runtime.openOptionsPage(),
    readCorrections,
  });
  // The pages the built manifest runs the content script on: the one list the sender check trusts.
  const pageMatches = (browser.runtime.getManifest().content_scripts ?? []).flatMap(
    (script) => script.matches ?? [],
  );
  const allows = createSenderPolicy({ extensionId: browser.runtime.id, pageMatches });
  registerMessageHandlers(createMessenger(), handlers, allows);
});
