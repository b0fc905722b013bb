import type {
  Connection as ApiConnection,
  HeldLeaver as ApiHeldLeaver,
  RunItem as ApiRunItem,
} from '@staffsync/shared';
import type { Connection, HeldLeaver, RunItem } from '../store/index.ts';

/**
 * A connection as the API shows it: never its credentials (PRODUCT.md 4.2). The alert webhook URL is shown as its
 * origin only: webhook URLs (Slack's, Teams') carry their secret in the path.
 */
export function toApiConnection(connection: Connection): ApiConnection {
  return {
    id: connection.id,
    name: connection.name,
    status: connection.status,
    source: connection.source,
    staffology: { baseUrl: connection.staffology.baseUrl, employerId: connection.staffology.employerId },
    expensein: { baseUrl: connection.expensein.baseUrl },
    includeBankDetails: connection.settings.includeBankDetails,
    leaverGuardPercent: connection.settings.leaverGuardPercent,
    leaverGuardMin: connection.settings.leaverGuardMin,
    alertWebhookUrl: connection.alertWebhookUrl === null ? null : maskWebhookUrl(connection.alertWebhookUrl),
    syncEveryMinutes: connection.syncEveryMinutes,
    createdAt: connection.createdAt,
    connectedAt:
      connection.status === 'connected' ? (connection.reconnectedAt ?? connection.connectedAt) : null,
  };
}

export function maskWebhookUrl(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '…';
  }
}

/** A run item for the API; bank changes are already masked in the store (run-items-repo.ts refuses clear ones). */
export function toApiRunItem(item: RunItem): ApiRunItem {
  return {
    seq: item.seq,
    kind: item.kind,
    rule: item.rule,
    code: item.code,
    severity: item.severity,
    actionKind: item.actionKind,
    employeeNumber: item.subject.employeeNumber,
    userId: item.subject.userId,
    name: item.subject.name,
    message: item.message,
    changes: item.changes,
    result: item.result,
    error: item.error,
    at: item.at,
  };
}

export function toApiHeldLeaver(held: HeldLeaver): ApiHeldLeaver {
  return {
    id: held.id,
    runId: held.runId,
    employeeNumber: held.employeeNumber,
    userId: held.userId,
    name: held.subjectName,
    leaveDate: held.leaveDate,
    status: held.status,
    heldAt: held.createdAt,
  };
}

/** The API's 1-based page as the store's limit and offset. */
export function pageRequest(page: number, pageSize: number): { limit: number; offset: number } {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}
