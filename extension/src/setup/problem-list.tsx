import type { RunItem } from '@staffsync/shared';
import { ruleText } from '../format/describe-sync.ts';
import { describeFix } from './describe-fix.ts';

/** An employee a sync skips or leaves in conflict: a preview's (SetupProblem) or a run's (RunItem). */
export type EmployeeProblem = Pick<
  RunItem,
  'severity' | 'rule' | 'code' | 'employeeNumber' | 'name' | 'message'
>;

/**
 * The employees that did not (or would not) sync, each with its rule, its reason and what to fix where. Every value
 * is text in a cell: names and reasons come from HR and ExpenseIn data, never markup.
 */
export function ProblemList({
  problems,
  label,
  total,
}: {
  problems: readonly EmployeeProblem[];
  label: string;
  /** How many there are in all, when `problems` is the first part only. */
  total?: number;
}) {
  if (problems.length === 0) return <p className="ss-muted">Nobody is skipped or in conflict.</p>;
  return (
    <>
      <table className="ss-table ss-problems" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Employee</th>
            <th scope="col">Outcome</th>
            <th scope="col">Reason</th>
            <th scope="col">What to fix, and where</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => {
            const fix = describeFix(problem.code);
            return (
              // Outcomes have no id of their own, and the list is never reordered while shown.
              <tr key={index} data-code={problem.code ?? undefined}>
                <td>
                  {problem.name ?? 'Unnamed'}
                  {problem.employeeNumber ? (
                    <span className="ss-muted"> · {problem.employeeNumber}</span>
                  ) : null}
                </td>
                <td>
                  {problem.severity === 'conflict' ? 'Conflict' : 'Skipped'}
                  {problem.rule ? <span className="ss-muted"> · {ruleText(problem.rule)}</span> : null}
                </td>
                <td>{problem.message}</td>
                <td>
                  <strong>{fix.where}:</strong> {fix.what}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {total !== undefined && total > problems.length ? (
        <p className="ss-muted">
          The first {problems.length} of {total} are shown: the run's full list is in{' '}
          <code>pnpm staffsync run ID</code>.
        </p>
      ) : null}
    </>
  );
}
