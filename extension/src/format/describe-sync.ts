import {
  type BadgeKind,
  type DriftLabel,
  type RuleId,
  type RunCounts,
  type RunStatus,
  ruleTitles,
  type SyncedField,
} from '@staffsync/shared';

/** The field names as ExpenseIn's Edit User pop-up labels them. */
export const fieldLabels: Record<SyncedField, string> = {
  firstName: 'First Name',
  lastName: 'Last Name',
  email: 'Email',
  departmentId: 'Department',
  bankDetails: 'Bank details',
  leaveDate: 'Leave Date',
};

/** Badge words (PRODUCT.md 5), and the sentence behind each for its tooltip and screen readers. */
export const badgeLabels: Record<BadgeKind, { text: string; hint: string }> = {
  linked: {
    text: 'Linked',
    hint: 'Linked to a Staffology employee by Reference; the sync keeps this user up to date.',
  },
  needs_setup: {
    text: 'Needs setup',
    hint: 'Created by staffsync: give this user an expense policy and an approval flow, then invite them.',
  },
  leaver: { text: 'Leaver', hint: 'Left: the leave date has passed, so this user has no access.' },
  scheduled_leaver: { text: 'Scheduled leaver', hint: 'Leaving: access ends on the leave date.' },
  pending_overwrite: {
    text: 'Pending overwrite',
    hint: 'The next sync will overwrite fields that differ from Staffology: open the user to see which.',
  },
  skipped: { text: 'Skipped', hint: 'The sync skips this user.' },
  conflict: { text: 'Conflict', hint: 'The sync cannot update this user until the conflict is resolved.' },
  not_in_staffology: {
    text: 'Not in Staffology',
    hint: 'No Staffology employee has this Reference: the sync never changes this user.',
  },
};

export function badgeText(badge: BadgeKind, reason: string | null): string {
  const { text } = badgeLabels[badge];
  return reason && (badge === 'skipped' || badge === 'conflict') ? `${text}: ${reason}` : text;
}

export function ruleText(rule: RuleId | null): string {
  return rule ? `${rule} ${ruleTitles[rule]}` : '';
}

/** Why a field will be overwritten (PRODUCT.md 2, drift labels). */
export function driftReason(labels: readonly DriftLabel[]): string {
  const edited = labels.includes('edited_in_expensein');
  const changed = labels.includes('changed_in_hr');
  if (edited && changed) return 'Edited in ExpenseIn and changed in Staffology since the last sync';
  if (edited) return 'Edited in ExpenseIn since the last sync';
  if (changed) return 'Changed in Staffology since the last sync';
  return 'Differs from Staffology (no record of an earlier sync of this field)';
}

export const runStatusLabels: Record<RunStatus, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  partial: 'Partial',
  held: 'Held for approval',
  failed: 'Failed',
};

const sum = (record: Partial<Record<string, number>>) =>
  Object.values(record).reduce<number>((total, count) => total + (count ?? 0), 0);

/** A run's counts as short labelled numbers, zeros left out (but always the employees). */
export function countItems(counts: RunCounts): { label: string; value: number }[] {
  const items = [
    { label: 'employees', value: counts.employees },
    { label: 'created', value: counts.created },
    { label: 'updated', value: counts.updated },
    { label: 'leavers', value: counts.leavers },
    { label: 'reinstated', value: counts.reinstated },
    { label: 'unchanged', value: counts.unchanged },
    { label: 'skipped', value: sum(counts.skipped) },
    { label: 'conflicts', value: sum(counts.conflicts) },
    { label: 'warnings', value: sum(counts.warnings) },
    { label: 'held', value: counts.held },
    { label: 'failed', value: counts.failed },
  ];
  return items.filter((item, index) => index === 0 || item.value > 0);
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const shortDateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** A timestamp in the administrator's time zone, e.g. "10 Mar 2026, 04:00". */
export function formatDateTime(iso: string | null): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** A timestamp without its year, for tight spaces: "25 Nov, 10:00". */
export function formatShortDateTime(iso: string | null): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : shortDateTime.format(date);
}

/** A calendar date (YYYY-MM-DD) as ExpenseIn shows it, e.g. "30 Apr 2026". */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : dateOnly.format(date);
}

/** A field value for people: empty shown as such, department ids by name, dates as dates. */
export function describeValue(
  field: SyncedField,
  value: string | number | null,
  departmentName: (id: number) => string | null = () => null,
): string {
  if (value === null || value === '') return '(empty)';
  if (field === 'departmentId') {
    const id = typeof value === 'number' ? value : Number(value);
    return departmentName(id) ?? `Department #${value}`;
  }
  if (field === 'leaveDate' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return formatDate(value);
  return String(value);
}
