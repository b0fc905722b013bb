import type { FaultConfig } from './core/faults.ts';
import { FaultState, type SimulatorHandle, serveSimulator } from './core/serve-simulator.ts';
import { type GeneratedCompany, generateCompany } from './data/generate-company.ts';
import { createExpenseInSimulator } from './expensein/create-expensein-simulator.ts';
import type { ExpenseInState } from './expensein/types.ts';
import { createStaffologySimulator } from './staffology/create-staffology-simulator.ts';
import type { StaffologyState } from './staffology/types.ts';

export interface SandboxOptions {
  /** Seed of the demo company (default 1). */
  seed?: number;
  /** Number of employees (default about 60). */
  employees?: number;
  /** Whether the company includes the edge cases of the sync rules (default true). */
  scenarios?: boolean;
  /** Faults switched on from the start; change them later with the handles or the control API. */
  faults?: { staffology?: FaultConfig; expensein?: FaultConfig };
  /** Fixed ports (default: random free ports). */
  ports?: { staffology?: number; expensein?: number };
  /** The simulators' "today" for leaver status (default: the real clock). */
  now?: () => Date;
}

export interface Sandbox {
  staffology: {
    baseUrl: string;
    apiKey: string;
    employerId: string;
    control: SimulatorHandle<StaffologyState>;
  };
  expensein: {
    baseUrl: string;
    apiKey: string;
    /** The admin web UI's Users list. */
    webUrl: string;
    control: SimulatorHandle<ExpenseInState>;
  };
  company: GeneratedCompany;
  stop(): Promise<void>;
}

/** Starts both vendor simulators on 127.0.0.1 with a generated company. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const company = generateCompany({
    seed: options.seed ?? 1,
    employees: options.employees ?? 60,
    includeScenarios: options.scenarios ?? true,
  });
  const staffologyFaults = new FaultState();
  const expenseinFaults = new FaultState();
  if (options.faults?.staffology) staffologyFaults.set(options.faults.staffology);
  if (options.faults?.expensein) expenseinFaults.set(options.faults.expensein);

  const staffology = await serveSimulator(
    createStaffologySimulator(company.staffology, staffologyFaults.current),
    {
      faultState: staffologyFaults,
      port: options.ports?.staffology,
    },
  );
  const expensein = await serveSimulator(
    createExpenseInSimulator(
      company.expensein,
      expenseinFaults.current,
      options.now ? { now: options.now } : {},
    ),
    { faultState: expenseinFaults, port: options.ports?.expensein },
  );
  return {
    staffology: {
      baseUrl: staffology.url,
      apiKey: company.keys.staffology,
      employerId: company.employerId,
      control: staffology,
    },
    expensein: {
      baseUrl: expensein.url,
      apiKey: company.keys.expensein,
      webUrl: `${expensein.url}/admin/users`,
      control: expensein,
    },
    company,
    stop: async () => {
      await Promise.all([staffology.close(), expensein.close()]);
    },
  };
}
