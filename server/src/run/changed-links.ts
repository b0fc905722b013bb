import type { LastWritten, Link } from '@staffsync/shared';

const recordedFields: (keyof LastWritten)[] = [
  'firstName',
  'lastName',
  'email',
  'departmentId',
  'bankHash',
  'leaveDate',
];

/**
 * The planned links that say something the stored ones do not: on a day with nothing to change a run rewrites no
 * link, rather than all of them (10,000 upserts were most of a no-change run's time).
 */
export function changedLinks(planned: readonly Link[], stored: readonly Link[]): Link[] {
  const byNumber = new Map(stored.map((link) => [link.employeeNumber, link]));
  return planned.filter((link) => {
    const before = byNumber.get(link.employeeNumber);
    return (
      before === undefined ||
      before.userId !== link.userId ||
      before.leaveDateSetBySync !== link.leaveDateSetBySync ||
      recordedFields.some((field) => before.lastWritten[field] !== link.lastWritten[field])
    );
  });
}
