import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap, ServerApi } from './protocol.ts';
import { failure, type ServerResult } from './server-result.ts';

/** The typed messenger; each entry point makes its own (no module-level singleton, STYLE.md 2). */
export function createMessenger() {
  return defineExtensionMessaging<ProtocolMap>({ logger: undefined });
}

export type Messenger = ReturnType<typeof createMessenger>;

/** Registers `api` as the background's handler of every message; returns the function that removes them. */
export function registerMessageHandlers(messenger: Messenger, api: ServerApi): () => void {
  const removers = [
    messenger.onMessage('getOverview', () => api.getOverview(undefined)),
    messenger.onMessage('startSync', () => api.startSync(undefined)),
    messenger.onMessage('previewSync', () => api.previewSync(undefined)),
    messenger.onMessage('getRun', ({ data }) => api.getRun(data)),
    messenger.onMessage('getBadges', ({ data }) => api.getBadges(data)),
    messenger.onMessage('getUserStatus', ({ data }) => api.getUserStatus(data)),
    messenger.onMessage('resyncUser', ({ data }) => api.resyncUser(data)),
    messenger.onMessage('testConnection', ({ data }) => api.testConnection(data)),
    messenger.onMessage('openOptions', () => api.openOptions(undefined)),
  ];
  return () => {
    for (const remove of removers) remove();
  };
}

/**
 * The protocol seen from a page: each call is a message to the background. A message that cannot be delivered
 * (the extension was updated or reloaded under the page) is an `extension_error`, shown like any other problem.
 */
export function createMessengerApi(messenger: Messenger): ServerApi {
  const { sendMessage } = messenger;
  return {
    getOverview: () => delivered(() => sendMessage('getOverview')),
    startSync: () => delivered(() => sendMessage('startSync')),
    previewSync: () => delivered(() => sendMessage('previewSync')),
    getRun: (data) => delivered(() => sendMessage('getRun', data)),
    getBadges: (data) => delivered(() => sendMessage('getBadges', data)),
    getUserStatus: (data) => delivered(() => sendMessage('getUserStatus', data)),
    resyncUser: (data) => delivered(() => sendMessage('resyncUser', data)),
    testConnection: (data) => delivered(() => sendMessage('testConnection', data)),
    openOptions: () => delivered(() => sendMessage('openOptions')),
  };
}

async function delivered<T>(send: () => Promise<ServerResult<T>>): Promise<ServerResult<T>> {
  try {
    return await send();
  } catch (error) {
    return failure({
      kind: 'extension_error',
      message: `The staffsync extension could not be reached (${error instanceof Error ? error.message : String(error)}). Reload the page.`,
    });
  }
}
