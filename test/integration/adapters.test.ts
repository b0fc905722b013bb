import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createExpenseInClient,
  createStaffologyClient,
  type RequestEvent,
  VendorError,
} from '../../server/src/adapters/index.ts';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';

// The vendor adapters against the sandbox over real HTTP (PRODUCT.md 3 and 6): a company of 250 (three batch
// reads of 100, PRODUCT.md 3.1), no latency, faults switched on per test.
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, employees: 250 });
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
});

beforeEach(() => {
  for (const vendor of [sandbox.staffology, sandbox.expensein]) {
    vendor.control.setFaults({});
    vendor.control.clearRequests();
  }
});

/** Fast backoff, so fault tests spend their time on requests rather than waits. */
const quickRetries = { retries: 10, backoffBaseMs: 5, backoffCapMs: 50 };

const listPage = 'GET /employers/:employerId/employees';
const employeeRead = 'GET /employers/:employerId/employees/:id';
const batchRead = 'POST /employers/:employerId/employees/list';

function staffology(overrides: Partial<Parameters<typeof createStaffologyClient>[0]> = {}) {
  return createStaffologyClient({
    baseUrl: sandbox.staffology.baseUrl,
    apiKey: sandbox.staffology.apiKey,
    employerId: sandbox.staffology.employerId,
    pageSize: 10,
    http: quickRetries,
    ...overrides,
  });
}

function expensein(overrides: Partial<Parameters<typeof createExpenseInClient>[0]> = {}) {
  return createExpenseInClient({
    baseUrl: sandbox.expensein.baseUrl,
    apiKey: sandbox.expensein.apiKey,
    http: quickRetries,
    ...overrides,
  });
}

function hrEmployees() {
  return sandbox.staffology.control.backend.snapshot().employees[sandbox.staffology.employerId] ?? [];
}

async function vendorFailure(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof VendorError)) throw new Error(`expected a VendorError, got ${String(error)}`);
  return error;
}

