import { LoadingMessage, ProblemMessage } from '../components/problem-message.tsx';
import { RunCountsList } from '../components/run-counts-list.tsx';
import { formatDateTime, runStatusLabels } from '../format/describe-sync.ts';
import { ProblemList } from './problem-list.tsx';
import { useSetup } from './setup-store-context.tsx';
import { usersListUrl } from './users-list-url.ts';

const triggerWords: Record<string, string> = {
  connect: 'the on-connect sync',
  reconnect: 'the on-reconnect sync',
};

/**
 * The seed's set-up step 3, "check that your Staffology HR Employees are syncing to your ExpenseIn Users as
 * expected": the run started by connecting (or the last one) followed to its end, who it skipped or left in
 * conflict and what to fix, and the Users list, where the badges show each user's state.
 */
export function CheckStep() {
  const connection = useSetup((state) => state.connection);
  const run = useSetup((state) => state.run);
  return (
    <section className="ss-card ss-step" aria-labelledby="ss-step-3" data-step="3" aria-live="polite">
      <h2 id="ss-step-3">Step 3: Check your employees are syncing to ExpenseIn</h2>
      <p>
        staffsync syncs shortly after you connect (and after a reconnect), then daily at 04:00 GMT. Check the
        result here, then on ExpenseIn's Users list, where each user carries a staffsync badge.
      </p>
      {run.state === 'idle' ? (
        <p className="ss-muted">
          {connection ? 'No sync has run yet.' : 'The first sync shows here once you connect.'}
        </p>
      ) : run.state === 'running' ? (
        <LoadingMessage
          text={`Run #${run.runId} is running${run.startedAt ? ` (started ${formatDateTime(run.startedAt)})` : ''}: reading Staffology and ExpenseIn, then writing…`}
        />
      ) : run.state === 'problem' ? (
        <ProblemMessage problem={run.problem} what="The run's result is unavailable" />
      ) : (
        <>
          <p role="status" data-staffsync="run-result">
            Run #{run.result.run.id}
            {triggerWords[run.result.run.trigger] ? `, ${triggerWords[run.result.run.trigger]},` : ''}{' '}
            finished {formatDateTime(run.result.run.finishedAt)}:{' '}
            <span className={`ss-status ss-status--${run.result.run.status}`}>
              {runStatusLabels[run.result.run.status]}
            </span>
            {run.result.run.error ? ` ${run.result.run.error}` : ''}
          </p>
          {run.result.run.counts ? (
            <RunCountsList counts={run.result.run.counts} label={`Counts of run ${run.result.run.id}`} />
          ) : null}
          <h3>Employees skipped or in conflict</h3>
          <ProblemList
            problems={run.result.problems}
            total={run.result.total}
            label={`Employees run ${run.result.run.id} skipped or left in conflict`}
          />
        </>
      )}
      {connection ? (
        <p>
          <a href={usersListUrl(connection.expensein.baseUrl)} target="_blank" rel="noreferrer">
            Open ExpenseIn's Users list
          </a>{' '}
          <span className="ss-muted">
            (new tab): new starters are created not invited, so give them a policy and an approval flow, then
            invite them.
          </span>
        </p>
      ) : null}
    </section>
  );
}
