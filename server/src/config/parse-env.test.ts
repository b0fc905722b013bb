import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './parse-env.ts';
import { resolveDbPath } from './resolve-db-path.ts';

const connection = {
  STAFFOLOGY_BASE_URL: 'http://127.0.0.1:4001/',
  STAFFOLOGY_API_KEY: 'staffology-key',
  STAFFOLOGY_EMPLOYER_ID: 'employer-1',
  EXPENSEIN_BASE_URL: 'http://127.0.0.1:4002',
  EXPENSEIN_API_KEY: 'expensein-key',
  STAFFSYNC_ALLOWED_HOSTS: '127.0.0.1:4001,127.0.0.1:4002',
};

describe('parseEnv', () => {
  it('starts bare with defaults: a SQLite file under ./data/, loopback, no connection', () => {
    const settings = parseEnv({});
    expect(settings).toMatchObject({
      db: './data/staffsync.db',
      secret: null,
      host: '127.0.0.1',
      port: 8787,
      logLevel: 'info',
      envConnection: null,
      allowedHosts: {
        entries: [
          { host: 'api.staffology.co.uk', port: null },
          { host: 'api.expensein.com', port: null },
        ],
      },
    });
    expect(settings.http.staffology).toEqual({
      timeoutMs: 30_000,
      retries: 5,
      concurrency: 8,
      ratePerSecond: 20,
      maxRetryAfterMs: 600_000,
    });
  });

  it('reads the environment-declared connection, trimming trailing slashes from base URLs', () => {
    const settings = parseEnv({ ...connection, INCLUDE_BANK_DETAILS: 'true', LEAVER_GUARD_MIN: '3' });
    expect(settings.envConnection).toEqual({
      staffologyBaseUrl: 'http://127.0.0.1:4001',
      staffologyApiKey: 'staffology-key',
      staffologyEmployerId: 'employer-1',
      expenseinBaseUrl: 'http://127.0.0.1:4002',
      expenseinApiKey: 'expensein-key',
      includeBankDetails: true,
      leaverGuardPercent: null,
      leaverGuardMin: 3,
    });
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ PORT: '', INCLUDE_BANK_DETAILS: ' ' }).port).toBe(8787);
  });

  it('reads vendor pacing, 0 meaning no client-side rate limit', () => {
    const settings = parseEnv({ EXPENSEIN_RATE_PER_SECOND: '12', STAFFOLOGY_CONCURRENCY: '2' });
    expect(settings.http.expensein.ratePerSecond).toBe(12);
    expect(settings.http.staffology.concurrency).toBe(2);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['STAFFSYNC_RETENTION_DAYS', { STAFFSYNC_RETENTION_DAYS: '0' }],
    ['STAFFSYNC_SECRET', { STAFFSYNC_SECRET: 'too-short' }],
    ['EXPENSEIN_TIMEOUT_MS', { EXPENSEIN_TIMEOUT_MS: '1.5' }],
    ['STAFFOLOGY_BASE_URL', { ...connection, STAFFOLOGY_BASE_URL: 'ftp://example.com' }],
    ['INCLUDE_BANK_DETAILS', { ...connection, INCLUDE_BANK_DETAILS: 'yes' }],
    ['INCLUDE_BANK_DETAILS', { INCLUDE_BANK_DETAILS: 'TRUE' }],
    ['LEAVER_GUARD_PERCENT', { ...connection, LEAVER_GUARD_PERCENT: '101' }],
  ])('names %s when its value is bad', (variable, source) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(variable);
  });

  it.each([
    [['EXPENSEIN_API_KEY'], { ...connection, EXPENSEIN_API_KEY: undefined }],
    [
      ['STAFFOLOGY_API_KEY', 'STAFFOLOGY_EMPLOYER_ID', 'EXPENSEIN_BASE_URL', 'EXPENSEIN_API_KEY'],
      { STAFFOLOGY_BASE_URL: 'http://127.0.0.1:1' },
    ],
  ])('refuses a partial connection, naming %j', (missing, source) => {
    try {
      parseEnv(source);
      expect.unreachable('parseEnv accepted a partial connection');
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      expect((error as EnvError).variables).toEqual(missing);
      for (const name of missing) expect((error as EnvError).message).toContain(name);
    }
  });

  it('never echoes a secret value in its error', () => {
    expect(() => parseEnv({ STAFFSYNC_SECRET: 'hunter2-hunter2' })).toThrow(/^(?!.*hunter2)/s);
  });
});

