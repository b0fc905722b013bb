import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateStaffology } from './openapi/staffology-schema-validator.ts';
import { type Sandbox, startSandbox } from './start-sandbox.ts';

let sandbox: Sandbox;

function staffologyGet(path: string, apiKey = sandbox.staffology.apiKey): Promise<Response> {
  return fetch(`${sandbox.staffology.baseUrl}${path}`, {
    headers: { Authorization: `Basic ${Buffer.from(`staffsync:${apiKey}`).toString('base64')}` },
  });
}

function expenseinGet(path: string): Promise<Response> {
  return fetch(`${sandbox.expensein.baseUrl}${path}`, {
    headers: { Authorization: `ApiKey ${sandbox.expensein.apiKey}` },
  });
}

const employeesPath = () => `/employers/${sandbox.staffology.employerId}/employees`;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, employees: 40 });
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(async () => {
  sandbox.staffology.control.setFaults({});
  sandbox.expensein.control.setFaults({});
  sandbox.staffology.control.clearRequests();
  sandbox.expensein.control.clearRequests();
});

describe('startSandbox', () => {
  it('serves both simulators on 127.0.0.1 with the keys it returns', async () => {
    expect(sandbox.staffology.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await staffologyGet('/account')).status).toBe(200);
    expect((await staffologyGet('/account', 'wrong-key')).status).toBe(401);
    const users = await expenseinGet('/1.0/users');
    expect(users.status).toBe(200);
    expect(Array.isArray(await users.json())).toBe(true);
    expect((await fetch(sandbox.expensein.webUrl)).status).toBe(200);
  });

  it('counts requests by route, whatever the ids in the URL', async () => {
    const items = (await (await staffologyGet(employeesPath())).json()) as { id: string }[];
    for (const item of items.slice(0, 3)) await staffologyGet(`${employeesPath()}/${item.id}`);
    const log = sandbox.staffology.control.requests();
    expect(log.byRoute['GET /employers/:employerId/employees']).toBe(1);
    expect(log.byRoute['GET /employers/:employerId/employees/:id']).toBe(3);
    expect(log.byMethod).toEqual({ GET: 4 });
  });
});

