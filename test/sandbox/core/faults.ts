import { z } from 'zod';

/**
 * Fault injection, per route, switchable at run time through the control API.
 * A route key is "METHOD /pattern" as a simulator declares it (e.g. "GET /employers/:employerId/employees"),
 * or "*" for every route. Every probability is drawn from one PRNG seeded by `FaultConfig.seed`, in the order
 * requests arrive, so the same requests in the same order meet the same faults.
 */
export interface RouteFaults {
  /** Added to every response. */
  latencyMs?: number;
  /** Uniform extra delay in [0, jitterMs). */
  jitterMs?: number;
  /** Requests per second allowed (a sliding one-second window); past it, 429 with Retry-After. */
  rateLimitPerSecond?: number;
  /**
   * Probability per status, e.g. { "503": 0.1 }, answered before the request is carried out. A 429 carries
   * `Retry-After: retryAfterSeconds`.
   */
  errorRates?: Partial<Record<InjectedErrorStatus, number>>;
  /** `Retry-After` (whole seconds) on a 429 from `errorRates` (default 1). */
  retryAfterSeconds?: number;
  /** Probability that the connection is destroyed without a response, before the request is carried out. */
  dropRate?: number;
  /**
   * Probability that the request is carried out (a POST creates, a PATCH updates) and then the connection is
   * destroyed without a response: the client cannot tell whether its write happened.
   */
  lostAnswerRate?: number;
  /** Probability that the request is carried out and then answered 503 instead of its result. */
  lostAnswer503Rate?: number;
  /**
   * Probability that the answer is held back for `stallMs` (or until the client gives up) and the connection then
   * closed without a response. The request is NOT carried out, so a client that times out may safely repeat it.
   */
  stallRate?: number;
  /** How long a stalled request is held (default 30,000 ms). */
  stallMs?: number;
  /**
   * Switches the route off: every request is answered with this status at once, as a server without the route
   * (404), without that method on it (405) or forbidding it (403) would. For testing a client's fallback, e.g.
   * from the batch read of employees to one GET per employee.
   */
  refuseWith?: 403 | 404 | 405;
}

export const INJECTED_ERROR_STATUSES = ['429', '500', '502', '503', '504'] as const;
export type InjectedErrorStatus = (typeof INJECTED_ERROR_STATUSES)[number];

export interface FaultConfig {
  routes?: Record<string, RouteFaults>;
  /**
   * Record ids (Staffology employee uuids, ExpenseIn user ids as strings) whose JSON the simulator serves
   * broken, so that the record fails the vendor's schema.
   */
  malformedRecords?: string[];
  /** Seed for the fault dice, so a fault run is repeatable. */
  seed?: number;
}

const probability = z.number().min(0).max(1);
const milliseconds = z.number().min(0);

const routeFaultsSchema: z.ZodType<RouteFaults> = z.strictObject({
  latencyMs: milliseconds.optional(),
  jitterMs: milliseconds.optional(),
  rateLimitPerSecond: z.number().int().min(0).optional(),
  errorRates: z.partialRecord(z.enum(INJECTED_ERROR_STATUSES), probability).optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  dropRate: probability.optional(),
  lostAnswerRate: probability.optional(),
  lostAnswer503Rate: probability.optional(),
  stallRate: probability.optional(),
  stallMs: milliseconds.optional(),
  refuseWith: z.union([z.literal(403), z.literal(404), z.literal(405)]).optional(),
});

const faultConfigSchema: z.ZodType<FaultConfig> = z.strictObject({
  routes: z.record(z.string(), routeFaultsSchema).optional(),
  malformedRecords: z.array(z.string()).optional(),
  seed: z.number().int().optional(),
});

/**
 * Fault configurations arrive as JSON through the control API (`PUT /__control/faults`); a misspelt option would
 * otherwise switch nothing on and the test would pass for the wrong reason, so unknown keys are refused.
 * Throws a ZodError naming the bad field.
 */
export function parseFaultConfig(input: unknown): FaultConfig {
  return faultConfigSchema.parse(input);
}
