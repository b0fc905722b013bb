import { join } from 'node:path';
import { withoutTrailingSlash } from '@staffsync/shared';
import { z } from 'zod';
import {
  type AllowedHosts,
  checkOutboundUrl,
  defaultAllowedHosts,
  parseAllowedHosts,
} from '../security/allowed-hosts.ts';
import { parseSecretKey } from '../store/secret-key.ts';
import { parseDuration } from './parse-duration.ts';

/** How one vendor client paces itself (PRODUCT.md 3: bounded concurrency, a timeout on every request, retries). */
export interface VendorHttpSettings {
  timeoutMs: number;
  retries: number;
  concurrency: number;
  /**
   * Requests per second to one vendor account, shared by every request of the process (PRODUCT.md 3: paced below
   * the vendor's limit); null = no client-side limit (429s are still honoured).
   */
  ratePerSecond: number | null;
  /** A `Retry-After` longer than this is not waited for: the run ends partial (or failed) saying so. */
  maxRetryAfterMs?: number;
}

/** The connection declared by the environment for headless use (PRODUCT.md 4.1). */
export interface EnvConnection {
  staffologyBaseUrl: string;
  staffologyApiKey: string;
  staffologyEmployerId: string;
  expenseinBaseUrl: string;
  expenseinApiKey: string;
  includeBankDetails: boolean;
  leaverGuardPercent: number | null;
  leaverGuardMin: number | null;
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export interface Settings {
  /** The database file as given (relative paths are resolved by the caller, see resolve-db-path.ts). */
  db: string;
  /**
   * STAFFSYNC_DATABASE_URL: a PostgreSQL database instead of the SQLite file (PRODUCT.md 4.5); runs are then jobs that
   * any number of `staffsync worker` processes share. null: the embedded default.
   */
  databaseUrl: string | null;
  secret: string | null;
  /** STAFFSYNC_KEY_FILE: the encryption key's file, when STAFFSYNC_SECRET is not set. */
  keyFile: string | null;
  /**
   * Where key files go when STAFFSYNC_KEY_FILE is not set: the user's config folder (XDG_CONFIG_HOME, else
   * ~/.config), apart from the database's folder, so a backup of data/ is not a backup of its key (PRODUCT.md 4.3).
   */
  keyDir: string | null;
  host: string;
  port: number;
  logLevel: LogLevel;
  /** Runs and their items older than this are pruned (PRODUCT.md 4.2: retention configurable). */
  retentionDays: number;
  /** STAFFSYNC_SYNC_EVERY: interval runs besides the 04:00 one, in minutes; null for none. */
  syncEveryMinutes: number | null;
  http: { staffology: VendorHttpSettings; expensein: VendorHttpSettings };
  /** Where requests may go (PRODUCT.md 4.3): vendor base URLs and alert webhooks. */
  allowedHosts: AllowedHosts;
  envConnection: EnvConnection | null;
}

/** A bad environment: the message names every offending variable (PRODUCT.md 4.1). */
export class EnvError extends Error {
  constructor(
    readonly variables: string[],
    message: string,
  ) {
    super(message);
    this.name = 'EnvError';
  }
}

/** The variables that declare a connection; all or none of them (PRODUCT.md 4.1). */
export const envConnectionVariables = [
  'STAFFOLOGY_BASE_URL',
  'STAFFOLOGY_API_KEY',
  'STAFFOLOGY_EMPLOYER_ID',
  'EXPENSEIN_BASE_URL',
  'EXPENSEIN_API_KEY',
] as const;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const text = z.string().trim().min(1);
// Not z.httpUrl(): its hostname check refuses 127.0.0.1, which the sandbox and tests use.
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const timeoutMs = int(100, 600_000).default(30_000);
const retries = int(0, 20).default(5);
const concurrency = int(1, 64).default(8);
// Neither vendor documents a rate limit (staffology-api.md 6, expensein.md 1.4): 20 a second is a polite default
// that still reads 2,000 employees a second with batch reads. 0 switches the client-side limit off.
const ratePerSecond = int(0, 10_000).default(20);
/** A duration setting (parseDuration's) from `minMs` to `maxMs`; `expected` says which, with examples. */
const duration = (minMs: number, maxMs: number, expected: string) =>
  z.string().transform((value, ctx) => {
    const parsed = parseDuration(value);
    if (parsed === null || parsed < minMs || parsed > maxMs) {
      ctx.addIssue({ code: 'custom', message: `must be a duration ${expected} (got "${value}")` });
      return z.NEVER;
    }
    return parsed;
  });
const dayMs = 24 * 3_600_000;
// How long a 429's Retry-After may make a run wait (a duration: 90s, 10m). Beyond it the run stops and says why.
const maxRetryAfter = duration(0, dayMs, 'up to 24h, such as 90s or 10m').default(10 * 60_000);

const envSchema = z.object({
  STAFFSYNC_DB: text.default('./data/staffsync.db'),
  STAFFSYNC_DATABASE_URL: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return null;
      let url: URL | null = null;
      try {
        url = new URL(value.trim());
      } catch {
        url = null;
      }
      if (!url || !['postgres:', 'postgresql:'].includes(url.protocol)) {
        // The value is not echoed: it may hold a password.
        ctx.addIssue({ code: 'custom', message: 'must be a postgres:// (or postgresql://) URL' });
        return z.NEVER;
      }
      return value.trim();
    }),
  STAFFSYNC_SECRET: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      try {
        parseSecretKey(value, 'STAFFSYNC_SECRET');
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      }
    }),
  STAFFSYNC_KEY_FILE: text.optional(),
  XDG_CONFIG_HOME: text.optional(),
  HOME: text.optional(),
  HOST: text.default('127.0.0.1'),
  // 8787 is the port the extension is built against (toolchain.md, gotcha 8).
  PORT: int(0, 65_535).default(8787),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  STAFFSYNC_ALLOWED_HOSTS: z
    .string()
    .default(defaultAllowedHosts)
    .transform((value, ctx) => {
      try {
        return parseAllowedHosts(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
  STAFFSYNC_RETENTION_DAYS: int(1, 36_500).default(365),
  // At least 5 minutes, so a run can end before the next one; in minutes.
  STAFFSYNC_SYNC_EVERY: duration(5 * 60_000, dayMs, 'from 5m to 24h, such as 30m or 2h')
    .optional()
    .transform((value) => (value === undefined ? null : Math.round(value / 60_000))),
  STAFFOLOGY_TIMEOUT_MS: timeoutMs,
  STAFFOLOGY_RETRIES: retries,
  STAFFOLOGY_CONCURRENCY: concurrency,
  STAFFOLOGY_RATE_PER_SECOND: ratePerSecond,
  STAFFOLOGY_MAX_RETRY_AFTER: maxRetryAfter,
  EXPENSEIN_TIMEOUT_MS: timeoutMs,
  EXPENSEIN_RETRIES: retries,
  EXPENSEIN_CONCURRENCY: concurrency,
  EXPENSEIN_RATE_PER_SECOND: ratePerSecond,
  EXPENSEIN_MAX_RETRY_AFTER: maxRetryAfter,
  STAFFOLOGY_BASE_URL: httpUrl.optional(),
  STAFFOLOGY_API_KEY: text.optional(),
  STAFFOLOGY_EMPLOYER_ID: text.optional(),
  EXPENSEIN_BASE_URL: httpUrl.optional(),
  EXPENSEIN_API_KEY: text.optional(),
  // PRODUCT.md 4.1: `true`/`false`, nothing looser, so a typo cannot quietly turn bank details on or off.
  INCLUDE_BANK_DETAILS: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true'),
  LEAVER_GUARD_PERCENT: int(0, 100).optional(),
  LEAVER_GUARD_MIN: int(0, 1_000_000).optional(),
});

type ParsedEnv = z.infer<typeof envSchema>;

/**
 * Parses the settings from an environment (`process.env` in `main`). Pure: no defaults read from the machine.
 * Empty values count as unset, as `FOO= cmd` means "no FOO" to most operators.
 * @throws EnvError naming every bad or missing variable.
 */
export function parseEnv(source: Record<string, string | undefined>): Settings {
  const present: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value.trim() !== '') present[key] = value;
  }
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? 'environment'),
      message: issue.message,
    }));
    throw new EnvError(
      [...new Set(problems.map((p) => p.variable))],
      `invalid environment: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`,
    );
  }
  const env = result.data;
  return {
    db: env.STAFFSYNC_DB,
    databaseUrl: env.STAFFSYNC_DATABASE_URL,
    secret: env.STAFFSYNC_SECRET ?? null,
    keyFile: env.STAFFSYNC_KEY_FILE ?? null,
    keyDir: keyDirOf(env),
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    retentionDays: env.STAFFSYNC_RETENTION_DAYS,
    syncEveryMinutes: env.STAFFSYNC_SYNC_EVERY,
    http: {
      staffology: vendorSettings(
        env.STAFFOLOGY_TIMEOUT_MS,
        env.STAFFOLOGY_RETRIES,
        env.STAFFOLOGY_CONCURRENCY,
        env.STAFFOLOGY_RATE_PER_SECOND,
        env.STAFFOLOGY_MAX_RETRY_AFTER,
      ),
      expensein: vendorSettings(
        env.EXPENSEIN_TIMEOUT_MS,
        env.EXPENSEIN_RETRIES,
        env.EXPENSEIN_CONCURRENCY,
        env.EXPENSEIN_RATE_PER_SECOND,
        env.EXPENSEIN_MAX_RETRY_AFTER,
      ),
    },
    allowedHosts: env.STAFFSYNC_ALLOWED_HOSTS,
    envConnection: envConnection(env),
  };
}

