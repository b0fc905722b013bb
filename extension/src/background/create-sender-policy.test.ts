import { describe, expect, it } from 'vitest';
import type { MessageType } from '../messaging/protocol.ts';
import { EXPENSEIN_MATCHES, pageMatchesFor } from '../settings/page-matches.ts';
import { createSenderPolicy, type MessageSenderFacts } from './create-sender-policy.ts';

const extensionId = 'abcdefghijklmnopabcdefghijklmnop';
const own = `chrome-extension://${extensionId}`;
const tab = { id: 7 };

const production = createSenderPolicy({ extensionId, pageMatches: EXPENSEIN_MATCHES });
const sandbox = createSenderPolicy({ extensionId, pageMatches: pageMatchesFor('sandbox') });

const contentScript = (url: string): MessageSenderFacts => ({
  id: extensionId,
  url,
  origin: new URL(url).origin,
  tab,
});

describe('createSenderPolicy', () => {
  it.each<[string, MessageType, MessageSenderFacts, boolean]>([
    ['the popup', 'startSync', { id: extensionId, url: `${own}/popup.html`, origin: own }, true],
    [
      'the options page, open in a tab',
      'testConnection',
      { id: extensionId, url: `${own}/options.html`, tab },
      true,
    ],
    [
      'the content script on ExpenseIn',
      'getBadges',
      contentScript('https://app.expensein.com/admin/users'),
      true,
    ],
    [
      'the content script on ExpenseIn, resyncing',
      'resyncUser',
      contentScript('https://app.expensein.com/x'),
      true,
    ],
    ['the set-up page, open in a tab', 'connect', { id: extensionId, url: `${own}/setup.html`, tab }, true],
    [
      'the content script on ExpenseIn, sending keys to be checked',
      'checkSetup',
      contentScript('https://app.expensein.com/x'),
      false,
    ],
    [
      'the content script on ExpenseIn, connecting or changing settings',
      'saveSettings',
      contentScript('https://app.expensein.com/x'),
      false,
    ],
    [
      'the content script on ExpenseIn, testing an address it chose',
      'testConnection',
      contentScript('https://app.expensein.com/x'),
      false,
    ],
    ['a tab on another origin', 'getBadges', contentScript('https://evil.example/admin/users'), false],
    ['a look-alike host', 'getBadges', contentScript('https://app.expensein.com.evil.example/'), false],
    ['ExpenseIn over http', 'getBadges', contentScript('http://app.expensein.com/'), false],
    [
      'a loopback page in a production build',
      'getBadges',
      contentScript('http://127.0.0.1:4020/admin/users'),
      false,
    ],
    [
      'a frame whose origin is not its URL',
      'getBadges',
      { id: extensionId, url: 'https://app.expensein.com/', origin: 'null', tab },
      false,
    ],
    [
      'another extension',
      'getBadges',
      { id: 'ponmlkjihgfedcbaponmlkjihgfedcba', url: 'https://app.expensein.com/', tab },
      false,
    ],
    ['no id at all', 'getOverview', { url: `${own}/popup.html` }, false],
    ['a page of our origin without a URL', 'getOverview', { id: extensionId, origin: own }, false],
  ])('%s: %s -> %s', (_who, type, sender, allowed) => {
    expect(production(type, sender)).toBe(allowed);
  });

  it('answers a loopback page in the sandbox build only', () => {
    const sender = contentScript('http://127.0.0.1:4020/admin/users');
    expect(sandbox('getBadges', sender)).toBe(true);
    expect(production('getBadges', sender)).toBe(false);
    expect(sandbox('getBadges', contentScript('http://192.168.1.5:4020/admin/users'))).toBe(false);
  });
});
