import { readFileSync } from 'node:fs';
import { approveHeldLeavers, rejectHeldLeavers } from '@staffsync/server';
import type { SyncSettings } from '@staffsync/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox/index.ts';
import {
  adminUser,
  type CraftedCompany,
  departments,
  type EmployeeSpec,
  emailDomain,
  loadCompany,
  setHrEmployees,
  sourceIdFor,
  type UserSpec,
  userById,
  userFor,
  usersByReference,
  workEmail,
} from './support/crafted-company.ts';
import { actionFor, actionsOf, outcomeCodes, outcomesOf } from './support/run-records.ts';
import {
  createSyncHarness,
  expenseInWrites,
  type SyncHarness,
  staffologyNonReads,
  syncAgainWritesNothing,
  today,
} from './support/sync-harness.ts';

// PRODUCT.md section 2, rule by rule, end to end: a small crafted company loaded into the sandbox, the sync engine
// run over real HTTP with a real SQLite file, then ExpenseIn's end state and the recorded run items checked, and a
// second run that must write nothing.

let sandbox: Sandbox;
let harness: SyncHarness | null = null;

beforeAll(async () => {
  // The generated company only lends its keys and employer: every test loads its own crafted company.
  sandbox = await startSandbox({ seed: 21, employees: 4, scenarios: false });
});

afterAll(async () => {
  await sandbox?.stop();
});

afterEach(async () => {
  await harness?.close();
  harness = null;
});

/** Loads the company into the sandbox and opens a fresh store with a connection to it. */
async function given(company: CraftedCompany, settings: Partial<SyncSettings> = {}): Promise<SyncHarness> {
  loadCompany(sandbox, company);
  harness = await createSyncHarness(sandbox, { settings });
  return harness;
}

function eiUsers() {
  return sandbox.expensein.control.backend.snapshot().users;
}

/** An administrator's edit in ExpenseIn's own UI, between two syncs (not through staffsync). */
function editByHand(id: number, patch: Partial<Pick<UserSpec, 'firstName' | 'departmentId' | 'leaveDate'>>) {
  const state = sandbox.expensein.control.backend.snapshot();
  state.users = state.users.map((user) => (user.id === id ? { ...user, ...patch } : user));
  sandbox.expensein.control.backend.load(state);
}

describe('R1 required fields', () => {
  it('skips an employee missing Known As, Surname, Work Email or Employee Number, naming every missing field', async () => {
    const noKnownAs: EmployeeSpec = {
      number: '1001',
      firstName: null,
      lastName: 'Okafor',
      email: workEmail('chidi', 'okafor'),
    };
    const blankSurname: EmployeeSpec = {
      number: '1002',
      firstName: 'Priya',
      lastName: '  ',
      email: workEmail('priya', 'shah'),
    };
    const noEmail: EmployeeSpec = { number: '1003', firstName: 'Tom', lastName: 'Hughes', email: null };
    const blankNumber: EmployeeSpec = { number: '  ', firstName: 'Ewa', lastName: 'Nowak' };
    const nothing: EmployeeSpec = { number: '1005', firstName: null, lastName: null, email: null };
    const h = await given({
      employees: [noKnownAs, blankSurname, noEmail, blankNumber, nothing],
      // The user linked to 1001 still holds the first name HR lost: it must not be blanked.
      users: [
        userFor(2, { ...noKnownAs, firstName: 'Chidi' }),
        userFor(3, { ...blankSurname, lastName: 'Shah' }),
      ],
    });
    const before = eiUsers();

    const run = await h.sync();

    expect(run.status).toBe('partial');
    const missing = Object.fromEntries(
      (await outcomesOf(h, run.runId, 'missing_required_fields')).map((item) => [
        item.subject.sourceId,
        { rule: item.rule, missing: item.details.missing },
      ]),
    );
    expect(missing).toEqual({
      [sourceIdFor('1001')]: { rule: 'R1', missing: ['Known As'] },
      [sourceIdFor('1002')]: { rule: 'R1', missing: ['Surname'] },
      [sourceIdFor('1003')]: { rule: 'R1', missing: ['Work Email'] },
      [sourceIdFor('  ')]: { rule: 'R1', missing: ['Employee Number'] },
      [sourceIdFor('1005')]: { rule: 'R1', missing: ['Known As', 'Surname', 'Work Email'] },
    });
    expect(run.counts.skipped).toEqual({ missing_required_fields: 5 });
    expect(expenseInWrites(sandbox)).toBe(0);
    expect(eiUsers()).toEqual(before);
    expect(await actionsOf(h, run.runId)).toEqual([]);

    await syncAgainWritesNothing(sandbox, h);
  });
});

