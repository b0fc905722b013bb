import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The real CLI against a second pair of doubles, written here from PRODUCT.md section 3 alone: an independent double
 * of the contract, not a mock of our code and not the sandbox. Where the contract leaves a choice open it chooses
 * differently from the sandbox: `pageSize` is ignored (the whole list every time), unknown fields everywhere,
 * explicit nulls where the sandbox omits fields, `knownAs` null, `metadata` null, leave dates as date-times, sort
 * codes in the three formats, ids that are not UUIDs, error bodies that are not JSON, a batch read that answers in
 * another order than asked and leaves an id out (to be read on its own).
 */

const serverDir = fileURLToPath(new URL('../../server/', import.meta.url));
const mainPath = join(serverDir, 'src/cli/main.ts');

const staffologyKey = 'double-staffology-key';
const expenseinKey = 'double-expensein-key';
const employerId = 'employer-7';

// Contract.EmployeeResponse records (PRODUCT.md 3.1), each with something the sandbox does not send.
const employees = [
  {
    id: 'a1',
    status: 'Current',
    personalDetails: {
      title: null,
      firstName: 'Alice',
      knownAs: null,
      lastName: 'Smith',
      email: 'alice@double.test',
    },
    employmentDetails: {
      payrollCode: 'E001',
      jobTitle: null,
      department: { code: 'S', title: 'Sales', color: null, accountingCode: null, employeeCount: 3 },
      leaverDetails: { hasLeft: false, leaveDate: null, isDeceased: false, p45Sent: false },
      roles: null,
    },
    bankDetails: {
      bankName: null,
      accountName: 'A Smith',
      sortCode: '12-34-56',
      accountNumber: '12345678',
      note: null,
    },
    tags: null,
  },
  {
    id: 'b2',
    status: 'Current',
    personalDetails: { firstName: 'Robert', knownAs: 'Bobby', lastName: 'Jones', email: 'bob@double.test' },
    employmentDetails: { payrollCode: 'E002', department: null, leaverDetails: null },
    bankDetails: null,
  },
  {
    id: 'c3',
    status: 'Former',
    personalDetails: { firstName: 'Carol', lastName: 'King', email: 'carol@double.test' },
    employmentDetails: {
      payrollCode: 'E003',
      department: { title: 'Sales' },
      leaverDetails: { hasLeft: true, leaveDate: '2024-03-31T00:00:00' },
    },
    bankDetails: { accountName: null, sortCode: null, accountNumber: null },
  },
  {
    id: 'd4',
    status: 'Current',
    personalDetails: { firstName: 'Dan', lastName: 'Brown', email: 'dan@double.test' },
    employmentDetails: {
      payrollCode: 'E004',
      department: { title: ' sales ' },
      leaverDetails: { hasLeft: false, leaveDate: '2099-01-01T00:00:00Z' },
    },
    bankDetails: { accountName: 'D Brown', sortCode: '12 34 56', accountNumber: '87654321' },
  },
  {
    id: 'e5',
    status: 'Current',
    personalDetails: { firstName: 'Eve', lastName: 'Adams', email: 'eve@double.test' },
    employmentDetails: { payrollCode: 'E005', department: { title: 'Sales' } },
    bankDetails: { accountName: 'E Adams', sortCode: '654321', accountNumber: '11112222' },
  },
];

function initialUsers() {
  const base = { leaveDate: null, bankDetails: null, expensePolicyId: null, approvalFlowId: null };
  return [
    { ...base, id: 1, firstName: 'Alice', lastName: 'Smith', email: 'alice@double.test', reference: 'E001' },
    { ...base, id: 2, firstName: 'Robert', lastName: 'Jones', email: 'bob@double.test', reference: 'E002' },
    { ...base, id: 3, firstName: 'Carol', lastName: 'King', email: 'carol@double.test', reference: 'E003' },
    {
      ...base,
      id: 4,
      firstName: 'Dan',
      lastName: 'Brown',
      email: 'dan@double.test',
      reference: 'E004',
      bankDetails: { accountName: 'D Brown', sortCode: '123456', accountNumber: '87654321' },
    },
    { ...base, id: 5, firstName: 'Zed', lastName: 'Other', email: 'zed@double.test', reference: null },
  ].map((user) => ({
    ...user,
    departmentId: user.id === 2 || user.id === 5 ? null : 10,
    inviteStatus: 'Active',
    phone: null,
    customFields: [],
  }));
}

// PRODUCT.md 3.2: a User without `id`, field for field.
const createFields = [
  'approvalFlowId',
  'bankDetails',
  'departmentId',
  'email',
  'expensePolicyId',
  'firstName',
  'inviteStatus',
  'lastName',
  'leaveDate',
  'reference',
];