describe('Staffology adapter against the sandbox', { timeout: 30_000 }, () => {
  it('fetches every employee with list pages and batch reads of 100, sending no POST but the batch read', async () => {
    const expected = hrEmployees();
    expect(expected).toHaveLength(250);
    const client = staffology({ pageSize: 100, http: { ...quickRetries, retries: 0 } });

    const { employees, invalidRecords } = await client.fetchEmployees({ includeBankDetails: true });

    expect(invalidRecords).toEqual([]);
    // In list order (the sandbox lists employees as it holds them).
    expect(employees.map((e) => e.sourceId)).toEqual(expected.map((e) => e.id));
    let log = sandbox.staffology.control.requests();
    // ceil(250 / 100) pages, the last one short, and page 3, asked ahead with it in vain; ceil(250 / 100) batch reads
    // and no read of one employee.
    expect(log.byRoute).toEqual({ [listPage]: 4, [batchRead]: 3 });

    sandbox.staffology.control.clearRequests();
    const first = expected[0];
    if (!first) throw new Error('the sandbox company has no employees');
    await expect(client.findByPayrollCode(first.employmentDetails.payrollCode)).resolves.toMatchObject({
      id: first.id,
    });
    await expect(client.findByPayrollCode('NO-SUCH-CODE')).resolves.toBeNull();
    await expect(client.getEmployer()).resolves.toMatchObject({ id: sandbox.staffology.employerId });

    log = sandbox.staffology.control.requests();
    expect(Object.keys(log.byMethod)).toEqual(['GET']);
  });

  it('makes one more list page when the last page is full', async () => {
    const { employees } = await staffology({ pageSize: 125 }).fetchEmployees({ includeBankDetails: false });

    expect(employees).toHaveLength(250);
    // Pages 0 and 1 full, page 2 empty, page 3 asked ahead with it in vain.
    expect(sandbox.staffology.control.requests().byRoute).toEqual({ [listPage]: 4, [batchRead]: 3 });
  });

  it('reads the same employees with one GET each when the batch route is switched off (404)', async () => {
    const batched = await staffology().fetchEmployees({ includeBankDetails: true });
    sandbox.staffology.control.setFaults({ routes: { [batchRead]: { refuseWith: 404 } } });
    sandbox.staffology.control.clearRequests();
    const fallbacks: string[] = [];

    const oneByOne = await staffology({ onFallback: (reason) => fallbacks.push(reason) }).fetchEmployees({
      includeBankDetails: true,
    });

    expect(oneByOne).toEqual(batched);
    expect(fallbacks).toHaveLength(1);
    const log = sandbox.staffology.control.requests();
    expect(log.byRoute[employeeRead]).toBe(250);
    expect(new Set(log.entries.filter((e) => e.routeKey === employeeRead).map((e) => e.path)).size).toBe(250);
    // Only the batches already in flight when the first refusal came back were sent.
    expect(log.byRoute[batchRead]).toBeGreaterThanOrEqual(1);
    expect(log.byRoute[batchRead]).toBeLessThanOrEqual(3);
  });

  it('waits at least as long as Retry-After asks after a 429', async () => {
    sandbox.staffology.control.setFaults({ routes: { 'GET /account': { rateLimitPerSecond: 1 } } });
    const events: RequestEvent[] = [];
    const client = staffology({ onRequest: (event) => events.push(event) });

    await client.testConnection();
    const started = performance.now();
    await client.testConnection();
    const waited = performance.now() - started;

    // The sandbox asks for whole seconds (at least 1).
    expect(waited).toBeGreaterThanOrEqual(1000);
    expect(events.map((e) => [e.attempt, e.status])).toEqual([
      [1, 200],
      [1, 429],
      [2, 200],
    ]);
    expect(sandbox.staffology.control.requests().byStatus['429']).toBe(1);
  });

  it('retries injected 503s and dropped connections, the batch read like a GET, until every employee is read', async () => {
    sandbox.staffology.control.setFaults({
      seed: 5,
      routes: { [batchRead]: { errorRates: { '503': 0.3 }, dropRate: 0.3 } },
    });

    const { employees, invalidRecords } = await staffology().fetchEmployees({ includeBankDetails: false });

    expect(invalidRecords).toEqual([]);
    expect(employees).toHaveLength(hrEmployees().length);
    expect(employees.every((e) => e.bank === null)).toBe(true);
    const { entries, byRoute } = sandbox.staffology.control.requests();
    const batchStatuses = entries.filter((e) => e.routeKey === batchRead).map((e) => e.status);
    expect(batchStatuses).toContain(503);
    expect(batchStatuses).toContain('dropped');
    expect(batchStatuses.filter((status) => status === 200)).toHaveLength(3);
    expect(byRoute[employeeRead]).toBeUndefined();
  });

  it('turns a malformed employee into one invalid record and reads the rest', async () => {
    const [broken, ...rest] = hrEmployees();
    if (!broken) throw new Error('the sandbox company has no employees');
    sandbox.staffology.control.setFaults({ malformedRecords: [broken.id] });

    const { employees, invalidRecords } = await staffology().fetchEmployees({ includeBankDetails: false });

    expect(invalidRecords).toHaveLength(1);
    expect(invalidRecords[0]).toMatchObject({
      vendor: 'staffology',
      sourceId: broken.id,
      employeeNumber: broken.employmentDetails.payrollCode,
    });
    expect(employees.map((e) => e.sourceId).sort()).toEqual(rest.map((e) => e.id).sort());
    // Found in the batch answer: not read again on its own.
    expect(sandbox.staffology.control.requests().byRoute[employeeRead]).toBeUndefined();
  });

  it('reports a wrong API key as an auth error that does not repeat the key', async () => {
    const error = await vendorFailure(staffology({ apiKey: 'not-the-right-key-42' }).testConnection());
    expect(error).toMatchObject({ vendor: 'staffology', kind: 'auth', status: 401, attempts: 1 });
    expect(error.message).not.toContain('not-the-right-key-42');
  });

  it('lists the employers the key sees, and reads an employer with its employee count', async () => {
    const client = staffology({ employerId: 'not-used-by-these-calls' });
    const listed = await client.listEmployers();
    expect(listed.map((item) => [item.id, item.name])).toEqual([
      [sandbox.staffology.employerId, sandbox.company.facts.companyName],
    ]);
    // Staffology's own figure (the sandbox's: current employees), not a count of the employee list.
    const held = sandbox.staffology.control.backend
      .snapshot()
      .employers.find((employer) => employer.id === sandbox.staffology.employerId);
    expect(held?.employeeCount).toBeGreaterThan(0);
    await expect(client.getEmployer(sandbox.staffology.employerId)).resolves.toEqual({
      id: sandbox.staffology.employerId,
      name: sandbox.company.facts.companyName,
      employeeCount: held?.employeeCount,
    });
    expect(sandbox.staffology.control.requests().byRoute).toEqual({
      'GET /employers': 1,
      'GET /employers/:employerId': 1,
    });
  });

  it('never trips the sandbox rate limiter when sending at exactly its limit', async () => {
    sandbox.staffology.control.setFaults({ routes: { '*': { rateLimitPerSecond: 20 } } });
    // No retries: a single 429 fails the fetch.
    const client = staffology({ http: { retries: 0, concurrency: 8, ratePerSecond: 20 } });

    const { employees } = await client.fetchEmployees({ includeBankDetails: false });

    expect(employees).toHaveLength(hrEmployees().length);
    const log = sandbox.staffology.control.requests();
    // Pages of 10: 26 list pages and 3 batch reads.
    expect(log.total).toBeGreaterThan(20);
    expect(log.byStatus['429']).toBeUndefined();
  });
});