describe('R2 valid email', () => {
  it('skips an employee whose Work Email is not a plausible address, creating nobody', async () => {
    const h = await given({
      employees: [
        { number: '1011', firstName: 'Dan', lastName: 'Smith', email: `dan.smith.${emailDomain}` },
        { number: '1012', firstName: 'Eve', lastName: 'Stone', email: `eve stone@${emailDomain}` },
      ],
      users: [],
    });

    const run = await h.sync();

    expect(run.status).toBe('partial');
    const invalid = await outcomesOf(h, run.runId, 'invalid_email');
    expect(invalid.map((item) => [item.subject.employeeNumber, item.rule, item.details.workEmail])).toEqual([
      ['1011', 'R2', `dan.smith.${emailDomain}`],
      ['1012', 'R2', `eve stone@${emailDomain}`],
    ]);
    expect(eiUsers().map((user) => user.id)).toEqual([adminUser.id]);
    expect(expenseInWrites(sandbox)).toBe(0);

    await syncAgainWritesNothing(sandbox, h);
  });
});

describe('R3 duplicate employee number', () => {
  it('skips every HR employee sharing a number, leaving their linked user alone', async () => {
    const amy: EmployeeSpec = {
      number: '1020',
      firstName: 'Amy',
      lastName: 'Ng',
      id: sourceIdFor('1020', 0),
    };
    const bo: EmployeeSpec = { number: '1020', firstName: 'Bo', lastName: 'Li', id: sourceIdFor('1020', 1) };
    const h = await given({ employees: [amy, bo], users: [userFor(2, amy, { lastName: 'Ngu' })] });
    const before = userById(sandbox, 2);

    const run = await h.sync();

    expect(run.status).toBe('partial');
    const duplicates = await outcomesOf(h, run.runId, 'duplicate_employee_number');
    expect(duplicates.map((item) => item.subject.sourceId).sort()).toEqual(
      [sourceIdFor('1020', 0), sourceIdFor('1020', 1)].sort(),
    );
    for (const item of duplicates) {
      expect(item).toMatchObject({ rule: 'R3', subject: { employeeNumber: '1020' } });
      expect(item.details.sourceIds).toEqual([sourceIdFor('1020', 0), sourceIdFor('1020', 1)].sort());
    }
    expect(userById(sandbox, 2)).toEqual(before);
    expect(eiUsers()).toHaveLength(2);
    expect(await h.link('1020')).toBeNull();

    await syncAgainWritesNothing(sandbox, h);
  });
});

describe('R4 duplicate reference', () => {
  it('changes neither user holding the number and recommends unique references', async () => {
    const cara: EmployeeSpec = { number: '1030', firstName: 'Cara', lastName: 'Diaz' };
    const h = await given({
      employees: [cara],
      // Legacy data from before "User references must be unique" was switched on.
      users: [
        userFor(2, cara, { lastName: 'Dias' }),
        userFor(3, cara, { lastName: 'Dias', email: `c.dias@${emailDomain}` }),
      ],
      referencesUnique: false,
    });
    const before = eiUsers();

    const run = await h.sync();

    expect(run.status).toBe('partial');
    const [conflict, ...more] = await outcomesOf(h, run.runId, 'duplicate_user_reference');
    expect(more).toEqual([]);
    expect(conflict).toMatchObject({
      rule: 'R4',
      severity: 'conflict',
      subject: { employeeNumber: '1030' },
      details: { userIds: [2, 3] },
    });
    expect(conflict?.message).toContain('User references must be unique');
    expect(eiUsers()).toEqual(before);
    expect(expenseInWrites(sandbox)).toBe(0);

    await syncAgainWritesNothing(sandbox, h);
  });
});

describe('R5 link and R7 personal details', () => {
  it('links by exact Reference and updates the names and email that differ from HR', async () => {
    const dee: EmployeeSpec = { number: '1040', firstName: 'Dee', lastName: 'Ramsey' };
    // HR pads the number: compared after trimming, still an exact match (PRODUCT.md 2, normalisation).
    const eli: EmployeeSpec = { number: ' 1041 ', firstName: 'Eli', lastName: 'Park' };
    const h = await given({
      employees: [dee, eli],
      users: [
        userFor(2, dee, { lastName: 'Ramsay', email: `d.ramsay@${emailDomain}` }),
        userFor(3, eli, { reference: '1041' }),
      ],
    });

    const run = await h.sync();

    expect(run.status).toBe('succeeded');
    expect(userById(sandbox, 2)).toMatchObject({
      firstName: 'Dee',
      lastName: 'Ramsey',
      email: workEmail('Dee', 'Ramsey'),
      reference: '1040',
    });
    const action = await actionFor(h, run.runId, '1040');
    expect(action).toMatchObject({
      actionKind: 'update',
      rule: 'R7',
      result: 'applied',
      subject: { userId: 2 },
    });
    expect(action.changes).toEqual([
      { field: 'lastName', rule: 'R7', before: 'Ramsay', after: 'Ramsey', overwritten: false },
      {
        field: 'email',
        rule: 'R7',
        before: `d.ramsay@${emailDomain}`,
        after: workEmail('Dee', 'Ramsey'),
        overwritten: false,
      },
    ]);
    expect(await h.link('1040')).toMatchObject({
      userId: 2,
      lastWritten: { firstName: 'Dee', lastName: 'Ramsey', email: workEmail('Dee', 'Ramsey') },
    });
    // Eli agreed already: linked, nothing written.
    expect(await h.link('1041')).toMatchObject({ userId: 3 });
    expect(await actionsOf(h, run.runId)).toHaveLength(1);
    expect(sandbox.expensein.control.requests().byRoute).toMatchObject({ 'PATCH /1.0/users/:id': 1 });

    await syncAgainWritesNothing(sandbox, h);
  });
});

