import type { EiDepartment, EiUser, InvalidRecord, UserWrite } from '@staffsync/shared';
import { withoutTrailingSlash } from '@staffsync/shared';
import { z } from 'zod';
import { createHttpClient, type HttpMethod, type HttpOptions } from '../http/create-http-client.ts';
import { formatIssues } from '../http/format-issues.ts';
import { resolveHttpSettings } from '../http/http-settings.ts';
import { VendorError } from '../http/vendor-error.ts';
import { expenseInRoutes, type RouteTarget } from './expensein-routes.ts';
import {
  type ExpenseInSettings,
  expenseInDepartmentSchema,
  expenseInSettingsSchema,
  expenseInUserSchema,
  userListSchema,
} from './expensein-schemas.ts';
import { mapUser, toCreateBody, toPatchBody, type UserReadResult } from './map-user.ts';

export interface ExpenseInClientOptions extends HttpOptions {
  baseUrl: string;
  apiKey: string;
}

export interface ListedUsers {
  users: EiUser[];
  invalidRecords: InvalidRecord[];
}

/**
 * Reads and writes ExpenseIn users (PRODUCT.md 3.2). Refusals come out as `VendorError`s: 401 `auth`,
 * 403 `forbidden`, 400 `invalid` and 409 `conflict` with ExpenseIn's field errors in `fieldErrors`.
 */
export interface ExpenseInClient {
  /** How many requests this client has in flight at most (its http settings): the applier keeps that many busy. */
  readonly concurrency: number;
  /** Every user on the account, leavers included; a user failing the schema becomes an invalid record. */
  listUsers(): Promise<ListedUsers>;
  /** One user (a 404 throws a `not_found` VendorError). */
  getUser(id: number): Promise<UserReadResult>;
  /**
   * `POST /1.0/users` (201). Not retried after a timeout or a dropped connection: the create may have happened,
   * and the next run finds the user by its reference instead of creating it twice (create-http-client.ts).
   */
  createUser(write: UserWrite): Promise<EiUser>;
  /** `PATCH /1.0/users/{id}` with only the fields in `write`; retried like a read (same values each time). */
  updateUser(id: number, write: UserWrite): Promise<EiUser>;
  listDepartments(): Promise<EiDepartment[]>;
  getSettings(): Promise<ExpenseInSettings>;
}

export function createExpenseInClient(options: ExpenseInClientOptions): ExpenseInClient {
  const http = createHttpClient({
    ...options,
    baseUrl: apiRoot(options.baseUrl),
    vendor: 'expensein',
    // PRODUCT.md 3.2: the literal prefix `ApiKey`, not Bearer (expensein.md 1.2).
    headers: { Authorization: `ApiKey ${options.apiKey}` },
    secrets: [options.apiKey],
  });

  async function call(method: HttpMethod, target: RouteTarget, body?: unknown): Promise<unknown> {
    const response = await http.request({ method, ...target, ...(body === undefined ? {} : { body }) });
    return response.body;
  }

  function badResponse(method: HttpMethod, target: RouteTarget, message: string): VendorError {
    return new VendorError({
      vendor: 'expensein',
      method,
      path: target.path,
      status: null,
      kind: 'bad_response',
      message: `expensein ${method} ${target.path}: ${message}`,
    });
  }

  function parse<T>(schema: z.ZodType<T>, body: unknown, method: HttpMethod, target: RouteTarget): T {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw badResponse(method, target, `unexpected response: ${formatIssues(parsed.error)}`);
  }

  /** The user a write returned. The write did happen, so a bad answer says so, with the id when readable. */
  function writtenUser(body: unknown, method: HttpMethod, target: RouteTarget): EiUser {
    const parsed = expenseInUserSchema.safeParse(body);
    if (parsed.success) return parsed.data;
    const read = mapUser(body);
    const id = read.ok ? read.user.id : read.invalid.userId;
    throw badResponse(
      method,
      target,
      `the write was accepted${id === null ? '' : ` (user ${id})`} but the returned user is invalid: ${formatIssues(parsed.error)}`,
    );
  }

  return {
    concurrency: resolveHttpSettings(options.http).concurrency,

    async listUsers() {
      const target = expenseInRoutes.users();
      const list = parse(userListSchema, await call('GET', target), 'GET', target);
      const users: EiUser[] = [];
      const invalidRecords: InvalidRecord[] = [];
      for (const raw of list) {
        const result = mapUser(raw);
        if (result.ok) users.push(result.user);
        else invalidRecords.push(result.invalid);
      }
      return { users, invalidRecords };
    },

    async getUser(id) {
      return mapUser(await call('GET', expenseInRoutes.user(id)));
    },

    async createUser(write) {
      const target = expenseInRoutes.users();
      return writtenUser(await call('POST', target, toCreateBody(write)), 'POST', target);
    },

    async updateUser(id, write) {
      const target = expenseInRoutes.user(id);
      return writtenUser(await call('PATCH', target, toPatchBody(write)), 'PATCH', target);
    },

    async listDepartments() {
      const target = expenseInRoutes.departments();
      return parse(z.array(expenseInDepartmentSchema), await call('GET', target), 'GET', target);
    },

    async getSettings() {
      const target = expenseInRoutes.settings();
      return parse(expenseInSettingsSchema, await call('GET', target), 'GET', target);
    },
  };
}

/**
 * The base URL is the API's root (`https://api.expensein.com`) and every path carries the version segment
 * (PRODUCT.md 3.2). A base URL given with the segment already on it is read as its root, so `/1.0` is not sent twice.
 */
function apiRoot(baseUrl: string): string {
  return withoutTrailingSlash(baseUrl).replace(/\/1\.0$/, '');
}
