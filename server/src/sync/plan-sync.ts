import type { InvalidRecord, Link, Outcome, Plan, PlanInput, PlannedAction } from '@staffsync/shared';
import { compareNullableId, compareNullableText, compareText } from './compare.ts';
import type { EmployeePlan } from './employee-plan.ts';
import { sharedAt } from './key-index.ts';
import { applyLeaverGuard } from './leaver-guard.ts';
import { makeOutcome } from './make-outcome.ts';
import { markEmailSwaps } from './mark-email-swaps.ts';
import { matchKey } from './normalise.ts';
import { createPlanContext, findNearMisses, type PlanContext } from './plan-context.ts';
import { planLinkedEmployee } from './plan-linked-employee.ts';
import { planUnlinkedEmployee } from './plan-unlinked-employee.ts';
import { type ScreenedEmployee, screenEmployees, subjectOf } from './screen-employees.ts';

/**
 * The sync planner (PRODUCT.md 2): a pure function from one connection's inputs to the actions and outcomes of a
 * run, each naming its rule. No I/O and no clock: `input.today` is the date. The same input, in any order, gives
 * the same plan: actions, outcomes and links are ordered by employee number, then user id.
 */
export function planSync(input: PlanInput): Plan {
  // R18: an empty answer from HR while users are linked is an outage or a wrong employer, not a company of
  // leavers. A record that failed validation still proves HR answered.
  const guards = { sourceEmpty: true, leaverGuard: true, ...input.guards };
  const hrRecords =
    input.employees.length + input.invalidRecords.filter((record) => record.vendor === 'staffology').length;
  if (guards.sourceEmpty && hrRecords === 0 && input.links.length > 0) {
    return sourceEmptyPlan(input.links.length);
  }

  const screening = screenEmployees(input.employees, input.invalidRecords, input.knownDuplicateNumbers);
  const context = createPlanContext(input, screening.eligible);
  const { outcomes } = context;
  // Loops, not push(...list): a spread of a whole company's records can exceed the engine's argument limit.
  for (const record of [...input.invalidRecords].sort(compareInvalidRecords)) {
    outcomes.push(invalidRecordOutcome(record));
  }
  for (const outcome of screening.outcomes) outcomes.push(outcome);
  const actions: PlannedAction[] = [];
  const links: Link[] = [];
  const stored = storedLinksOf(screening.eligible, input.links);
  for (let index = 0; index < screening.eligible.length; index++) {
    const planned = planEmployee(context, screening.eligible[index] as ScreenedEmployee, stored[index]);
    if (planned.action) actions.push(planned.action);
    if (planned.link) links.push(planned.link);
  }

  const guarded = guards.leaverGuard
    ? applyLeaverGuard(actions, links.length, input.settings)
    : { actions, held: [], outcomes: [] };
  const settled = markEmailSwaps(outcomes);
  for (const outcome of guarded.outcomes) settled.push(outcome);
  return {
    actions: guarded.actions.sort(compareActions),
    held: guarded.held.sort(compareActions),
    outcomes: settled.sort(compareOutcomes),
    abort: null,
    links: links.sort(
      (a, b) => compareText(a.employeeNumber, b.employeeNumber) || compareNullableId(a.userId, b.userId),
    ),
  };
}

/**
 * Each employee's stored link, if any, by position. `employees` are in number order (screenEmployees), so one walk of
 * the links in that order finds them all: a map of 50,000 links cost a tenth of a daily run's plan.
 */
function storedLinksOf(employees: readonly ScreenedEmployee[], links: readonly Link[]): (Link | undefined)[] {
  const sorted = inNumberOrder(links) ? links : sortedByNumber(links);
  const found = new Array<Link | undefined>(employees.length);
  let next = 0;
  for (let index = 0; index < employees.length; index++) {
    const { employeeNumber } = employees[index] as ScreenedEmployee;
    while (next < sorted.length && compareText(numberOf(sorted[next]), employeeNumber) < 0) next++;
    let link: Link | undefined;
    // Two links of one number cannot be stored; were there, the last would count, as it would in a map.
    while (next < sorted.length && numberOf(sorted[next]) === employeeNumber) link = sorted[next++];
    found[index] = link;
  }
  return found;
}

function numberOf(link: Link | undefined): string {
  return matchKey(link?.employeeNumber);
}

/**
 * The store lists links by number, so on most runs they need no sort. Its order is the database's, which for other
 * than plain ASCII numbers may not be code-unit order: checked, not assumed.
 */
function inNumberOrder(links: readonly Link[]): boolean {
  for (let index = 1; index < links.length; index++) {
    if (compareText(numberOf(links[index - 1]), numberOf(links[index])) > 0) return false;
  }
  return true;
}

