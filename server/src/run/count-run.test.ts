import type { Severity } from '@staffsync/shared';
import { describe, expect, it } from 'vitest';
import { countRun, flattenTally, unflattenCounts } from './count-run.ts';
import { decideRunStatus } from './decide-run-status.ts';

describe('decideRunStatus', () => {
  it.each<
    [
      string,
      {
        failed?: boolean;
        stopped?: boolean;
        severities?: Severity[];
        failedActions?: number;
        heldActions?: number;
      },
      string,
    ]
  >([
    ['every employee handled', {}, 'succeeded'],
    ['warnings, needs_setup and R13 do not spoil a run', { severities: ['warning', 'info'] }, 'succeeded'],
    ['a skip makes it partial', { severities: ['skipped'] }, 'partial'],
    ['a conflict makes it partial', { severities: ['conflict', 'info'] }, 'partial'],
    ['a failed write makes it partial', { failedActions: 1 }, 'partial'],
    ['held leavers outrank partial (R17)', { severities: ['skipped'], heldActions: 2 }, 'held'],
    ['credentials, R18 or a crash before any write fail it', { failed: true, heldActions: 1 }, 'failed'],
    ['a run stopped after writing is partial, never succeeded', { stopped: true }, 'partial'],
    ['a stop outranks held leavers too', { stopped: true, heldActions: 2 }, 'partial'],
  ])('%s', (_name, input, expected) => {
    expect(
      decideRunStatus({
        failed: input.failed ?? false,
        stopped: input.stopped ?? false,
        outcomes: (input.severities ?? []).map((severity) => ({ severity })),
        failedActions: input.failedActions ?? 0,
        heldActions: input.heldActions ?? 0,
      }),
    ).toBe(expected);
  });
});

describe('countRun', () => {
  const tally = countRun({
    employees: 9,
    unchanged: 3,
    actions: [
      { kind: 'create', changes: [], result: 'applied' },
      // As the applier gives a create: without its changes.
      { kind: 'create', result: 'applied' },
      {
        kind: 'update',
        changes: [
          { field: 'email', rule: 'R7', before: 'a@x.test', after: 'b@x.test', overwritten: true },
          { field: 'departmentId', rule: 'R9', before: 1, after: 2, overwritten: false },
        ],
        result: 'applied',
      },
      { kind: 'update', changes: [], result: 'failed' },
      { kind: 'mark_leaver', changes: [], result: 'held' },
      {
        kind: 'reinstate',
        changes: [{ field: 'leaveDate', rule: 'R14', before: '2026-01-01', after: null, overwritten: false }],
        result: 'planned',
      },
    ],
    outcomes: [
      { code: 'invalid_email', severity: 'skipped' },
      { code: 'invalid_email', severity: 'skipped' },
      { code: 'email_in_use', severity: 'conflict' },
      { code: 'department_not_found', severity: 'warning' },
      { code: 'needs_setup', severity: 'info' },
      { code: 'action_failed', severity: 'failed' },
    ],
    details: { users: 12 },
  });

  it('counts created, updated by field, leavers, skips and conflicts by reason, held and failed', () => {
    expect(tally.counts).toEqual({
      employees: 9,
      created: 2,
      updated: 1,
      updatedByField: { email: 1, departmentId: 1, leaveDate: 1 },
      leavers: 0,
      reinstated: 1,
      unchanged: 3,
      skipped: { invalid_email: 2 },
      conflicts: { email_in_use: 1 },
      warnings: { department_not_found: 1 },
      held: 1,
      failed: 1,
    });
    expect(tally.details).toEqual({ users: 12, overwritten: 1, 'notes.needs_setup': 1 });
  });

  it('survives the flat form the run row keeps', () => {
    expect(unflattenCounts(flattenTally(tally))).toEqual(tally);
  });
});
