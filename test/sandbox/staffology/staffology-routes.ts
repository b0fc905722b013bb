import { type Context, Hono } from 'hono';
import type { FaultSource } from '../core/simulator.ts';
import { malformEmployeeResponse } from './malform-employee-response.ts';
import { parseEmployeeIds } from './parse-employee-ids.ts';
import { pageOf, parsePaging } from './parse-paging.ts';
import { basicPassword, requireApiKey } from './require-api-key.ts';
import type { EmployerDirectory, ListedEmployee, StaffologyDirectory } from './staffology-directory.ts';
import {
  toAccount,
  toEmployerItem,
  toEmployerResponse,
  toListedItem,
  toListedResponse,
} from './staffology-wire.ts';

/** The Staffology paths staffsync reads (PRODUCT.md section 3.1), as Hono patterns. */
export const STAFFOLOGY_PATHS = {
  account: '/account',
  employers: '/employers',
  employer: '/employers/:employerId',
  employees: '/employers/:employerId/employees',
  employeeByPayrollCode: '/employers/:employerId/employees/search/payrollcode',
  employee: '/employers/:employerId/employees/:id',
  /** The batch read (FpsEmployeesEmployee), the one route staffsync POSTs to: it reads, it writes nothing. */
  employeesByIds: '/employers/:employerId/employees/list',
} as const;

const GET_PATHS = Object.values(STAFFOLOGY_PATHS).filter((path) => path !== STAFFOLOGY_PATHS.employeesByIds);

/** Route keys for fault matching and request counts ("GET /employers/:employerId/employees"). */
export const STAFFOLOGY_ROUTE_KEYS: readonly string[] = [
  ...GET_PATHS.map((path) => `GET ${path}`),
  `POST ${STAFFOLOGY_PATHS.employeesByIds}`,
];

/** The media types the document declares for request bodies (staffology-api.md section 1). */
const JSON_MEDIA_TYPE = /^(application\/json|text\/json|application\/[\w.+-]*\+json)$/;

/*
 * Error bodies: the spec declares none ("Error body shape is UNCONFIRMED", staffology-api.md section 6), so a
 * short JSON message, the same for every error.
 */
const message = (
  c: Context,
  status: 400 | 403 | 404 | 405 | 415,
  text: string,
  headers?: Record<string, string>,
) => c.json({ message: text }, status, headers);

/** The vendor routes only; the core adds control routes, faults and the request log around them. */
export function createStaffologyRoutes(directory: () => StaffologyDirectory, faults: FaultSource): Hono {
  const app = new Hono();

  // `url` fields are absolute (staffology-api.md: "an absolute API URL to the full resource") and the simulator
  // runs on a random port, so they take the request's own origin.
  const originOf = (c: Context) => new URL(c.req.url).origin;

  const apiKeyOf = (c: Context) => basicPassword(c.req.header('authorization')) ?? '';

  /*
   * An employer this key does not see answers 403, an unknown one 404. Staffology: "API Keys and oAuth token have
   * the same permissions as the user has for the employer you are accessing" (API guide, Authorization), so a key
   * whose user has no role on the employer is refused for lack of permission, not told the employer is missing.
   */
  const findEmployer = (c: Context): EmployerDirectory | Response => {
    const employerId = c.req.param('employerId') ?? '';
    const found = directory().employer(employerId);
    if (!found) return message(c, 404, 'Employer not found');
    if (!directory().sees(apiKeyOf(c), employerId)) {
      return message(c, 403, 'This API key has no access to this employer');
    }
    return found;
  };

  app.use(
    '*',
    requireApiKey(() => directory().state.apiKeys),
  );

  app.get(STAFFOLOGY_PATHS.account, (c) =>
    c.json(toAccount(directory().state, directory().employersSeenBy(apiKeyOf(c)), originOf(c))),
  );

  app.get(STAFFOLOGY_PATHS.employers, (c) => {
    // "If no pagination parameters are provided, return all applicable employers" (IndexEmployer).
    const paging = parsePaging({ pageNum: c.req.query('pageNum'), pageSize: c.req.query('pageSize') });
    if (!paging.ok) return message(c, 400, paging.message);
    const origin = originOf(c);
    const employers = directory().employersSeenBy(apiKeyOf(c));
    return c.json(pageOf(employers, paging.paging).map((e) => toEmployerItem(e, origin)));
  });

  app.get(STAFFOLOGY_PATHS.employer, (c) => {
    const found = findEmployer(c);
    if (found instanceof Response) return found;
    return c.json(toEmployerResponse(found.employer, found.employees.length));
  });

  app.get(STAFFOLOGY_PATHS.employees, (c) => {
    const found = findEmployer(c);
    if (found instanceof Response) return found;
    const paging = parsePaging({ pageNum: c.req.query('pageNum'), pageSize: c.req.query('pageSize') });
    if (!paging.ok) return message(c, 400, paging.message);
    const origin = originOf(c);
    return c.json(
      pageOf(found.employees, paging.paging).map((listed) => toListedItem(listed, found.employer.id, origin)),
    );
  });

  // Registered before `:id`, as the vendor's router prefers the literal segments (staffology-api.md section 2).
  app.get(STAFFOLOGY_PATHS.employeeByPayrollCode, (c) => {
    const found = findEmployer(c);
    if (found instanceof Response) return found;
    const code = c.req.query('code') ?? '';
    const employee = found.byPayrollCode.get(code);
    if (!employee) return message(c, 404, `No employee with payroll code ${JSON.stringify(code)}`);
    return c.json(toListedItem(employee, found.employer.id, originOf(c)));
  });

  const served = (listed: ListedEmployee) => {
    const body = toListedResponse(listed);
    const id = String(body.id).toLowerCase();
    const malformed = (faults().malformedRecords ?? []).some((recordId) => recordId.toLowerCase() === id);
    return malformed ? malformEmployeeResponse(body) : body;
  };

  // The batch read: the records of the ids asked for, in that order, each once. Ids the employer does not hold
  // are left out rather than failing the batch (the client reads those one by one, PRODUCT.md 3.1).
  app.post(STAFFOLOGY_PATHS.employeesByIds, async (c) => {
    const found = findEmployer(c);
    if (found instanceof Response) return found;
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!JSON_MEDIA_TYPE.test(mediaType)) return message(c, 415, 'Send the employee ids as application/json');
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return message(c, 400, 'The body is not valid JSON');
    }
    const ids = parseEmployeeIds(body);
    if (!ids.ok) return message(c, 400, ids.message);
    return c.json(ids.ids.flatMap((id) => found.byId.get(id) ?? []).map(served));
  });
  // Registered before `:id`, which would otherwise take "list" for an employee id.
  app.all(STAFFOLOGY_PATHS.employeesByIds, (c) =>
    message(c, 405, `${c.req.method} is not allowed here: use POST`, { Allow: 'POST' }),
  );

  app.get(STAFFOLOGY_PATHS.employee, (c) => {
    const found = findEmployer(c);
    if (found instanceof Response) return found;
    const employee = found.byId.get(c.req.param('id').toLowerCase());
    if (!employee) return message(c, 404, 'Employee not found');
    return c.json(served(employee));
  });

  // staffsync only ever reads (R15): any other method on these paths is refused, and the request log shows it.
  for (const path of GET_PATHS) {
    app.all(path, (c) =>
      message(c, 405, `${c.req.method} is not allowed here: this API is read only`, { Allow: 'GET' }),
    );
  }

  // A catch-all route rather than `notFound`, because the core mounts this app with `app.route()`, which keeps the
  // parent's not-found handler.
  app.all('*', (c) => message(c, 404, 'Not found'));

  return app;
}