describe('resolveDbPath', () => {
  it.each([
    ['./data/staffsync.db', { initCwd: '/repo', cwd: '/repo/server' }, '/repo/data/staffsync.db'],
    ['db.sqlite', { initCwd: undefined, cwd: '/srv' }, '/srv/db.sqlite'],
    ['/var/lib/staffsync.db', { initCwd: '/repo', cwd: '/repo/server' }, '/var/lib/staffsync.db'],
    [':memory:', { initCwd: '/repo', cwd: '/repo/server' }, ':memory:'],
  ])('resolves %s', (db, where, expected) => {
    expect(resolveDbPath(db, where)).toBe(expected);
  });

  it('refuses a base URL outside STAFFSYNC_ALLOWED_HOSTS at start, naming the variable', () => {
    const { STAFFSYNC_ALLOWED_HOSTS: _allowed, ...withoutHosts } = connection;
    expect(() => parseEnv(withoutHosts)).toThrow(/STAFFOLOGY_BASE_URL.*STAFFSYNC_ALLOWED_HOSTS/);
    try {
      parseEnv({ ...connection, STAFFSYNC_ALLOWED_HOSTS: '127.0.0.1:4001' });
      expect.unreachable('the ExpenseIn URL is not listed');
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      expect((error as EnvError).variables).toEqual(['EXPENSEIN_BASE_URL']);
    }
  });

  it('refuses an allowed-hosts entry that is not a host, naming it', () => {
    expect(() => parseEnv({ STAFFSYNC_ALLOWED_HOSTS: 'api.expensein.com,https://x.example/' })).toThrow(
      /STAFFSYNC_ALLOWED_HOSTS: "https:\/\/x.example\/" is not a host/,
    );
  });

  it('reads STAFFSYNC_SYNC_EVERY as minutes, and refuses a duration too short, too long or unreadable', () => {
    expect(parseEnv({}).syncEveryMinutes).toBeNull();
    expect(parseEnv({ STAFFSYNC_SYNC_EVERY: '30m' }).syncEveryMinutes).toBe(30);
    expect(parseEnv({ STAFFSYNC_SYNC_EVERY: '2h' }).syncEveryMinutes).toBe(120);
    for (const value of ['1m', '2d', 'often']) {
      expect(() => parseEnv({ STAFFSYNC_SYNC_EVERY: value })).toThrow(
        `STAFFSYNC_SYNC_EVERY: must be a duration from 5m to 24h, such as 30m or 2h (got "${value}")`,
      );
    }
  });

  it('reads a vendor’s MAX_RETRY_AFTER as a duration up to a day, and refuses one longer or unreadable', () => {
    expect(parseEnv({}).http.staffology.maxRetryAfterMs).toBe(600_000);
    const env = parseEnv({ STAFFOLOGY_MAX_RETRY_AFTER: '90s', EXPENSEIN_MAX_RETRY_AFTER: '0s' });
    expect(env.http.staffology.maxRetryAfterMs).toBe(90_000);
    expect(env.http.expensein.maxRetryAfterMs).toBe(0);
    for (const value of ['25h', '-1s', 'later']) {
      expect(() => parseEnv({ EXPENSEIN_MAX_RETRY_AFTER: value })).toThrow(
        `EXPENSEIN_MAX_RETRY_AFTER: must be a duration up to 24h, such as 90s or 10m (got "${value}")`,
      );
    }
  });

  it('reads STAFFSYNC_DATABASE_URL as PostgreSQL, none meaning the SQLite file; refuses another URL without echoing it', () => {
    expect(parseEnv({}).databaseUrl).toBeNull();
    expect(
      parseEnv({ STAFFSYNC_DATABASE_URL: 'postgres://staffsync:pw@db:5432/staffsync' }).databaseUrl,
    ).toBe('postgres://staffsync:pw@db:5432/staffsync');
    expect(parseEnv({ STAFFSYNC_DATABASE_URL: 'postgresql://db/staffsync' }).databaseUrl).toBe(
      'postgresql://db/staffsync',
    );
    for (const value of ['mysql://user:hunter2@db/x', 'not a url hunter2']) {
      let message = '';
      try {
        parseEnv({ STAFFSYNC_DATABASE_URL: value });
      } catch (error) {
        message = error instanceof Error ? error.message : String(error);
      }
      expect(message).toMatch(/STAFFSYNC_DATABASE_URL: must be a postgres:\/\//);
      expect(message).not.toContain('hunter2');
    }
  });
});
