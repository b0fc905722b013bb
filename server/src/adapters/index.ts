export {
  createExpenseInClient,
  type ExpenseInClient,
  type ExpenseInClientOptions,
  type ListedUsers,
} from './expensein/create-expensein-client.ts';
export { expenseInRoutes } from './expensein/expensein-routes.ts';
export type { ExpenseInSettings } from './expensein/expensein-schemas.ts';
export type { UserReadResult } from './expensein/map-user.ts';
export type { BackoffSettings } from './http/backoff.ts';
export { backoffDelay, retryDelay } from './http/backoff.ts';
export type {
  HttpClient,
  HttpMethod,
  HttpOptions,
  RequestEvent,
  VendorRequest,
  VendorResponse,
} from './http/create-http-client.ts';
export { createHttpClient } from './http/create-http-client.ts';
export { defaultHttpSettings, type HttpSettings, resolveHttpSettings } from './http/http-settings.ts';
export { createRequestLimiter, type RequestLimiter } from './http/request-limiter.ts';
export { parseRetryAfter } from './http/retry-after.ts';
export {
  isVendorError,
  kindForStatus,
  type Vendor,
  VendorError,
  type VendorErrorKind,
  vendorErrorKinds,
  vendorNames,
} from './http/vendor-error.ts';
export {
  createStaffologyClient,
  type EmployeeItems,
  type FetchEmployeesOptions,
  type FetchedEmployees,
  type ReadEmployeesOptions,
  type StaffologyClient,
  type StaffologyClientOptions,
} from './staffology/create-staffology-client.ts';
export type { EmployeeReadResult } from './staffology/map-employee.ts';
export { staffologyRoutes } from './staffology/staffology-routes.ts';
export type { StaffologyEmployer, StaffologyItem } from './staffology/staffology-schemas.ts';
