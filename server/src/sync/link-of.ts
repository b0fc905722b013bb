import type { LastWritten, LinkState, PlannedAction } from '@staffsync/shared';

/**
 * The link `action` leaves once written, before the applier adds the user id and any bank hash. A create's is made
 * from its write: every field it writes is a field the sync last wrote, and a leave date it sets is one the sync may
 * clear should HR reinstate the employee (R14).
 */
export function linkOf(action: PlannedAction): LinkState {
  if (action.kind !== 'create') return action.link;
  const { firstName, lastName, email, departmentId, leaveDate, reference } = action.write;
  const lastWritten: LastWritten = { firstName, lastName, email };
  // As changesOf: a create's null department or leave date sets nothing.
  if (departmentId != null) lastWritten.departmentId = departmentId;
  if (leaveDate != null) lastWritten.leaveDate = leaveDate;
  return { employeeNumber: reference, lastWritten, leaveDateSetBySync: leaveDate ?? null };
}
