import { describe, expect, it } from 'vitest';
import { checkOutboundUrl, defaultAllowedHosts, parseAllowedHosts } from './allowed-hosts.ts';

// Address tables only: nothing here sends a request anywhere (PRODUCT.md 4.3, the guard is pure).
const defaults = parseAllowedHosts(defaultAllowedHosts);
const withSandbox = parseAllowedHosts(`${defaultAllowedHosts},127.0.0.1:4010,[::1]:4020,hooks.example.com`);

const cases: [string, string, ReturnType<typeof parseAllowedHosts>, string | null][] = [
  ['the Staffology API', 'https://api.staffology.co.uk', defaults, null],
  ['the ExpenseIn API with its version segment', 'https://api.expensein.com/1.0', defaults, null],
  ['a listed host in capitals with a trailing dot', 'https://API.ExpenseIn.com./', defaults, null],
  ['a listed host on another port', 'https://api.expensein.com:8443', defaults, null],
  ['plain http to a listed host', 'http://api.expensein.com', defaults, 'https_only'],
  ['a host not listed', 'https://evil.example.com', defaults, 'host_not_allowed'],
  ['a look-alike host', 'https://api.expensein.com.evil.example', defaults, 'host_not_allowed'],
  ['ftp', 'ftp://api.expensein.com', defaults, 'https_only'],
  ['a user name in the URL', 'https://me@api.expensein.com', defaults, 'credentials_in_url'],
  ['not a URL', 'api.expensein.com', defaults, 'invalid_url'],
  ['loopback over http', 'http://127.0.0.1:8787', defaults, 'https_only'],
  ['loopback over https', 'https://127.0.0.1:8787', defaults, 'private_address'],
  ['localhost', 'https://localhost:3000', defaults, 'private_address'],
  ['a name under localhost', 'https://app.localhost', defaults, 'private_address'],
  ['loopback written in hex', 'https://0x7f.0.0.1', defaults, 'private_address'],
  ['loopback written as one number', 'https://2130706433', defaults, 'private_address'],
  ['a private 10/8 address', 'https://10.0.0.5', defaults, 'private_address'],
  ['a private 192.168/16 address', 'https://192.168.1.1', defaults, 'private_address'],
  ['a private 172.16/12 address', 'https://172.20.0.1', defaults, 'private_address'],
  ['the cloud metadata address (link-local)', 'https://169.254.169.254/latest', defaults, 'private_address'],
  ['carrier-grade NAT', 'https://100.64.0.1', defaults, 'private_address'],
  ['the unspecified address', 'https://0.0.0.0', defaults, 'private_address'],
  ['IPv6 loopback', 'https://[::1]:4020', defaults, 'private_address'],
  ['IPv4-mapped IPv6 loopback', 'https://[::ffff:127.0.0.1]', defaults, 'private_address'],
  ['IPv6 unique-local', 'https://[fd12:3456::1]', defaults, 'private_address'],
  ['IPv6 link-local', 'https://[fe80::1]', defaults, 'private_address'],
  ['a public IP not listed', 'https://8.8.8.8', defaults, 'host_not_allowed'],
  ['the sandbox, listed exactly, over http', 'http://127.0.0.1:4010', withSandbox, null],
  ['the sandbox host on another port', 'http://127.0.0.1:4011', withSandbox, 'https_only'],
  ['the sandbox host on another port, https', 'https://127.0.0.1:4011', withSandbox, 'private_address'],
  ['IPv6 loopback listed exactly', 'http://[::1]:4020/1.0', withSandbox, null],
  ['a listed webhook host', 'https://hooks.example.com/services/T0/B0/x', withSandbox, null],
];

describe('checkOutboundUrl', () => {
  it.each(cases)('%s: %s', (_name, url, allowed, rule) => {
    const verdict = checkOutboundUrl(url, allowed, 'staffology.baseUrl');
    expect(verdict.ok ? null : verdict.rule).toBe(rule);
    if (!verdict.ok) expect(verdict.message).toContain('staffology.baseUrl');
  });

  it('names the setting that lists allowed hosts when it refuses a host', () => {
    const verdict = checkOutboundUrl('https://10.0.0.5', defaults, 'alertWebhookUrl');
    expect(verdict).toMatchObject({ ok: false });
    if (!verdict.ok) expect(verdict.message).toMatch(/alertWebhookUrl.*private.*STAFFSYNC_ALLOWED_HOSTS/);
  });
});

describe('parseAllowedHosts', () => {
  it('reads hosts, host:port and bracketed IPv6', () => {
    expect(
      parseAllowedHosts(' api.expensein.com , 127.0.0.1:4010,[::1]:4020,, HOOKS.example.com ').entries,
    ).toEqual([
      { host: 'api.expensein.com', port: null },
      { host: '127.0.0.1', port: 4010 },
      { host: '::1', port: 4020 },
      { host: 'hooks.example.com', port: null },
    ]);
  });

  it('keeps a port equal to the https default', () => {
    expect(parseAllowedHosts('example.com:443').entries).toEqual([{ host: 'example.com', port: 443 }]);
  });

  it.each([
    'https://example.com',
    'example.com/path',
    'exa mple.com',
    'user@example.com',
    'example.com:99999',
  ])('refuses %s, naming it', (entry) => {
    expect(() => parseAllowedHosts(entry)).toThrow(entry);
  });
});
