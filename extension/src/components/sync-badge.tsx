import type { BadgeKind } from '@staffsync/shared';
import { badgeLabels, badgeText } from '../format/describe-sync.ts';

interface Props {
  badge: BadgeKind;
  reason: string | null;
  employeeNumber?: string | null;
}

/** A user's sync badge (PRODUCT.md 5). Text only: names and reasons from HR or ExpenseIn are never HTML. */
export function SyncBadge({ badge, reason, employeeNumber }: Props) {
  const text = badgeText(badge, reason);
  const employee = employeeNumber ? ` Employee ${employeeNumber}.` : '';
  const hint = `${badgeLabels[badge].hint}${reason && badge !== 'skipped' && badge !== 'conflict' ? ` ${reason}` : ''}${employee}`;
  return (
    <span className={`ss-badge ss-badge--${badge}`} title={`${text}. ${hint}`} data-badge={badge}>
      <span className="ss-sr-only">staffsync: </span>
      <span className="ss-badge-text">{text}</span>
    </span>
  );
}

export function LoadingBadge() {
  return (
    <span className="ss-badge ss-badge--loading" data-badge="loading">
      <span className="ss-badge-text">staffsync…</span>
      <span className="ss-sr-only">loading sync status</span>
    </span>
  );
}
