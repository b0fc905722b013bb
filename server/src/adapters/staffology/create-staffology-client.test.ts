import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { HrEmployee } from '@staffsync/shared';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpSettings } from '../http/http-settings.ts';
import { isVendorError } from '../http/vendor-error.ts';
import { createStaffologyClient } from './create-staffology-client.ts';

const employerId = 'emp-1';
const apiKey = 'staffology-test-key';
const recorded = JSON.parse(
  readFileSync(new URL('./fixtures/employee-known-as.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

function employee(n: number) {
  return {
    ...recorded,
    id: `id-${n}`,
    employmentDetails: { payrollCode: `E${n}`, department: { code: 'OPS', title: 'Operations' } },
  };
}

interface Quirks {
  ignorePaging?: boolean;
  /** Read one by one (left out of batch answers), and then answered broken. */
  broken?: Record<string, 'json' | 404>;
  /** Left out of batch answers, though the one-by-one read finds them. */
  notInBatch?: string[];
  /** Served in batch answers failing the schema (no personalDetails). */
  malformed?: string[];
  /** The batch route answers this status, every time. */
  refuseBatch?: 400 | 404 | 405;
  /** The first this many batch calls answer 503. */
  unavailableBatches?: number;
  /** Batch calls answer this many ms late. */
  slowBatchMs?: number;
  /** The list page of this pageNum answers 503. */
  unavailablePage?: number;
}

interface Hit {
  method: string;
  path: string;
  /** For a batch read: the ids asked for. */
  ids: unknown;
}

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/**
 * A Staffology stand-in on a real socket (127.0.0.1): the paths of PRODUCT.md 3.1, Basic auth, zero-based paging
 * and the batch read, with knobs for the odd servers a client must survive.
 */
async function fakeStaffology(count: number, quirks: Quirks = {}) {
  const employees = Array.from({ length: count }, (_, i) => employee(i + 1));
  const hits: Hit[] = [];
  let batchCalls = 0;
  const app = new Hono();
  app.use('*', async (c, next) => {
    const ids = c.req.method === 'POST' ? await c.req.json() : null;
    hits.push({ method: c.req.method, path: `${c.req.path}${new URL(c.req.url).search}`, ids });
    const [, password] = atob((c.req.header('Authorization') ?? '').replace(/^Basic /, '')).split(':');
    if (password !== apiKey) return c.json({ message: 'Unauthorized' }, 401);
    await next();
  });
  app.get('/account', (c) => c.json({ emailAddress: 'api@example.com' }));
  const item = (e: ReturnType<typeof employee>) => ({
    id: e.id,
    name: 'Robert Jones',
    metadata: { payrollCode: e.employmentDetails.payrollCode },
    url: null,
  });
  app.get(`/employers/${employerId}/employees`, (c) => {
    const list = [...employees.map(item), { name: 'no id here' }];
    if (quirks.ignorePaging) return c.json(list);
    const pageNum = Number(c.req.query('pageNum'));
    const pageSize = Number(c.req.query('pageSize'));
    if (pageNum === quirks.unavailablePage) return c.json({ message: 'Busy' }, 503);
    return c.json(list.slice(pageNum * pageSize, (pageNum + 1) * pageSize));
  });
  app.get(`/employers/${employerId}/employees/search/payrollcode`, (c) => {
    const found = employees.find((e) => e.employmentDetails.payrollCode === c.req.query('code'));
    return found ? c.json(item(found)) : c.json({ message: 'Not found' }, 404);
  });
  app.post(`/employers/${employerId}/employees/list`, async (c) => {
    batchCalls++;
    if (quirks.refuseBatch) return c.json({ message: 'No' }, quirks.refuseBatch);
    if (batchCalls <= (quirks.unavailableBatches ?? 0)) return c.json({ message: 'Busy' }, 503);
    if (quirks.slowBatchMs) await new Promise((resolve) => setTimeout(resolve, quirks.slowBatchMs));
    const ids: unknown = await c.req.json();
    if (!Array.isArray(ids) || ids.length > 100) return c.json({ message: 'At most 100 ids' }, 400);
    // GUIDs compare whatever their case (ASP.NET binds the body to Guid[]).
    const asked = new Set(ids.map((id) => String(id).toLowerCase()));
    const leftOut = new Set([...Object.keys(quirks.broken ?? {}), ...(quirks.notInBatch ?? [])]);
    return c.json(
      employees
        .filter((e) => asked.has(e.id) && !leftOut.has(e.id))
        .map((e) => (quirks.malformed?.includes(e.id) ? { ...e, personalDetails: undefined } : e)),
    );
  });
  app.get(`/employers/${employerId}/employees/:id`, (c) => {
    const id = c.req.param('id');
    if (quirks.broken?.[id] === 'json') return c.text('{"id": "truncated', 200);
    if (quirks.broken?.[id] === 404) return c.json({ message: 'Not found' }, 404);
    const found = employees.find((e) => e.id === id);
    return found ? c.json(found) : c.json({ message: 'Not found' }, 404);
  });
  const url = await new Promise<string>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      servers.push({ close: () => new Promise<void>((done) => server.close(() => done())) });
      resolve(`http://127.0.0.1:${info.port}`);
    });
  });
  const batchReads = () => hits.filter((hit) => hit.method === 'POST');
  const employeeReads = () => hits.filter((hit) => /\/employees\/id-\d+$/.test(hit.path));
  return { url, hits, batchReads, employeeReads };
}

