import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
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

/**
 * A Staffology stand-in answering through `app.request` (no port): the paths of PRODUCT.md 3.1, Basic auth,
 * zero-based paging, with knobs for the odd servers a client must survive.
 */
function fakeStaffology(
  count: number,
  quirks: { ignorePaging?: boolean; broken?: Record<string, 'json' | 404> } = {},
) {
  const employees = Array.from({ length: count }, (_, i) => employee(i + 1));
  const requests: string[] = [];
  const app = new Hono();
  app.use('*', async (c, next) => {
    requests.push(`${c.req.method} ${c.req.path}${new URL(c.req.url).search}`);
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
    return c.json(list.slice(pageNum * pageSize, (pageNum + 1) * pageSize));
  });
  app.get(`/employers/${employerId}/employees/search/payrollcode`, (c) => {
    const found = employees.find((e) => e.employmentDetails.payrollCode === c.req.query('code'));
    return found ? c.json(item(found)) : c.json({ message: 'Not found' }, 404);
  });
  app.get(`/employers/${employerId}/employees/:id`, (c) => {
    const id = c.req.param('id');
    if (quirks.broken?.[id] === 'json') return c.text('{"id": "truncated', 200);
    if (quirks.broken?.[id] === 404) return c.json({ message: 'Not found' }, 404);
    const found = employees.find((e) => e.id === id);
    return found ? c.json(found) : c.json({ message: 'Not found' }, 404);
  });
  return { app, requests };
}

function clientFor(fake: ReturnType<typeof fakeStaffology>, key = apiKey, pageSize = 2) {
  return createStaffologyClient({
    baseUrl: 'http://staffology.test',
    apiKey: key,
    employerId,
    pageSize,
    fetch: async (input, init) => fake.app.request(String(input), init),
    http: { retries: 0 },
  });
}

describe('createStaffologyClient', () => {
  it('pages from pageNum=0 until a short page, then reads every employee, in list order', async () => {
    const fake = fakeStaffology(5);
    const progress: number[] = [];
    const result = await clientFor(fake).fetchEmployees({
      includeBankDetails: false,
      onProgress: ({ done }) => progress.push(done),
    });

    expect(result.employees.map((e) => e.employeeNumber)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
    expect(result.employees[0]).toMatchObject({ knownAs: 'Bob', department: 'Operations', bank: null });
    // The sixth list entry is not an Item: reported, not read.
    expect(result.invalidRecords).toHaveLength(1);
    expect(result.invalidRecords[0]?.reason).toContain('list entry failed validation: id');
    expect(fake.requests.filter((r) => r.includes('pageNum'))).toEqual([
      `GET /employers/${employerId}/employees?pageNum=0&pageSize=2`,
      `GET /employers/${employerId}/employees?pageNum=1&pageSize=2`,
      `GET /employers/${employerId}/employees?pageNum=2&pageSize=2`,
      `GET /employers/${employerId}/employees?pageNum=3&pageSize=2`,
    ]);
    expect(progress).toHaveLength(5);
    expect(fake.requests.every((r) => r.startsWith('GET '))).toBe(true);
  });

  it('stops paging when the server ignores paging and sends the whole list', async () => {
    const fake = fakeStaffology(3, { ignorePaging: true });
    const { items } = await clientFor(fake).listEmployeeItems();
    expect(items.map((i) => i.id)).toEqual(['id-1', 'id-2', 'id-3']);
    expect(fake.requests).toHaveLength(1);

    // Exactly a page long, and the same every time: the repeat ends it, reported once.
    const exact = fakeStaffology(1, { ignorePaging: true });
    const listed = await clientFor(exact).listEmployeeItems();
    expect(listed.items.map((i) => i.id)).toEqual(['id-1']);
    expect(listed.invalidRecords).toHaveLength(1);
    expect(exact.requests).toHaveLength(2);
  });

  it('turns an unreadable or vanished employee into an invalid record and reads the rest', async () => {
    const fake = fakeStaffology(3, { broken: { 'id-1': 'json', 'id-3': 404 } });
    const result = await clientFor(fake, apiKey, 10).fetchEmployees({ includeBankDetails: true });

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
    const client = clientFor(fakeStaffology(2));
    await expect(client.findByPayrollCode('E2')).resolves.toMatchObject({ id: 'id-2' });
    await expect(client.findByPayrollCode('E404')).resolves.toBeNull();
  });

  it('sends the key as the Basic password, and reports a wrong key as an auth error', async () => {
    await expect(clientFor(fakeStaffology(1)).testConnection()).resolves.toBeUndefined();
    const error = await clientFor(fakeStaffology(1), 'wrong-key')
      .testConnection()
      .catch((e: unknown) => e);
    expect(isVendorError(error, 'auth')).toBe(true);
    expect(String(error)).not.toContain('wrong-key');
  });
});
