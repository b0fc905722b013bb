import type {
  Connection,
  ConnectionHealth,
  Health,
  ResyncResponse,
  RunCounts,
  RunItem,
  RunSummary,
  SetupCheck,
  UserBadge,
  UserStatus,
} from '@staffsync/shared';
import type { BadgesResponse } from '../messaging/protocol.ts';

// Server answers typed by the shared schemas' types, so a schema change breaks these at compile time.

export const sampleHealth: Health = { ok: true, version: '0.1.0', time: '2026-03-10T09:00:00.000Z' };

export function sampleConnection(fields: Partial<Connection> = {}): Connection {
  return {
    id: 1,
    name: 'Northwind',
    status: 'connected',
    source: 'api',
    staffology: { baseUrl: 'http://127.0.0.1:1', employerId: 'emp-1' },
    expensein: { baseUrl: 'http://127.0.0.1:2' },
    includeBankDetails: true,
    leaverGuardPercent: 20,
    leaverGuardMin: 5,
    alertWebhookUrl: null,
    syncEveryMinutes: null,
    createdAt: '2026-03-01T09:00:00.000Z',
    connectedAt: '2026-03-01T09:00:00.000Z',
    ...fields,
  };
}

export function sampleCounts(fields: Partial<RunCounts> = {}): RunCounts {
  return {
    employees: 60,
    created: 2,
    updated: 5,
    updatedByField: { firstName: 3, departmentId: 2 },
    leavers: 1,
    reinstated: 0,
    unchanged: 50,
    skipped: { missing_required_fields: 1 },
    conflicts: { email_in_use: 1 },
    warnings: { department_not_found: 1 },
    held: 0,
    failed: 0,
    ...fields,
  };
}

export function sampleRun(fields: Partial<RunSummary> = {}): RunSummary {
  return {
    id: 7,
    connectionId: 1,
    trigger: 'schedule',
    status: 'partial',
    dryRun: false,
    requestedBy: null,
    counts: sampleCounts(),
    startedAt: '2026-03-10T04:00:00.000Z',
    finishedAt: '2026-03-10T04:00:09.000Z',
    error: null,
    ...fields,
  };
}

export function sampleConnectionHealth(fields: Partial<ConnectionHealth> = {}): ConnectionHealth {
  return {
    connection: sampleConnection(),
    lastRun: sampleRun(),
    nextRunAt: '2026-03-11T04:00:00.000Z',
    credentials: { staffology: 'ok', expensein: 'ok' },
    userReferencesMustBeUnique: true,
    advice: [],
    ...fields,
  };
}

export function sampleBadge(fields: Partial<UserBadge> & Pick<UserBadge, 'key'>): UserBadge {
  return { badge: 'linked', reason: null, rule: 'R5', userId: 1, employeeNumber: 'E1001', ...fields };
}

export function sampleBadges(statuses: UserBadge[]): BadgesResponse {
  return { asOf: '2026-03-10T04:00:09.000Z', expenseInAsOf: '2026-03-10T09:00:01.000Z', statuses };
}

export function sampleUserStatus(fields: Partial<UserStatus> = {}): UserStatus {
  return {
    asOf: '2026-03-10T09:00:00.000Z',
    badge: 'pending_overwrite',
    user: {
      id: 1,
      name: 'Augusta Lovelace',
      email: 'ada.lovelace@northwind.example',
      reference: 'E1001',
      leaveDate: null,
    },
    link: { linked: true, employeeNumber: 'E1001', employeeName: 'Ada Lovelace' },
    lastSync: sampleRun(),
    nextSyncAt: '2026-03-11T04:00:00.000Z',
    pendingOverwrites: [
      {
        field: 'firstName',
        rule: 'R7',
        expenseInValue: 'Augusta',
        hrValue: 'Ada',
        labels: ['edited_in_expensein'],
      },
    ],
    recentChanges: [
      {
        runId: 6,
        at: '2026-03-09T04:00:05.000Z',
        rule: 'R9',
        changes: [{ field: 'departmentId', rule: 'R9', before: 2, after: 3, overwritten: false }],
      },
    ],
    outcomes: [],
    ...fields,
  };
}

export function sampleResync(fields: Partial<ResyncResponse> = {}): ResyncResponse {
  return {
    runId: 8,
    status: 'succeeded',
    trace: [
      {
        step: 'fetched',
        ok: true,
        ms: 12,
        detail: 'Read employee E1001 from Staffology and 8 ExpenseIn users',
      },
      { step: 'checked', ok: true, ms: 1, detail: 'Employee E1001 passes R1-R3' },
      { step: 'matched', ok: true, ms: 1, detail: 'User 1 holds Reference E1001 (R5)' },
      { step: 'planned', ok: true, ms: 1, detail: 'Update First Name (R7)' },
      { step: 'applied', ok: true, ms: 20, detail: 'Updated user 1' },
    ],
    changes: [{ field: 'firstName', rule: 'R7', before: 'Augusta', after: 'Ada', overwritten: true }],
    outcomes: [],
    ...fields,
  };
}

/** A set-up check of good keys, with `employerId` chosen: both employers listed, and a preview when chosen. */
export function sampleSetupCheck(employerId: string | null, fields: Partial<SetupCheck> = {}): SetupCheck {
  return {
    credentials: { staffology: 'ok', expensein: 'ok' },
    employers: [
      { id: 'emp-1', name: 'Northwind Ltd', employeeCount: 60, employeeCountFrom: 'staffology' },
      { id: 'emp-2', name: 'Southwind Ltd', employeeCount: null, employeeCountFrom: null },
    ],
    employerId,
    userReferencesMustBeUnique: false,
    departments: {
      expensein: ['Finance', 'Operations'],
      staffology:
        employerId === null
          ? null
          : {
              unmatched: [{ name: 'Research', employees: 3 }],
              matched: [{ name: 'Finance', expenseInDepartmentId: 1 }],
            },
    },
    preview:
      employerId === null
        ? null
        : {
            status: 'partial',
            counts: sampleCounts(),
            problems: [
              {
                severity: 'skipped',
                rule: 'R1',
                code: 'missing_required_fields',
                employeeNumber: 'E1002',
                userId: null,
                name: 'Grace Hopper',
                message: 'Work Email is missing',
              },
            ],
          },
    advice: [],
    ...fields,
  };
}

export function sampleRunItem(fields: Partial<RunItem> = {}): RunItem {
  return {
    seq: 1,
    kind: 'outcome',
    rule: 'R1',
    code: 'missing_required_fields',
    severity: 'skipped',
    actionKind: null,
    employeeNumber: 'E1002',
    userId: null,
    name: 'Grace Hopper',
    message: 'Work Email is missing',
    changes: [],
    result: 'recorded',
    error: null,
    at: '2026-03-10T04:00:05.000Z',
    ...fields,
  };
}
