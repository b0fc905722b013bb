/**
 * Fault injection, per route, switchable at run time through the control API.
 * A route key is "METHOD /pattern" as a simulator declares it (e.g. "GET /employers/:employerId/employees"),
 * or "*" for every route.
 */
export interface RouteFaults {
  /** Added to every response. */
  latencyMs?: number;
  /** Uniform extra delay in [0, jitterMs). */
  jitterMs?: number;
  /** Requests per second allowed (a sliding one-second window); past it, 429 with Retry-After. */
  rateLimitPerSecond?: number;
  /** Probability per status, e.g. { "503": 0.1 }. */
  errorRates?: Partial<Record<'500' | '502' | '503' | '504', number>>;
  /** Probability that the connection is destroyed without a response. */
  dropRate?: number;
}

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
