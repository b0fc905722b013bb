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
  subject: Subject;
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
function subjectOf(employee: HrEmployee, knownAs: string, surname: string, userId: number | null): Subject {
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
  // Each number trimmed once, not once per comparison: the sort compares 50,000 employees about 800,000 times.
  const sorted = employees
    .map((employee) => ({ employee, number: matchKey(employee.employeeNumber) }))
    .sort((a, b) => compareText(a.number, b.number) || compareText(a.employee.sourceId, b.employee.sourceId));
  const holders = new Map<string, string[]>();
  const addHolder = (number: string, sourceId: string | null) => {
    if (number === '') return;
    const holder = sourceId ?? '(unreadable record)';
    const shared = holders.get(number);
    if (shared) shared.push(holder);
    else holders.set(number, [holder]);
  };
  for (const { employee, number } of sorted) addHolder(number, employee.sourceId);
  // A read of some employees only cannot see the other holders of a number: the last read of them all did.
  for (const known of knownDuplicateNumbers) {
    const number = matchKey(known);
    if ((holders.get(number)?.length ?? 0) === 1) addHolder(number, '(another Staffology employee)');
  }
  for (const record of invalidRecords) {
    if (record.vendor === 'staffology') addHolder(matchKey(record.employeeNumber), record.sourceId);
  }

  const eligible: ScreenedEmployee[] = [];
  const outcomes: Outcome[] = [];
  for (const { employee, number: employeeNumber } of sorted) {
    // Each field cleaned once: R1, R2, the subject and the planners all read the same cleaned values.
    const cleaned = {
      knownAs: cleanText(employee.knownAs),
      surname: cleanText(employee.surname),
      workEmail: cleanText(employee.workEmail),
      employeeNumber: cleanText(employee.employeeNumber),
    };
    const subject = subjectOf(employee, cleaned.knownAs, cleaned.surname, null);
    const missing = requiredFields.filter(([key]) => cleaned[key] === '').map(([, label]) => label);
    if (missing.length > 0) {
      const verb = missing.length === 1 ? 'is' : 'are';
      outcomes.push(
        makeOutcome(
          'missing_required_fields',
          'R1',
          subject,
          `${listLabels(missing)} ${verb} missing in Staffology, so this employee is not synced`,
          { missing },
        ),
      );
      continue;
    }
    const { workEmail } = cleaned;
    if (!isPlausibleEmail(workEmail)) {
      outcomes.push(
        makeOutcome(
          'invalid_email',
          'R2',
          subject,
          `Work Email "${workEmail}" is not a valid email address, so this employee is not synced`,
          { workEmail },
        ),
      );
      continue;
    }
    const sharedBy = holders.get(employeeNumber) ?? [];
    if (sharedBy.length > 1) {
      outcomes.push(
        makeOutcome(
          'duplicate_employee_number',
          'R3',
          subject,
          `Employee Number "${employeeNumber}" is used by ${sharedBy.length} Staffology employees; none of them is synced until each has its own`,
          { employeeNumber, sourceIds: [...sharedBy].sort(compareText) },
        ),
      );
      continue;
    }
    eligible.push({
      source: employee,
      employeeNumber,
      knownAs: cleaned.knownAs,
      surname: cleaned.surname,
      workEmail,
      department: cleanText(employee.department) || null,
      subject,
    });
  }
  return { eligible, outcomes };
}

function listLabels(labels: string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}
