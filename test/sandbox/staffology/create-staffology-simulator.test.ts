import { beforeEach, describe, expect, it } from 'vitest';
import type { FaultConfig } from '../core/faults.ts';
import { RequestLog } from '../core/request-log.ts';
import { createSimulatorApp, FaultState } from '../core/serve-simulator.ts';
import type { SimulatorBackend } from '../core/simulator.ts';
import { generateOddEmployees } from '../data/generate-odd-employees.ts';
import { loadStaffologySchemaValidator } from '../openapi/staffology-schema-validator.ts';
import { createStaffologySimulator } from './create-staffology-simulator.ts';
import {
  EMPTY_EMPLOYER_ID,
  FIXTURE_API_KEY,
  FIXTURE_EMPLOYER_ID,
  FIXTURE_IDS,
  fixtureState,
} from './staffology-fixture.ts';
import type { StaffologyState } from './types.ts';

const schemas = loadStaffologySchemaValidator();
const ORIGIN = 'http://127.0.0.1:4010';
const employeesPath = `/employers/${FIXTURE_EMPLOYER_ID}/employees`;

interface Item {
  id: string;
  name: string | null;
  metadata: { payrollCode: string };
  url: string;
}

let faults: FaultConfig;
let backend: SimulatorBackend<StaffologyState>;

beforeEach(() => {
  faults = {};
  backend = createStaffologySimulator(fixtureState(), () => faults);
});

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