describe('R6 near miss', () => {
  it('treats a Reference differing only by case or spaces as unlinked, with a warning naming it', async () => {
    const fay: EmployeeSpec = { number: 'T1050', firstName: 'Fay', lastName: 'Moss' };
    const gus: EmployeeSpec = { number: 'T1051', firstName: 'Gus', lastName: 'Hale' };
    const h = await given({
      employees: [fay, gus],
      users: [
        // Holds Fay's email: unlinked, so R11 blocks the create.
        userFor(2, fay, { reference: 't1050' }),
        // Another email: unlinked, so R10 creates Gus (the near match stays as it is).
        userFor(3, gus, { reference: 'T 1051', email: `gus.hale.old@${emailDomain}` }),
      ],
    });

    const run = await h.sync();

    expect(run.status).toBe('partial');
    expect(
      (await outcomesOf(h, run.runId, 'near_miss_reference')).map((item) => [
        item.subject.employeeNumber,
        item.rule,
        item.details,
      ]),
    ).toEqual([
      ['T1050', 'R6', { userId: 2, reference: 't1050' }],
      ['T1051', 'R6', { userId: 3, reference: 'T 1051' }],
    ]);
    expect(await outcomesOf(h, run.runId, 'email_in_use')).toMatchObject([
      { rule: 'R11', subject: { employeeNumber: 'T1050' }, details: { userId: 2 } },
    ]);
    expect(userById(sandbox, 2).reference).toBe('t1050');
    expect(userById(sandbox, 3).reference).toBe('T 1051');
    const [created, ...others] = usersByReference(sandbox, 'T1051');
    expect(others).toEqual([]);
    expect(created).toMatchObject({ firstName: 'Gus', lastName: 'Hale', email: workEmail('Gus', 'Hale') });
    expect(await actionFor(h, run.runId, 'T1051')).toMatchObject({ actionKind: 'create', rule: 'R10' });
    expect(await h.link('T1050')).toBeNull();

    await syncAgainWritesNothing(sandbox, h);
  });
});

describe('R7a email taken', () => {
  it('keeps the email another user holds and still updates the other fields', async () => {
    const hana: EmployeeSpec = {
      number: '1060',
      firstName: 'Hana',
      lastName: 'Ito-Berg',
      email: workEmail('Hana', 'ItoBerg'),
    };
    const h = await given({
      employees: [hana],
      users: [
        userFor(2, hana, { lastName: 'Ito', email: workEmail('Hana', 'Ito') }),
        {
          id: 3,
          firstName: 'Hana',
          lastName: 'Ito-Berg',
          email: workEmail('Hana', 'ItoBerg'),
          reference: 'CON-001',
          departmentId: departments.contractors.id,
        },
      ],
    });
    const contractor = userById(sandbox, 3);

    const run = await h.sync();

    expect(run.status).toBe('partial');
    expect(userById(sandbox, 2)).toMatchObject({ lastName: 'Ito-Berg', email: workEmail('Hana', 'Ito') });
    expect(userById(sandbox, 3)).toEqual(contractor);
    expect(await outcomesOf(h, run.runId, 'email_in_use')).toMatchObject([
      {
        rule: 'R7a',
        severity: 'conflict',
        subject: { employeeNumber: '1060', userId: 2 },
        details: { userId: 3, email: workEmail('Hana', 'ItoBerg') },
      },
    ]);
    expect((await actionFor(h, run.runId, '1060')).changes).toEqual([
      { field: 'lastName', rule: 'R7', before: 'Ito', after: 'Ito-Berg', overwritten: false },
    ]);

    const again = await syncAgainWritesNothing(sandbox, h);
    expect(again.counts.conflicts).toEqual({ email_in_use: 1 });
  });
});

