import { FaultState, type SimulatorHandle, serveSimulator } from '../../sandbox/core/serve-simulator.ts';
import { createExpenseInSimulator } from '../../sandbox/expensein/create-expensein-simulator.ts';
import type { ExpenseInState } from '../../sandbox/expensein/types.ts';

/** Serves the ExpenseIn simulator (API + admin web UI) on 127.0.0.1, a free port, with a fixed clock. */
export async function startExpenseInSandbox(
  state: ExpenseInState,
  now: Date,
): Promise<SimulatorHandle<ExpenseInState>> {
  const faultState = new FaultState();
  const backend = createExpenseInSimulator(state, faultState.current, { now: () => now });
  return serveSimulator(backend, { faultState });
}
