import type { Hono } from 'hono';
import type { FaultConfig } from './faults.ts';

/**
 * What each vendor simulator provides; the core (`serve-simulator.ts`) wraps it with the control API
 * (`/__control/...`, loopback only), fault injection and the request log, and serves it on 127.0.0.1.
 */
export interface SimulatorBackend<S> {
  name: 'staffology' | 'expensein';
  /** Route keys ("GET /employers/:employerId/employees"), used to match faults and count requests. */
  routes: readonly string[];
  /** The vendor's routes only (no control routes, no faults). */
  app: Hono;
  /** Checks a state that arrived as JSON (control: load a scenario); throws an error naming the bad field. */
  parseState(input: unknown): S;
  /** Replace the whole state (control: load a scenario). */
  load(state: S): void;
  /** Back to the state the simulator was created with. */
  reset(): void;
  /** A deep copy of the current state. */
  snapshot(): S;
}

/** How a simulator reads the fault configuration in force (malformed records are the backend's job). */
export type FaultSource = () => FaultConfig;