describe('R8 bank details', () => {
  const ivan: EmployeeSpec = {
    number: '1070',
    firstName: 'Ivan',
    lastName: 'Roy',
    bank: { accountName: 'Ivan Roy', sortCode: '20-00-00', accountNumber: '55779911' },
  };
  // Payroll has no bank details; the user entered some in ExpenseIn.
  const jo: EmployeeSpec = { number: '1071', firstName: 'Jo', lastName: 'Kerr', bank: null };
  const kai: EmployeeSpec = {
    number: '1072',
    firstName: 'Kai',
    lastName: 'Lund',
    bank: { accountName: 'Kai Lund', sortCode: '309634', accountNumber: '99887766' },
  };
  // The same details, the sort code typed with spaces in payroll: equal once normalised.
  const lea: EmployeeSpec = {
    number: '1073',
    firstName: 'Lea',
    lastName: 'Moe',
    bank: { accountName: 'Lea Moe', sortCode: '40 47 84', accountNumber: '31926819' },
  };
  const company: CraftedCompany = {
    employees: [ivan, jo, kai, lea],
    users: [
      userFor(2, ivan, {
        bankDetails: { accountName: 'Ivan Roy', sortCode: '200000', accountNumber: '11223344' },
      }),
      userFor(3, jo, {
        bankDetails: { accountName: 'Jo Kerr', sortCode: '601613', accountNumber: '66554433' },
      }),
      userFor(4, lea),
    ],
  };
  const fullNumbers = ['55779911', '11223344', '66554433', '99887766', '31926819'];

  it('with Include Bank Details on: updates differing details, creates with them, never clears them', async () => {
    const h = await given(company, { includeBankDetails: true });

    const run = await h.sync();

    expect(run.status).toBe('succeeded');
    expect(userById(sandbox, 2).bankDetails).toEqual({
      accountName: 'Ivan Roy',
      sortCode: '200000',
      accountNumber: '55779911',
    });
    expect(userById(sandbox, 3).bankDetails).toEqual({
      accountName: 'Jo Kerr',
      sortCode: '601613',
      accountNumber: '66554433',
    });
    expect(usersByReference(sandbox, '1072')[0]?.bankDetails).toEqual({
      accountName: 'Kai Lund',
      sortCode: '309634',
      accountNumber: '99887766',
    });
    expect(userById(sandbox, 4).bankDetails?.sortCode).toBe('404784');
    // Only Ivan and Kai got bank writes (ExpenseIn's Event Log records each bank change and who made it).
    const apiBankEvents = sandbox.expensein.control.backend
      .snapshot()
      .eventLog.filter((e) => e.changedBy === 'api');
    expect(apiBankEvents.map((e) => e.accountNumberEnding).sort()).toEqual(['7766', '9911']);

    // Recorded masked: the account name and the last 2 digits, never the number (PRODUCT.md 4.2).
    expect((await actionFor(h, run.runId, '1070')).changes).toEqual([
      {
        field: 'bankDetails',
        rule: 'R8',
        before: 'Ivan Roy ••••••44',
        after: 'Ivan Roy ••••••11',
        overwritten: false,
      },
    ]);
    expect((await actionFor(h, run.runId, '1072')).changes).toContainEqual({
      field: 'bankDetails',
      rule: 'R8',
      before: null,
      after: 'Kai Lund ••••••66',
      overwritten: false,
    });
    expect((await actionsOf(h, run.runId)).map((item) => item.subject.employeeNumber)).toEqual([
      '1070',
      '1072',
    ]);
    expect((await h.link('1070'))?.lastWritten.bankHash).toEqual(expect.any(String));
    expect((await h.link('1073'))?.lastWritten.bankHash).toEqual(expect.any(String));
    const stored = JSON.stringify([
      await h.items(run.runId),
      await h.store.links.forConnection(h.connectionId),
    ]);
    for (const number of fullNumbers) expect(stored).not.toContain(number);

    await syncAgainWritesNothing(sandbox, h);
  });

  it('with Include Bank Details off: no bank data in the plan, the store or the writes', async () => {
    const h = await given(company, { includeBankDetails: false });
    const before = eiUsers();

    const preview = await h.sync({ dryRun: true });
    const planned = await h.items(preview.runId, { kind: 'action' });
    const run = await h.sync();

    expect(run.status).toBe('succeeded');
    for (const item of [...planned, ...(await actionsOf(h, run.runId))]) {
      expect(item.changes.map((change) => change.field)).not.toContain('bankDetails');
    }
    expect(planned.map((item) => item.subject.employeeNumber)).toEqual(['1072']);
    // Nobody's bank details changed, and Kai was created without any.
    for (const user of before) expect(userById(sandbox, user.id).bankDetails).toEqual(user.bankDetails);
    expect(usersByReference(sandbox, '1072')[0]).toMatchObject({ firstName: 'Kai', bankDetails: null });
    expect(sandbox.expensein.control.backend.snapshot().eventLog).toEqual([]);
    for (const link of await h.store.links.forConnection(h.connectionId)) {
      expect(link.lastWritten).not.toHaveProperty('bankHash');
    }
    const database = Buffer.concat(
      ['', '-wal'].flatMap((suffix) => {
        try {
          return [readFileSync(`${h.file}${suffix}`)];
        } catch {
          return [];
        }
      }),
    );
    expect(database.includes('1072'), 'positive control: the store holds employee numbers').toBe(true);
    for (const number of fullNumbers) expect(database.includes(number)).toBe(false);

    await syncAgainWritesNothing(sandbox, h);
  });
});

