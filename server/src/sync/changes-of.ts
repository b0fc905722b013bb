import type { CreateAction, FieldChange, PlannedAction } from '@staffsync/shared';
import { makeFieldChange } from './make-field-change.ts';
import { maskBank } from './normalise.ts';

/**
 * What `action` changes, field by field, in the order of `syncedFields`. A create's changes are its write, each
 * field from nothing (R10; R9 the department, R8 the bank details, masked; R13 a scheduled leave date) and never an
 * overwrite: they are made here on each call, not kept in the plan beside the write.
 */
export function changesOf(action: PlannedAction): readonly FieldChange[] {
  return action.kind === 'create' ? createChanges(action) : action.changes;
}

function createChanges({ write }: CreateAction): FieldChange[] {
  const changes = [
    makeFieldChange('firstName', 'R10', null, write.firstName, false),
    makeFieldChange('lastName', 'R10', null, write.lastName, false),
    makeFieldChange('email', 'R10', null, write.email, false),
  ];
  if (write.departmentId != null)
    changes.push(makeFieldChange('departmentId', 'R9', null, write.departmentId, false));
  if (write.bankDetails !== undefined)
    changes.push(makeFieldChange('bankDetails', 'R8', null, maskBank(write.bankDetails), false));
  if (write.leaveDate != null)
    changes.push(makeFieldChange('leaveDate', 'R13', null, write.leaveDate, false));
  return changes;
}