function sortedByNumber(links: readonly Link[]): Link[] {
  // Each number trimmed once, not once per comparison.
  return links
    .map((link) => ({ number: matchKey(link.employeeNumber), link }))
    .sort((a, b) => compareText(a.number, b.number))
    .map(({ link }) => link);
}

/** R4, R5 and R6, then the rules for a linked or an unlinked employee with its stored link. */
function planEmployee(
  context: PlanContext,
  employee: ScreenedEmployee,
  stored: Link | undefined,
): EmployeePlan {
  const number = employee.employeeNumber;
  // An ExpenseIn user that could not be read may hold this reference: planning without it could create a second
  // user for the employee (PRODUCT.md 4.2) or update the wrong one, so the employee waits for a readable record.
  const unreadableUserId =
    stored !== undefined && context.unreadableUserIds.has(stored.userId) ? stored.userId : null;
  if (unreadableUserId !== null || context.unreadableReferences.has(number)) {
    const who =
      unreadableUserId === null
        ? `an ExpenseIn user with Reference "${number}"`
        : `ExpenseIn user ${unreadableUserId}`;
    context.outcomes.push(
      makeOutcome(
        'invalid_record',
        null,
        subjectOf(employee, null),
        `Not synced: ${who} could not be read, and may be this employee's user`,
        { userId: unreadableUserId },
      ),
    );
    return { action: null, link: null };
  }

  // The one user holding the number, asked for without building a list of one for each of 50,000 employees.
  const matches = sharedAt(context.usersByReference, number);
  if (matches !== undefined) {
    const userIds = matches.map((user) => user.id);
    context.outcomes.push(
      makeOutcome(
        'duplicate_user_reference',
        'R4',
        subjectOf(employee, null),
        `No change: ${matches.length} ExpenseIn users (${userIds.map((id) => `user ${id}`).join(', ')}) have Reference "${number}". Give each user its own reference and turn on "User references must be unique" (Account tab) so it cannot happen again`,
        { userIds },
      ),
    );
    return { action: null, link: null };
  }
  const linkedUser = context.usersByReference.first.get(number);
  if (linkedUser) return planLinkedEmployee(context, employee, linkedUser, stored);

  for (const user of findNearMisses(context, number)) {
    context.outcomes.push(
      makeOutcome(
        'near_miss_reference',
        'R6',
        subjectOf(employee, null),
        `Not linked to user ${user.id}: its Reference "${user.reference}" differs from Employee Number "${number}" only by case or spaces; correct the Reference to link them`,
        { userId: user.id, reference: user.reference },
      ),
    );
  }
  return planUnlinkedEmployee(context, employee);
}

function sourceEmptyPlan(linkCount: number): Plan {
  const message = `Staffology returned no employees while ${linkCount} users are linked; no change was made (check the employer and the API key)`;
  return {
    actions: [],
    held: [],
    outcomes: [
      makeOutcome(
        'source_empty',
        'R18',
        { employeeNumber: null, userId: null, sourceId: null, name: null },
        message,
        { linkedUsers: linkCount },
      ),
    ],
    abort: { rule: 'R18', code: 'source_empty', message },
    links: [],
  };
}

function invalidRecordOutcome(record: InvalidRecord): Outcome {
  const vendor = record.vendor === 'staffology' ? 'Staffology' : 'ExpenseIn';
  return makeOutcome(
    'invalid_record',
    null,
    { employeeNumber: record.employeeNumber, userId: record.userId, sourceId: record.sourceId, name: null },
    `This ${vendor} record could not be read, so it is not synced: ${record.reason}`,
    { vendor: record.vendor, reason: record.reason },
  );
}

function compareInvalidRecords(a: InvalidRecord, b: InvalidRecord): number {
  return (
    compareText(a.vendor, b.vendor) ||
    compareNullableText(a.sourceId, b.sourceId) ||
    compareNullableId(a.userId, b.userId) ||
    compareText(a.reason, b.reason)
  );
}

function compareActions(a: PlannedAction, b: PlannedAction): number {
  return (
    compareNullableText(a.subject.employeeNumber, b.subject.employeeNumber) ||
    compareNullableId(a.userId, b.userId)
  );
}

/** By employee, then user; outcomes of one subject keep the order the rules produced them in (a stable sort). */
function compareOutcomes(a: Outcome, b: Outcome): number {
  return (
    compareNullableText(a.subject.employeeNumber, b.subject.employeeNumber) ||
    compareNullableId(a.subject.userId, b.subject.userId)
  );
}