describe('R9 department', () => {
  it('sets the department of the same name (case and spacing aside), and warns when ExpenseIn has none', async () => {
    const max: EmployeeSpec = { number: '1080', firstName: 'Max', lastName: 'Orr', department: 'Sales' };
    const nia: EmployeeSpec = {
      number: '1081',
      firstName: 'Nia',
      lastName: 'Patel',
      department: 'Customer Support',
    };
    const oli: EmployeeSpec = {
      number: '1082',
      firstName: 'Oli',
      lastName: 'Quinn',
      department: 'Research & Development',
    };
    const pam: EmployeeSpec = { number: '1083', firstName: 'Pam', lastName: 'Reid', department: null };
    const inOperations = { departmentId: departments.operations.id };
    const h = await given({
      employees: [max, nia, oli, pam],
      users: [
        userFor(2, max, inOperations),
        userFor(3, nia, inOperations),
        userFor(4, oli, inOperations),
        userFor(5, pam, { departmentId: departments.sales.id }),
      ],
    });

    const run = await h.sync();

    // A missing department is a warning: the run still succeeds (PRODUCT.md 2).
    expect(run.status).toBe('succeeded');
    expect([2, 3, 4, 5].map((id) => userById(sandbox, id).departmentId)).toEqual([
      departments.sales.id,
      departments.customerSupport.id,
      departments.operations.id,
      departments.sales.id,
    ]);
    expect((await actionFor(h, run.runId, '1081')).changes).toEqual([
      { field: 'departmentId', rule: 'R9', before: 1, after: 3, overwritten: false },
    ]);
    expect(await outcomesOf(h, run.runId, 'department_not_found')).toMatchObject([
      {
        rule: 'R9',
        severity: 'warning',
        subject: { employeeNumber: '1082', userId: 4 },
        details: { department: 'Research & Development' },
      },
    ]);
    expect((await actionsOf(h, run.runId)).map((item) => item.subject.employeeNumber)).toEqual([
      '1080',
      '1081',
    ]);

    await syncAgainWritesNothing(sandbox, h);
  });
});

describe('R10 create', () => {
  it('creates a new starter, not invited and with no policy or approval flow, and notes needs_setup', async () => {
    const quin: EmployeeSpec = {
      number: '1090',
      firstName: 'Quin',
      lastName: 'Shaw',
      department: 'Operations',
    };
    const h = await given({ employees: [quin], users: [] });

    const run = await h.sync();

    expect(run.status).toBe('succeeded');
    const [created, ...others] = usersByReference(sandbox, '1090');
    expect(others).toEqual([]);
    expect(created).toMatchObject({
      firstName: 'Quin',
      lastName: 'Shaw',
      email: workEmail('Quin', 'Shaw'),
      reference: '1090',
      departmentId: departments.operations.id,
      leaveDate: null,
      inviteStatus: 'NotInvited',
      expensePolicyId: null,
      approvalFlowId: null,
    });
    const id = created?.id;
    expect(await actionFor(h, run.runId, '1090')).toMatchObject({
      actionKind: 'create',
      rule: 'R10',
      result: 'applied',
      subject: { userId: id },
    });
    expect(await outcomesOf(h, run.runId, 'needs_setup')).toMatchObject([
      { rule: 'R10', severity: 'info', subject: { employeeNumber: '1090', userId: id } },
    ]);
    expect(await h.link('1090')).toMatchObject({ userId: id });
    expect(run.counts.created).toBe(1);

    await syncAgainWritesNothing(sandbox, h);
  });
});

describe('R11 create blocked', () => {
  it('creates nobody when the Work Email belongs to another user (emails compare case-insensitively)', async () => {
    const rae: EmployeeSpec = { number: '1100', firstName: 'Rae', lastName: 'Tan' };
    const h = await given({
      employees: [rae],
      users: [
        {
          id: 2,
          firstName: 'Rae',
          lastName: 'Tan',
          email: workEmail('Rae', 'Tan').toUpperCase(),
          reference: 'CON-002',
          departmentId: departments.contractors.id,
        },
      ],
    });
    const before = eiUsers();

    const run = await h.sync();

    expect(run.status).toBe('partial');
    expect(await outcomesOf(h, run.runId, 'email_in_use')).toMatchObject([
      { rule: 'R11', severity: 'conflict', subject: { employeeNumber: '1100' }, details: { userId: 2 } },
    ]);
    expect(eiUsers()).toEqual(before);
    expect(expenseInWrites(sandbox)).toBe(0);

    await syncAgainWritesNothing(sandbox, h);
  });
});

