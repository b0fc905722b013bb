import { setMaxListeners } from 'node:events';
import type { HrEmployee, InvalidRecord } from '@staffsync/shared';
import { z } from 'zod';
import { createHttpClient, type HttpOptions } from '../http/create-http-client.ts';
import { formatIssues } from '../http/format-issues.ts';
import { resolveHttpSettings } from '../http/http-settings.ts';
import { isVendorError, VendorError } from '../http/vendor-error.ts';
import { type EmployeeReadResult, invalidEmployee, mapEmployee, payrollCodeOfItem } from './map-employee.ts';
import { type RouteTarget, staffologyRoutes } from './staffology-routes.ts';
import {
  type StaffologyEmployer,
  type StaffologyItem,
  staffologyEmployerSchema,
  staffologyItemSchema,
} from './staffology-schemas.ts';

export interface StaffologyClientOptions extends HttpOptions {
  baseUrl: string;
  apiKey: string;
  employerId: string;
  /** Employees per list page (the API documents no default or maximum). */
  pageSize?: number;
}

export interface EmployeeItems {
  items: StaffologyItem[];
  /** List entries that are not valid `Item`s: they cannot be read, and are reported instead. */
  invalidRecords: InvalidRecord[];
}

export interface FetchEmployeesOptions {
  includeBankDetails: boolean;
  /** Called after each employee read. */
  onProgress?: (progress: { done: number; total: number }) => void;
}

export interface FetchedEmployees {
  employees: HrEmployee[];
  invalidRecords: InvalidRecord[];
}

/** Reads a Staffology employer's employees (PRODUCT.md 3.1). Read only: every request it can make is a GET (R15). */
export interface StaffologyClient {
  /** `GET /account`; throws a `VendorError` (kind `auth` for a bad key). */
  testConnection(): Promise<void>;
  getEmployer(): Promise<StaffologyEmployer>;
  /** Every employee `Item`, paging `pageNum=0..` until a page is shorter than the page size. */
  listEmployeeItems(): Promise<EmployeeItems>;
  /** One employee; a record failing the schema comes back as an invalid record, not a throw. */
  getEmployee(id: string, options?: { includeBankDetails?: boolean }): Promise<EmployeeReadResult>;
  /** The list, then one read per employee (concurrently, within the client's limits), in list order. */
  fetchEmployees(options: FetchEmployeesOptions): Promise<FetchedEmployees>;
  /** The employee `Item` with this payroll code, or null when there is none (404). */
  findByPayrollCode(code: string): Promise<StaffologyItem | null>;
}

const DEFAULT_PAGE_SIZE = 100;

