import {
  type OutcomeCode,
  type RuleId,
  ruleTitles,
  type SyncedField,
  syncedFieldLabels,
  syncedFields,
} from '@staffsync/shared';
import type { RunReport } from '../run/run-report.ts';

/** The rules behind each outcome code (PRODUCT.md 2), for reports that only have counts by code. */
const rulesOfCode: Record<OutcomeCode, string> = {
  missing_required_fields: 'R1',
  invalid_email: 'R2',
  duplicate_employee_number: 'R3',
  invalid_record: 'unreadable record',
  duplicate_user_reference: 'R4',
  email_in_use: 'R7a/R11',
  email_swap: 'R7a',
  near_miss_reference: 'R6',
  department_not_found: 'R9',
  invalid_bank_details: 'R8',
  needs_setup: 'R10',
  leaver_not_in_expensein: 'R13',
  leaver_held: 'R17',
  leaver_rejected: 'R17',
  action_failed: 'write refused',
  source_empty: 'R18',
};
const ruleOfCode = new Map<string, string>(Object.entries(rulesOfCode));
const titleOfRule = new Map<string, string>(Object.entries(ruleTitles));

/** The rule that writes each field in an update (a leave date only changes in an update when R14 clears it). */
const ruleOfField: Record<SyncedField, RuleId> = {
  firstName: 'R7',
  lastName: 'R7',
  email: 'R7',
  bankDetails: 'R8',
  departmentId: 'R9',
  leaveDate: 'R14',
};

/**
 * The short human report of a run (PRODUCT.md 4.1): created, updated by field, leavers, skipped and conflicts by
 * reason, held, each naming its rule. Lines with nothing to say are left out, except the headline counts.
 */
export function formatRunReport(report: RunReport): string {
  const { counts, details } = report;
  const kind = report.dryRun ? 'dry run, nothing written' : report.trigger;
  const took = report.durationMs === null ? '' : ` in ${(report.durationMs / 1000).toFixed(1)} s`;
  const lines = [`Run ${report.runId} (${kind}): ${report.status.toUpperCase()}${took}`];
  if (report.error) lines.push(`  error: ${report.error}`);
  lines.push(
    `  ${pad('read')}${counts.employees} Staffology employees, ${details.users ?? 0} ExpenseIn users`,
  );
  const will = report.dryRun ? 'to ' : '';
  lines.push(
    `  ${pad(`${will}create`)}${counts.created}  (R10: not invited; assign a policy and approval flow, then invite)`,
  );
  const byField = syncedFields
    .map((field) => ({
      n: counts.updatedByField[field] ?? 0,
      label: syncedFieldLabels[field],
      rule: ruleOfField[field],
    }))
    .filter(({ n }) => n > 0)
    .map(({ n, label, rule }) => `${label} ${n} (${rule})`);
  lines.push(
    `  ${pad(`${will}update`)}${counts.updated}${byField.length > 0 ? `  fields: ${byField.join(', ')}` : ''}`,
  );
  if (details.overwritten)
    lines.push(`  ${pad('overwritten')}${details.overwritten}  values edited in ExpenseIn (R16)`);
  lines.push(`  ${pad('leavers')}${counts.leavers}  (R12)`);
  if (counts.reinstated > 0) lines.push(`  ${pad('reinstated')}${counts.reinstated}  (R14)`);
  lines.push(`  ${pad('unchanged')}${counts.unchanged}`);
  if (counts.held > 0) {
    lines.push(
      `  ${pad('held')}${counts.held}  leavers held for approval (R17): pnpm staffsync approve-leavers | reject-leavers`,
    );
  }
  if (counts.failed > 0) lines.push(`  ${pad('failed')}${counts.failed}  writes refused by ExpenseIn`);
  const notes = Object.fromEntries(
    Object.entries(details)
      .filter(([key]) => key.startsWith('notes.'))
      .map(([key, n]) => [key.slice('notes.'.length), n]),
  );
  for (const [title, byCode] of [
    ['skipped', counts.skipped],
    ['conflicts', counts.conflicts],
    ['warnings', counts.warnings],
    ['notes', notes],
  ] as const) {
    const reasons = Object.entries(byCode)
      .filter(([, n]) => (n ?? 0) > 0)
      .sort(([a], [b]) => a.localeCompare(b));
    if (reasons.length === 0) continue;
    const total = reasons.reduce((sum, [, n]) => sum + (n ?? 0), 0);
    lines.push(
      `  ${pad(title)}${total}  ${reasons.map(([code, n]) => `${code} ${n} (${ruleLabel(code)})`).join(', ')}`,
    );
  }
  if (details.referencesNotUnique) {
    lines.push(
      '  warning     ExpenseIn\'s "User references must be unique" is off: turn it on (Account tab; R4)',
    );
  }
  if (report.joined) lines.push('  (this run was already under way when asked for; shown as it ended)');
  lines.push(`Details: pnpm staffsync run ${report.runId}`);
  return lines.join('\n');
}

function ruleLabel(code: string): string {
  const rule = ruleOfCode.get(code) ?? code;
  const title = titleOfRule.get(rule);
  return title === undefined ? rule : `${rule} ${title}`;
}

function pad(label: string): string {
  return label.padEnd(12);
}
