import { MatchPattern } from 'wxt/utils/match-patterns';
import type { MessageType } from '../messaging/protocol.ts';

/** What the background knows of a message's sender (runtime.MessageSender). */
export interface MessageSenderFacts {
  id?: string;
  url?: string;
  origin?: string;
  tab?: unknown;
}

/**
 * What a content script may ask: its page's badges, a user's status, a resync, the options page and the selector
 * corrections. Never Options'
 * test of a server address and token, which would make the background fetch any URL a page chose.
 */
const contentScriptMessages: ReadonlySet<MessageType> = new Set<MessageType>([
  'getBadges',
  'getUserStatus',
  'resyncUser',
  'openOptions',
  'getCorrections',
]);

export type SenderPolicy = (type: MessageType, sender: MessageSenderFacts) => boolean;

/**
 * Whom the background answers (PRODUCT.md 5, "stays ours"): this extension's own pages, and its content scripts on
 * the pages the manifest matches. A content script anywhere else, another extension or a page is refused.
 * `pageMatches` comes from the built manifest, so the check follows the build (production or sandbox).
 */
export function createSenderPolicy(options: {
  extensionId: string;
  pageMatches: readonly string[];
}): SenderPolicy {
  const extensionOrigin = `chrome-extension://${options.extensionId}`;
  const patterns = options.pageMatches.map((pattern) => new MatchPattern(pattern));
  const matched = (url: string) => patterns.some((pattern) => pattern.includes(url));
  return (type, sender) => {
    if (sender.id !== options.extensionId) return false;
    const url = sender.url ?? '';
    if (url.startsWith(`${extensionOrigin}/`))
      return sender.origin === undefined || sender.origin === extensionOrigin;
    if (!sender.tab || !contentScriptMessages.has(type)) return false;
    // The frame's URL and its origin must both be a matched page: an opaque or sandboxed frame has the URL of one
    // but the origin "null".
    return (
      matched(url) &&
      (sender.origin === undefined || (isOrigin(sender.origin) && matched(`${sender.origin}/`)))
    );
  };
}

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}
