/**
 * Where the generated company's edge cases are, so that tests and the demo can find them without searching.
 * Employees are named by employee number (Staffology `payrollCode`), except where the number itself is the
 * problem (then by Staffology employee id); ExpenseIn users by user id. Each scenario list names the sync rule of
 * PRODUCT.md section 2 it exercises. Without `includeScenarios` every scenario list is empty and the two vendors
 * agree on everything (a sync plans no change).
 *
 * Not generated, because they are about a run rather than a company: R17 (leaver guard: mark more than 20% as
 * leavers in a test) and R18 (empty source: `employees: 0`, or load an empty employee list after a first sync).
 */
export interface CompanyFacts {
  companyName: string;
  emailDomain: string;
  /** The date the company was generated for (leave dates are before or after it). */
  today: string;
  employeeCount: number;
  expenseInUserCount: number;
  /** R15: ExpenseIn's account administrator, a user with no employee (never changed by the sync). */
  adminUserId: number;
  /** R15: contractors: ExpenseIn users with no employee (never changed by the sync). */
  contractorUserIds: number[];
  /** An ExpenseIn API key without "Account Administrator": writes with it get 403. */
  expenseInKeyWithoutAdmin: string;

  /** R10 (+R9, R8): current employees not in ExpenseIn by number or email: to be created. */
  newStarters: string[];
  /** R12: Former, hasLeft, leave date before today; their linked user has no leave date yet. */
  leaversPast: string[];
  /** R12: a leave date after today (status still Current): a scheduled leaver in ExpenseIn. */
  leaversFuture: string[];
  /** R12: status Former and nothing else (hasLeft false, no leave date): the leave date becomes today. */
  formerWithoutLeaveDate: string[];
  /** R13: Former, hasLeft, past leave date, and no ExpenseIn user by number or email. */
  leaversNotInExpenseIn: string[];
  /** R1: first name (Known As falls back to it) is null; the linked user still holds the old name. */
  missingKnownAs: string[];
  /** R1: surname blank after trimming. */
  missingSurname: string[];
  /** R1: no email. */
  missingWorkEmail: string[];
  /** R1: payroll code blank after trimming (the schema needs 1+ characters, so it is "  "): Staffology ids. */
  blankEmployeeNumber: string[];
  /** R2: an email that is not a plausible address. */
  invalidEmail: string[];
  /** R3: two HR employees share the number; the first one's user is linked in ExpenseIn. */
  duplicateEmployeeNumber: { employeeNumber: string; sourceIds: string[]; linkedUserId: number }[];
  /** R4: two ExpenseIn users hold the number as Reference (legacy data from before the uniqueness setting). */
  duplicateReference: { employeeNumber: string; userIds: number[] }[];
  /** R6 (then R11): a Reference differing only by case or inner white space; that user holds the employee's email. */
  nearMissReference: { employeeNumber: string; userId: number; reference: string }[];
  /** R11: the employee's email belongs to a user under another Reference; no user holds the number. */
  emailHeldByOtherUser: { employeeNumber: string; userId: number; reference: string }[];
  /** R7a: linked, HR's new email (and surname) already belongs to another user; the surname still updates. */
  emailTakenOnUpdate: { employeeNumber: string; userId: number; otherUserId: number; email: string }[];
  /** R9 `department_not_found`: HR department with no ExpenseIn department of that name. */
  departmentOnlyInStaffology: { code: string; title: string; employeeNumbers: string[] }[];
  /** R9 normalisation: HR's title and ExpenseIn's name differ only in case and spacing: the same department. */
  departmentCaseSpacing: {
    code: string;
    hrTitle: string;
    expenseInName: string;
    expenseInDepartmentId: number;
    employeeNumbers: string[];
  }[];
  /** R7 + R16: a synced field edited in ExpenseIn (HR "Robert", ExpenseIn "Rob"): overwritten, value lost. */
  editedInExpenseIn: {
    employeeNumber: string;
    userId: number;
    field: 'firstName';
    hrValue: string;
    expenseInValue: string;
  }[];
  /** R14: a leave date set by hand in ExpenseIn while HR says current: never cleared. */
  manualLeaveDate: { employeeNumber: string; userId: number; leaveDate: string }[];
  /** R8: linked, HR and ExpenseIn hold different bank details (another account number). */
  bankDiffers: { employeeNumber: string; userId: number }[];
  /** R8 "never cleared": HR holds no bank details, the linked user has some. */
  bankOnlyInExpenseIn: { employeeNumber: string; userId: number }[];
  /**
   * R7/R8 normalisation: raw values differ but compare equal (email case, padded name, sort code typed with
   * dashes), so no update is due.
   */
  normalisedEqual: {
    employeeNumber: string;
    userId: number;
    kind: 'emailCase' | 'paddedName' | 'dashedSortCode';
  }[];
}
