import type { FaultConfig } from './core/faults.ts';
import { FaultState, type SimulatorHandle, serveSimulator } from './core/serve-simulator.ts';
import { combineCompanies } from './data/combine-companies.ts';
import { generateCompanies } from './data/generate-companies.ts';
import type { GeneratedCompany } from './data/generate-company.ts';
import { generateOddEmployees, type OddEmployee } from './data/generate-odd-employees.ts';
import { createExpenseInSimulator } from './expensein/create-expensein-simulator.ts';
import type { ExpenseInState } from './expensein/types.ts';
import { createStaffologySimulator } from './staffology/create-staffology-simulator.ts';
import type { StaffologyState } from './staffology/types.ts';

export interface SandboxOptions {
  /** Seed of the demo company (default 1); company `i` of several uses `seed + i`. */
  seed?: number;
  /** Number of employees of each company (default about 60). */
  employees?: number;
  /** Whether each company includes the edge cases of the sync rules (default true). */
  scenarios?: boolean;
  /**
   * How many companies (default 1). Each is one Staffology employer and one ExpenseIn account with keys of its
   * own, served by the same two simulators; the single-company fields of the sandbox are the first company.
   */
  companies?: number;
  /**
   * With several companies, whether the first company's Staffology key sees every employer (default true), as a
   * payroll bureau's key would: the case of an employer picker. Every other key sees its own employer only.
   */
  firstStaffologyKeySeesAll?: boolean;
  /**
   * Edge-case employee records (data/generate-odd-employees.ts) added to the first company's employer, served as
   * they are, schema-breaking or not (default 0).
   */
  oddEmployees?: number;
  /** Faults switched on from the start; change them later with the handles or the control API. */
  faults?: { staffology?: FaultConfig; expensein?: FaultConfig };
  /** Fixed ports (default: random free ports). */
  ports?: { staffology?: number; expensein?: number };
  /** The simulators' "today" for leaver status (default: the real clock). */
  now?: () => Date;
}

/** One company of the sandbox: its Staffology employer and key, its ExpenseIn account's key, its generated data. */
export interface SandboxCompany {
  staffology: { apiKey: string; employerId: string };
  expensein: { apiKey: string };
  company: GeneratedCompany;
}

export interface Sandbox {
  staffology: {
    baseUrl: string;
    /** The first company's key (with several companies it sees every employer unless told otherwise). */
    apiKey: string;
    employerId: string;
    control: SimulatorHandle<StaffologyState>;
  };
  expensein: {
    baseUrl: string;
    /** The first company's key: the default account, the one the admin web UI shows. */
    apiKey: string;
    /** The admin web UI's Users list. */
    webUrl: string;
    control: SimulatorHandle<ExpenseInState>;
  };
  /** The first company. */
  company: GeneratedCompany;
  /** Every company, the first one first; all on the two base URLs above. */
  companies: SandboxCompany[];
  /** The edge-case records served after the first company's employees (`oddEmployees`), with what is odd. */
  oddEmployees: OddEmployee[];
  stop(): Promise<void>;
}

/** Starts both vendor simulators on 127.0.0.1 with one or several generated companies. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const generated = generateCompanies({
    count: options.companies ?? 1,
    seed: options.seed ?? 1,
    employees: options.employees ?? 60,
    includeScenarios: options.scenarios ?? true,
  });
  const states = combineCompanies(generated, {
    firstStaffologyKeySeesAll: options.firstStaffologyKeySeesAll ?? true,
  });
  const oddEmployees = generateOddEmployees({ seed: options.seed ?? 1, count: options.oddEmployees ?? 0 });
  if (oddEmployees.length > 0) {
    const employerId = generated[0]?.employerId ?? '';
    states.staffology.rawEmployees = { [employerId]: oddEmployees.map((odd) => odd.record) };
  }
  const staffologyFaults = new FaultState();
  const expenseinFaults = new FaultState();
  if (options.faults?.staffology) staffologyFaults.set(options.faults.staffology);
  if (options.faults?.expensein) expenseinFaults.set(options.faults.expensein);

  const staffology = await serveSimulator(
    createStaffologySimulator(states.staffology, staffologyFaults.current),
    {
      faultState: staffologyFaults,
      port: options.ports?.staffology,
    },
  );
  const expensein = await serveSimulator(
    createExpenseInSimulator(
      states.expensein,
      expenseinFaults.current,
      options.now ? { now: options.now } : {},
    ),
    { faultState: expenseinFaults, port: options.ports?.expensein },
  );
  const companies = generated.map((company) => ({
    staffology: { apiKey: company.keys.staffology, employerId: company.employerId },
    expensein: { apiKey: company.keys.expensein },
    company,
  }));
  const [first] = companies;
  if (!first) throw new Error('generateCompanies returned no company');
  return {
    staffology: { baseUrl: staffology.url, ...first.staffology, control: staffology },
    expensein: {
      baseUrl: expensein.url,
      ...first.expensein,
      webUrl: `${expensein.url}/admin/users`,
      control: expensein,
    },
    company: first.company,
    companies,
    oddEmployees,
    stop: async () => {
      await Promise.all([staffology.close(), expensein.close()]);
    },
  };
}