async function call(
  path: string,
  init: { method?: string; authorization?: string | null } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = {};
  const authorization =
    init.authorization === undefined ? basic('staffsync', FIXTURE_API_KEY) : init.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const response = await backend.app.request(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** POSTs a batch read (FpsEmployeesEmployee) with a JSON body. */
async function batch(
  body: unknown,
  init: { employerId?: string; contentType?: string | null; raw?: string } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = { authorization: basic('staffsync', FIXTURE_API_KEY) };
  const contentType = init.contentType === undefined ? 'application/json' : init.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  const path = `/employers/${init.employerId ?? FIXTURE_EMPLOYER_ID}/employees/list`;
  const response = await backend.app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers,
    body: init.raw ?? JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** GETs a path and checks the body against the response schema the document declares for that very path. */
async function getValid<T>(path: string, expectedOperationId: string): Promise<T> {
  const { status, body } = await call(path);
  expect(status, path).toBe(200);
  const pathname = new URL(`${ORIGIN}${path}`).pathname;
  expect(schemas.findOperation('GET', pathname)?.operationId, path).toBe(expectedOperationId);
  expect(schemas.validateStaffologyResponse({ method: 'GET', path: pathname, status }, body), path).toEqual(
    [],
  );
  return body as T;
}

describe('responses validate against the official OpenAPI schemas', () => {
  it('serves the account as a User listing the reachable employers', async () => {
    const account = await getValid<{ authorization: { employers: { id: string; url: string }[] } }>(
      '/account',
      'GetAccount',
    );
    expect(account.authorization.employers.map((e) => e.id)).toEqual([
      FIXTURE_EMPLOYER_ID,
      EMPTY_EMPLOYER_ID,
    ]);
    expect(account.authorization.employers[0]?.url).toBe(`${ORIGIN}/employers/${FIXTURE_EMPLOYER_ID}`);
  });

  it('serves employers as Items, and one employer as an EmployerResponse with its employee count', async () => {
    const items = await getValid<Item[]>('/employers', 'IndexEmployer');
    expect(items.map((i) => [i.id, i.name, i.url])).toEqual([
      [FIXTURE_EMPLOYER_ID, 'Fixture Widgets Ltd', `${ORIGIN}/employers/${FIXTURE_EMPLOYER_ID}`],
      [EMPTY_EMPLOYER_ID, 'Dormant Holdings Ltd', `${ORIGIN}/employers/${EMPTY_EMPLOYER_ID}`],
    ]);
    const employer = await getValid<Record<string, unknown>>(
      `/employers/${FIXTURE_EMPLOYER_ID}`,
      'GetEmployer',
    );
    expect(employer).toMatchObject({
      id: FIXTURE_EMPLOYER_ID,
      name: 'Fixture Widgets Ltd',
      employeeCount: 8,
    });
    const empty = await getValid<Record<string, unknown>>(`/employers/${EMPTY_EMPLOYER_ID}`, 'GetEmployer');
    expect(empty.employeeCount).toBe(0);
    expect(await getValid<Item[]>(`/employers/${EMPTY_EMPLOYER_ID}/employees`, 'IndexEmployee')).toEqual([]);
  });

  it('lists employees as Items with the display name, payroll code and absolute url', async () => {
    const items = await getValid<Item[]>(employeesPath, 'IndexEmployee');
    expect(items).toHaveLength(8);
    expect(items[0]).toEqual({
      id: FIXTURE_IDS.current,
      name: 'Alice Smith',
      metadata: { payrollCode: 'EMP001' },
      url: `${ORIGIN}${employeesPath}/${FIXTURE_IDS.current}`,
    });
    expect(items.find((i) => i.id === FIXTURE_IDS.missingNamesAndEmail)?.name).toBeNull();
  });

  it('serves every employee, each shape of the fixture, as a valid EmployeeResponse', async () => {
    const items = await getValid<Item[]>(employeesPath, 'IndexEmployee');
    for (const item of items) {
      const employee = await getValid<{ id: string }>(new URL(item.url).pathname, 'GetEmployee');
      expect(employee.id).toBe(item.id);
    }
  });

  it('finds every employee by payroll code, the same Item as in the list', async () => {
    const items = await getValid<Item[]>(employeesPath, 'IndexEmployee');
    for (const item of items) {
      const found = await getValid<Item>(
        `${employeesPath}/search/payrollcode?code=${encodeURIComponent(item.metadata.payrollCode)}`,
        'SearchByPayrollCodeEmployee',
      );
      expect(found).toEqual(item);
    }
  });

  it('leaves out the nulls the spec does not allow, and serves the rest of the record as stored', async () => {
    const eve = await getValid<Record<string, Record<string, unknown>>>(
      `${employeesPath}/${FIXTURE_IDS.noDepartmentNullBank}`,
      'GetEmployee',
    );
    expect(eve).not.toHaveProperty('bankDetails');
    expect(eve.employmentDetails).not.toHaveProperty('department');
    expect(eve.employmentDetails).not.toHaveProperty('leaverDetails');
    const grace = await getValid<{ bankDetails: { sortCode: string } }>(
      `${employeesPath}/${FIXTURE_IDS.dashedSortCode}`,
      'GetEmployee',
    );
    expect(grace.bankDetails.sortCode).toBe('12-34-56');
    const bob = await getValid<unknown>(`${employeesPath}/${FIXTURE_IDS.pastLeaver}`, 'GetEmployee');
    expect(bob).toEqual(fixtureState().employees[FIXTURE_EMPLOYER_ID]?.[1]);
  });

  it('takes url fields from the origin the request came to', async () => {
    const response = await backend.app.request(`http://localhost:5999${employeesPath}?pageSize=1`, {
      headers: { authorization: basic('x', FIXTURE_API_KEY) },
    });
    const [first] = (await response.json()) as Item[];
    expect(first?.url).toBe(`http://localhost:5999${employeesPath}/${FIXTURE_IDS.current}`);
  });
});

describe('the batch read: POST /employers/{employerId}/employees/list', () => {
  const listPath = `${employeesPath}/list`;
  const unknownId = '9e9e9e9e-9e9e-4e9e-8e9e-9e9e9e9e9e9e';

  it('serves the records of the ids asked, in that order, each once, leaving out unknown ids', async () => {
    const { status, body } = await batch([
      FIXTURE_IDS.futureLeaver,
      unknownId,
      FIXTURE_IDS.current,
      FIXTURE_IDS.current.toUpperCase(),
    ]);
    expect(status).toBe(200);
    expect(schemas.findOperation('POST', listPath)?.operationId).toBe('FpsEmployeesEmployee');
    expect(schemas.validateStaffologyResponse({ method: 'POST', path: listPath, status }, body)).toEqual([]);
    expect((body as { id: string }[]).map((e) => e.id)).toEqual([
      FIXTURE_IDS.futureLeaver,
      FIXTURE_IDS.current,
    ]);
    expect((body as unknown[])[1]).toEqual(
      await getValid(`${employeesPath}/${FIXTURE_IDS.current}`, 'GetEmployee'),
    );
  });

  it('serves every employee of the fixture at once as valid EmployeeResponses, the same as one by one', async () => {
    const ids = Object.values(FIXTURE_IDS);
    const { status, body } = await batch(ids);
    expect(schemas.validateStaffologyResponse({ method: 'POST', path: listPath, status }, body)).toEqual([]);
    const singles = [];
    for (const id of ids) singles.push((await call(`${employeesPath}/${id}`)).body);
    expect(body).toEqual(singles);
  });

  it('answers an empty array to an empty list, and to ids of another employer', async () => {
    expect(await batch([])).toMatchObject({ status: 200, body: [] });
    expect(await batch([FIXTURE_IDS.current], { employerId: EMPTY_EMPLOYER_ID })).toMatchObject({
      status: 200,
      body: [],
    });
  });

  it('takes 100 ids and refuses 101', async () => {
    const hundred = Array.from(
      { length: 100 },
      (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    );
    expect((await batch(hundred)).status).toBe(200);
    const refused = await batch([...hundred, FIXTURE_IDS.current]);
    expect(refused).toMatchObject({ status: 400, body: { message: expect.stringMatching(/at most 100/) } });
  });

  it.each([
    ['an object', { ids: [FIXTURE_IDS.current] }],
    ['a string', FIXTURE_IDS.current],
    ['an id that is not a GUID', [FIXTURE_IDS.current, 'EMP001']],
    ['a number', [42]],
  ])('answers 400 with a JSON message to %s', async (_case, body) => {
    expect(await batch(body)).toMatchObject({ status: 400, body: { message: expect.any(String) } });
  });

  it('answers 400 to a body that is not JSON, and 415 to a body that is not declared as JSON', async () => {
    expect((await batch(null, { raw: '[oops' })).status).toBe(400);
    expect((await batch([FIXTURE_IDS.current], { contentType: 'text/plain' })).status).toBe(415);
    expect((await batch([FIXTURE_IDS.current], { contentType: null })).status).toBe(415);
    for (const contentType of [
      'text/json',
      'application/json-patch+json',
      'application/json; charset=utf-8',
    ]) {
      expect((await batch([FIXTURE_IDS.current], { contentType })).status, contentType).toBe(200);
    }
  });

  it('answers 404 for an unknown employer, 401 without the key, 405 to other methods', async () => {
    const unknownEmployer = '9d9d9d9d-9d9d-4d9d-8d9d-9d9d9d9d9d9d';
    expect((await batch([FIXTURE_IDS.current], { employerId: unknownEmployer })).status).toBe(404);
    const anonymous = await backend.app.request(`${ORIGIN}${listPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[]',
    });
    expect(anonymous.status).toBe(401);
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const { status, headers } = await call(listPath, { method });
      expect(status, method).toBe(405);
      expect(headers.get('allow')).toBe('POST');
    }
  });

  it('serves a malformed record broken in the batch too, and only that one', async () => {
    faults = { malformedRecords: [FIXTURE_IDS.pastLeaver] };
    const { status, body } = await batch([FIXTURE_IDS.current, FIXTURE_IDS.pastLeaver]);
    const [fine, broken] = body as unknown[];
    expect(schemas.validateStaffology('Contract.EmployeeResponse', fine)).toEqual([]);
    expect(schemas.validateStaffology('Contract.EmployeeResponse', broken)).toContain(
      '/employmentDetails/payrollCode must be string',
    );
    expect(schemas.validateStaffologyResponse({ method: 'POST', path: listPath, status }, body)).not.toEqual(
      [],
    );
  });
});

describe('the employers each API key sees', () => {
  const limited = basic('staffsync', 'second-key');

  beforeEach(() => {
    backend.load({ ...fixtureState(), employerAccess: { 'second-key': [EMPTY_EMPLOYER_ID.toUpperCase()] } });
  });

  it('lists only the employers the key sees, in /employers and in /account, as valid Items', async () => {
    for (const [path, operationId] of [
      ['/employers', 'IndexEmployer'],
      ['/account', 'GetAccount'],
    ] as const) {
      const { status, body } = await call(path, { authorization: limited });
      expect(schemas.findOperation('GET', path)?.operationId).toBe(operationId);
      expect(schemas.validateStaffologyResponse({ method: 'GET', path, status }, body)).toEqual([]);
      const items =
        path === '/employers'
          ? body
          : (body as { authorization: { employers: unknown } }).authorization.employers;
      expect((items as Item[]).map((item) => item.id)).toEqual([EMPTY_EMPLOYER_ID]);
    }
    // A key with no entry sees every employer.
    expect(await getValid<Item[]>('/employers', 'IndexEmployer')).toHaveLength(2);
  });

  it('answers 403 on every route of an employer the key does not see, and 404 for one that does not exist', async () => {
    for (const path of [
      `/employers/${FIXTURE_EMPLOYER_ID}`,
      employeesPath,
      `${employeesPath}/${FIXTURE_IDS.current}`,
      `${employeesPath}/search/payrollcode?code=EMP001`,
    ]) {
      const { status, body } = await call(path, { authorization: limited });
      expect(status, path).toBe(403);
      expect(body).toEqual({ message: expect.any(String) });
    }
    const batchRead = await backend.app.request(`${ORIGIN}${employeesPath}/list`, {
      method: 'POST',
      headers: { authorization: limited, 'content-type': 'application/json' },
      body: JSON.stringify([FIXTURE_IDS.current]),
    });
    expect(batchRead.status).toBe(403);
    expect((await call(`/employers/${EMPTY_EMPLOYER_ID}/employees`, { authorization: limited })).status).toBe(
      200,
    );
    const unknown = '9d9d9d9d-9d9d-4d9d-8d9d-9d9d9d9d9d9d';
    expect((await call(`/employers/${unknown}`, { authorization: limited })).status).toBe(404);
  });
});

describe('raw records, served as they are', () => {
  const odd = generateOddEmployees({ seed: 4, count: 60 });
  const payrollCodeOf = (record: Record<string, unknown>): unknown => {
    const details = record.employmentDetails;
    return typeof details === 'object' && details !== null && 'payrollCode' in details
      ? details.payrollCode
      : null;
  };

  beforeEach(() => {
    backend.load({ ...fixtureState(), rawEmployees: { [FIXTURE_EMPLOYER_ID]: odd.map((e) => e.record) } });
  });

  it('lists them after the typed employees, their Items carrying their values as they are', async () => {
    const { body } = await call(employeesPath);
    const items = body as { id: unknown; metadata: { payrollCode: unknown }; url: string | null }[];
    expect(items).toHaveLength(8 + 60);
    items.slice(8).forEach((item, index) => {
      const record = odd[index]?.record ?? {};
      expect(item.id).toBe(record.id);
      expect(item.metadata.payrollCode).toEqual(payrollCodeOf(record));
      expect(item.url).toBe(`${ORIGIN}${employeesPath}/${String(record.id)}`);
    });
    expect(
      ((await call(`/employers/${FIXTURE_EMPLOYER_ID}`)).body as { employeeCount: number }).employeeCount,
    ).toBe(68);
  });

  it('serves each one exactly as stored, one by one and in a batch, broken or not', async () => {
    for (const { record } of odd) {
      expect((await call(`${employeesPath}/${String(record.id)}`)).body).toEqual(record);
    }
    const { body } = await batch(odd.map((e) => String(e.record.id)));
    expect(body).toEqual(odd.map((e) => e.record));
    const breaking = odd.filter((e) => e.breaksSchema).length;
    const failing = (body as unknown[]).filter(
      (r) => schemas.validateStaffology('Contract.EmployeeResponse', r).length > 0,
    );
    expect(failing).toHaveLength(breaking);
  });

  it('finds one by its payroll code when that is a string', async () => {
    const code = odd
      .map((e) => payrollCodeOf(e.record))
      .find((c) => typeof c === 'string' && /^\d+$/.test(c));
    const { status, body } = await call(`${employeesPath}/search/payrollcode?code=${String(code)}`);
    expect(status).toBe(200);
    expect((body as { metadata: unknown }).metadata).toEqual({ payrollCode: code });
  });

  it('refuses raw records that are not JSON objects', () => {
    const bad = JSON.parse(JSON.stringify(fixtureState()));
    bad.rawEmployees = { [FIXTURE_EMPLOYER_ID]: ['not an object'] };
    expect(() => backend.load(bad)).toThrow(/rawEmployees/);
  });
});

describe('HTTP Basic auth with the API key as password', () => {
  it('accepts any username and every configured key', async () => {
    expect((await call('/account', { authorization: basic('anything', FIXTURE_API_KEY) })).status).toBe(200);
    expect((await call('/account', { authorization: basic('', 'second-key') })).status).toBe(200);
    expect((await call('/account', { authorization: `basic ${btoa(`u:${FIXTURE_API_KEY}`)}` })).status).toBe(
      200,
    );
  });

  it.each([
    ['no Authorization header', null],
    ['a wrong key', basic('staffsync', 'wrong-key')],
    ['the key as username', basic(FIXTURE_API_KEY, '')],
    ['a Bearer token', `Bearer ${FIXTURE_API_KEY}`],
    ['garbage', 'Basic !!!'],
  ])('answers 401 with a JSON message to %s', async (_case, authorization) => {
    for (const path of ['/account', '/employers', employeesPath, `${employeesPath}/${FIXTURE_IDS.current}`]) {
      const { status, body, headers } = await call(path, { authorization });
      expect(status, path).toBe(401);
      expect(body).toEqual({ message: expect.any(String) });
      expect(headers.get('www-authenticate')).toMatch(/^Basic/);
    }
  });
});

describe('paging: zero-based pageNum with pageSize', () => {
  async function page(query: string): Promise<string[]> {
    const items = await getValid<Item[]>(`${employeesPath}?${query}`, 'IndexEmployee');
    return items.map((i) => i.metadata.payrollCode);
  }

  it('walks the list in pages, the last one short, in the same stable order as the whole list', async () => {
    const all = await page('');
    expect(all).toEqual(['EMP001', 'EMP002', 'EMP003', 'EMP004', 'EMP005', 'EMP006', 'EMP007', 'EMP008']);
    const pages = [
      await page('pageNum=0&pageSize=3'),
      await page('pageNum=1&pageSize=3'),
      await page('pageNum=2&pageSize=3'),
    ];
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    expect(pages.flat()).toEqual(all);
    expect(await page('pageNum=3&pageSize=3')).toEqual([]);
    expect(await page('pageNum=0&pageSize=3')).toEqual(pages[0]);
  });

  it('answers an empty page after an exact multiple, and page 0 for pageSize alone', async () => {
    expect(await page('pageNum=1&pageSize=4')).toEqual(['EMP005', 'EMP006', 'EMP007', 'EMP008']);
    expect(await page('pageNum=2&pageSize=4')).toEqual([]);
    expect(await page('pageSize=2')).toEqual(['EMP001', 'EMP002']);
    expect(await page('pageNum=0&pageSize=100')).toHaveLength(8);
  });

  it('pages employers the same way', async () => {
    const second = await getValid<Item[]>('/employers?pageNum=1&pageSize=1', 'IndexEmployer');
    expect(second.map((i) => i.id)).toEqual([EMPTY_EMPLOYER_ID]);
  });

  it.each([
    'pageNum=-1&pageSize=10',
    'pageNum=0&pageSize=0',
    'pageNum=abc&pageSize=10',
    'pageNum=0&pageSize=1.5',
    'pageNum=0&pageSize=',
    'pageNum=0&pageSize=99999999999',
    'pageNum=1',
  ])('answers 400 to %s', async (query) => {
    for (const path of [employeesPath, '/employers']) {
      const { status, body } = await call(`${path}?${query}`);
      expect(status).toBe(400);
      expect(body).toEqual({ message: expect.stringMatching(/page/) });
    }
  });
});

describe('not found', () => {
  const unknownEmployer = '9d9d9d9d-9d9d-4d9d-8d9d-9d9d9d9d9d9d';

  it.each([
    `/employers/${unknownEmployer}`,
    `/employers/${unknownEmployer}/employees`,
    `/employers/${unknownEmployer}/employees/${FIXTURE_IDS.current}`,
    `/employers/${unknownEmployer}/employees/search/payrollcode?code=EMP001`,
    `${employeesPath}/9e9e9e9e-9e9e-4e9e-8e9e-9e9e9e9e9e9e`,
    `/employers/${EMPTY_EMPLOYER_ID}/employees/${FIXTURE_IDS.current}`,
    `${employeesPath}/search/payrollcode?code=NOPE`,
    `${employeesPath}/search/payrollcode?code=emp001`,
    `${employeesPath}/search/payrollcode`,
    '/employers/not-a-uuid',
    '/employees',
  ])('answers 404 with a JSON message to %s', async (path) => {
    const { status, body } = await call(path);
    expect(status).toBe(404);
    expect(body).toEqual({ message: expect.any(String) });
  });

  it('matches ids case-insensitively, as GUIDs are', async () => {
    const { status } = await call(
      `/employers/${FIXTURE_EMPLOYER_ID.toUpperCase()}/employees/${FIXTURE_IDS.current.toUpperCase()}`,
    );
    expect(status).toBe(200);
  });
});

describe('read only', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('answers 405 to %s on every route', async (method) => {
    for (const path of [
      '/account',
      '/employers',
      `/employers/${FIXTURE_EMPLOYER_ID}`,
      employeesPath,
      `${employeesPath}/${FIXTURE_IDS.current}`,
      `${employeesPath}/search/payrollcode?code=EMP001`,
    ]) {
      const { status, body, headers } = await call(path, { method });
      expect(status, `${method} ${path}`).toBe(405);
      expect(headers.get('allow')).toBe('GET');
      expect(body).toEqual({ message: expect.any(String) });
    }
    expect(backend.snapshot()).toEqual(fixtureState());
  });

  it('declares its GET routes and the batch read as route keys', () => {
    expect(backend.routes).toEqual([
      'GET /account',
      'GET /employers',
      'GET /employers/:employerId',
      'GET /employers/:employerId/employees',
      'GET /employers/:employerId/employees/search/payrollcode',
      'GET /employers/:employerId/employees/:id',
      'POST /employers/:employerId/employees/list',
    ]);
  });
});

describe('malformed records', () => {
  it('breaks only the listed employee, only on the single-record read, while the fault is on', async () => {
    const brokenPath = `${employeesPath}/${FIXTURE_IDS.pastLeaver}`;
    faults = { malformedRecords: [FIXTURE_IDS.pastLeaver.toUpperCase()] };

    const broken = await call(brokenPath);
    expect(broken.status).toBe(200);
    const violations = schemas.validateStaffology('Contract.EmployeeResponse', broken.body);
    expect(violations).toEqual(
      expect.arrayContaining([
        '/employmentDetails/payrollCode must be string',
        "/personalDetails must have required property 'dateOfBirth'",
        "/personalDetails must have required property 'gender'",
        "/personalDetails must have required property 'maritalStatus'",
      ]),
    );

    for (const id of Object.values(FIXTURE_IDS).filter((id) => id !== FIXTURE_IDS.pastLeaver)) {
      await getValid(`${employeesPath}/${id}`, 'GetEmployee');
    }
    const items = await getValid<Item[]>(employeesPath, 'IndexEmployee');
    expect(items.find((i) => i.id === FIXTURE_IDS.pastLeaver)?.metadata.payrollCode).toBe('EMP002');
    await getValid(`${employeesPath}/search/payrollcode?code=EMP002`, 'SearchByPayrollCodeEmployee');

    faults = {};
    await getValid(brokenPath, 'GetEmployee');
  });
});

describe('state', () => {
  it('loads a scenario, snapshots a copy and resets to the initial company', async () => {
    const scenario = fixtureState();
    scenario.employees[FIXTURE_EMPLOYER_ID] = scenario.employees[FIXTURE_EMPLOYER_ID]?.slice(0, 2) ?? [];
    backend.load(scenario);
    scenario.employees[FIXTURE_EMPLOYER_ID] = [];
    expect(await getValid<Item[]>(employeesPath, 'IndexEmployee')).toHaveLength(2);

    const snapshot = backend.snapshot();
    snapshot.employers = [];
    expect(backend.snapshot().employers).toHaveLength(2);

    backend.reset();
    expect(await getValid<Item[]>(employeesPath, 'IndexEmployee')).toHaveLength(8);
    expect(backend.snapshot()).toEqual(fixtureState());
  });

  it('serves the keys of the loaded state', async () => {
    backend.load({ ...fixtureState(), apiKeys: ['rotated'] });
    expect((await call('/account')).status).toBe(401);
    expect((await call('/account', { authorization: basic('u', 'rotated') })).status).toBe(200);
  });

  it('refuses a scenario that breaks the state contract, naming the field, and keeps serving the old one', async () => {
    const bad = JSON.parse(JSON.stringify(fixtureState()));
    bad.employees[FIXTURE_EMPLOYER_ID][0].employmentDetails.payrollCode = 42;
    expect(() => backend.load(bad)).toThrow(/payrollCode/);
    expect(await getValid<Item[]>(employeesPath, 'IndexEmployee')).toHaveLength(8);
  });

  it('is not changed by later edits to the object it was created with', async () => {
    const initial = fixtureState();
    const own = createStaffologySimulator(initial, () => ({}));
    initial.employers = [];
    const response = await own.app.request('/employers', {
      headers: { authorization: basic('u', FIXTURE_API_KEY) },
    });
    expect(((await response.json()) as unknown[]).length).toBe(2);
  });
});

describe('inside the core wrapper', () => {
  it('keeps its auth, 404s and 405s when mounted, and every request counts under its route key', async () => {
    const faultState = new FaultState();
    const log = new RequestLog();
    const wrapped = createSimulatorApp(
      createStaffologySimulator(fixtureState(), faultState.current),
      faultState,
      log,
    );
    const get = (path: string, method = 'GET') =>
      wrapped.request(`${ORIGIN}${path}`, {
        method,
        headers: { authorization: basic('u', FIXTURE_API_KEY) },
      });

    expect((await get(employeesPath)).status).toBe(200);
    expect((await get(`${employeesPath}/${FIXTURE_IDS.current}`)).status).toBe(200);
    expect((await get(`${employeesPath}/search/payrollcode?code=EMP001`)).status).toBe(200);
    const listed = await wrapped.request(`${ORIGIN}${employeesPath}/list`, {
      method: 'POST',
      headers: { authorization: basic('u', FIXTURE_API_KEY), 'content-type': 'application/json' },
      body: JSON.stringify([FIXTURE_IDS.current]),
    });
    expect(listed.status).toBe(200);
    expect(await (await get('/nowhere')).json()).toEqual({ message: 'Not found' });
    expect((await get(employeesPath, 'POST')).status).toBe(405);
    expect((await wrapped.request(`${ORIGIN}/account`)).status).toBe(401);

    faultState.set({ malformedRecords: [FIXTURE_IDS.current] });
    const broken = await (await get(`${employeesPath}/${FIXTURE_IDS.current}`)).json();
    expect(schemas.validateStaffology('Contract.EmployeeResponse', broken)).not.toEqual([]);

    expect(log.summary().byRoute).toEqual({
      'GET /employers/:employerId/employees': 1,
      'GET /employers/:employerId/employees/:id': 2,
      'GET /employers/:employerId/employees/search/payrollcode': 1,
      'POST /employers/:employerId/employees/list': 1,
      'GET (unmatched)': 1,
      'POST (unmatched)': 1,
      'GET /account': 1,
    });
  });
});
