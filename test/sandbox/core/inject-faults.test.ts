import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newUser } from '../data/expensein-user.ts';
import { createExpenseInSimulator } from '../expensein/create-expensein-simulator.ts';
import type { ExpenseInState } from '../expensein/types.ts';
import { FaultState } from './fault-state.ts';
import type { RouteFaults } from './faults.ts';
import { type SimulatorHandle, serveSimulator } from './serve-simulator.ts';

const KEY = 'fault-test-key';
const CREATE = 'POST /1.0/users';
const UPDATE = 'PATCH /1.0/users/:id';

function initialState(): ExpenseInState {
  return {
    apiKeys: [{ key: KEY, permissions: ['Account Administrator'] }],
    settings: { userReferencesMustBeUnique: true },
    departments: [],
    users: [
      newUser({ id: 1, firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test', reference: 'E1' }),
    ],
    eventLog: [],
    accountName: 'Acme Ltd',
  };
}

let simulator: SimulatorHandle<ExpenseInState>;

beforeAll(async () => {
  const faultState = new FaultState();
  simulator = await serveSimulator(createExpenseInSimulator(initialState(), faultState.current), {
    faultState,
  });
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(() => {
  simulator.backend.reset();
  simulator.setFaults({});
  simulator.clearRequests();
});

function api(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${simulator.url}${path}`, {
    method,
    headers: { Authorization: `ApiKey ${KEY}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(signal ? { signal } : {}),
  });
}

const create = (reference: string, signal?: AbortSignal) =>
  api(
    'POST',
    '/1.0/users',
    { firstName: 'New', lastName: 'Starter', email: `${reference}@acme.test`, reference },
    signal,
  );
const references = () => simulator.backend.snapshot().users.map((user) => user.reference);
const faultOn = (route: string, faults: RouteFaults, seed?: number) =>
  simulator.setFaults({ routes: { [route]: faults }, ...(seed === undefined ? {} : { seed }) });

describe('lost answers: carried out, then the answer is lost', () => {
  it('creates the user, then destroys the connection, and logs the write it made', async () => {
    faultOn(CREATE, { lostAnswerRate: 1 });
    await expect(create('E2')).rejects.toThrow();
    expect(references()).toEqual(['E1', 'E2']);
    const [entry] = simulator.requests().entries;
    expect(entry).toMatchObject({ status: 'dropped', fault: 'lost-after-write', carriedOutStatus: 201 });
    expect(simulator.requests().byFault).toEqual({ 'lost-after-write': 1 });
  });

  it('updates the user, then answers 503 instead of the result', async () => {
    faultOn(UPDATE, { lostAnswer503Rate: 1 });
    const response = await api('PATCH', '/1.0/users/1', { lastName: 'Byron' });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: expect.stringMatching(/carried out/) });
    expect(simulator.backend.snapshot().users[0]?.lastName).toBe('Byron');
    expect(simulator.requests().entries[0]).toMatchObject({
      status: 503,
      fault: 'lost-after-write',
      carriedOutStatus: 200,
    });
  });

  it("records the route's refusal it lost, so a test can tell a lost write from a lost 409", async () => {
    faultOn(CREATE, { lostAnswerRate: 1 });
    await expect(create('E1')).rejects.toThrow();
    expect(references()).toEqual(['E1']);
    expect(simulator.requests().entries[0]?.carriedOutStatus).toBe(409);
  });
});

describe('stalls: held back, not carried out', () => {
  it('holds the answer until the client times out, and creates nothing', async () => {
    faultOn(CREATE, { stallRate: 1, stallMs: 20_000 });
    const started = performance.now();
    await expect(create('E2', AbortSignal.timeout(200))).rejects.toThrow();
    expect(references()).toEqual(['E1']);
    await expect.poll(() => simulator.requests().byFault).toEqual({ stall: 1 });
    // The simulator lets go when the client does, not 20 s later.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(simulator.requests().entries[0]).toMatchObject({ status: 'dropped', fault: 'stall' });
  });

  it('closes the connection without an answer after stallMs for a patient client', async () => {
    faultOn(CREATE, { stallRate: 1, stallMs: 150 });
    const started = performance.now();
    await expect(create('E2')).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(references()).toEqual(['E1']);
  });
});

describe('429 as a random error', () => {
  it('answers 429 with Retry-After in seconds, 1 by default, and carries nothing out', async () => {
    faultOn(CREATE, { errorRates: { '429': 1 } });
    const response = await create('E2');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    faultOn(CREATE, { errorRates: { '429': 1 }, retryAfterSeconds: 7 });
    expect((await create('E2')).headers.get('retry-after')).toBe('7');
    expect(references()).toEqual(['E1']);
    expect(simulator.requests().byFault).toEqual({ error: 2 });
  });
});

describe('refuseWith: a route switched off', () => {
  it.each([403, 404] as const)('answers %s at once and carries nothing out', async (status) => {
    faultOn(CREATE, { refuseWith: status, latencyMs: 5_000 });
    const response = await create('E2');
    expect(response.status).toBe(status);
    expect(references()).toEqual(['E1']);
    expect((await api('GET', '/1.0/users/1')).status).toBe(200);
    expect(simulator.requests().entries[0]).toMatchObject({ status, fault: 'refused' });
  });

  it('answers 405 with an empty Allow header', async () => {
    faultOn(CREATE, { refuseWith: 405 });
    const response = await create('E2');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('');
  });
});

describe('determinism', () => {
  async function statuses(seed: number): Promise<(number | 'dropped')[]> {
    simulator.backend.reset();
    simulator.clearRequests();
    faultOn(CREATE, { lostAnswer503Rate: 0.3, errorRates: { '429': 0.2 }, dropRate: 0.1 }, seed);
    for (let index = 0; index < 30; index++) await create(`S${index}`).catch(() => undefined);
    return simulator.requests().entries.map((entry) => entry.status);
  }

  it('meets the same faults for the same seed and requests, and other faults for another seed', async () => {
    const first = await statuses(11);
    expect(new Set(first)).toEqual(new Set([201, 503, 429, 'dropped']));
    expect(await statuses(11)).toEqual(first);
    expect(await statuses(12)).not.toEqual(first);
  });
});

describe('the control API checks what it is given', () => {
  it('refuses a misspelt fault option with 400 and keeps the faults in force', async () => {
    faultOn(CREATE, { dropRate: 0.5 });
    const response = await fetch(`${simulator.url}/__control/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ routes: { '*': { lostAnswerRates: 1 } } }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/lostAnswerRates/);
    expect(simulator.faults()).toEqual({ routes: { [CREATE]: { dropRate: 0.5 } } });
  });

  it('refuses a rate outside 0..1 and an unknown refusal status', () => {
    expect(() => faultOn('*', { stallRate: 2 })).toThrow();
    expect(() => simulator.setFaults({ routes: { '*': { refuseWith: 500 as 404 } } })).toThrow();
  });

  it('refuses a state that breaks the contract with 400, naming the field, and keeps the old one', async () => {
    const response = await fetch(`${simulator.url}/__control/load`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...initialState(), users: [{ id: 'x' }] }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/users/);
    expect(references()).toEqual(['E1']);
  });
});
