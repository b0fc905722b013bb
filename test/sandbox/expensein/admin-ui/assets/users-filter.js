/** What the Users list shows: leaver status and the Filter panel (expensein.md 2.2, section 3). */

/**
 * A future leave date is a scheduled leaver (yellow clock); on or before today the user has left (red clock,
 * no access, hidden unless Include Leavers is ticked). Dates are `YYYY-MM-DD`, so text order is date order.
 * @param {string | null} leaveDate
 * @param {string} today YYYY-MM-DD
 * @returns {'active' | 'scheduled' | 'left'}
 */
export function leaverStatus(leaveDate, today) {
  if (!leaveDate) return 'active';
  return leaveDate > today ? 'scheduled' : 'left';
}

/** @param {{ firstName: string, lastName: string }} user */
export function fullName(user) {
  return `${user.firstName} ${user.lastName}`.trim();
}

/**
 * @param {any[]} users as the API returns them
 * @param {{ search: string, includeLeavers: boolean }} filter
 * @param {string} today
 * @param {(id: number | null) => string} departmentName
 */
export function filterUsers(users, filter, today, departmentName) {
  const terms = filter.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return users
    .filter((user) => filter.includeLeavers || leaverStatus(user.leaveDate, today) !== 'left')
    .filter((user) => {
      if (terms.length === 0) return true;
      const haystack = [fullName(user), user.email, user.reference ?? '', departmentName(user.departmentId)]
        .join(' ')
        .toLowerCase();
      return terms.every((term) => haystack.includes(term));
    })
    .sort(
      (a, b) =>
        fullName(a).localeCompare(fullName(b), 'en-GB', { sensitivity: 'base' }) ||
        Number(a.id) - Number(b.id),
    );
}

/**
 * "25 Dec 2026" for titles and screen-reader text.
 * @param {string} isoDate
 */
export function formatDate(isoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
