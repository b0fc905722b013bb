import { type Context, Hono } from 'hono';
import type { FaultSource } from '../core/simulator.ts';
import { malformEmployeeResponse } from './malform-employee-response.ts';
import { pageOf, parsePaging } from './parse-paging.ts';
import { requireApiKey } from './require-api-key.ts';
import type { StaffologyDirectory } from './staffology-directory.ts';
import {
  toAccount,
  toEmployeeItem,
  toEmployeeResponse,
  toEmployerItem,
  toEmployerResponse,
} from './staffology-wire.ts';

/** The Staffology paths staffsync reads (PRODUCT.md section 3.1), as Hono patterns. */
export const STAFFOLOGY_PATHS = {
  account: '/account',
  employers: '/employers',
  employer: '/employers/:employerId',
  employees: '/employers/:employerId/employees',
  employeeByPayrollCode: '/employers/:employerId/employees/search/payrollcode',
  employee: '/employers/:employerId/employees/:id',
} as const;

/** Route keys for fault matching and request counts ("GET /employers/:employerId/employees"). */
export const STAFFOLOGY_ROUTE_KEYS: readonly string[] = Object.values(STAFFOLOGY_PATHS).map(
  (path) => `GET ${path}`,
);

/*
 * Error bodies: the spec declares none ("Error body shape is UNCONFIRMED", staffology-api.md section 6), so a
 * short JSON message, the same for every error.
 */
const message = (c: Context, status: 400 | 404 | 405, text: string, headers?: Record<string, string>) =>
  c.json({ message: text }, status, headers);

/** The vendor routes only; the core adds control routes, faults and the request log around them. */
export function createStaffologyRoutes(directory: () => StaffologyDirectory, faults: FaultSource): Hono {
  const app = new Hono();

  // `url` fields are absolute (staffology-api.md: "an absolute API URL to the full resource") and the simulator
  // runs on a random port, so they take the request's own origin.
  const originOf = (c: Context) => new URL(c.req.url).origin;

  const findEmployer = (c: Context) => directory().employer(c.req.param('employerId') ?? '');

  app.use(
    '*',
    requireApiKey(() => directory().state.apiKeys),
  );

  app.get(STAFFOLOGY_PATHS.account, (c) => c.json(toAccount(directory().state, originOf(c))));

  app.get(STAFFOLOGY_PATHS.employers, (c) => {
    // "If no pagination parameters are provided, return all applicable employers" (IndexEmployer).
    const paging = parsePaging({ pageNum: c.req.query('pageNum'), pageSize: c.req.query('pageSize') });
    if (!paging.ok) return message(c, 400, paging.message);
    const origin = originOf(c);
    return c.json(pageOf(directory().state.employers, paging.paging).map((e) => toEmployerItem(e, origin)));
  });

  app.get(STAFFOLOGY_PATHS.employer, (c) => {
    const found = findEmployer(c);
    if (!found) return message(c, 404, 'Employer not found');
    return c.json(toEmployerResponse(found.employer, found.employees.length));
  });

  app.get(STAFFOLOGY_PATHS.employees, (c) => {
    const found = findEmployer(c);
    if (!found) return message(c, 404, 'Employer not found');
    const paging = parsePaging({ pageNum: c.req.query('pageNum'), pageSize: c.req.query('pageSize') });
    if (!paging.ok) return message(c, 400, paging.message);
    const origin = originOf(c);
    return c.json(
      pageOf(found.employees, paging.paging).map((employee) =>
        toEmployeeItem(employee, found.employer.id, origin),
      ),
    );
  });

  // Registered before `:id`, as the vendor's router prefers the literal segments (staffology-api.md section 2).
  app.get(STAFFOLOGY_PATHS.employeeByPayrollCode, (c) => {
    const found = findEmployer(c);
    if (!found) return message(c, 404, 'Employer not found');
    const code = c.req.query('code') ?? '';
    const employee = found.byPayrollCode.get(code);
    if (!employee) return message(c, 404, `No employee with payroll code ${JSON.stringify(code)}`);
    return c.json(toEmployeeItem(employee, found.employer.id, originOf(c)));
  });

  app.get(STAFFOLOGY_PATHS.employee, (c) => {
    const found = findEmployer(c);
    if (!found) return message(c, 404, 'Employer not found');
    const id = c.req.param('id').toLowerCase();
    const employee = found.byId.get(id);
    if (!employee) return message(c, 404, 'Employee not found');
    const body = toEmployeeResponse(employee);
    const malformed = (faults().malformedRecords ?? []).some((recordId) => recordId.toLowerCase() === id);
    return c.json(malformed ? malformEmployeeResponse(body) : body);
  });

  // staffsync only ever reads (R15): any other method on these paths is refused, and the request log shows it.
  for (const path of Object.values(STAFFOLOGY_PATHS)) {
    app.all(path, (c) =>
      message(c, 405, `${c.req.method} is not allowed here: this API is read only`, { Allow: 'GET' }),
    );
  }

  // A catch-all route rather than `notFound`, because the core mounts this app with `app.route()`, which keeps the
  // parent's not-found handler.
  app.all('*', (c) => message(c, 404, 'Not found'));

  return app;
}
