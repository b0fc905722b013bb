export type { FaultConfig, RouteFaults } from './core/faults.ts';
export type { SimulatorHandle } from './core/serve-simulator.ts';
export { generateOddEmployees, type OddEmployee } from './data/generate-odd-employees.ts';
export { type Sandbox, type SandboxCompany, type SandboxOptions, startSandbox } from './start-sandbox.ts';
