import { ruleTitles } from '@staffsync/shared';
import { describeValue } from '../format/describe-sync.ts';
import type { OverwriteWarning } from './predict-overwrite.ts';

export function markerTitle(leaveDate: boolean): string {
  return leaveDate
    ? 'Set by staffsync from Staffology when the employee leaves'
    : 'Synced from Staffology by staffsync: the next sync overwrites edits made here';
}

/**
 * The marker beside a synced field's label (PRODUCT.md 5). Its words are CSS generated content, so the label's
 * text stays ExpenseIn's own ("First Name") for anything that finds the field by its label; screen readers get
 * the marker's meaning as the control's description instead.
 */
export function FieldMarker({ leaveDate }: { leaveDate: boolean }) {
  return <span className="ss-marker" title={markerTitle(leaveDate)} data-staffsync-marker="" />;
}

/** Under a synced field being edited: what the next sync will put back, before Update is pressed. */
export function FieldWarning({
  warning,
  departmentName,
}: {
  warning: OverwriteWarning;
  departmentName: (id: number) => string | null;
}) {
  const value = warning.hrText || describeValue(warning.syncedField, warning.hrValue, departmentName);
  return (
    <span className="ss-field-warning" data-staffsync-warning={warning.field}>
      The next sync will overwrite this with “{value}” from Staffology ({warning.rule}{' '}
      {ruleTitles[warning.rule]}).
    </span>
  );
}