describe('R12 leaver', () => {
  it("sets the HR leave date (today when HR gives none) and changes nothing else of a leaver's", async () => {
    const sam: EmployeeSpec = {
      number: '1110',
      firstName: 'Sam',
      lastName: 'Uddin-Vale',
      status: 'Former',
      hasLeft: true,
      leaveDate: '2026-11-10',
    };
    const tia: EmployeeSpec = {
      number: '1111',
      firstName: 'Tia',
      lastName: 'Vos',
      status: 'Former',
      hasLeft: false,
    };
    // Still Current with a leave date ahead: a scheduled leaver in ExpenseIn.
    const uma: EmployeeSpec = { number: '1112', firstName: 'Uma', lastName: 'West', leaveDate: '2026-12-20' };
    const h = await given({
      employees: [sam, tia, uma],
      users: [
        userFor(2, sam, { lastName: 'Uddin', leaveDate: null }),
        userFor(3, tia, { leaveDate: null }),
        userFor(4, uma, { leaveDate: null }),
      ],
    });

    const run = await h.sync();

    expect(run.status).toBe('succeeded');
    expect(userById(sandbox, 2)).toMatchObject({ leaveDate: '2026-11-10', lastName: 'Uddin' });
    expect(userById(sandbox, 3).leaveDate).toBe(today);
    expect(userById(sandbox, 4).leaveDate).toBe('2026-12-20');
    expect(await actionFor(h, run.runId, '1110')).toMatchObject({
      actionKind: 'mark_leaver',
      rule: 'R12',
      result: 'applied',
      changes: [{ field: 'leaveDate', rule: 'R12', before: null, after: '2026-11-10', overwritten: false }],
    });
    expect((await h.link('1111'))?.leaveDateSetBySync).toBe(today);
    expect(run.counts.leavers).toBe(3);

    await syncAgainWritesNothing(sandbox, h);
  });
});

describe('R13 leaver unknown', () => {
  it('never creates a leaver with no ExpenseIn user', async () => {
    const h = await given({
      employees: [
        {
          number: '1120',
          firstName: 'Vic',
          lastName: 'Yung',
          status: 'Former',
          hasLeft: true,
          leaveDate: '2026-10-01',
        },
      ],
      users: [],
    });

    const run = await h.sync();

    // R13 is information, not a skip: the run succeeds.
    expect(run.status).toBe('succeeded');
    expect(await outcomeCodes(h, run.runId)).toEqual(['1120:R13:leaver_not_in_expensein']);
    expect(eiUsers().map((user) => user.id)).toEqual([adminUser.id]);
    expect(expenseInWrites(sandbox)).toBe(0);

    await syncAgainWritesNothing(sandbox, h);
  });
});

describe('R14 reinstate', () => {
  it('clears a leave date this sync set once HR reinstates, and never one set by hand', async () => {
    const wes: EmployeeSpec = { number: '1130', firstName: 'Wes', lastName: 'Zhu' };
    const xia: EmployeeSpec = { number: '1131', firstName: 'Xia', lastName: 'Abe' };
    const yan: EmployeeSpec = { number: '1132', firstName: 'Yan', lastName: 'Bell' };
    const h = await given({
      employees: [
        { ...wes, status: 'Former', leaveDate: '2026-11-20' },
        xia,
        { ...yan, status: 'Former', leaveDate: '2026-11-15' },
      ],
      // Xia's leave date was typed into ExpenseIn by an administrator.
      users: [userFor(2, wes), userFor(3, xia, { leaveDate: '2026-12-31' }), userFor(4, yan)],
    });
    const first = await h.sync();
    expect(first.status).toBe('succeeded');
    expect(userById(sandbox, 2).leaveDate).toBe('2026-11-20');
    expect(userById(sandbox, 3).leaveDate).toBe('2026-12-31');
    // After the sync set Yan's date, an administrator moved it by hand: that date is no longer the sync's.
    editByHand(4, { leaveDate: '2026-11-30' });

    setHrEmployees(sandbox, [wes, xia, yan]);
    sandbox.expensein.control.clearRequests();
    const run = await h.sync();

    expect(run.status).toBe('succeeded');
    expect(userById(sandbox, 2).leaveDate).toBeNull();
    expect(userById(sandbox, 3).leaveDate).toBe('2026-12-31');
    expect(userById(sandbox, 4).leaveDate).toBe('2026-11-30');
    expect(await actionsOf(h, run.runId)).toMatchObject([
      {
        actionKind: 'reinstate',
        rule: 'R14',
        result: 'applied',
        subject: { employeeNumber: '1130', userId: 2 },
        changes: [{ field: 'leaveDate', rule: 'R14', before: '2026-11-20', after: null }],
      },
    ]);
    expect((await h.link('1130'))?.leaveDateSetBySync).toBeNull();
    expect(run.counts.reinstated).toBe(1);

    await syncAgainWritesNothing(sandbox, h);
  });
});

