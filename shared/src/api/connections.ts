import { z } from 'zod';
import { timestampSchema } from './common.ts';
import { runSummarySchema } from './runs.ts';

const httpUrl = z.url({ protocol: /^https?$/ });

/** A connection as the API shows it: never its credentials. */
export const connectionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(['connected', 'disconnected']),
  source: z.enum(['env', 'api']),
  staffology: z.object({ baseUrl: z.string(), employerId: z.string() }),
  expensein: z.object({ baseUrl: z.string() }),
  includeBankDetails: z.boolean(),
  leaverGuardPercent: z.number(),
  leaverGuardMin: z.number().int(),
  alertWebhookUrl: z.string().nullable(),
  /** Runs every this many minutes besides the daily one; null: the server's default. */
  syncEveryMinutes: z.number().int().nullable(),
  createdAt: timestampSchema,
  connectedAt: timestampSchema.nullable(),
});
export type Connection = z.infer<typeof connectionSchema>;

export const connectionListResponseSchema = z.object({ connections: z.array(connectionSchema) });

/**
 * A base URL as staffsync keeps and compares it: without trailing slashes, so `https://api.expensein.com/` and
 * `https://api.expensein.com` are one address and paths join with one `/`.
 */
export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The vendors' public APIs: where a connection points unless told otherwise. */
export const publicApiUrls = {
  staffology: 'https://api.staffology.co.uk',
  expensein: 'https://api.expensein.com',
} as const;

export const connectRequestSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  staffology: z.object({
    baseUrl: httpUrl.default(publicApiUrls.staffology),
    apiKey: z.string().min(1),
    employerId: z.string().min(1),
  }),
  expensein: z.object({
    baseUrl: httpUrl.default(publicApiUrls.expensein),
    apiKey: z.string().min(1),
  }),
  includeBankDetails: z.boolean().default(false),
  alertWebhookUrl: httpUrl.nullable().optional(),
});
export type ConnectRequest = z.infer<typeof connectRequestSchema>;

/** Reconnect: new credentials, same settings (PRODUCT.md 4.3; ExpenseIn keeps mappings on reconnect). */
export const reconnectRequestSchema = z.object({
  staffology: z.object({ apiKey: z.string().min(1) }).optional(),
  expensein: z.object({ apiKey: z.string().min(1) }).optional(),
});

export const connectResponseSchema = z.object({
  connection: connectionSchema,
  /** The on-connect (or on-reconnect) sync that was started. */
  runId: z.number().int().nullable(),
});

export const disconnectResponseSchema = z.object({ connection: connectionSchema });

/**
 * A connection's settings, each changed only when sent (set-up step 2 of an existing connection). The leaver guard
 * (R17) and the interval take the ranges the environment takes (LEAVER_GUARD_*, STAFFSYNC_SYNC_EVERY: 5 minutes to a
 * day); `alertWebhookUrl: null` removes the webhook, `syncEveryMinutes: null` gives the server's default.
 */
export const connectionSettingsRequestSchema = z.object({
  includeBankDetails: z.boolean().optional(),
  leaverGuardPercent: z.number().int().min(0).max(100).optional(),
  leaverGuardMin: z.number().int().min(0).max(1_000_000).optional(),
  alertWebhookUrl: httpUrl.nullable().optional(),
  syncEveryMinutes: z.number().int().min(5).max(1440).nullable().optional(),
});
export type ConnectionSettingsRequest = z.infer<typeof connectionSettingsRequestSchema>;

export const connectionSettingsResponseSchema = z.object({ connection: connectionSchema });

export const credentialStateSchema = z.enum(['ok', 'invalid', 'forbidden', 'unreachable']);

export const connectionHealthSchema = z.object({
  connection: connectionSchema,
  lastRun: runSummarySchema.nullable(),
  nextRunAt: timestampSchema.nullable(),
  credentials: z.object({ staffology: credentialStateSchema, expensein: credentialStateSchema }),
  /** ExpenseIn's "User references must be unique" (null when ExpenseIn could not be asked). */
  userReferencesMustBeUnique: z.boolean().nullable(),
  /** Things an administrator should do, e.g. turn on "User references must be unique". */
  advice: z.array(z.string()),
});
export type ConnectionHealth = z.infer<typeof connectionHealthSchema>;