function vendorSettings(
  timeoutMs: number,
  retries: number,
  concurrency: number,
  ratePerSecond: number,
  maxRetryAfterMs: number,
): VendorHttpSettings {
  return {
    timeoutMs,
    retries,
    concurrency,
    ratePerSecond: ratePerSecond === 0 ? null : ratePerSecond,
    maxRetryAfterMs,
  };
}

function envConnection(env: ParsedEnv): EnvConnection | null {
  const missing = envConnectionVariables.filter((name) => env[name] === undefined);
  if (missing.length === envConnectionVariables.length) return null;
  if (missing.length > 0) {
    throw new EnvError(
      missing,
      `incomplete connection in the environment: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing ` +
        `(set all of ${envConnectionVariables.join(', ')}, or none)`,
    );
  }
  // PRODUCT.md 4.3: refused before any request is sent, here at start rather than at the first run.
  const refused = (['STAFFOLOGY_BASE_URL', 'EXPENSEIN_BASE_URL'] as const).flatMap((name) => {
    const verdict = checkOutboundUrl(env[name] ?? '', env.STAFFSYNC_ALLOWED_HOSTS, name);
    return verdict.ok ? [] : [{ name, message: verdict.message }];
  });
  if (refused.length > 0) {
    throw new EnvError(
      refused.map((problem) => problem.name),
      `invalid environment: ${refused.map((problem) => problem.message).join('; ')}`,
    );
  }
  return {
    staffologyBaseUrl: withoutTrailingSlash(env.STAFFOLOGY_BASE_URL ?? ''),
    staffologyApiKey: env.STAFFOLOGY_API_KEY ?? '',
    staffologyEmployerId: env.STAFFOLOGY_EMPLOYER_ID ?? '',
    expenseinBaseUrl: withoutTrailingSlash(env.EXPENSEIN_BASE_URL ?? ''),
    expenseinApiKey: env.EXPENSEIN_API_KEY ?? '',
    includeBankDetails: env.INCLUDE_BANK_DETAILS,
    leaverGuardPercent: env.LEAVER_GUARD_PERCENT ?? null,
    leaverGuardMin: env.LEAVER_GUARD_MIN ?? null,
  };
}

function keyDirOf(env: ParsedEnv): string | null {
  const config = env.XDG_CONFIG_HOME ?? (env.HOME === undefined ? undefined : join(env.HOME, '.config'));
  return config === undefined ? null : join(config, 'staffsync', 'keys');
}
