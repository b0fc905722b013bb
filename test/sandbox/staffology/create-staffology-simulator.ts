import type { FaultSource, SimulatorBackend } from '../core/simulator.ts';
import { parseStaffologyState } from './parse-staffology-state.ts';
import { buildStaffologyDirectory, type StaffologyDirectory } from './staffology-directory.ts';
import { createStaffologyRoutes, STAFFOLOGY_ROUTE_KEYS } from './staffology-routes.ts';
import type { StaffologyState } from './types.ts';

/**
 * The Staffology API simulator (PRODUCT.md sections 3.1 and 6): `GET /account`, employers, paged employee
 * `Item`s, one employee, the batch read of up to 100 employees, search by payroll code; HTTP Basic with the API
 * key as password; read only.
 * Malformed records come from `faults().malformedRecords` (see malform-employee-response.ts).
 * `initial` and every `load()` are parsed first (they arrive as JSON through the control API) and copied, so
 * the caller's objects never change what is served.
 */
export function createStaffologySimulator(
  initial: StaffologyState,
  faults: FaultSource,
): SimulatorBackend<StaffologyState> {
  const initialState = structuredClone(parseStaffologyState(initial));
  let directory: StaffologyDirectory = buildStaffologyDirectory(structuredClone(initialState));

  return {
    name: 'staffology',
    routes: STAFFOLOGY_ROUTE_KEYS,
    app: createStaffologyRoutes(() => directory, faults),
    parseState: parseStaffologyState,
    load(state) {
      directory = buildStaffologyDirectory(structuredClone(parseStaffologyState(state)));
    },
    reset() {
      directory = buildStaffologyDirectory(structuredClone(initialState));
    },
    snapshot: () => structuredClone(directory.state),
  };
}
