import type { RunCounts } from '@staffsync/shared';
import type { RunReport } from '../run/run-report.ts';
import { redact } from '../security/redact.ts';
import type { Connection } from '../store/index.ts';

/** What a webhook receives when a run ends failed, held or partial. */
export interface AlertPayload {
  event: 'staffsync.run.ended';
  /** One line for chat webhooks (Slack and Teams show `text`). */
  text: string;
  connection: { id: number; name: string };
  run: {
    id: number;
    status: RunReport['status'];
    trigger: RunReport['trigger'];
    dryRun: boolean;
    requestedBy: string | null;
    startedAt: string;
    finishedAt: string | null;
    error: string | null;
    counts: RunCounts;
  };
}

/**
 * The alert's body: the run's status, counts and error, and the connection's id and name. Built field by field
 * from what may leave the server, so no API key, base URL or bank detail can ride along (PRODUCT.md 4.2): counts
 * are numbers, and a run's error (vendor messages the adapters redacted) is redacted once more on the way out.
 */
export function alertPayload(report: RunReport, connection: Connection): AlertPayload {
  const { counts } = report;
  const total = (byCode: Partial<Record<string, number>>) =>
    Object.values(byCode).reduce<number>((sum, n) => sum + (n ?? 0), 0);
  const facts = [
    ['skipped', total(counts.skipped)],
    ['in conflict', total(counts.conflicts)],
    ['failed', counts.failed],
    ['leavers held for approval (R17)', counts.held],
  ] as const;
  const said = facts.filter(([, n]) => n > 0).map(([label, n]) => `${n} ${label}`);
  const error = report.error === null ? null : redact(report.error);
  const why = error ? `: ${error}` : said.length > 0 ? `: ${said.join(', ')}` : '';
  return {
    event: 'staffsync.run.ended',
    text: `staffsync: run ${report.runId} (${report.trigger}) of "${connection.name}" ended ${report.status}${why}`,
    connection: { id: connection.id, name: connection.name },
    run: {
      id: report.runId,
      status: report.status,
      trigger: report.trigger,
      dryRun: report.dryRun,
      requestedBy: report.requestedBy,
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      error,
      counts,
    },
  };
}