describe('ExpenseIn adapter against the sandbox', { timeout: 30_000 }, () => {
  it('lists every user, and a malformed one as an invalid record naming the user', async () => {
    const state = sandbox.expensein.control.backend.snapshot();
    const broken = state.users[0];
    if (!broken) throw new Error('the sandbox company has no ExpenseIn users');
    sandbox.expensein.control.setFaults({ malformedRecords: [String(broken.id)] });

    const { users, invalidRecords } = await expensein().listUsers();

    expect(users).toHaveLength(state.users.length - 1);
    expect(invalidRecords).toEqual([
      expect.objectContaining({ vendor: 'expensein', userId: broken.id, employeeNumber: broken.reference }),
    ]);
  });

  it('creates a user, reads it back, updates only the given fields and clears its leave date', async () => {
    const client = expensein();
    const [department] = await client.listDepartments();
    await expect(client.getSettings()).resolves.toEqual({
      userReferencesMustBeUnique: expect.any(Boolean),
    });

    const created = await client.createUser({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada.lovelace.adapter-test@example.com',
      reference: 'ADAPTER-0001',
      departmentId: department?.id ?? null,
      bankDetails: { accountName: 'A Lovelace', sortCode: '20-00-00', accountNumber: '12345678' },
    });
    expect(created).toMatchObject({
      firstName: 'Ada',
      reference: 'ADAPTER-0001',
      inviteStatus: 'NotInvited',
      expensePolicyId: null,
      approvalFlowId: null,
      leaveDate: null,
    });
    expect(created.bankDetails?.accountNumber).toBe('12345678');

    const updated = await client.updateUser(created.id, { lastName: 'King', leaveDate: '2030-01-31' });
    expect(updated).toMatchObject({
      id: created.id,
      firstName: 'Ada',
      lastName: 'King',
      leaveDate: '2030-01-31',
    });
    await client.updateUser(created.id, { leaveDate: null });
    await expect(client.getUser(created.id)).resolves.toMatchObject({
      ok: true,
      user: { lastName: 'King', leaveDate: null, email: 'ada.lovelace.adapter-test@example.com' },
    });

    const log = sandbox.expensein.control.requests();
    expect(log.byRoute['POST /1.0/users']).toBe(1);
    expect(log.byRoute['PATCH /1.0/users/:id']).toBe(2);
  });

  it('reports a taken email as a conflict naming the field, sent once', async () => {
    const client = expensein();
    const { users } = await client.listUsers();
    const taken = users[0];
    if (!taken) throw new Error('the sandbox company has no ExpenseIn users');

    const error = await vendorFailure(
      client.createUser({
        firstName: 'Copy',
        lastName: 'Cat',
        email: taken.email,
        reference: 'ADAPTER-0002',
      }),
    );

    expect(error).toMatchObject({ vendor: 'expensein', kind: 'conflict', status: 409, method: 'POST' });
    expect(Object.keys(error.fieldErrors)).toContain('email');
    expect(sandbox.expensein.control.requests().byRoute['POST /1.0/users']).toBe(1);
  });

  it('reports a wrong API key as an auth error', async () => {
    const error = await vendorFailure(expensein({ apiKey: 'wrong-expensein-key-42' }).listUsers());
    expect(error).toMatchObject({ vendor: 'expensein', kind: 'auth', status: 401 });
    expect(error.message).not.toContain('wrong-expensein-key-42');
  });
});