interface Doubles {
  staffologyUrl: string;
  expenseinUrl: string;
  staffologyRequests: string[];
  writes: { method: string; path: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

async function listen(app: Hono): Promise<{ url: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}

async function startDoubles(options: { refuseCreates?: boolean } = {}): Promise<Doubles> {
  const staffologyRequests: string[] = [];
  const writes: Doubles['writes'] = [];
  const users: Record<string, unknown>[] = initialUsers();

  const staffology = new Hono();
  staffology.use('*', async (c, next) => {
    staffologyRequests.push(`${c.req.method} ${c.req.path}`);
    // HTTP Basic: any username, the key as the password.
    const basic = (c.req.header('Authorization') ?? '').replace(/^Basic /, '');
    const password = Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':');
    if (password !== staffologyKey) return c.text('Unauthorized', 401);
    await next();
  });
  staffology.get('/account', (c) => c.json({ emailAddress: 'api@double.test' }));
  staffology.get(`/employers/${employerId}`, (c) =>
    c.json({ id: employerId, name: 'Double Ltd', crn: null }),
  );
  // pageNum and pageSize are accepted and ignored: every page is the whole list.
  staffology.get(`/employers/${employerId}/employees`, (c) =>
    c.json(
      employees.map((e, i) => ({
        id: e.id,
        name: i % 2 === 0 ? null : e.personalDetails.firstName,
        metadata: i % 2 === 0 ? null : { payrollCode: e.employmentDetails.payrollCode, extra: true },
        url: null,
        unknownField: 1,
      })),
    ),
  );
  // The batch read (PRODUCT.md 3.1): the records asked for, last first, without the last one asked for.
  staffology.post(`/employers/${employerId}/employees/list`, async (c) => {
    const ids: unknown = await c.req.json();
    if (!Array.isArray(ids) || ids.length > 100) return c.text('Bad Request', 400);
    return c.json(employees.filter((e) => ids.slice(0, -1).includes(e.id)).reverse());
  });
  staffology.get(`/employers/${employerId}/employees/:id`, (c) => {
    const found = employees.find((e) => e.id === c.req.param('id'));
    return found ? c.json(found) : c.text('Not Found', 404);
  });

  const expensein = new Hono();
  expensein.use('*', async (c, next) => {
    if (c.req.header('Authorization') !== `ApiKey ${expenseinKey}`)
      return c.json({ message: 'Invalid API key', errors: {} }, 401);
    await next();
  });
  expensein.get('/1.0/users', (c) => c.json(users));
  expensein.get('/1.0/departments', (c) =>
    c.json([
      { id: 10, name: 'Sales', reference: null, approvalFlowId: null },
      { id: 11, name: 'Operations', reference: 'OPS' },
    ]),
  );
  expensein.get('/1.0/settings', (c) => c.json({ userReferencesMustBeUnique: true, otherSetting: 'x' }));
  expensein.post('/1.0/users', async (c) => {
    const body = await c.req.json<Record<string, unknown>>();
    writes.push({ method: 'POST', path: c.req.path, body });
    if (options.refuseCreates) return c.text('Conflict: that email is already in use', 409);
    if (JSON.stringify(Object.keys(body).sort()) !== JSON.stringify(createFields)) {
      return c.json({ message: 'Invalid user', errors: { body: ['not a User without id'] } }, 400);
    }
    const user = { ...body, id: 100 + users.length };
    users.push(user);
    return c.json(user, 201);
  });
  expensein.patch('/1.0/users/:id', async (c) => {
    const body = await c.req.json<Record<string, unknown>>();
    writes.push({ method: 'PATCH', path: c.req.path, body });
    const user = users.find((u) => String(u.id) === c.req.param('id'));
    if (!user) return c.json({ message: 'Not found', errors: {} }, 404);
    const unknown = Object.keys(body).filter((field) => !createFields.includes(field));
    if (unknown.length > 0)
      return c.json({ message: 'Unknown fields', errors: { [unknown[0] ?? '']: ['unknown'] } }, 400);
    Object.assign(user, body);
    return c.json(user);
  });

  const [s, e] = await Promise.all([listen(staffology), listen(expensein)]);
  return {
    staffologyUrl: s.url,
    expenseinUrl: e.url,
    staffologyRequests,
    writes,
    close: async () => {
      await Promise.all([s.close(), e.close()]);
    },
  };
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `pnpm staffsync ...` as the CLI runs it, with only the environment of PRODUCT.md 4.1. */
function staffsync(
  args: string[],
  doubles: Doubles,
  db: string,
  keys = { staffology: staffologyKey },
): Promise<Result> {
  const env = {
    PATH: process.env.PATH ?? '',
    STAFFOLOGY_BASE_URL: doubles.staffologyUrl,
    STAFFOLOGY_API_KEY: keys.staffology,
    STAFFOLOGY_EMPLOYER_ID: employerId,
    EXPENSEIN_BASE_URL: doubles.expenseinUrl,
    EXPENSEIN_API_KEY: expenseinKey,
    INCLUDE_BANK_DETAILS: 'true',
    STAFFSYNC_DB: db,
    STAFFSYNC_KEY_FILE: `${db}.keys/staffsync.key`,
    // PRODUCT.md 4.3: the doubles' loopback host:ports are listed exactly, as an operator would.
    STAFFSYNC_ALLOWED_HOSTS: [doubles.staffologyUrl, doubles.expenseinUrl]
      .map((url) => new URL(url).host)
      .join(','),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', mainPath, ...args], { cwd: serverDir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function onlyJson(result: Result): Record<string, unknown> & { counts: Record<string, unknown> } {
  const lines = result.stdout.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  return JSON.parse(lines[0] ?? '');
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'staffsync-contract-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('pnpm staffsync sync --json against an independent double of PRODUCT.md 3', () => {
  it('syncs payloads shaped differently from the sandbox, writing exactly the contract bodies, then nothing', async () => {
    const doubles = await startDoubles();
    try {
      const db = join(dir, 'tolerant.db');
      const first = await staffsync(['sync', '--json'], doubles, db);
      expect(first.code, first.stderr).toBe(0);
      expect(onlyJson(first)).toMatchObject({
        status: 'succeeded',
        error: null,
        counts: { employees: 5, created: 1, updated: 2, leavers: 2, skipped: {}, conflicts: {}, failed: 0 },
      });

      // Staffology is only ever read (R15): GETs and the batch read. pageSize ignored, so the first page (longer
      // than asked) is the list; one batch, and the one employee it left out read on its own.
      expect(doubles.staffologyRequests.filter((request) => !request.startsWith('GET '))).toEqual([
        `POST /employers/${employerId}/employees/list`,
      ]);
      expect(doubles.staffologyRequests.filter((r) => r.endsWith('/employees'))).toHaveLength(1);
      expect(doubles.staffologyRequests.filter((r) => /\/employees\/[a-z]\d$/.test(r))).toEqual([
        `GET /employers/${employerId}/employees/${employees.at(-1)?.id}`,
      ]);

      const byPath = Object.fromEntries(doubles.writes.map((w) => [`${w.method} ${w.path}`, w.body]));
      expect(byPath).toEqual({
        // A dashed HR sort code is written as its 6 digits; Known As null falls back to the first name (no change).
        'PATCH /1.0/users/1': {
          bankDetails: { accountName: 'A Smith', sortCode: '123456', accountNumber: '12345678' },
        },
        'PATCH /1.0/users/2': { firstName: 'Bobby' },
        // Leave dates given as date-times: their date part.
        'PATCH /1.0/users/3': { leaveDate: '2024-03-31' },
        'PATCH /1.0/users/4': { leaveDate: '2099-01-01' },
        'POST /1.0/users': {
          firstName: 'Eve',
          lastName: 'Adams',
          email: 'eve@double.test',
          reference: 'E005',
          departmentId: 10,
          leaveDate: null,
          bankDetails: { accountName: 'E Adams', sortCode: '654321', accountNumber: '11112222' },
          inviteStatus: 'NotInvited',
          expensePolicyId: null,
          approvalFlowId: null,
        },
      });

      doubles.writes.length = 0;
      const second = await staffsync(['sync', '--json'], doubles, db);
      expect(second.code, second.stderr).toBe(0);
      expect(onlyJson(second)).toMatchObject({ status: 'succeeded', counts: { created: 0, updated: 0 } });
      expect(doubles.writes).toEqual([]);
    } finally {
      await doubles.close();
    }
  });

  it('ends partial (exit 2) when a create is refused with a 409 whose body is not JSON', async () => {
    const doubles = await startDoubles({ refuseCreates: true });
    try {
      const result = await staffsync(['sync', '--json'], doubles, join(dir, 'refused.db'));
      expect(result.code, result.stderr).toBe(2);
      expect(onlyJson(result)).toMatchObject({ status: 'partial', counts: { created: 0, failed: 1 } });
    } finally {
      await doubles.close();
    }
  });

  it('fails (exit 1), still as one JSON object, when Staffology answers 401 with a plain-text body', async () => {
    const doubles = await startDoubles();
    try {
      const result = await staffsync(['sync', '--json'], doubles, join(dir, 'refused-key.db'), {
        staffology: 'not-the-key',
      });
      expect(result.code).toBe(1);
      const report = onlyJson(result);
      expect(report).toMatchObject({ status: 'failed' });
      expect(String(report.error)).toContain('401');
      expect(result.stdout + result.stderr).not.toContain('not-the-key');
      expect(doubles.writes).toEqual([]);
    } finally {
      await doubles.close();
    }
  });
});
