import type { Run, RunItem } from '../store/index.ts';
import { formatTable } from './format-table.ts';

/** `run ID`: the run's head line, then its outcomes and actions as a table in the order they were recorded. */
export function formatRunItems(run: Run, items: RunItem[]): string {
  const took =
    run.finishedAt === null
      ? 'still running'
      : `${((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1)} s`;
  const head = [
    `Run ${run.id}: ${run.status}${run.dryRun ? ' (dry run)' : ''}, ${run.trigger} by ${run.requestedBy ?? 'unknown'}`,
    `  started ${run.startedAt}, ${took}; connection ${run.connectionId}`,
  ];
  if (run.error) head.push(`  error: ${run.error}`);
  if (items.length === 0) return [...head, '  no outcomes or actions recorded'].join('\n');
  const rows = items.map((item) => [
    item.seq,
    item.rule ?? '-',
    item.kind === 'action' ? (item.actionKind ?? 'action') : (item.code ?? 'outcome'),
    item.kind === 'action' ? item.result : (item.severity ?? ''),
    item.subject.employeeNumber ?? '-',
    item.subject.userId ?? '-',
    item.subject.name ?? '',
    item.error ? `${item.message} (${item.error})` : item.message,
  ]);
  return [
    ...head,
    '',
    formatTable(['#', 'rule', 'what', 'result', 'employee', 'user', 'name', 'message'], rows),
  ].join('\n');
}