export function createStaffologyClient(options: StaffologyClientOptions): StaffologyClient {
  const { apiKey, employerId } = options;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const workers = resolveHttpSettings(options.http).concurrency;
  // HTTP Basic, any username, the API key as the password (PRODUCT.md 3.1).
  const credentials = Buffer.from(`staffsync:${apiKey}`).toString('base64');
  const http = createHttpClient({
    ...options,
    vendor: 'staffology',
    headers: { Authorization: `Basic ${credentials}` },
    secrets: [apiKey, credentials],
  });

  // The only way this client talks to Staffology: GET, nothing else.
  async function get(target: RouteTarget, signal?: AbortSignal): Promise<unknown> {
    const response = await http.request({ method: 'GET', ...target, ...(signal ? { signal } : {}) });
    return response.body;
  }

  function parse<T>(schema: z.ZodType<T>, body: unknown, target: RouteTarget): T {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new VendorError({
      vendor: 'staffology',
      method: 'GET',
      path: target.path,
      status: 200,
      kind: 'bad_response',
      message: `staffology GET ${target.path}: unexpected response: ${formatIssues(parsed.error)}`,
    });
  }

  async function listEmployeeItems(): Promise<EmployeeItems> {
    const items: StaffologyItem[] = [];
    const invalidRecords: InvalidRecord[] = [];
    const seen = new Set<string>();
    let previous = '';
    for (let pageNum = 0; ; pageNum++) {
      const target = staffologyRoutes.employees(employerId, pageNum, pageSize);
      const page = parse(z.array(z.unknown()), await get(target), target);
      // A server that ignores paging sends the same list for every page: stop instead of spinning.
      const signature = JSON.stringify(page);
      if (signature === previous) break;
      previous = signature;
      let repeats = 0;
      for (const entry of page) {
        const item = staffologyItemSchema.safeParse(entry);
        if (!item.success) {
          invalidRecords.push(
            invalidEmployee(`list entry failed validation: ${formatIssues(item.error)}`, entry),
          );
        } else if (seen.has(item.data.id)) {
          repeats++;
        } else {
          seen.add(item.data.id);
          items.push(item.data);
        }
      }
      // A short page is the last (PRODUCT.md 3.1); a longer one means paging was ignored and this is everything.
      if (page.length !== pageSize || repeats === page.length) break;
    }
    return { items, invalidRecords };
  }

  async function readEmployee(
    item: { id: string; employeeNumber: string | null },
    includeBankDetails: boolean,
    signal?: AbortSignal,
  ): Promise<EmployeeReadResult> {
    const known = { sourceId: item.id, employeeNumber: item.employeeNumber };
    let body: unknown;
    try {
      body = await get(staffologyRoutes.employee(employerId, item.id), signal);
    } catch (error) {
      // An answer that cannot be read (not JSON, an unexpected status) is this record's problem, not the run's
      // (PRODUCT.md 3).
      if (isVendorError(error, 'bad_response')) {
        return { ok: false, invalid: invalidEmployee(`could not be read: ${error.message}`, null, known) };
      }
      throw error;
    }
    return mapEmployee(body, { includeBankDetails }, known);
  }

  /** A listed employee; one that vanished between the list and the read is reported, not silently dropped. */
  async function readListed(item: StaffologyItem, includeBankDetails: boolean, signal: AbortSignal) {
    const known = { id: item.id, employeeNumber: payrollCodeOfItem(item) };
    try {
      return await readEmployee(known, includeBankDetails, signal);
    } catch (error) {
      if (!isVendorError(error, 'not_found')) throw error;
      const invalid = invalidEmployee('was listed but could not be read (404)', null, {
        sourceId: item.id,
        employeeNumber: known.employeeNumber,
      });
      return { ok: false, invalid } as const;
    }
  }

  return {
    async testConnection() {
      await get(staffologyRoutes.account());
    },

    async getEmployer() {
      const target = staffologyRoutes.employer(employerId);
      return parse(staffologyEmployerSchema, await get(target), target);
    },

    listEmployeeItems,

    getEmployee(id, readOptions) {
      return readEmployee({ id, employeeNumber: null }, readOptions?.includeBankDetails ?? false);
    },

    async fetchEmployees({ includeBankDetails, onProgress }) {
      const listed = await listEmployeeItems();
      const total = listed.items.length;
      const results: EmployeeReadResult[] = [];
      let next = 0;
      let done = 0;
      // On the first failure the other reads are cancelled, rather than spent on a run that has failed.
      const stop = new AbortController();
      // As many readers as the client may have requests in flight: the limiter paces them, and a 50,000-employee
      // company is not turned into 50,000 queued promises at once.
      const readers = Math.max(1, Math.min(workers, total));
      setMaxListeners(readers + 10, stop.signal);
      const reader = async () => {
        for (let index = next++; index < total && !stop.signal.aborted; index = next++) {
          const item = listed.items[index];
          if (!item) break;
          try {
            results[index] = await readListed(item, includeBankDetails, stop.signal);
          } catch (error) {
            if (!stop.signal.aborted) stop.abort(error);
            throw error;
          }
          done++;
          onProgress?.({ done, total });
        }
      };
      try {
        await Promise.all(Array.from({ length: readers }, reader));
      } catch (error) {
        // The first failure is the abort reason; the others are its echoes.
        throw stop.signal.aborted ? stop.signal.reason : error;
      }
      const employees: HrEmployee[] = [];
      const invalidRecords = [...listed.invalidRecords];
      for (const result of results) {
        if (result.ok) employees.push(result.employee);
        else invalidRecords.push(result.invalid);
      }
      return { employees, invalidRecords };
    },

    async findByPayrollCode(code) {
      const target = staffologyRoutes.employeeByPayrollCode(employerId, code);
      try {
        return parse(staffologyItemSchema, await get(target), target);
      } catch (error) {
        if (isVendorError(error, 'not_found')) return null;
        throw error;
      }
    },
  };
}
