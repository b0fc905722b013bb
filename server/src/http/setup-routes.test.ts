import {
  apiErrorSchema,
  connectResponseSchema,
  runDetailResponseSchema,
  type SetupCheck,
  setupCheckResponseSchema,
} from '@staffsync/shared';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// The vendors are the sandbox's simulators over real HTTP (STYLE.md 11: fake the platform, not our code).
import { type Sandbox, startSandbox } from '../../../test/sandbox/index.ts';
import { sandboxAllowedHosts } from '../../../test/sandbox/sandbox-allowed-hosts.ts';
import { createTestApp, type TestApp } from './create-test-app.ts';
import { type Canary, startCanary } from './start-canary.ts';

let sandbox: Sandbox;
let t: TestApp;

// Two companies; the first Staffology key sees both employers, as a payroll bureau's would (the employer picker).
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, employees: 40, companies: 2, firstStaffologyKeySeesAll: true });
}, 60_000);
afterAll(async () => sandbox?.stop());
afterEach(async () => {
  // PRODUCT.md 4.2: no answer ever carries an API key, the ones just sent included.
  const keys = sandbox.companies.flatMap((company) => [company.staffology.apiKey, company.expensein.apiKey]);
  for (const body of t.bodies) for (const key of keys) expect(body).not.toContain(key);
  await t.cleanup();
});

async function app(extraHosts: string[] = []): Promise<TestApp> {
  t = await createTestApp({ allowedHosts: sandboxAllowedHosts(sandbox, ...extraHosts) });
  return t;
}

function body(overrides: { staffologyKey?: string; expenseinKey?: string; employerId?: string } = {}) {
  return {
    staffology: {
      baseUrl: sandbox.staffology.baseUrl,
      apiKey: overrides.staffologyKey ?? sandbox.staffology.apiKey,
    },
    expensein: {
      baseUrl: sandbox.expensein.baseUrl,
      apiKey: overrides.expenseinKey ?? sandbox.expensein.apiKey,
    },
    ...(overrides.employerId === undefined ? {} : { employerId: overrides.employerId }),
  };
}

async function check(requestBody: unknown): Promise<SetupCheck> {
  const res = await t.call('/api/setup/check', { body: requestBody });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return setupCheckResponseSchema.parse(res.body);
}

