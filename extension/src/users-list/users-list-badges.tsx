import type { BadgeKind, UserKey } from '@staffsync/shared';
import { useCallback, useState } from 'react';
import { createPortal } from 'react-dom';
import { Brand } from '../components/brand.tsx';
import { createStoreContext } from '../components/create-store-context.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { LoadingBadge, SyncBadge } from '../components/sync-badge.tsx';
import type { PanelContext } from '../content/define-panel.ts';
import { badgeLabels, formatDateTime } from '../format/describe-sync.ts';
import { keyId } from '../page/read-users-list.ts';
import { type BadgesState, createBadgesStore } from './create-badges-store.ts';
import { type RowSlot, useRowSlots } from './use-row-slots.ts';

const { Provider, useStoreValue } = createStoreContext<BadgesState>('BadgesStore');

/** The Users list panel: a badge in every row, and a strip above the table saying how fresh they are. */
export function UsersListBadges({ table, context }: { table: Element; context: PanelContext }) {
  const [store] = useState(() => createBadgesStore(context.api));
  const onRender = useCallback(
    (keys: UserKey[], refresh: boolean) => void store.getState().load(keys, { refresh }),
    [store],
  );
  const rows = useRowSlots(table, context, onRender);
  return (
    <Provider store={store}>
      <BadgesStrip rows={rows} />
      {rows.map((row) => createPortal(<RowBadge rowKey={row.key} />, row.container, keyId(row.key)))}
    </Provider>
  );
}

function RowBadge({ rowKey }: { rowKey: UserKey }) {
  const status = useStoreValue((state) => state.status);
  const badge = useStoreValue((state) => state.badges[keyId(rowKey)]);
  if (badge)
    return <SyncBadge badge={badge.badge} reason={badge.reason} employeeNumber={badge.employeeNumber} />;
  return status === 'loading' || status === 'idle' ? <LoadingBadge /> : null;
}

const kindsInOrder: BadgeKind[] = [
  'conflict',
  'skipped',
  'pending_overwrite',
  'needs_setup',
  'scheduled_leaver',
  'leaver',
  'linked',
  'not_in_staffology',
];

function BadgesStrip({ rows }: { rows: RowSlot[] }) {
  const status = useStoreValue((state) => state.status);
  const problem = useStoreValue((state) => state.problem);
  const asOf = useStoreValue((state) => state.asOf);
  const expenseInAsOf = useStoreValue((state) => state.expenseInAsOf);
  const badges = useStoreValue((state) => state.badges);
  const retry = useStoreValue((state) => state.retry);
  const openOptions = useStoreValue((state) => state.openOptions);

  const counts = new Map<BadgeKind, number>();
  for (const row of rows) {
    const badge = badges[keyId(row.key)];
    if (badge) counts.set(badge.badge, (counts.get(badge.badge) ?? 0) + 1);
  }

  return (
    <section className="ss-strip" aria-label="staffsync sync status">
      <Brand />
      {status === 'problem' && problem ? (
        <ProblemMessage
          problem={problem}
          what="Sync badges are unavailable; ExpenseIn works as usual"
          onRetry={() => void retry()}
          onOpenOptions={() => void openOptions()}
        />
      ) : counts.size === 0 && status !== 'ready' ? (
        <span className="ss-strip-text" role="status">
          Loading sync status…
        </span>
      ) : (
        <>
          <span className="ss-strip-text" role="status">
            {rows.length === 1 ? '1 user' : `${rows.length} users`} · Staffology as of{' '}
            {asOf ? formatDateTime(asOf) : 'no sync yet'} · ExpenseIn as of {formatDateTime(expenseInAsOf)}
          </span>
          <ul className="ss-strip-counts" aria-label="Users by sync status">
            {kindsInOrder
              .filter((kind) => counts.has(kind))
              .map((kind) => (
                <li key={kind} className={`ss-badge ss-badge--${kind}`}>
                  <span className="ss-badge-text">
                    {counts.get(kind)} {badgeLabels[kind].text.toLowerCase()}
                  </span>
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}
