import type { HrEmployee, InvalidRecord, Outcome, Subject } from '@staffsync/shared';
import { compareText } from './compare.ts';
import { makeOutcome } from './make-outcome.ts';
import { cleanText, isPlausibleEmail, matchKey } from './normalise.ts';

/** An HR employee that passed R1 to R3, its fields cleaned (trimmed, NFC). */
export interface ScreenedEmployee {
  source: HrEmployee;
  employeeNumber: string;
  knownAs: string;
  surname: string;
  workEmail: string;
  /** null when HR gives no department (R9 then leaves the user's department alone). */
  department: string | null;
}

export interface Screening {
  eligible: ScreenedEmployee[];
  outcomes: Outcome[];
}

/** The seed's labels for the fields it requires ("Known As, Surname, Work Email, Employee Number"). */
const requiredFields = [
  ['knownAs', 'Known As'],
  ['surname', 'Surname'],
  ['workEmail', 'Work Email'],
  ['employeeNumber', 'Employee Number'],
] as const;

/** Who an outcome is about: the employee, by number, source id and cleaned names. */
export function subjectOf(employee: ScreenedEmployee, userId: number | null): Subject {
  return subjectFrom(employee.source, employee.knownAs, employee.surname, userId);
}

function subjectFrom(employee: HrEmployee, knownAs: string, surname: string, userId: number | null): Subject {
  const name = knownAs !== '' && surname !== '' ? `${knownAs} ${surname}` : knownAs || surname;
  return {
    employeeNumber: matchKey(employee.employeeNumber) || null,
    userId,
    sourceId: employee.sourceId,
    name: name || null,
  };
}

/**
 * R1, R2 and R3, in that order: each employee gets the outcome of the first rule it fails. R3 counts every HR
 * record that carries the number, including ones that failed R1, R2 or schema validation: whichever of them is
 * the real holder, the number no longer says which ExpenseIn user belongs to whom.
 */
export function screenEmployees(
  employees: HrEmployee[],
  invalidRecords: InvalidRecord[],
  knownDuplicateNumbers: readonly string[] = [],
): Screening {
  // One record per employee, filled in as it passes: the number is trimmed once, not once per comparison (the sort
  // compares 50,000 employees about 800,000 times), and the record that passes is the one the planners read.
  const sorted: ScreenedEmployee[] = employees
    .map((source) => ({
      source,
      employeeNumber: matchKey(source.employeeNumber),
      knownAs: '',
      surname: '',
      workEmail: '',
      department: null,
    }))
    .sort(
      (a, b) =>
        compareText(a.employeeNumber, b.employeeNumber) || compareText(a.source.sourceId, b.source.sourceId),
    );
  // R3's other holders of a number, beyond the employees read: sorted, those share it with their neighbours.
  const otherHolders = new Map<string, string[]>();
  const addOtherHolder = (number: string, sourceId: string) => {
    if (number === '') return;
    const shared = otherHolders.get(number);
    if (shared) shared.push(sourceId);
    else otherHolders.set(number, [sourceId]);
  };
  for (const record of invalidRecords) {
    if (record.vendor === 'staffology')
      addOtherHolder(matchKey(record.employeeNumber), record.sourceId ?? '(unreadable record)');
  }
  // A read of some employees only cannot see the other holders of a number: the last read of them all did.
  const knownDuplicates = new Set(knownDuplicateNumbers.map(matchKey));

  const eligible: ScreenedEmployee[] = [];
  const outcomes: Outcome[] = [];
  let runEnd = 0;
  let runStart = 0;
  for (let index = 0; index < sorted.length; index++) {
    const employee = sorted[index] as ScreenedEmployee;
    const { source, employeeNumber } = employee;
    if (index >= runEnd) {
      runStart = index;
      runEnd = index + 1;
      while (runEnd < sorted.length && sorted[runEnd]?.employeeNumber === employeeNumber) runEnd++;
    }
    // Each field cleaned once: R1, R2, the subject and the planners all read the same cleaned values.
    const knownAs = cleanText(source.knownAs);
    const surname = cleanText(source.surname);
    const workEmail = cleanText(source.workEmail);
    if (knownAs === '' || surname === '' || workEmail === '' || employeeNumber === '') {
      const cleaned = { knownAs, surname, workEmail, employeeNumber };
      const missing = requiredFields.filter(([key]) => cleaned[key] === '').map(([, label]) => label);
      const verb = missing.length === 1 ? 'is' : 'are';
      outcomes.push(
        makeOutcome(
          'missing_required_fields',
          'R1',
          subjectFrom(source, knownAs, surname, null),
          `${listLabels(missing)} ${verb} missing in Staffology, so this employee is not synced`,
          { missing },
        ),
      );
      continue;
    }
    if (!isPlausibleEmail(workEmail)) {
      outcomes.push(
        makeOutcome(
          'invalid_email',
          'R2',
          subjectFrom(source, knownAs, surname, null),
          `Work Email "${workEmail}" is not a valid email address, so this employee is not synced`,
          { workEmail },
        ),
      );
      continue;
    }
    const unread = runEnd - runStart === 1 && knownDuplicates.has(employeeNumber);
    const others = otherHolders.get(employeeNumber);
    if (runEnd - runStart > 1 || unread || others !== undefined) {
      const sourceIds = sorted.slice(runStart, runEnd).map((holder) => holder.source.sourceId);
      if (unread) sourceIds.push('(another Staffology employee)');
      sourceIds.push(...(others ?? []));
      outcomes.push(
        makeOutcome(
          'duplicate_employee_number',
          'R3',
          subjectFrom(source, knownAs, surname, null),
          `Employee Number "${employeeNumber}" is used by ${sourceIds.length} Staffology employees; none of them is synced until each has its own`,
          { employeeNumber, sourceIds: sourceIds.sort(compareText) },
        ),
      );
      continue;
    }
    employee.knownAs = knownAs;
    employee.surname = surname;
    employee.workEmail = workEmail;
    employee.department = cleanText(source.department) || null;
    eligible.push(employee);
  }
  return { eligible, outcomes };
}

function listLabels(labels: string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}
