import ipaddr from 'ipaddr.js';

/** One entry of STAFFSYNC_ALLOWED_HOSTS: a host on any port, or exactly one `host:port`. */
export interface AllowedHost {
  /** Lower case, no brackets around an IPv6 address, no trailing dot. */
  host: string;
  port: number | null;
}

/** The hosts staffsync may send requests to (PRODUCT.md 4.3): vendor base URLs and alert webhooks. */
export interface AllowedHosts {
  entries: readonly AllowedHost[];
}

/** PRODUCT.md 4.3: the two vendors' public APIs, nothing else, unless the operator says so. */
export const defaultAllowedHosts = 'api.staffology.co.uk,api.expensein.com';

export type OutboundUrlRule =
  | 'invalid_url'
  | 'credentials_in_url'
  | 'https_only'
  | 'private_address'
  | 'host_not_allowed';

export type OutboundUrlVerdict =
  | { ok: true; url: URL }
  | { ok: false; rule: OutboundUrlRule; message: string };

/**
 * Parses STAFFSYNC_ALLOWED_HOSTS: comma-separated `host` or `host:port` (`[::1]:8080` for IPv6).
 * @throws Error naming the entry that is not a host.
 */
export function parseAllowedHosts(text: string): AllowedHosts {
  const entries: AllowedHost[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    // A URL parser reads host and port the way the outbound URLs will be read, IPv6 brackets included.
    let parsed: URL;
    try {
      parsed = new URL(`https://${entry}`);
    } catch {
      throw new Error(`"${entry}" is not a host or host:port`);
    }
    const onlyHost = parsed.pathname === '/' && !parsed.search && !parsed.hash && !parsed.username;
    if (!onlyHost || entry.includes('/')) throw new Error(`"${entry}" is not a host or host:port`);
    const explicitPort = /:\d+$/.test(entry);
    entries.push({
      host: normaliseHost(parsed.hostname),
      // `new URL` drops a port equal to the scheme's default, so read it from the text.
      port: explicitPort ? Number(entry.slice(entry.lastIndexOf(':') + 1)) : null,
    });
  }
  return { entries };
}

/**
 * The one guard for every URL staffsync will send a request to (PRODUCT.md 4.3), pure so it is tested as a table:
 * `https` to a listed host; a loopback, private, link-local or otherwise non-public address, or plain `http`, only
 * when its exact `host:port` is listed. `label` names the setting or field in the message.
 */
export function checkOutboundUrl(text: string, allowed: AllowedHosts, label = 'the URL'): OutboundUrlVerdict {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('invalid_url', `${label} is not a valid URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse('https_only', `${label} must be an https URL`);
  }
  if (url.username !== '' || url.password !== '') {
    return refuse('credentials_in_url', `${label} must not carry a user name or password`);
  }
  const host = normaliseHost(url.hostname);
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  const hostPort = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const listedExactly = allowed.entries.some((entry) => entry.host === host && entry.port === port);
  if (listedExactly) return { ok: true, url };
  const rule = `(STAFFSYNC_ALLOWED_HOSTS, PRODUCT.md 4.3)`;
  if (url.protocol === 'http:') {
    return refuse(
      'https_only',
      `${label} must use https: plain http is allowed only for a host:port listed exactly in STAFFSYNC_ALLOWED_HOSTS, and ${hostPort} is not ${rule}`,
    );
  }
  const range = nonPublicRange(host);
  if (range !== null) {
    return refuse(
      'private_address',
      `${label} points at a ${range} address (${hostPort}): allowed only when that exact host:port is listed ${rule}`,
    );
  }
  const listed = allowed.entries.some((entry) => entry.host === host && entry.port === null);
  if (!listed) return refuse('host_not_allowed', `${label} host ${host} is not an allowed host ${rule}`);
  return { ok: true, url };
}

function refuse(rule: OutboundUrlRule, message: string): OutboundUrlVerdict {
  return { ok: false, rule, message };
}

function normaliseHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/**
 * What kind of non-public address `host` is, or null for a public address or an ordinary host name. IP literals
 * are judged by their range (an IPv4-mapped IPv6 address as the IPv4 one); `localhost` names the loopback. Host
 * names are not resolved here: a name must be listed to be allowed at all, so only the operator's own names pass.
 */
function nonPublicRange(host: string): string | null {
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  if (!ipaddr.isValid(host)) return null;
  const range = ipaddr.process(host).range();
  return range === 'unicast' ? null : describeRange(range);
}

function describeRange(range: string): string {
  const words: Record<string, string> = {
    loopback: 'loopback',
    private: 'private',
    linkLocal: 'link-local',
    uniqueLocal: 'unique-local (private)',
    unspecified: 'unspecified',
    carrierGradeNat: 'carrier-grade NAT (private)',
    multicast: 'multicast',
    broadcast: 'broadcast',
  };
  return words[range] ?? `reserved (${range})`;
}

/** A URL the allowed-hosts rule refuses; `field` names the request field or setting that holds it. */
export class RefusedUrlError extends Error {
  constructor(
    readonly field: string,
    readonly rule: OutboundUrlRule,
    message: string,
  ) {
    super(message);
    this.name = 'RefusedUrlError';
  }
}

/**
 * Throws RefusedUrlError unless `url` passes checkOutboundUrl: for the places that must refuse before any request
 * is sent (connect, reconnect, building a run's clients, posting an alert).
 */
export function requireAllowedUrl(url: string, allowed: AllowedHosts, field: string): void {
  const verdict = checkOutboundUrl(url, allowed, field);
  if (!verdict.ok) throw new RefusedUrlError(field, verdict.rule, verdict.message);
}