function clientFor(
  fake: { url: string },
  overrides: { key?: string; pageSize?: number; http?: Partial<HttpSettings> } = {},
) {
  const fallbacks: string[] = [];
  const client = createStaffologyClient({
    baseUrl: fake.url,
    apiKey: overrides.key ?? apiKey,
    employerId,
    pageSize: overrides.pageSize ?? 2,
    http: { retries: 0, ...overrides.http },
    sleep: async () => {},
    onFallback: (reason) => fallbacks.push(reason),
  });
  return Object.assign(client, { fallbacks });
}

const ids = (count: number) => Array.from({ length: count }, (_, i) => `id-${i + 1}`);

describe('createStaffologyClient', () => {
  it('pages from pageNum=0 until a short page, then reads every employee in one batch, in list order', async () => {
    const fake = await fakeStaffology(5);
    const progress: number[] = [];
    const result = await clientFor(fake).fetchEmployees({
      includeBankDetails: false,
      onProgress: ({ done, total }) => progress.push(done / total),
    });

    expect(result.employees.map((e) => e.employeeNumber)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
    expect(result.employees[0]).toMatchObject({ knownAs: 'Bob', department: 'Operations', bank: null });
    // The sixth list entry is not an Item: reported, not read.
    expect(result.invalidRecords).toHaveLength(1);
    expect(result.invalidRecords[0]?.reason).toContain('list entry failed validation: id');
    // Each full page asks one page further ahead (up to 4): pages 0-2 are full, the empty page 3 ends the list, and
    // pages 4 and 5, asked with it, are cancelled or wasted. Then the five employees are one batch (100 at most).
    const pagesAsked = fake.hits.flatMap((hit) => {
      const page = /pageNum=(\d+)&pageSize=2$/.exec(hit.path);
      return hit.method === 'GET' && page ? [Number(page[1])] : [];
    });
    expect([...pagesAsked].sort((a, b) => a - b).slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(pagesAsked.length).toBeLessThanOrEqual(6);
    expect(fake.hits.map((hit) => hit.method)).toEqual([...pagesAsked.map(() => 'GET'), 'POST']);
    expect(fake.batchReads()[0]?.ids).toEqual(ids(5));
    // Progress counts employees, not requests.
    expect(progress).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('reads 250 ids in 3 batch calls of at most 100, and no GETs, keeping their order', async () => {
    const fake = await fakeStaffology(250);
    const wanted = ids(250).reverse();
    const client = clientFor(fake);

    const result = await client.readEmployees(wanted, { includeBankDetails: false });

    expect(result.employees.map((e) => e.sourceId)).toEqual(wanted);
    expect(result.invalidRecords).toEqual([]);
    const batches = fake.batchReads().map((hit) => hit.ids);
    expect(batches.map((batch) => (Array.isArray(batch) ? batch.length : null)).sort()).toEqual([
      100, 100, 50,
    ]);
    expect(batches.flat()).toHaveLength(250);
    expect(new Set(batches.flat())).toEqual(new Set(wanted));
    expect(fake.employeeReads()).toEqual([]);
    expect(client.fallbacks).toEqual([]);
  });

  it('reads an id a batch does not return with one GET, and one that is not there as an invalid record', async () => {
    const fake = await fakeStaffology(4, { notInBatch: ['id-2'] });

    const result = await clientFor(fake).readEmployees([...ids(4), 'id-99'], { includeBankDetails: false });

    expect(result.employees.map((e) => e.sourceId)).toEqual(ids(4));
    expect(result.invalidRecords).toEqual([
      expect.objectContaining({
        sourceId: 'id-99',
        reason: 'Staffology employee was listed but could not be read (404)',
      }),
    ]);
    expect(fake.batchReads()).toHaveLength(1);
    expect(fake.employeeReads().map((hit) => hit.path)).toEqual([
      `/employers/${employerId}/employees/id-2`,
      `/employers/${employerId}/employees/id-99`,
    ]);
  });

  it('matches the records of a batch to the ids asked for whatever their case', async () => {
    const fake = await fakeStaffology(3);

    const result = await clientFor(fake).readEmployees(
      ids(3).map((id) => id.toUpperCase()),
      { includeBankDetails: false },
    );

    expect(result.employees.map((e) => e.employeeNumber)).toEqual(['E1', 'E2', 'E3']);
    expect(fake.employeeReads()).toEqual([]);
  });

  it("turns a malformed record in a batch answer into that employee's invalid record and maps the others", async () => {
    const fake = await fakeStaffology(3, { malformed: ['id-2'] });

    const result = await clientFor(fake, { pageSize: 10 }).fetchEmployees({ includeBankDetails: false });

    expect(result.employees.map((e) => e.sourceId)).toEqual(['id-1', 'id-3']);
    expect(result.invalidRecords.map((r) => [r.sourceId, r.employeeNumber])).toEqual([
      [null, null],
      ['id-2', 'E2'],
    ]);
    expect(result.invalidRecords[1]?.reason).toContain('failed validation: personalDetails');
    expect(fake.employeeReads()).toEqual([]);
  });

  it('hands each mapped employee to onEmployee once, the malformed one not', async () => {
    const fake = await fakeStaffology(250, { malformed: ['id-2'] });
    const handed: HrEmployee[] = [];

    const result = await clientFor(fake, { pageSize: 100 }).fetchEmployees({
      includeBankDetails: false,
      onEmployee: (employee) => handed.push(employee),
    });

    expect(handed).toHaveLength(249);
    expect(handed.map((e) => e.sourceId)).not.toContain('id-2');
    // The very objects of the answer: a run keys what it works out while reading by them.
    const byId = new Map(handed.map((e) => [e.sourceId, e]));
    for (const employee of result.employees) expect(byId.get(employee.sourceId)).toBe(employee);
  });

  it.each([404, 405] as const)(
    'falls back to one GET per employee when the batch route answers %i, says so once, and never asks again',
    async (status) => {
      const fake = await fakeStaffology(250, { refuseBatch: status });
      const client = clientFor(fake);

      const handed: string[] = [];
      const first = await client.readEmployees(ids(250), {
        includeBankDetails: false,
        onEmployee: (employee) => handed.push(employee.sourceId),
      });

      expect(first.employees.map((e) => e.sourceId)).toEqual(ids(250));
      expect(handed.sort()).toEqual([...ids(250)].sort());
      expect(first.invalidRecords).toEqual([]);
      expect(fake.employeeReads()).toHaveLength(250);
      // The batches already in flight when the first refusal came back are refused too; none after it is sent.
      expect(fake.batchReads().length).toBeGreaterThanOrEqual(1);
      expect(fake.batchReads().length).toBeLessThanOrEqual(3);
      expect(client.fallbacks).toEqual([
        `Staffology refused the batch read (POST /employers/{employerId}/employees/list: HTTP ${status}); reading one employee per GET for the rest of the run`,
      ]);

      const postsBefore = fake.batchReads().length;
      const again = await client.fetchEmployees({ includeBankDetails: false });

      expect(again.employees).toHaveLength(250);
      expect(fake.batchReads()).toHaveLength(postsBefore);
      expect(fake.employeeReads()).toHaveLength(500);
      expect(client.fallbacks).toHaveLength(1);
    },
  );

  it('reads the ids of a batch refused with 400 one by one, and still tries batches afterwards', async () => {
    const fake = await fakeStaffology(3, { refuseBatch: 400 });
    const client = clientFor(fake);

    const first = await client.readEmployees(ids(3), { includeBankDetails: false });
    await client.readEmployees(ids(3), { includeBankDetails: false });

    expect(first.employees.map((e) => e.sourceId)).toEqual(ids(3));
    expect(fake.batchReads()).toHaveLength(2);
    expect(fake.employeeReads()).toHaveLength(6);
    expect(client.fallbacks).toEqual([]);
  });

  it('retries a batch call answered 503, as a read', async () => {
    const fake = await fakeStaffology(3, { unavailableBatches: 2 });
    const client = clientFor(fake, { http: { retries: 3 } });

    const result = await client.readEmployees(ids(3), { includeBankDetails: false });

    expect(result.employees.map((e) => e.sourceId)).toEqual(ids(3));
    expect(fake.batchReads()).toHaveLength(3);
    expect(fake.employeeReads()).toEqual([]);
    expect(client.fallbacks).toEqual([]);
  });

  it('fails the whole read with the failed batch read, not a cancellation, and reads nothing more', async () => {
    const fake = await fakeStaffology(450, { unavailableBatches: 100 });
    const read = clientFor(fake, { pageSize: 100 }).fetchEmployees({ includeBankDetails: false });

    // The first page's batch read fails while later pages are listed: the list and the other reads stop.
    await expect(read).rejects.toMatchObject({ vendor: 'staffology', status: 503 });
    const settled = fake.hits.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.hits.length).toBe(settled);
    expect(fake.employeeReads()).toEqual([]);
  });

  it('fails the whole read with a failed list page, not with the cancellation of the reads under way', async () => {
    const fake = await fakeStaffology(450, { unavailablePage: 2, slowBatchMs: 300 });
    const read = clientFor(fake, { pageSize: 100 }).fetchEmployees({ includeBankDetails: false });

    // Page 2 fails while the batch reads of pages 0 and 1 are still waiting for their answers.
    await expect(read).rejects.toMatchObject({ vendor: 'staffology', status: 503 });
  });

  it('stops paging when the server ignores paging and sends the whole list', async () => {
    const fake = await fakeStaffology(3, { ignorePaging: true });
    const { items } = await clientFor(fake).listEmployeeItems();
    expect(items.map((i) => i.id)).toEqual(['id-1', 'id-2', 'id-3']);
    expect(fake.hits).toHaveLength(1);

    // Exactly a page long, and the same every time: the repeat ends it, reported once.
    const exact = await fakeStaffology(1, { ignorePaging: true });
    const listed = await clientFor(exact).listEmployeeItems();
    expect(listed.items.map((i) => i.id)).toEqual(['id-1']);
    expect(listed.invalidRecords).toHaveLength(1);
    expect(exact.hits).toHaveLength(2);
  });

  it('turns an unreadable or vanished employee into an invalid record and reads the rest', async () => {
    const fake = await fakeStaffology(3, { broken: { 'id-1': 'json', 'id-3': 404 } });
    const result = await clientFor(fake, { pageSize: 10 }).fetchEmployees({ includeBankDetails: true });

    expect(result.employees.map((e) => e.sourceId)).toEqual(['id-2']);
    expect(result.employees[0]?.bank).toEqual({
      accountName: 'R Jones',
      sortCode: '401276',
      accountNumber: '87654321',
    });
    expect(result.invalidRecords.map((r) => [r.sourceId, r.employeeNumber])).toEqual([
      [null, null],
      ['id-1', 'E1'],
      ['id-3', 'E3'],
    ]);
  });

  it('finds an employee by payroll code, and returns null for none (404)', async () => {
    const client = clientFor(await fakeStaffology(2));
    await expect(client.findByPayrollCode('E2')).resolves.toMatchObject({ id: 'id-2' });
    await expect(client.findByPayrollCode('E404')).resolves.toBeNull();
  });

  it('sends the key as the Basic password, and reports a wrong key as an auth error', async () => {
    await expect(clientFor(await fakeStaffology(1)).testConnection()).resolves.toBeUndefined();
    const error = await clientFor(await fakeStaffology(1), { key: 'wrong-key' })
      .testConnection()
      .catch((e: unknown) => e);
    expect(isVendorError(error, 'auth')).toBe(true);
    expect(String(error)).not.toContain('wrong-key');
  });
});
