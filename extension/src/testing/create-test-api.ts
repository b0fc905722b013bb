import { createMessageHandlers } from '../background/create-message-handlers.ts';
import { createServerClient } from '../background/create-server-client.ts';
import type { ServerApi } from '../messaging/protocol.ts';
import type { Corrections } from '../page/anchors.ts';

/**
 * The real background handlers and server client, called directly instead of through messages (fakeBrowser cannot
 * carry @webext-core/messaging's callbacks), talking real HTTP to `serverUrl`.
 */
export function createTestApi(
  serverUrl: string,
  token = 'good-token',
  corrections: Corrections = {},
): ServerApi & { optionsOpened: () => number } {
  let opened = 0;
  const handlers = createMessageHandlers({
    client: createServerClient({ settings: async () => ({ serverUrl, token }) }),
    clientFor: (settings) => createServerClient({ settings: async () => settings }),
    openOptions: async () => {
      opened += 1;
    },
    readCorrections: async () => corrections,
  });
  return { ...handlers, optionsOpened: () => opened };
}
