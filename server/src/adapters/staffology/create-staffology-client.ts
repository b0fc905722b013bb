import type { HrEmployee, InvalidRecord } from '@staffsync/shared';
import { z } from 'zod';
import { createHttpClient, type HttpOptions } from '../http/create-http-client.ts';
import { formatIssues } from '../http/format-issues.ts';
import { resolveHttpSettings } from '../http/http-settings.ts';
import { isVendorError, VendorError } from '../http/vendor-error.ts';
import { forEachConcurrently } from './for-each-concurrently.ts';
import {
  type EmployeeReadResult,
  invalidEmployee,
  type KnownEmployee,
  mapEmployee,
  payrollCodeOfItem,
} from './map-employee.ts';
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
  /**
   * Called once, the first time Staffology refuses the batch read (404, 405, 403 or 501), with the reason; from then
   * on this client reads one employee per GET (PRODUCT.md 3.1). A run makes its own clients, so: for the run.
   */
  onFallback?: (reason: string) => void;
}

export interface EmployeeItems {
  items: StaffologyItem[];
  /** List entries that are not valid `Item`s: they cannot be read, and are reported instead. */
  invalidRecords: InvalidRecord[];
}

export interface ReadEmployeesOptions {
  includeBankDetails: boolean;
  /** Called after each employee read (a batch of 100 reports 100 times), counting employees, not requests. */
  onProgress?: (progress: { done: number; total: number }) => void;
  /**
   * Each employee as soon as its record is read and mapped, while other reads are still on the wire, so that work on
   * it overlaps them. It runs before the next read is sent: keep it short, and it must not throw.
   */
  onEmployee?: (employee: HrEmployee) => void;
  /** Cancels the reads still to make. */
  signal?: AbortSignal;
}

/** What a full read takes: the same as a read of some employees. */
export type FetchEmployeesOptions = ReadEmployeesOptions;

export interface FetchedEmployees {
  employees: HrEmployee[];
  invalidRecords: InvalidRecord[];
}

/**
 * Reads a Staffology employer's employees (PRODUCT.md 3.1). Read only (R15): every request it can make is a GET but
 * the batch read, a POST that writes nothing.
 */
export interface StaffologyClient {
  /** `GET /account`; throws a `VendorError` (kind `auth` for a bad key). */
  testConnection(): Promise<void>;
  /** The client's employer, or another one the key sees (`id`): the set-up check counts each one's employees. */
  getEmployer(id?: string): Promise<StaffologyEmployer>;
  /** `GET /employers`: every employer the key sees, as `Item`s (the employer picker of set-up step 2). */
  listEmployers(): Promise<StaffologyItem[]>;
  /** Every employee `Item`, paging `pageNum=0..` until a page is shorter than the page size. */
  listEmployeeItems(): Promise<EmployeeItems>;
  /** One employee; a record failing the schema comes back as an invalid record, not a throw. */
  getEmployee(id: string, options?: { includeBankDetails?: boolean }): Promise<EmployeeReadResult>;
  /**
   * These employees, in this order: batch reads of up to 100 (concurrently, within the client's limits), then one
   * GET for each id a batch did not return (an id that is not there becomes an invalid record). Once the batch
   * route is refused, one GET per employee (`onFallback`).
   */
  readEmployees(ids: readonly string[], options: ReadEmployeesOptions): Promise<FetchedEmployees>;
  /**
   * The list (`listEmployeeItems`) and `readEmployees` of every listed employee, in list order; each page's employees
   * are read as soon as the page is in.
   */
  fetchEmployees(options: FetchEmployeesOptions): Promise<FetchedEmployees>;
  /** The employee `Item` with this payroll code, or null when there is none (404). */
  findByPayrollCode(code: string): Promise<StaffologyItem | null>;
}

const DEFAULT_PAGE_SIZE = 100;
/** List pages asked for ahead of the one read, at most: the end of the list is only known from a short page. */
const PAGES_AHEAD = 4;
/** PRODUCT.md 3.1: "a JSON array of at most 100 employee ids". */
const BATCH_SIZE = 100;
/*
 * Answers that mean the batch route itself is refused (PRODUCT.md 3.1 names 404, 405 and 403; 501 is a server
 * that does not implement it), rather than one batch going wrong.
 */
const ROUTE_REFUSED = new Set([403, 404, 405, 501]);

/** An employee to read, with what its list `Item` said, to name it if the read fails. */
interface ListedEmployee {
  id: string;
  employeeNumber: string | null;
}

