import { defineExtensionMessaging, type GetDataType, type GetReturnType } from '@webext-core/messaging';
import type { MessageSenderFacts, SenderPolicy } from '../background/create-sender-policy.ts';
import { type MessageType, messageTypes, type ProtocolMap, type ServerApi } from './protocol.ts';
import { failure, type ServerResult } from './server-result.ts';

/** The typed messenger; each entry point makes its own (no module-level singleton, STYLE.md 2). */
export function createMessenger() {
  return defineExtensionMessaging<ProtocolMap>({ logger: undefined });
}

export type Messenger = ReturnType<typeof createMessenger>;

/**
 * Answers one message as the background: through `api` when `allows` accepts its sender, else with a refusal that
 * reaches no server.
 */
export function answerMessage<K extends MessageType>(
  api: ServerApi,
  allows: SenderPolicy,
  message: { type: K; data: GetDataType<ProtocolMap[K]>; sender: MessageSenderFacts },
): Promise<GetReturnType<ProtocolMap[K]>> {
  if (!allows(message.type, message.sender)) {
    const from = message.sender.origin ?? message.sender.url ?? 'an unknown sender';
    console.warn(`[staffsync] refused ${message.type} from ${from}`);
    return Promise.resolve(
      failure({ kind: 'extension_error', message: `staffsync does not answer ${from}.` }) as GetReturnType<
        ProtocolMap[K]
      >,
    );
  }
  const handler = api[message.type] as (
    data: GetDataType<ProtocolMap[K]>,
  ) => Promise<GetReturnType<ProtocolMap[K]>>;
  return handler(message.data);
}

/**
 * Registers `api` as the background's handler of every message, for the senders `allows` accepts; returns the
 * function that removes them.
 */
export function registerMessageHandlers(
  messenger: Messenger,
  api: ServerApi,
  allows: SenderPolicy,
): () => void {
  const removers = messageTypes.map((type) =>
    messenger.onMessage(type, ({ data, sender }) => answerMessage(api, allows, { type, data, sender })),
  );
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
    getLastRun: (data) => delivered(() => sendMessage('getLastRun', data)),
    getBadges: (data) => delivered(() => sendMessage('getBadges', data)),
    getUserStatus: (data) => delivered(() => sendMessage('getUserStatus', data)),
    resyncUser: (data) => delivered(() => sendMessage('resyncUser', data)),
    testConnection: (data) => delivered(() => sendMessage('testConnection', data)),
    openOptions: () => delivered(() => sendMessage('openOptions')),
    getCorrections: () => delivered(() => sendMessage('getCorrections')),
    getSetup: () => delivered(() => sendMessage('getSetup')),
    checkSetup: (data) => delivered(() => sendMessage('checkSetup', data)),
    checkDepartments: (data) => delivered(() => sendMessage('checkDepartments', data)),
    connect: (data) => delivered(() => sendMessage('connect', data)),
    reconnect: (data) => delivered(() => sendMessage('reconnect', data)),
    disconnect: (data) => delivered(() => sendMessage('disconnect', data)),
    saveSettings: (data) => delivered(() => sendMessage('saveSettings', data)),
    getRunProblems: (data) => delivered(() => sendMessage('getRunProblems', data)),
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
