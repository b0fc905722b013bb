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

/**
 * The fewest requests a full sync can make with this design: every list page (a page shorter than the page size is
 * the last, PRODUCT.md 3.1, so a multiple of the page size needs one empty page more), one read per listed
 * employee (the list `Item` has no field the planner needs), the ExpenseIn reads, and one write per action.
 */
export function minimumCalls(input: MinimumCallsInput): CallCounts {
  const pages = Math.floor(input.listed / input.pageSize) + 1;
  return { staffology: pages + input.listed, expensein: input.expenseinReads + input.writes };
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