/** Every row the check could have written, read from the database file itself. */
function storedRows(): Record<string, number> {
  const db = new Database(t.temp.file, { readonly: true });
  try {
    return Object.fromEntries(
      ['connections', 'runs', 'run_items', 'links', 'create_intents', 'held_leavers'].map((table) => [
        table,
        (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n,
      ]),
    );
  } finally {
    db.close();
  }
}

const nothingStored = {
  connections: 0,
  runs: 0,
  run_items: 0,
  links: 0,
  create_intents: 0,
  held_leavers: 0,
};

describe('POST /api/setup/check', { timeout: 30_000 }, () => {
  it('lists the employers the key sees with Staffology’s employee counts, and ExpenseIn’s setting and departments', async () => {
    await app();
    const result = await check(body());
    const employers = sandbox.staffology.control.backend.snapshot().employers;
    expect(result.credentials).toEqual({ staffology: 'ok', expensein: 'ok' });
    expect(result.employers).toEqual(
      employers.map((employer) => ({
        id: employer.id,
        name: employer.name,
        employeeCount: employer.employeeCount,
        employeeCountFrom: 'staffology',
      })),
    );
    expect(result.employers).toHaveLength(2);
    const account = sandbox.expensein.control.backend.snapshot();
    expect(result.userReferencesMustBeUnique).toBe(account.settings.userReferencesMustBeUnique);
    expect(result.departments.expensein).toEqual(account.departments.map((department) => department.name));
    // No employer chosen: nothing to compare or preview yet.
    expect(result.departments.staffology).toBeNull();
    expect(result.preview).toBeNull();
    expect(storedRows()).toEqual(nothingStored);
  });

  it('compares departments and previews the first sync of the chosen employer; the on-connect run does just that', async () => {
    await app();
    const { employerId } = sandbox.staffology;
    const result = await check({ ...body({ employerId }), includeBankDetails: true });
    expect(result.employerId).toBe(employerId);
    const facts = sandbox.company.facts;
    const unmatched = result.departments.staffology?.unmatched.map((department) => department.name);
    for (const department of facts.departmentOnlyInStaffology) expect(unmatched).toContain(department.title);
    for (const department of facts.departmentCaseSpacing) {
      expect(result.departments.staffology?.matched).toContainEqual({
        name: department.hrTitle,
        expenseInDepartmentId: department.expenseInDepartmentId,
      });
    }
    const preview = result.preview;
    if (!preview) throw new Error('no preview');
    expect(preview.status).toBe('partial');
    expect(preview.counts.created).toBeGreaterThanOrEqual(facts.newStarters.length);
    // Each skipped or conflicting employee named with its rule and reason (R1 here).
    const missingSurname = preview.problems.find(
      (problem) => problem.employeeNumber === facts.missingSurname[0],
    );
    expect(missingSurname).toMatchObject({
      severity: 'skipped',
      rule: 'R1',
      code: 'missing_required_fields',
    });
    expect(missingSurname?.message).toMatch(/Surname/);
    expect(preview.problems.map((problem) => problem.code)).toContain('duplicate_user_reference');
    if (result.userReferencesMustBeUnique === false) {
      expect(result.advice.join('\n')).toContain('User references must be unique');
    }
    expect(storedRows()).toEqual(nothingStored);

    // Connect with the same keys: the on-connect run does what the preview said, count for count.
    const { staffology, expensein } = body();
    const connected = await t.call('/api/connections', {
      body: { staffology: { ...staffology, employerId }, expensein, includeBankDetails: true },
    });
    expect(connected.status, JSON.stringify(connected.body)).toBe(201);
    const { runId } = connectResponseSchema.parse(connected.body);
    await t.runs.settled();
    const run = runDetailResponseSchema.parse((await t.call(`/api/runs/${runId}?pageSize=1`)).body).run;
    expect(run.trigger).toBe('connect');
    expect(run.status).toBe(preview.status);
    expect(run.counts).toEqual(preview.counts);
  });

  it('reads ExpenseIn once per check: the preview plans from the settings and departments the check read', async () => {
    await app();
    sandbox.expensein.control.clearRequests();
    await check(body({ employerId: sandbox.staffology.employerId }));
    expect(sandbox.expensein.control.requests().byRoute).toEqual({
      'GET /1.0/settings': 1,
      'GET /1.0/departments': 1,
      'GET /1.0/users': 1,
    });
  });

  it('answers a wrong Staffology key as its state, lists nothing and previews nothing, storing nothing', async () => {
    await app();
    const result = await check(
      body({ staffologyKey: 'not-a-staffology-key', employerId: sandbox.staffology.employerId }),
    );
    expect(result.credentials).toEqual({ staffology: 'invalid', expensein: 'ok' });
    expect(result.employers).toEqual([]);
    expect(result.preview).toBeNull();
    expect(result.departments.staffology).toBeNull();
    expect(storedRows()).toEqual(nothingStored);
  });

  it('answers a wrong ExpenseIn key as its state and previews nothing, storing nothing', async () => {
    await app();
    const result = await check(
      body({ expenseinKey: 'not-an-expensein-key', employerId: sandbox.staffology.employerId }),
    );
    expect(result.credentials).toEqual({ staffology: 'ok', expensein: 'invalid' });
    expect(result.employers.map((employer) => employer.id)).toContain(sandbox.staffology.employerId);
    expect(result.userReferencesMustBeUnique).toBeNull();
    expect(result.departments.expensein).toBeNull();
    expect(result.preview).toBeNull();
    expect(storedRows()).toEqual(nothingStored);
  });

  it('refuses an employer the key cannot see with 400 naming employerId, storing nothing', async () => {
    await app();
    const [first, second] = sandbox.companies;
    if (!first || !second) throw new Error('two companies expected');
    // The second company's key sees its own employer only.
    for (const employerId of [first.staffology.employerId, 'no-such-employer']) {
      const res = await t.call('/api/setup/check', {
        body: body({
          staffologyKey: second.staffology.apiKey,
          expenseinKey: second.expensein.apiKey,
          employerId,
        }),
      });
      expect(res.status, employerId).toBe(400);
      expect(apiErrorSchema.parse(res.body).error).toMatchObject({
        code: 'bad_request',
        field: 'employerId',
      });
    }
    expect(storedRows()).toEqual(nothingStored);
  });

  describe('allowed hosts (PRODUCT.md 4.3)', () => {
    let canary: Canary;
    afterEach(async () => canary.close());

    it('refuses a base URL outside the allowed hosts with 400 naming it, before any request', async () => {
      canary = await startCanary();
      await app();
      const cases = [
        [{ ...body(), staffology: { ...body().staffology, baseUrl: canary.url } }, 'staffology.baseUrl'],
        [
          { ...body(), expensein: { ...body().expensein, baseUrl: `${canary.url}/1.0` } },
          'expensein.baseUrl',
        ],
        [
          {
            ...body({ employerId: sandbox.staffology.employerId }),
            staffology: { ...body().staffology, baseUrl: `${canary.url}/` },
          },
          'staffology.baseUrl',
        ],
      ] as const;
      for (const [requestBody, field] of cases) {
        const res = await t.call('/api/setup/check', { body: requestBody });
        expect(res.status, field).toBe(400);
        const { error } = apiErrorSchema.parse(res.body);
        expect(error).toMatchObject({ code: 'bad_request', field });
        expect(error.message).toMatch(/STAFFSYNC_ALLOWED_HOSTS/);
      }
      expect(canary.hits()).toBe(0);
      expect(storedRows()).toEqual(nothingStored);
    });
  });

  it('names a missing key with 400', async () => {
    await app();
    const res = await t.call('/api/setup/check', { body: { ...body(), expensein: { apiKey: '' } } });
    expect(res.status).toBe(400);
    expect(apiErrorSchema.parse(res.body).error.field).toBe('expensein.apiKey');
  });
});