describe('R15 one way', () => {
  it('never changes users with no employee, and sends Staffology nothing but reads', async () => {
    const zoe: EmployeeSpec = { number: '1140', firstName: 'Zoe', lastName: 'Cole' };
    const abe: EmployeeSpec = { number: '1141', firstName: 'Abe', lastName: 'Dunn' };
    const h = await given({
      employees: [
        zoe,
        abe,
        { number: '1142', firstName: 'Ben', lastName: 'Eze', status: 'Former', leaveDate: '2026-11-01' },
      ],
      users: [
        userFor(2, zoe, { lastName: 'Coal' }),
        userFor(3, { number: '1142', firstName: 'Ben', lastName: 'Eze' }),
        // No employee behind these: a contractor, a user with no reference, an ex-employee HR no longer lists.
        { id: 4, firstName: 'Cy', lastName: 'Fox', email: 'cy.fox@agency.example', reference: 'CON-003' },
        { id: 5, firstName: 'Di', lastName: 'Gray', email: `di.gray@${emailDomain}`, reference: null },
        { id: 6, firstName: 'Ed', lastName: 'Hunt', email: `ed.hunt@${emailDomain}`, reference: '0999' },
      ],
    });
    const untouched = [adminUser.id, 4, 5, 6].map((id) => userById(sandbox, id));

    const run = await h.sync();

    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ created: 1, updated: 1, leavers: 1 });
    expect([adminUser.id, 4, 5, 6].map((id) => userById(sandbox, id))).toEqual(untouched);
    const touched = (await actionsOf(h, run.runId)).map((item) => item.subject.userId);
    for (const user of untouched) expect(touched).not.toContain(user.id);
    expect(staffologyNonReads(sandbox)).toEqual([]);

    await syncAgainWritesNothing(sandbox, h);
    expect(staffologyNonReads(sandbox)).toEqual([]);
  });
});

describe('R16 overwrite', () => {
  it('overwrites a synced field edited in ExpenseIn and records the value that was lost', async () => {
    const robert: EmployeeSpec = {
      number: '1150',
      firstName: 'Robert',
      lastName: 'Vance',
      email: workEmail('Robert', 'Vance'),
      department: 'Operations',
    };
    const h = await given({ employees: [robert], users: [userFor(2, robert)] });
    const first = await h.sync();
    expect(first.counts.updated).toBe(0);
    expect((await h.link('1150'))?.lastWritten).toMatchObject({ firstName: 'Robert', departmentId: 1 });

    // Edited in ExpenseIn since the last sync; meanwhile HR changed the surname (not an overwrite).
    editByHand(2, { firstName: 'Rob', departmentId: departments.sales.id });
    setHrEmployees(sandbox, [{ ...robert, lastName: 'Vance-Lee' }]);
    sandbox.expensein.control.clearRequests();
    const run = await h.sync();

    expect(run.status).toBe('succeeded');
    expect(userById(sandbox, 2)).toMatchObject({
      firstName: 'Robert',
      lastName: 'Vance-Lee',
      departmentId: departments.operations.id,
    });
    expect((await actionFor(h, run.runId, '1150')).changes).toEqual([
      { field: 'firstName', rule: 'R7', before: 'Rob', after: 'Robert', overwritten: true },
      { field: 'lastName', rule: 'R7', before: 'Vance', after: 'Vance-Lee', overwritten: false },
      { field: 'departmentId', rule: 'R9', before: 2, after: 1, overwritten: true },
    ]);
    expect(run.details.overwritten).toBe(2);

    await syncAgainWritesNothing(sandbox, h);
  });
});

