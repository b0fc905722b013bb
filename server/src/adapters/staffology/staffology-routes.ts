/**
 * Every Staffology path staffsync uses, in one place (PRODUCT.md 3.1, staffology-api.md 2), so they can be
 * corrected without touching the client. Each gives the route template (for metrics, never holding ids) and the
 * concrete path. All of them are reads: staffsync never writes to Staffology (R15). One is sent as a POST, the
 * batch read, because the ids travel in its body; it too writes nothing.
 */
export interface RouteTarget {
  route: string;
  path: string;
}

const enc = encodeURIComponent;

export const staffologyRoutes = {
  account: (): RouteTarget => ({ route: '/account', path: '/account' }),
  /** Every employer the key sees: with no paging parameters, "return all applicable employers" (IndexEmployer). */
  employers: (): RouteTarget => ({ route: '/employers', path: '/employers' }),
  employer: (employerId: string): RouteTarget => ({
    route: '/employers/{employerId}',
    path: `/employers/${enc(employerId)}`,
  }),
  /** `pageNum` is zero-based (staffology-api.md 2, "Paging and list shape"). */
  employees: (employerId: string, pageNum: number, pageSize: number): RouteTarget => ({
    route: '/employers/{employerId}/employees',
    path: `/employers/${enc(employerId)}/employees?pageNum=${pageNum}&pageSize=${pageSize}`,
  }),
  employee: (employerId: string, id: string): RouteTarget => ({
    route: '/employers/{employerId}/employees/{id}',
    path: `/employers/${enc(employerId)}/employees/${enc(id)}`,
  }),
  /**
   * The batch read (FpsEmployeesEmployee in the official OpenAPI document): POST a JSON array of at most 100 employee
   * ids, get their `EmployeeResponse`s (PRODUCT.md 3.1). A read, though a POST: it writes nothing (R15).
   */
  employeesByIds: (employerId: string): RouteTarget => ({
    route: '/employers/{employerId}/employees/list',
    path: `/employers/${enc(employerId)}/employees/list`,
  }),
  /** One `Item`, 404 when no employee has the code (single-user resync). */
  employeeByPayrollCode: (employerId: string, code: string): RouteTarget => ({
    route: '/employers/{employerId}/employees/search/payrollcode',
    path: `/employers/${enc(employerId)}/employees/search/payrollcode?code=${enc(code)}`,
  }),
} as const;
