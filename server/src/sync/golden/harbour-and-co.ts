import type { PlanInput } from '@staffsync/shared';
import { hashBank } from '../test-fixtures.ts';

/**
 * A small company with one case of most rules, for the golden plan in `harbour-and-co.plan.json`. The second
 * sync of a connection: links hold what the first one wrote.
 */
export const harbourAndCo: PlanInput = {
  today: '2026-03-02',
  settings: { includeBankDetails: true, leaverGuardPercent: 20, leaverGuardMin: 5 },
  hashBank,
  departments: [
    { id: 1, name: 'Operations', reference: 'OPS' },
    { id: 2, name: 'Customer  Service', reference: null },
    { id: 3, name: 'Finance', reference: 'FIN' },
  ],
  employees: [
    hr('s01', 'H001', 'Zoë', 'Adeyemi', 'zoe.adeyemi@harbour.test', 'Operations'),
    hr('s02', 'H002', 'Łukasz', 'Nowak', 'lukasz.nowak@harbour.test', 'customer service', {
      bank: { accountName: 'L Nowak', sortCode: '20-00-00', accountNumber: '55779911' },
    }),
    hr('s03', 'H003', 'Siobhán', 'Kelly', 'siobhan.kelly@harbour.test', 'Finance', {
      isLeaver: true,
      leaveDate: '2026-03-31',
    }),
    hr('s04', 'H004', 'Priya', 'Shah', 'priya.shah@harbour.test', 'Marketing'),
    hr('s05', 'H005', 'Tom', 'Baker', 'tom.baker@harbour.test', null, {
      isLeaver: true,
      leaveDate: '2025-12-31',
    }),
    hr('s06', 'H006', '', 'Moss', 'jen.moss@harbour.test', null),
    hr('s07', 'H007', 'Ray', 'Ortiz', 'ray.ortiz@harbour.test', null),
    hr('s08', 'H007', 'Rae', 'Ortiz', 'rae.ortiz@harbour.test', null),
    hr('s09', 'H009', 'Femi', 'Okafor', 'femi.okafor@harbour.test', 'Finance'),
    hr('s10', 'H010', 'Dana', 'Scully', 'dana@harbour.test', null),
    hr('s11', 'H011', 'Ian', 'Wright', 'ian.wright@harbour.test', 'Operations'),
    hr('s12', 'H012', 'Mo', 'Farah', 'mo.farah@harbour.test', null),
  ],
  invalidRecords: [],
  users: [
    ei(101, 'Zoe', 'Adeyemi', 'Zoe.Adeyemi@harbour.test', 'H001', 1),
    ei(102, 'Lukasz', 'Nowak', 'lukasz.nowak@harbour.test', ' H002 ', 2, {
      bankDetails: { accountName: 'L Nowak', sortCode: '200000', accountNumber: '11223344' },
    }),
    ei(103, 'Siobhán', 'Kelly', 'siobhan.kelly@harbour.test', 'H003', 3),
    ei(105, 'Tom', 'Baker', 'tom.b@harbour.test', 'h005', null),
    ei(109, 'Femi', 'Okafor', 'femi.okafor@harbour.test', 'H009', 3),
    ei(110, 'Dana', 'Scully', 'dana.scully@harbour.test', 'H010', null),
    ei(111, 'Fox', 'Mulder', 'dana@harbour.test', null, null),
    ei(112, 'Ian', 'Wright', 'ian.wright@harbour.test', 'H011', 1, { leaveDate: '2026-01-31' }),
    ei(113, 'Mo', 'Farah', 'MO.FARAH@harbour.test', null, null),
    ei(120, 'Ann', 'Admin', 'admin@harbour.test', null, null),
  ],
  links: [
    {
      employeeNumber: 'H001',
      userId: 101,
      lastWritten: { firstName: 'Zoë', departmentId: 1 },
      leaveDateSetBySync: null,
    },
    {
      employeeNumber: 'H002',
      userId: 102,
      lastWritten: {
        firstName: 'Łukasz',
        lastName: 'Nowak',
        bankHash: hashBank({ accountName: 'L Nowak', sortCode: '200000', accountNumber: '55779911' }),
      },
      leaveDateSetBySync: null,
    },
    {
      employeeNumber: 'H011',
      userId: 112,
      lastWritten: { leaveDate: '2026-01-31' },
      leaveDateSetBySync: '2026-01-31',
    },
  ],
};

function hr(
  sourceId: string,
  employeeNumber: string,
  knownAs: string,
  surname: string,
  workEmail: string,
  department: string | null,
  extra: Partial<PlanInput['employees'][number]> = {},
): PlanInput['employees'][number] {
  return {
    sourceId,
    employeeNumber,
    knownAs,
    surname,
    workEmail,
    department,
    bank: null,
    isLeaver: false,
    leaveDate: null,
    ...extra,
  };
}

function ei(
  id: number,
  firstName: string,
  lastName: string,
  email: string,
  reference: string | null,
  departmentId: number | null,
  extra: Partial<PlanInput['users'][number]> = {},
): PlanInput['users'][number] {
  return {
    id,
    firstName,
    lastName,
    email,
    reference,
    departmentId,
    leaveDate: null,
    bankDetails: null,
    inviteStatus: 'Active',
    expensePolicyId: 1,
    approvalFlowId: 1,
    ...extra,
  };
}