// Only the id of a batch answer's record is read before mapping, to match it to the id asked for.
const recordIdSchema = z.object({ id: z.string().min(1) });

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

  // The ways this client talks to Staffology: GET, and the batch read below.
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

  /**
   * Every employee `Item`, page by page in order; `onPage` gets each page's new items as soon as it is read. Up to
   * `PAGES_AHEAD` pages are asked for before the one being looked at is in, so a long list does not cost one round
   * trip per page; the requests past a short page are cancelled, or wasted if already sent.
   */
  async function listEmployeeItems(
    onPage?: (items: StaffologyItem[]) => void,
    signal?: AbortSignal,
  ): Promise<EmployeeItems> {
    const items: StaffologyItem[] = [];
    const invalidRecords: InvalidRecord[] = [];
    const seen = new Set<string>();
    const stop = new AbortController();
    const pageSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
    const pages = new Map<number, Promise<unknown[]>>();
    const ask = (pageNum: number) => {
      const target = staffologyRoutes.employees(employerId, pageNum, pageSize);
      const page = get(target, pageSignal).then((body) => parse(z.array(z.unknown()), body, target));
      // Awaited in order below; one that fails after the list ended is never awaited.
      page.catch(() => {});
      pages.set(pageNum, page);
    };
    ask(0);
    let asked = 0;
    let previous = '';
    try {
      for (let pageNum = 0; ; pageNum++) {
        const page = await (pages.get(pageNum) as Promise<unknown[]>);
        pages.delete(pageNum);
        // A server that ignores paging sends the same list for every page: stop instead of spinning.
        const signature = JSON.stringify(page);
        if (signature === previous) break;
        previous = signature;
        let repeats = 0;
        const fresh: StaffologyItem[] = [];
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
            fresh.push(item.data);
          }
        }
        items.push(...fresh);
        onPage?.(fresh);
        // A short page is the last (PRODUCT.md 3.1); a longer one means paging was ignored and this is everything.
        if (page.length !== pageSize || repeats === page.length) break;
        // Each full page says the list is longer: ask further ahead, up to PAGES_AHEAD, so a short list wastes little.
        for (const last = pageNum + Math.min(PAGES_AHEAD, pageNum + 1); asked < last; ) ask(++asked);
      }
    } finally {
      stop.abort();
    }
    return { items, invalidRecords };
  }

  // The one POST this client sends (R15): the batch read, which writes nothing, so it is sent again like a GET
  // when its answer is lost (`idempotent`) rather than treated as a write that may have happened.
  const batchTarget = staffologyRoutes.employeesByIds(employerId);
  async function postEmployeeIds(ids: readonly string[], signal: AbortSignal): Promise<unknown> {
    const response = await http.request({
      method: 'POST',
      ...batchTarget,
      body: ids,
      idempotent: true,
      signal,
    });
    return response.body;
  }

  // Refused once, the batch route is not tried again by this client (PRODUCT.md 3.1: "for the rest of the run").
  let batchRefused = false;

  /**
   * One batch read: the records it returned, by lower-cased id (GUIDs compare whatever their case). Empty when the
   * batch cannot be used, so that its ids are read one by one.
   */
  async function readBatch(ids: readonly string[], signal: AbortSignal): Promise<Map<string, unknown>> {
    const records = new Map<string, unknown>();
    if (batchRefused) return records;
    let body: unknown;
    try {
      body = await postEmployeeIds(ids, signal);
    } catch (error) {
      if (isVendorError(error) && error.status !== null && ROUTE_REFUSED.has(error.status)) {
        if (!batchRefused) {
          batchRefused = true;
          options.onFallback?.(
            `Staffology refused the batch read (POST ${batchTarget.route}: HTTP ${error.status}); reading one employee per GET for the rest of the run`,
          );
        }
        return records;
      }
      // A batch the server will not take (400: an id it cannot parse) or answers unreadably: its ids are read one
      // by one, where a bad record is only that employee's problem (PRODUCT.md 3).
      if (isVendorError(error, 'invalid') || isVendorError(error, 'bad_response')) return records;
      throw error;
    }
    const answer = z.array(z.unknown()).safeParse(body);
    for (const raw of answer.success ? answer.data : []) {
      const id = recordIdSchema.safeParse(raw);
      if (id.success && !records.has(id.data.id.toLowerCase())) records.set(id.data.id.toLowerCase(), raw);
    }
    return records;
  }

  async function readEmployee(
    item: ListedEmployee,
    includeBankDetails: boolean,
    signal?: AbortSignal,
  ): Promise<EmployeeReadResult> {
    let body: unknown;
    try {
      body = await get(staffologyRoutes.employee(employerId, item.id), signal);
    } catch (error) {
      // An answer that cannot be read (not JSON, an unexpected status) is this record's problem, not the run's
      // (PRODUCT.md 3).
      if (isVendorError(error, 'bad_response')) {
        return {
          ok: false,
          invalid: invalidEmployee(`could not be read: ${error.message}`, null, known(item)),
        };
      }
      throw error;
    }
    return mapEmployee(body, { includeBankDetails }, known(item));
  }

  /** A listed employee; one that vanished between the list and the read is reported, not silently dropped. */
  async function readListed(
    item: ListedEmployee,
    includeBankDetails: boolean,
    signal: AbortSignal,
  ): Promise<EmployeeReadResult> {
    try {
      return await readEmployee(item, includeBankDetails, signal);
    } catch (error) {
      if (!isVendorError(error, 'not_found')) throw error;
      return {
        ok: false,
        invalid: invalidEmployee('was listed but could not be read (404)', null, known(item)),
      };
    }
  }

  /**
   * Reads these employees 100 per call (PRODUCT.md 3.1), then one GET for each the batches did not return, all
   * of it within the client's concurrency; the results keep the order asked for.
   */
  async function readListedEmployees(
    listed: readonly ListedEmployee[],
    { includeBankDetails, onProgress, onEmployee, signal }: ReadEmployeesOptions,
  ): Promise<FetchedEmployees> {
    const total = listed.length;
    const results: (EmployeeReadResult | undefined)[] = [];
    let done = 0;
    const settle = (index: number, result: EmployeeReadResult) => {
      results[index] = result;
      if (result.ok) onEmployee?.(result.employee);
      done++;
      onProgress?.({ done, total });
    };
    const entries = listed.map((employee, index) => ({ employee, index }));
    const batches = Array.from({ length: Math.ceil(total / BATCH_SIZE) }, (_, n) =>
      entries.slice(n * BATCH_SIZE, (n + 1) * BATCH_SIZE),
    );
    const oneByOne: typeof entries = [];
    await forEachConcurrently(batches, { workers, signal }, async (batch, batchSignal) => {
      const records = await readBatch(
        batch.map(({ employee }) => employee.id),
        batchSignal,
      );
      for (const { employee, index } of batch) {
        const raw = records.get(employee.id.toLowerCase());
        if (raw === undefined) oneByOne.push({ employee, index });
        else settle(index, mapEmployee(raw, { includeBankDetails }, known(employee)));
      }
    });
    await forEachConcurrently(oneByOne, { workers, signal }, async ({ employee, index }, readSignal) => {
      settle(index, await readListed(employee, includeBankDetails, readSignal));
    });
    const employees: HrEmployee[] = [];
    const invalidRecords: InvalidRecord[] = [];
    for (const result of results) {
      if (result?.ok) employees.push(result.employee);
      else if (result) invalidRecords.push(result.invalid);
    }
    return { employees, invalidRecords };
  }

  return {
    async testConnection() {
      await get(staffologyRoutes.account());
    },

    async getEmployer(id = employerId) {
      const target = staffologyRoutes.employer(id);
      return parse(staffologyEmployerSchema, await get(target), target);
    },

    async listEmployers() {
      const target = staffologyRoutes.employers();
      return parse(z.array(staffologyItemSchema), await get(target), target);
    },

    listEmployeeItems: () => listEmployeeItems(),

    getEmployee(id, readOptions) {
      return readEmployee({ id, employeeNumber: null }, readOptions?.includeBankDetails ?? false);
    },

    readEmployees(ids, readOptions) {
      return readListedEmployees(
        ids.map((id) => ({ id, employeeNumber: null })),
        readOptions,
      );
    },

    async fetchEmployees(readOptions) {
      // Each page's employees are read while the next pages are listed; the answer keeps list order.
      const reads: Promise<FetchedEmployees>[] = [];
      let listedSoFar = 0;
      let done = 0;
      // The first failure (a read or a list page) stops the list and the other reads: the run cannot use a partial
      // source. It is the error reported, not the cancellations it caused.
      const cancel = new AbortController();
      let firstFailure: { error: unknown } | null = null;
      const stop = (error: unknown) => {
        firstFailure ??= { error };
        cancel.abort(error);
      };
      const signal = readOptions.signal
        ? AbortSignal.any([readOptions.signal, cancel.signal])
        : cancel.signal;
      // Read 100 at a time whatever the page size, so that small pages do not mean small batches.
      let waiting: StaffologyItem[] = [];
      const readListed = (items: StaffologyItem[]) => {
        const read = readListedEmployees(
          items.map((item) => ({ id: item.id, employeeNumber: payrollCodeOfItem(item) })),
          {
            includeBankDetails: readOptions.includeBankDetails,
            signal,
            onEmployee: readOptions.onEmployee,
            onProgress: () => {
              done++;
              readOptions.onProgress?.({ done, total: listedSoFar });
            },
          },
        );
        read.catch(stop);
        reads.push(read);
      };
      const readPage = (items: StaffologyItem[]) => {
        listedSoFar += items.length;
        waiting.push(...items);
        while (waiting.length >= BATCH_SIZE) {
          readListed(waiting.slice(0, BATCH_SIZE));
          waiting = waiting.slice(BATCH_SIZE);
        }
      };
      let listed: EmployeeItems | undefined;
      try {
        listed = await listEmployeeItems(readPage, signal);
        if (waiting.length > 0) readListed(waiting);
      } catch (error) {
        stop(error);
      }
      const settled = await Promise.allSettled(reads);
      // Set by `stop`, which TypeScript cannot follow into the callbacks.
      const failure = firstFailure as { error: unknown } | null;
      if (failure !== null || listed === undefined) throw failure?.error;
      const pages = settled.flatMap((read) => (read.status === 'fulfilled' ? [read.value] : []));
      return {
        employees: pages.flatMap((page) => page.employees),
        invalidRecords: [...listed.invalidRecords, ...pages.flatMap((page) => page.invalidRecords)],
      };
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

/** What names a listed employee in an invalid record when its own record cannot. */
function known(employee: ListedEmployee): KnownEmployee {
  return { sourceId: employee.id, employeeNumber: employee.employeeNumber };
}
