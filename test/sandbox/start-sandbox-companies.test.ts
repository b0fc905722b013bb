import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateStaffologyResponse } from './openapi/staffology-schema-validator.ts';
import { type Sandbox, startSandbox } from './start-sandbox.ts';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, companies: 3, employees: 12, scenarios: false });
});
afterAll(async () => {
  await sandbox.stop();
});

const basic = (apiKey: string) => ({
  Authorization: `Basic ${Buffer.from(`staffsync:${apiKey}`).toString('base64')}`,
});
const staffologyGet = (path: string, apiKey: string) =>
  fetch(`${sandbox.staffology.baseUrl}${path}`, { headers: basic(apiKey) });
const expenseinGet = (path: string, apiKey: string) =>
  fetch(`${sandbox.expensein.baseUrl}${path}`, { headers: { Authorization: `ApiKey ${apiKey}` } });
const idsOf = async (response: Response) =>
  ((await response.json()) as { id: string | number }[]).map((x) => x.id);

describe('startSandbox with several companies', () => {
  it('returns every company, the first one behind the single-company fields', () => {
    const [first, ...others] = sandbox.companies;
    expect(sandbox.companies).toHaveLength(3);
    expect(first?.company).toBe(sandbox.company);
    expect(first?.staffology).toEqual({
      apiKey: sandbox.staffology.apiKey,
      employerId: sandbox.staffology.employerId,
    });
    expect(first?.expensein).toEqual({ apiKey: sandbox.expensein.apiKey });
    expect(new Set(others.map((c) => c.staffology.employerId)).size).toBe(2);
  });

  it('lets the first Staffology key pick any employer, and every other key only its own', async () => {
    const all = sandbox.companies.map((c) => c.staffology.employerId);
    const listed = await staffologyGet('/employers', sandbox.staffology.apiKey);
    expect(
      validateStaffologyResponse(
        { method: 'GET', path: '/employers', status: 200 },
        await listed.clone().json(),
      ),
    ).toEqual([]);
    expect(await idsOf(listed)).toEqual(all);
    for (const { staffology } of sandbox.companies.slice(1)) {
      expect(await idsOf(await staffologyGet('/employers', staffology.apiKey))).toEqual([
        staffology.employerId,
      ]);
      expect((await staffologyGet(`/employers/${all[0]}/employees`, staffology.apiKey)).status).toBe(403);
      expect(
        (await staffologyGet(`/employers/${staffology.employerId}/employees`, staffology.apiKey)).status,
      ).toBe(200);
      expect(
        (await staffologyGet(`/employers/${staffology.employerId}/employees`, sandbox.staffology.apiKey))
          .status,
      ).toBe(200);
    }
  });

  it('opens one ExpenseIn account per key on the same base URL, user ids unique across them', async () => {
    const seen = new Set<string | number>();
    for (const { expensein, company } of sandbox.companies) {
      const ids = await idsOf(await expenseinGet('/1.0/users', expensein.apiKey));
      expect(ids).toEqual(company.expensein.users.map((user) => user.id));
      for (const id of ids) expect(seen.has(id)).toBe(false);
      for (const id of ids) seen.add(id);
    }
    const [first, second] = sandbox.companies;
    const foreign = second?.company.expensein.users[0]?.id;
    expect((await expenseinGet(`/1.0/users/${foreign}`, first?.expensein.apiKey ?? '')).status).toBe(404);
  });

  it('keeps the admin web UI on the first company', async () => {
    const page = await (await fetch(sandbox.expensein.webUrl)).text();
    expect(page).toContain(sandbox.company.facts.companyName.replace('&', '&amp;'));
  });

  it('hands the control API every account, and takes back both shapes', async () => {
    const control = `${sandbox.expensein.baseUrl}/__control`;
    const post = (body: unknown) =>
      fetch(`${control}/load`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const state = await (await fetch(`${control}/state`)).json();
    expect(state.otherAccounts).toHaveLength(2);

    const third = sandbox.companies[2]?.expensein.apiKey ?? '';
    state.otherAccounts[1].users = [];
    expect((await post(state)).status).toBe(200);
    expect(await idsOf(await expenseinGet('/1.0/users', third))).toEqual([]);

    const { otherAccounts: _others, ...single } = state;
    expect((await post(single)).status).toBe(200);
    expect((await expenseinGet('/1.0/users', third)).status).toBe(401);

    await fetch(`${control}/reset`, { method: 'POST' });
    expect((await expenseinGet('/1.0/users', third)).status).toBe(200);
  });
});

describe('startSandbox with firstStaffologyKeySeesAll: false', () => {
  it('gives the first key its own employer only', async () => {
    const own = await startSandbox({
      seed: 11,
      companies: 2,
      employees: 0,
      scenarios: false,
      firstStaffologyKeySeesAll: false,
    });
    try {
      const response = await fetch(`${own.staffology.baseUrl}/employers`, {
        headers: basic(own.staffology.apiKey),
      });
      expect(await idsOf(response)).toEqual([own.staffology.employerId]);
    } finally {
      await own.stop();
    }
  });
});