describe('R17 leaver guard', () => {
  const staff: EmployeeSpec[] = Array.from({ length: 12 }, (_, index) => ({
    number: String(1201 + index),
    firstName: `Staff${String.fromCharCode(65 + index)}`,
    lastName: 'Member',
  }));
  // 6 of 12 linked users newly leaving: more than 20% and more than 5 (the defaults).
  const leaving = staff
    .slice(0, 6)
    .map((employee) => ({ ...employee, status: 'Former' as const, leaveDate: '2026-11-20' }));
  const hrAfter = [
    ...leaving,
    ...staff.slice(6, 11),
    { ...(staff[11] as EmployeeSpec), lastName: 'Renamed' },
  ];
  const leaverIds = leaving.map((_, index) => 2 + index);

  async function heldRun(): Promise<{ h: SyncHarness; runId: number }> {
    const h = await given({
      employees: staff,
      users: staff.map((employee, index) => userFor(2 + index, employee)),
    });
    await h.sync();
    setHrEmployees(sandbox, hrAfter);
    sandbox.expensein.control.clearRequests();
    const run = await h.sync();

    expect(run.status).toBe('held');
    expect(run.counts).toMatchObject({ held: 6, leavers: 0, updated: 1 });
    expect(leaverIds.map((id) => userById(sandbox, id).leaveDate)).toEqual(leaverIds.map(() => null));
    // Everything else applies: the rename went through.
    expect(userById(sandbox, 13).lastName).toBe('Renamed');
    expect(sandbox.expensein.control.requests().byMethod.PATCH).toBe(1);
    expect(await outcomesOf(h, run.runId, 'leaver_held')).toHaveLength(6);
    expect((await outcomesOf(h, run.runId, 'leaver_held'))[0]).toMatchObject({
      rule: 'R17',
      details: { newLeavers: 6, linkedUsers: 12 },
    });
    expect(await h.items(run.runId, { kind: 'action', result: 'held' })).toHaveLength(6);
    expect(await h.store.held.list(h.connectionId, { status: 'pending' })).toHaveLength(6);
    return { h, runId: run.runId };
  }

  it('holds the leavers past the guard; approving applies them', async () => {
    const { h, runId } = await heldRun();

    sandbox.expensein.control.clearRequests();
    const decision = await approveHeldLeavers(h.deps, h.connectionId, 'alice');

    expect(decision.decided).toHaveLength(6);
    expect(decision.run).toMatchObject({ status: 'succeeded', requestedBy: 'alice' });
    expect(leaverIds.map((id) => userById(sandbox, id).leaveDate)).toEqual(leaverIds.map(() => '2026-11-20'));
    expect(sandbox.expensein.control.requests().byMethod.PATCH).toBe(6);
    expect((await h.store.runs.get(runId))?.status).toBe('succeeded');

    const again = await syncAgainWritesNothing(sandbox, h);
    expect(again.status).toBe('succeeded');
  });

  it('holds the leavers past the guard; rejecting writes nothing', async () => {
    const { h, runId } = await heldRun();

    sandbox.expensein.control.clearRequests();
    const decided = await rejectHeldLeavers(h.store, h.connectionId, 'alice');

    expect(decided.map((held) => held.status)).toEqual(leaverIds.map(() => 'rejected'));
    expect(expenseInWrites(sandbox)).toBe(0);
    expect(leaverIds.map((id) => userById(sandbox, id).leaveDate)).toEqual(leaverIds.map(() => null));
    expect((await h.store.runs.get(runId))?.status).toBe('succeeded');

    // PRODUCT.md 2: a rejection sticks until HR changes the leave date: the next sync neither holds nor marks them.
    const again = await syncAgainWritesNothing(sandbox, h);
    expect(again.status).toBe('succeeded');
    expect(again.counts.warnings).toMatchObject({ leaver_rejected: 6 });
    expect(await h.store.held.list(h.connectionId, { status: 'pending' })).toEqual([]);
  });
});

describe('R18 empty source guard', () => {
  it('fails with source_empty and writes nothing when HR returns no employees while links exist', async () => {
    const staff: EmployeeSpec[] = [
      { number: '1301', firstName: 'Ann', lastName: 'Ash' },
      { number: '1302', firstName: 'Bob', lastName: 'Birch' },
    ];
    const h = await given({
      employees: staff,
      users: [userFor(2, staff[0] as EmployeeSpec), userFor(3, staff[1] as EmployeeSpec)],
    });
    expect((await h.sync()).status).toBe('succeeded');
    setHrEmployees(sandbox, []);
    const before = eiUsers();
    sandbox.expensein.control.clearRequests();

    const run = await h.sync();

    expect(run).toMatchObject({ status: 'failed', error: expect.stringContaining('no employees') });
    expect(await outcomeCodes(h, run.runId)).toEqual(['-:R18:source_empty']);
    expect(expenseInWrites(sandbox)).toBe(0);
    expect(eiUsers()).toEqual(before);
    expect(await h.store.links.forConnection(h.connectionId)).toHaveLength(2);

    const again = await syncAgainWritesNothing(sandbox, h);
    expect(again.status).toBe('failed');
  });
});

describe('R15 over the full demo company', () => {
  let demo: Sandbox;
  let demoHarness: SyncHarness | null = null;

  beforeAll(async () => {
    demo = await startSandbox({ seed: 7, employees: 40 });
  });

  afterAll(async () => {
    await demoHarness?.close();
    await demo?.stop();
  });

  it('sends Staffology nothing but reads and leaves users with no employee as they were', async () => {
    demoHarness = await createSyncHarness(demo, { settings: { includeBankDetails: true } });
    const { facts } = demo.company;
    const noEmployee = [facts.adminUserId, ...facts.contractorUserIds];
    const byId = () =>
      new Map(demo.expensein.control.backend.snapshot().users.map((user) => [user.id, user]));
    const before = byId();

    const run = await demoHarness.sync();

    expect(run.status).toBe('partial');
    expect(run.counts.created).toBeGreaterThan(0);
    expect(staffologyNonReads(demo)).toEqual([]);
    // Every employee was read, in batches of 100 (PRODUCT.md 3.1).
    const employees = demo.staffology.control.backend.snapshot().employees[demo.staffology.employerId] ?? [];
    expect(employees.length).toBeGreaterThan(0);
    expect(demo.staffology.control.requests().byRoute['POST /employers/:employerId/employees/list']).toBe(
      Math.ceil(employees.length / 100),
    );
    const after = byId();
    for (const id of noEmployee) expect(after.get(id)).toEqual(before.get(id));

    await syncAgainWritesNothing(demo, demoHarness);
    expect(staffologyNonReads(demo)).toEqual([]);
  });
});
