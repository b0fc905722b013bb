/** Requests per vendor. */
export interface CallCounts {
  staffology: number;
  expensein: number;
}

export interface MinimumCallsInput {
  /** Employees the Staffology employer lists. */
  listed: number;
  /** Employees per list page the client asks for. */
  pageSize: number;
  /** ExpenseIn reads a full run needs before planning: users, departments and the reference setting. */
  expenseinReads: number;
  /** Writes the plan needs: one per create, update, leaver or reinstatement (held leavers write nothing, R17). */
  writes: number;
}

/** Employees per batch read: `POST /employers/{employerId}/employees/list` takes at most 100 ids (PRODUCT.md 3.1). */
export const EMPLOYEES_PER_BATCH_READ = 100;

/**
 * The fewest requests a full sync can make with this design: every list page (a page shorter than the page size is
 * the last, PRODUCT.md 3.1, so a multiple of the page size needs one empty page more), one batch read per 100
 * listed employees (the list `Item` has no field the planner needs, so every record is read), the ExpenseIn reads,
 * and one write per action.
 */
export function minimumCalls(input: MinimumCallsInput): CallCounts {
  const pages = Math.floor(input.listed / input.pageSize) + 1;
  const batchReads = Math.ceil(input.listed / EMPLOYEES_PER_BATCH_READ);
  return { staffology: pages + batchReads, expensein: input.expenseinReads + input.writes };
}

/**
 * The least wall time a rate limit allows: each vendor's calls at the limit, added up rather than overlapped,
 * because the phases are sequential: the planner needs the whole source (every employee, every user) before the
 * first write can be planned, so the ExpenseIn writes cannot start while Staffology is still being read. (The three
 * ExpenseIn reads do overlap the Staffology reads; counting them in the sum adds 15 ms at 200/s.)
 */
export function floorMs(calls: CallCounts, ratePerSecond: number): number {
  return ((calls.staffology + calls.expensein) / ratePerSecond) * 1000;
}
