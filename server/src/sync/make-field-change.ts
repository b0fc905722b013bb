import { type FieldChange, type RuleId, type SyncedField, syncedFields } from '@staffsync/shared';

type Value = string | number | null;

/**
 * A field change for display and run records. `overwritten` is R16: the sync holds a record of what it last wrote
 * to this field, and ExpenseIn's value (`before`, the value now lost) differs from that record.
 */
export function makeFieldChange(
  field: SyncedField,
  rule: RuleId,
  before: Value,
  after: Value,
  overwritten: boolean,
): FieldChange {
  return { field, rule, before, after, overwritten };
}

/** Changes listed in the one order of `syncedFields`, so a plan reads the same every time. */
export function byFieldOrder(a: FieldChange, b: FieldChange): number {
  return syncedFields.indexOf(a.field) - syncedFields.indexOf(b.field);
}
