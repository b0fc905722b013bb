import { definePanel } from '../content/define-panel.ts';
import { UsersListBadges } from '../users-list/users-list-badges.tsx';

/** Users list: a sync badge on every row, from one batched status request per render (PRODUCT.md 5). */
export default definePanel({
  id: 'users-list-badges',
  findAnchors: (document, selectors) => selectors.usersLists(document).found,
  place: (table, host) => table.before(host),
  render: (table, context) => <UsersListBadges table={table} context={context} />,
});