describe('control API over HTTP', () => {
  it('reads state, loads a scenario and resets to the seeded company', async () => {
    const control = `${sandbox.expensein.baseUrl}/__control`;
    const state = await (await fetch(`${control}/state`)).json();
    const seededUsers = state.users.length;
    const loaded = await fetch(`${control}/load`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...state, users: state.users.slice(0, 2) }),
    });
    expect(loaded.status).toBe(200);
    expect(((await (await expenseinGet('/1.0/users')).json()) as unknown[]).length).toBe(2);
    await fetch(`${control}/reset`, { method: 'POST' });
    expect(((await (await expenseinGet('/1.0/users')).json()) as unknown[]).length).toBe(seededUsers);
  });

  it('sets and clears faults per route and reports the request log', async () => {
    const control = `${sandbox.staffology.baseUrl}/__control`;
    const put = await fetch(`${control}/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ routes: { 'GET /account': { errorRates: { '500': 1 } } } }),
    });
    expect(put.status).toBe(200);
    expect((await staffologyGet('/account')).status).toBe(500);
    expect((await staffologyGet('/employers')).status).toBe(200);
    await fetch(`${control}/faults`, { method: 'DELETE' });
    expect((await staffologyGet('/account')).status).toBe(200);
    const log = await (await fetch(`${control}/requests`)).json();
    expect(log.byStatus).toEqual({ '200': 2, '500': 1 });
  });
});

describe('faults', () => {
  it('answers 429 with Retry-After past the rate limit', async () => {
    sandbox.staffology.control.setFaults({ routes: { '*': { rateLimitPerSecond: 5 } } });
    const responses = await Promise.all(Array.from({ length: 8 }, () => staffologyGet('/account')));
    const limited = responses.filter((r) => r.status === 429);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(5);
    expect(limited).toHaveLength(3);
    for (const response of limited)
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('injects 503s at the configured rate', async () => {
    sandbox.expensein.control.setFaults({
      seed: 42,
      routes: { 'GET /1.0/departments': { errorRates: { '503': 0.2 } } },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push((await expenseinGet('/1.0/departments')).status);
    const failures = statuses.filter((s) => s === 503).length;
    // 300 draws at p = 0.2: mean 60, standard deviation about 7; the seed makes it repeatable.
    expect(failures).toBeGreaterThan(35);
    expect(failures).toBeLessThan(85);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
  });

  it('drops the connection without a response', async () => {
    sandbox.staffology.control.setFaults({ routes: { 'GET /account': { dropRate: 1 } } });
    await expect(staffologyGet('/account')).rejects.toThrow();
    expect(sandbox.staffology.control.requests().byStatus).toEqual({ dropped: 1 });
    expect((await staffologyGet('/employers')).status).toBe(200);
  });

  it('adds latency to the faulted route', async () => {
    sandbox.staffology.control.setFaults({ routes: { 'GET /account': { latencyMs: 120, jitterMs: 30 } } });
    const started = performance.now();
    await staffologyGet('/account');
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('switches the batch read off, so a client can be made to fall back to one GET per employee', async () => {
    const items = (await (await staffologyGet(employeesPath())).json()) as { id: string }[];
    const ids = items.slice(0, 3).map((item) => item.id);
    const batch = () =>
      fetch(`${sandbox.staffology.baseUrl}${employeesPath()}/list`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`staffsync:${sandbox.staffology.apiKey}`).toString('base64')}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(ids),
      });
    expect(((await (await batch()).json()) as { id: string }[]).map((e) => e.id)).toEqual(ids);

    const route = 'POST /employers/:employerId/employees/list';
    for (const refuseWith of [404, 405, 403] as const) {
      sandbox.staffology.control.setFaults({ routes: { [route]: { refuseWith } } });
      expect((await batch()).status).toBe(refuseWith);
      expect((await staffologyGet(`${employeesPath()}/${ids[0]}`)).status).toBe(200);
    }
    expect(sandbox.staffology.control.requests().byFault).toEqual({ refused: 3 });
  });

  it('serves a malformed employee record that breaks the official schema, and only that one', async () => {
    const items = (await (await staffologyGet(employeesPath())).json()) as { id: string }[];
    const [broken, fine] = items;
    if (!broken || !fine) throw new Error('the generated company has employees');
    sandbox.staffology.control.setFaults({ malformedRecords: [broken.id] });
    const brokenBody = await (await staffologyGet(`${employeesPath()}/${broken.id}`)).json();
    const fineBody = await (await staffologyGet(`${employeesPath()}/${fine.id}`)).json();
    expect(validateStaffology('Contract.EmployeeResponse', brokenBody).length).toBeGreaterThan(0);
    expect(validateStaffology('Contract.EmployeeResponse', fineBody)).toEqual([]);
  });
});

describe('startSandbox with edge-case employees', () => {
  it('serves them after the company, as they are, where a client lists and reads employees', async () => {
    const odd = await startSandbox({ seed: 2, employees: 40, oddEmployees: 30 });
    try {
      expect(odd.oddEmployees).toHaveLength(30);
      const path = `/employers/${odd.staffology.employerId}/employees`;
      const headers = {
        Authorization: `Basic ${Buffer.from(`x:${odd.staffology.apiKey}`).toString('base64')}`,
      };
      const items = (await (await fetch(`${odd.staffology.baseUrl}${path}`, { headers })).json()) as {
        id: unknown;
      }[];
      expect(items.slice(40).map((item) => item.id)).toEqual(odd.oddEmployees.map((e) => e.record.id));
      const [first] = odd.oddEmployees;
      const read = await fetch(`${odd.staffology.baseUrl}${path}/${String(first?.record.id)}`, { headers });
      expect(await read.json()).toEqual(first?.record);
    } finally {
      await odd.stop();
    }
  });
});
