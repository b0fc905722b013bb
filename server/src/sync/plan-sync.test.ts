import type { BankDetails, HrEmployee, Link } from '@staffsync/shared';
import { describe, expect, it } from 'vitest';
import { changesOf } from './changes-of.ts';
import { linkOf } from './link-of.ts';
import { planSync } from './plan-sync.ts';
import { actionFor, codesOf, employee, hashBank, link, planInput, today, user } from './test-fixtures.ts';

const bankOn = { includeBankDetails: true, leaverGuardPercent: 20, leaverGuardMin: 5 };
const hrBank: BankDetails = { accountName: 'A Lee', sortCode: '12-34-56', accountNumber: '12345678' };

describe('invalid records', () => {
  it('plans 150,000 employees that all fail R1, more outcomes than one call can take as arguments', () => {
    const employees = Array.from({ length: 150_000 }, (_, index) =>
      employee({ sourceId: `hr-${index}`, employeeNumber: `E${index}`, surname: '' }),
    );
    const plan = planSync(planInput({ employees }));
    expect(plan.outcomes).toHaveLength(150_000);
    expect(plan.outcomes.every((outcome) => outcome.code === 'missing_required_fields')).toBe(true);
  });

  it('turns a Staffology record that failed validation into a skipped invalid_record outcome with no rule', () => {
    const plan = planSync(
      planInput({
        invalidRecords: [
          {
            vendor: 'staffology',
            sourceId: 'hr-9',
            employeeNumber: 'E009',
            userId: null,
            reason: 'surname: expected string',
          },
        ],
      }),
    );
    expect(plan.outcomes).toEqual([
      expect.objectContaining({
        rule: null,
        code: 'invalid_record',
        severity: 'skipped',
        subject: { employeeNumber: 'E009', userId: null, sourceId: 'hr-9', name: null },
      }),
    ]);
    expect(plan.outcomes[0]?.message).toContain('surname: expected string');
  });

  it('does not create or update an employee whose linked ExpenseIn user could not be read', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ knownAs: 'Annie' })],
        links: [link({ userId: 7 })],
        invalidRecords: [
          { vendor: 'expensein', sourceId: null, employeeNumber: null, userId: 7, reason: 'email: required' },
        ],
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(codesOf(plan)).toEqual(['-:invalid_record', '-:invalid_record']);
    expect(plan.outcomes.find((o) => o.subject.employeeNumber === 'E001')?.message).toContain('user 7');
  });

  it('does not create an employee when an unreadable ExpenseIn user may hold its number as Reference', () => {
    const plan = planSync(
      planInput({
        employees: [employee()],
        invalidRecords: [
          { vendor: 'expensein', sourceId: null, employeeNumber: 'E001', userId: 8, reason: 'bad' },
        ],
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.outcomes.map((o) => o.code)).toEqual(['invalid_record', 'invalid_record']);
  });
});

describe('R1 required fields', () => {
  it.each<[Partial<HrEmployee>, string[]]>([
    [{ knownAs: null }, ['Known As']],
    [{ knownAs: '   ' }, ['Known As']],
    [{ surname: '' }, ['Surname']],
    [{ workEmail: null }, ['Work Email']],
    [{ employeeNumber: ' ' }, ['Employee Number']],
    [
      { knownAs: '', surname: null, workEmail: ' ', employeeNumber: null },
      ['Known As', 'Surname', 'Work Email', 'Employee Number'],
    ],
  ])('skips %j naming %j', (overrides, missing) => {
    const plan = planSync(planInput({ employees: [employee(overrides)], users: [user()] }));
    expect(plan.actions).toEqual([]);
    expect(plan.outcomes).toHaveLength(1);
    expect(plan.outcomes[0]).toMatchObject({
      rule: 'R1',
      code: 'missing_required_fields',
      severity: 'skipped',
    });
    expect(plan.outcomes[0]?.details).toEqual({ missing });
    for (const label of missing) expect(plan.outcomes[0]?.message).toContain(label);
  });

  it('names the fields in a sentence', () => {
    const plan = planSync(planInput({ employees: [employee({ knownAs: '', workEmail: null })] }));
    expect(plan.outcomes[0]?.message).toMatch(/^Known As and Work Email are missing/);
  });

  it('applies before R2: a missing surname with a bad email reports only R1', () => {
    const plan = planSync(planInput({ employees: [employee({ surname: null, workEmail: 'nope' })] }));
    expect(codesOf(plan)).toEqual(['R1:missing_required_fields']);
  });

  it('does not link a skipped employee to the user holding its number', () => {
    const plan = planSync(planInput({ employees: [employee({ surname: '' })], users: [user()] }));
    expect(plan.links).toEqual([]);
  });
});

describe('R2 valid email', () => {
  it.each(['ann', 'ann@acme', 'ann lee@acme.test', 'ann@@acme.test'])('skips Work Email %j', (workEmail) => {
    const plan = planSync(planInput({ employees: [employee({ workEmail })] }));
    expect(plan.actions).toEqual([]);
    expect(codesOf(plan)).toEqual(['R2:invalid_email']);
    expect(plan.outcomes[0]?.details).toEqual({ workEmail });
  });

  it('applies before R3: the bad-email employee reports R2, the other holder of the number R3', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ sourceId: 'a', workEmail: 'bad' }), employee({ sourceId: 'b' })],
      }),
    );
    expect(plan.outcomes.map((o) => [o.subject.sourceId, o.code])).toEqual([
      ['a', 'invalid_email'],
      ['b', 'duplicate_employee_number'],
    ]);
  });
});

describe('R3 duplicate employee number', () => {
  it('skips every employee sharing a number after trimming, and leaves their user alone', () => {
    const plan = planSync(
      planInput({
        employees: [
          employee({ sourceId: 'b', knownAs: 'Bob' }),
          employee({ sourceId: 'a', employeeNumber: ' E001 ', knownAs: 'Al' }),
          employee({ sourceId: 'c', employeeNumber: 'E002', workEmail: 'c@acme.test' }),
        ],
        users: [user({ firstName: 'Someone' })],
      }),
    );
    expect(codesOf(plan)).toEqual([
      'R3:duplicate_employee_number',
      'R3:duplicate_employee_number',
      'R10:needs_setup',
    ]);
    expect(plan.outcomes[0]?.details).toEqual({ employeeNumber: 'E001', sourceIds: ['a', 'b'] });
    expect(plan.actions.map((a) => a.kind)).toEqual(['create']);
    expect(plan.links).toEqual([]);
  });

  it('counts a holder that failed R1, and an unreadable HR record carrying the number', () => {
    const plan = planSync(
      planInput({
        employees: [
          employee({ sourceId: 'a', surname: null }),
          employee({ sourceId: 'b' }),
          employee({ sourceId: 'c', employeeNumber: 'E002' }),
        ],
        invalidRecords: [
          { vendor: 'staffology', sourceId: 'z', employeeNumber: 'E002', userId: null, reason: 'bad' },
        ],
      }),
    );
    expect(plan.outcomes.map((o) => [o.subject.sourceId, o.code])).toEqual([
      ['a', 'missing_required_fields'],
      ['b', 'duplicate_employee_number'],
      ['z', 'invalid_record'],
      ['c', 'duplicate_employee_number'],
    ]);
  });

  it('names every holder: the employees read, an unreadable record, and one only the last full read saw', () => {
    const plan = planSync(
      planInput({
        employees: [
          employee({ sourceId: 'c', employeeNumber: 'E002', workEmail: 'c@acme.test' }),
          employee({ sourceId: 'a' }),
          employee({ sourceId: 'd', employeeNumber: 'E003', workEmail: 'd@acme.test' }),
        ],
        invalidRecords: [
          { vendor: 'staffology', sourceId: 'z', employeeNumber: 'E002', userId: null, reason: 'bad' },
        ],
        knownDuplicateNumbers: ['E001', 'E002'],
      }),
    );
    const duplicates = plan.outcomes.filter((o) => o.code === 'duplicate_employee_number');
    expect(duplicates.map((o) => [o.subject.sourceId, o.details.sourceIds])).toEqual([
      ['a', ['(another Staffology employee)', 'a']],
      ['c', ['(another Staffology employee)', 'c', 'z']],
    ]);
    expect(duplicates[1]?.message).toContain('used by 3 Staffology employees');
    expect(plan.actions.map((a) => a.subject.sourceId)).toEqual(['d']);
  });

  it('treats numbers differing in case as different numbers', () => {
    const plan = planSync(
      planInput({
        employees: [employee(), employee({ employeeNumber: 'e001', workEmail: 'other@acme.test' })],
        users: [user()],
      }),
    );
    expect(plan.outcomes.map((o) => o.code)).not.toContain('duplicate_employee_number');
  });
});

describe('R4 duplicate reference', () => {
  it('makes no change when two users hold the number, and recommends unique references', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ knownAs: 'Annie' })],
        users: [user({ id: 5, reference: 'E001 ' }), user({ id: 2, email: 'x@acme.test' })],
        links: [link({ userId: 5 })],
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.links).toEqual([]);
    expect(codesOf(plan)).toEqual(['R4:duplicate_user_reference']);
    expect(plan.outcomes[0]?.severity).toBe('conflict');
    expect(plan.outcomes[0]?.details).toEqual({ userIds: [2, 5] });
    expect(plan.outcomes[0]?.message).toContain('"User references must be unique"');
  });
});

describe('R5 link', () => {
  it('links the one user whose trimmed Reference equals the number, recording what already agrees', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ department: 'sales' })],
        users: [user({ reference: '  E001 ', departmentId: 10 })],
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.outcomes).toEqual([]);
    expect(plan.links).toEqual([
      {
        employeeNumber: 'E001',
        userId: 1,
        lastWritten: { firstName: 'Ann', lastName: 'Lee', email: 'ann.lee@acme.test', departmentId: 10 },
        leaveDateSetBySync: null,
      },
    ]);
  });

  it('replaces a stored link to another user with a fresh one', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ knownAs: 'Anne' })],
        users: [user({ id: 4 })],
        links: [
          link({
            userId: 9,
            lastWritten: { firstName: 'Old', lastName: 'Lee' },
            leaveDateSetBySync: '2025-01-01',
          }),
        ],
      }),
    );
    const action = actionFor(plan, 'E001');
    expect(action.userId).toBe(4);
    expect(changesOf(action)).toEqual([
      { field: 'firstName', rule: 'R7', before: 'Ann', after: 'Anne', overwritten: false },
    ]);
    expect(plan.links).toEqual([
      {
        employeeNumber: 'E001',
        userId: 4,
        lastWritten: { lastName: 'Lee', email: 'ann.lee@acme.test' },
        leaveDateSetBySync: null,
      },
    ]);
    expect(linkOf(action).lastWritten).toEqual({
      firstName: 'Anne',
      lastName: 'Lee',
      email: 'ann.lee@acme.test',
    });
  });

  it('keeps a stored link to the same user, and its record of fields not rewritten', () => {
    const plan = planSync(
      planInput({
        employees: [employee()],
        users: [user()],
        links: [link({ lastWritten: { departmentId: 12, leaveDate: null } })],
      }),
    );
    expect(plan.links[0]?.lastWritten).toEqual({
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'ann.lee@acme.test',
      departmentId: 12,
      leaveDate: null,
    });
  });
});

describe('R6 near miss', () => {
  it('warns about a Reference differing only by case or spaces, then creates (R10) when the email is free', () => {
    const plan = planSync(
      planInput({
        employees: [employee()],
        users: [user({ id: 3, reference: 'e 001', email: 'someone.else@acme.test' })],
      }),
    );
    expect(codesOf(plan)).toEqual(['R6:near_miss_reference', 'R10:needs_setup']);
    expect(plan.outcomes[0]).toMatchObject({
      severity: 'warning',
      details: { userId: 3, reference: 'e 001' },
    });
    expect(plan.outcomes[0]?.message).toContain('user 3');
    expect(actionFor(plan, 'E001').kind).toBe('create');
    expect(plan.links).toEqual([]);
  });

  it('warns, then reports R11 when the near-miss user holds the Work Email', () => {
    const plan = planSync(
      planInput({ employees: [employee()], users: [user({ id: 3, reference: 'E001 '.toLowerCase() })] }),
    );
    expect(codesOf(plan)).toEqual(['R6:near_miss_reference', 'R11:email_in_use']);
    expect(plan.actions).toEqual([]);
  });

  it('names a user linked to another employee whose number differs only by case, and only for the one without a user', () => {
    const plan = planSync(
      planInput({
        employees: [
          employee(),
          employee({ employeeNumber: 'e001', workEmail: 'lower@acme.test', sourceId: 'hr-lower' }),
          employee({ employeeNumber: 'E002', workEmail: 'b@acme.test', sourceId: 'hr-2' }),
        ],
        users: [user(), user({ id: 2, reference: 'E002', email: 'b@acme.test' })],
      }),
    );
    expect(codesOf(plan)).toEqual(['R6:near_miss_reference', 'R10:needs_setup']);
    expect(plan.outcomes[0]).toMatchObject({
      subject: { employeeNumber: 'e001' },
      details: { userId: 1, reference: 'E001' },
    });
    expect(plan.actions.map((action) => [action.kind, action.subject.employeeNumber])).toEqual([
      ['create', 'e001'],
    ]);
  });

  it('is no near miss when the Reference differs by more than case or spaces', () => {
    const plan = planSync(
      planInput({ employees: [employee()], users: [user({ reference: 'E-001', email: 'x@acme.test' })] }),
    );
    expect(codesOf(plan)).toEqual(['R10:needs_setup']);
  });
});

describe('R7 personal details', () => {
  it.each<[string, Partial<HrEmployee>, Partial<ReturnType<typeof user>>, [string, string, string][]]>([
    ['a new Known As', { knownAs: 'Annie' }, {}, [['firstName', 'Ann', 'Annie']]],
    ['a new Surname', { surname: 'Lee-Smith' }, {}, [['lastName', 'Lee', 'Lee-Smith']]],
    ['a change of case in a name', { knownAs: 'ann' }, {}, [['firstName', 'Ann', 'ann']]],
    [
      'a new Work Email',
      { workEmail: 'ann@acme.test' },
      {},
      [['email', 'ann.lee@acme.test', 'ann@acme.test']],
    ],
    ['Zoë replacing Zoe', { knownAs: 'Zoë' }, { firstName: 'Zoe' }, [['firstName', 'Zoe', 'Zoë']]],
    [
      'Łukasz and Siobhán',
      { knownAs: ' Łukasz ', surname: 'Siobhán' },
      {},
      [
        ['firstName', 'Ann', 'Łukasz'],
        ['lastName', 'Lee', 'Siobhán'],
      ],
    ],
  ])('updates %s', (_name, hr, ei, expected) => {
    const plan = planSync(planInput({ employees: [employee(hr)], users: [user(ei)] }));
    const action = actionFor(plan, 'E001');
    expect(action).toMatchObject({ kind: 'update', rule: 'R7', userId: 1 });
    expect(changesOf(action).map((c) => [c.field, c.before, c.after])).toEqual(expected);
    expect(Object.keys(action.write)).toEqual(expected.map(([field]) => field));
  });

  it.each<[string, Partial<HrEmployee>, Partial<ReturnType<typeof user>>]>([
    ['white space around names', { knownAs: '  Ann ', surname: 'Lee\t' }, { lastName: ' Lee' }],
    ['an email differing only in case', { workEmail: 'Ann.Lee@ACME.test' }, {}],
    ['an NFD name against its NFC form', { knownAs: 'Zoe\u0308' }, { firstName: 'Zoë' }],
    ['an NFC name against its NFD form', { surname: 'Siobhán' }, { lastName: 'Siobha\u0301n' }],
  ])('makes no change for %s', (_name, hr, ei) => {
    const plan = planSync(planInput({ employees: [employee(hr)], users: [user(ei)] }));
    expect(plan.actions).toEqual([]);
  });

  it('writes names trimmed and in NFC', () => {
    const plan = planSync(planInput({ employees: [employee({ knownAs: ' Zoe\u0308 ' })], users: [user()] }));
    expect(actionFor(plan, 'E001').write).toEqual({ firstName: 'Zoë' });
  });
});

describe('R7a email taken', () => {
  it('leaves the email, names the other user, and still updates the other fields', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ surname: 'Lee-Smith', workEmail: 'boss@acme.test' })],
        users: [
          user(),
          user({ id: 17, firstName: 'Bo', lastName: 'Ss', email: 'BOSS@acme.test', reference: null }),
        ],
      }),
    );
    const action = actionFor(plan, 'E001');
    expect(action.write).toEqual({ lastName: 'Lee-Smith' });
    expect(changesOf(action).map((c) => c.field)).toEqual(['lastName']);
    // Not written, and ExpenseIn's email does not agree with HR's: the sync has no record to keep.
    expect(linkOf(action).lastWritten).not.toHaveProperty('email');
    expect(codesOf(plan)).toEqual(['R7a:email_in_use']);
    expect(plan.outcomes[0]).toMatchObject({
      severity: 'conflict',
      subject: { userId: 1 },
      details: { email: 'boss@acme.test', userId: 17 },
    });
    expect(plan.outcomes[0]?.message).toContain('Bo Ss (user 17)');
  });

  it('gives a free email to the first of two employees wanting it and reports the second', () => {
    const plan = planSync(
      planInput({
        employees: [
          employee({ employeeNumber: 'E002', workEmail: 'shared@acme.test' }),
          employee({ workEmail: 'shared@acme.test' }),
        ],
        users: [user(), user({ id: 2, reference: 'E002', email: 'b@acme.test' })],
      }),
    );
    expect(actionFor(plan, 'E001').write).toEqual({ email: 'shared@acme.test' });
    expect(plan.actions).toHaveLength(1);
    expect(plan.outcomes).toEqual([
      expect.objectContaining({
        rule: 'R7a',
        subject: expect.objectContaining({ employeeNumber: 'E002' }),
        details: { email: 'shared@acme.test', employeeNumber: 'E001' },
      }),
    ]);
  });
});

describe('R8 bank details', () => {
  it('never lets bank details into a plan when Include Bank Details is off, not even masked or hashed', () => {
    const plan = planSync(
      planInput({
        employees: [
          employee({ knownAs: 'Annie', bank: hrBank }),
          employee({ employeeNumber: 'E002', workEmail: 'b@acme.test', bank: hrBank }),
        ],
        users: [
          user({ bankDetails: { accountName: 'Old Name', sortCode: '654321', accountNumber: '87654321' } }),
        ],
        links: [link({ lastWritten: { bankHash: 'stored-hash' } })],
      }),
    );
    const text = JSON.stringify(plan);
    expect(plan.actions.map((a) => a.kind)).toEqual(['update', 'create']);
    expect(text).not.toMatch(/bankDetails|bankHash|stored-hash|A Lee|12345678|123456|••/);
  });

  it("compares sort codes as digits: dashes are no change; the hash recorded is of HR's own details object", () => {
    // HR's object, not a normal form of it: a run hands back the hash it made of that object while reading it.
    const asked: BankDetails[] = [];
    const plan = planSync(
      planInput({
        settings: bankOn,
        employees: [employee({ bank: hrBank })],
        users: [
          user({ bankDetails: { accountName: 'A Lee', sortCode: '123456', accountNumber: '12345678' } }),
        ],
        hashBank: (bank) => {
          asked.push(bank);
          return hashBank(bank);
        },
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.links[0]?.lastWritten.bankHash).toBe(
      hashBank({ accountName: 'A Lee', sortCode: '123456', accountNumber: '12345678' }),
    );
    expect(asked).toEqual([hrBank]);
    expect(asked[0]).toBe(hrBank);
  });

  it.each<[string, BankDetails | null]>([
    ['no bank details', null],
    ['another account number', { accountName: 'A Lee', sortCode: '12-34-56', accountNumber: '11111111' }],
    ['another sort code', { accountName: 'A Lee', sortCode: '65-43-21', accountNumber: '12345678' }],
    ['another account name', { accountName: 'Ann Lee', sortCode: '123456', accountNumber: '12345678' }],
  ])('updates a user with %s, masked in changes and clear only in write', (_name, current) => {
    const plan = planSync(
      planInput({
        settings: bankOn,
        employees: [employee({ bank: hrBank })],
        users: [user({ bankDetails: current })],
      }),
    );
    const action = actionFor(plan, 'E001');
    const normal = { accountName: 'A Lee', sortCode: '123456', accountNumber: '12345678' };
    expect(action.write).toEqual({ bankDetails: normal });
    expect(changesOf(action)).toEqual([
      {
        field: 'bankDetails',
        rule: 'R8',
        before: current ? expect.stringMatching(/••••••\d\d$/) : null,
        after: 'A Lee ••••••78',
        overwritten: false,
      },
    ]);
    // The applier hashes what it writes (linkOf); the plan carries no hash of old or new details.
    expect(linkOf(action).lastWritten).not.toHaveProperty('bankHash');
    expect(JSON.stringify({ ...action, write: null })).not.toMatch(/12345678|123456|11111111/);
  });

  it('never clears bank details HR does not have', () => {
    const current = { accountName: 'A Lee', sortCode: '123456', accountNumber: '12345678' };
    const plan = planSync(
      planInput({
        settings: bankOn,
        employees: [employee({ bank: null })],
        users: [user({ bankDetails: current })],
      }),
    );
    expect(plan.actions).toEqual([]);
  });

  it('warns and writes nothing when HR has a sort code that is not 6 digits', () => {
    const plan = planSync(
      planInput({
        settings: bankOn,
        employees: [employee({ bank: { ...hrBank, sortCode: '12-34' } })],
        users: [user()],
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(codesOf(plan)).toEqual(['R8:invalid_bank_details']);
  });
});

describe('R9 department', () => {
  it.each(['Research and Development', ' research   AND development ', 'RESEARCH AND\tDEVELOPMENT'])(
    'sets the department matching %j',
    (department) => {
      const plan = planSync(
        planInput({ employees: [employee({ department })], users: [user({ departmentId: 10 })] }),
      );
      const action = actionFor(plan, 'E001');
      expect(action).toMatchObject({ kind: 'update', rule: 'R9', write: { departmentId: 11 } });
      expect(changesOf(action)).toEqual([
        { field: 'departmentId', rule: 'R9', before: 10, after: 11, overwritten: false },
      ]);
    },
  );

  it('warns naming the HR department when ExpenseIn has none of that name, and leaves it', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ department: 'Marketing', knownAs: 'Annie' })],
        users: [user({ departmentId: 10 })],
      }),
    );
    expect(actionFor(plan, 'E001').write).toEqual({ firstName: 'Annie' });
    expect(codesOf(plan)).toEqual(['R9:department_not_found']);
    expect(plan.outcomes[0]).toMatchObject({ severity: 'warning', details: { department: 'Marketing' } });
    expect(plan.outcomes[0]?.message).toContain('"Marketing"');
  });

  it('leaves the department alone when HR gives none', () => {
    const plan = planSync(
      planInput({ employees: [employee({ department: '  ' })], users: [user({ departmentId: 12 })] }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.outcomes).toEqual([]);
  });

  it('prefers the department spelt exactly as in HR when two share a normalised name', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ department: 'sales' })],
        users: [user()],
        departments: [
          { id: 10, name: 'Sales', reference: null },
          { id: 30, name: 'sales', reference: null },
        ],
      }),
    );
    expect(actionFor(plan, 'E001').write).toEqual({ departmentId: 30 });
  });
});

describe('R10 create', () => {
  it('creates the user with its reference, not invited, and says it needs setting up', () => {
    const plan = planSync(
      planInput({
        settings: bankOn,
        employees: [
          employee({
            sourceId: 'hr-7',
            employeeNumber: ' E001 ',
            knownAs: ' Siobhán ',
            surname: 'Ó Briain',
            workEmail: ' S.OBriain@acme.test ',
            department: 'finance',
            bank: hrBank,
          }),
        ],
        users: [user({ id: 2, reference: 'E002', email: 'other@acme.test' })],
      }),
    );
    const action = actionFor(plan, 'E001');
    expect(action).toEqual({
      kind: 'create',
      rule: 'R10',
      subject: { employeeNumber: 'E001', userId: null, sourceId: 'hr-7', name: 'Siobhán Ó Briain' },
      userId: null,
      write: {
        firstName: 'Siobhán',
        lastName: 'Ó Briain',
        email: 'S.OBriain@acme.test',
        reference: 'E001',
        departmentId: 12,
        bankDetails: { accountName: 'A Lee', sortCode: '123456', accountNumber: '12345678' },
      },
    });
    expect(changesOf(action)).toEqual([
      { field: 'firstName', rule: 'R10', before: null, after: 'Siobhán', overwritten: false },
      { field: 'lastName', rule: 'R10', before: null, after: 'Ó Briain', overwritten: false },
      { field: 'email', rule: 'R10', before: null, after: 'S.OBriain@acme.test', overwritten: false },
      { field: 'departmentId', rule: 'R9', before: null, after: 12, overwritten: false },
      { field: 'bankDetails', rule: 'R8', before: null, after: 'A Lee ••••••78', overwritten: false },
    ]);
    expect(linkOf(action)).toEqual({
      employeeNumber: 'E001',
      lastWritten: {
        firstName: 'Siobhán',
        lastName: 'Ó Briain',
        email: 'S.OBriain@acme.test',
        departmentId: 12,
      },
      leaveDateSetBySync: null,
    });
    expect(codesOf(plan)).toEqual(['R10:needs_setup']);
    expect(plan.outcomes[0]?.severity).toBe('info');
    expect(plan.links).toEqual([]);
  });

  it('creates without a department when ExpenseIn lacks it, with a warning', () => {
    const plan = planSync(planInput({ employees: [employee({ department: 'Marketing' })] }));
    expect(actionFor(plan, 'E001').write).not.toHaveProperty('departmentId');
    expect(codesOf(plan)).toEqual(['R9:department_not_found', 'R10:needs_setup']);
  });

  it('creates only the first of two new employees with one Work Email and reports the other', () => {
    const plan = planSync(
      planInput({
        employees: [
          employee({ employeeNumber: 'E002', workEmail: 'New@acme.test' }),
          employee({ workEmail: 'new@acme.test' }),
        ],
      }),
    );
    expect(plan.actions.map((a) => a.subject.employeeNumber)).toEqual(['E001']);
    expect(codesOf(plan)).toEqual(['R10:needs_setup', 'R11:email_in_use']);
    expect(plan.outcomes[1]?.details).toEqual({ email: 'New@acme.test', employeeNumber: 'E001' });
  });
});

describe('R10 needs setup, after the create', () => {
  it('says so again on later runs while the user is not invited and has no policy and no approval flow', () => {
    const untouched = { inviteStatus: 'NotInvited', expensePolicyId: null, approvalFlowId: null } as const;
    const plan = planSync(planInput({ employees: [employee()], users: [user(untouched)], links: [link()] }));
    expect(plan.actions).toEqual([]);
    expect(codesOf(plan)).toEqual(['R10:needs_setup']);
  });

  it.each([
    ['invited', { inviteStatus: 'Invited', expensePolicyId: null, approvalFlowId: null }],
    [
      'given both a policy and an approval flow',
      { inviteStatus: 'NotInvited', expensePolicyId: 3, approvalFlowId: 4 },
    ],
  ] as const)('stops once the user is %s', (_how, setUp) => {
    const plan = planSync(planInput({ employees: [employee()], users: [user(setUp)], links: [link()] }));
    expect(codesOf(plan)).toEqual([]);
  });

  it.each([
    ['a policy only', { inviteStatus: 'NotInvited', expensePolicyId: 3, approvalFlowId: null }],
    ['an approval flow only', { inviteStatus: 'NotInvited', expensePolicyId: null, approvalFlowId: 4 }],
  ] as const)('still needs setup with %s, as its badge says (users/decide-badge.ts)', (_how, setUp) => {
    const plan = planSync(planInput({ employees: [employee()], users: [user(setUp)], links: [link()] }));
    expect(codesOf(plan)).toEqual(['R10:needs_setup']);
  });

  it('remembers a rejected leaver with no HR leave date on later days too (R17)', () => {
    const input = planInput({
      employees: [employee({ isLeaver: true, leaveDate: null })],
      users: [user()],
      rejectedLeavers: [{ employeeNumber: 'E001', leaveDate: null }],
    });
    for (const day of [today, '2026-03-03', '2026-03-09']) {
      const plan = planSync({ ...input, today: day });
      expect(plan.actions).toEqual([]);
      expect(codesOf(plan)).toEqual(['R17:leaver_rejected']);
    }
  });
});

describe('R11 create blocked', () => {
  it('does not create when another user has the Work Email in any case, naming that user', () => {
    const plan = planSync(
      planInput({
        employees: [employee()],
        users: [user({ id: 21, reference: null, email: 'ANN.LEE@acme.test' })],
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(codesOf(plan)).toEqual(['R11:email_in_use']);
    expect(plan.outcomes[0]).toMatchObject({
      severity: 'conflict',
      details: { email: 'ann.lee@acme.test', userId: 21 },
    });
    expect(plan.outcomes[0]?.message).toContain('Ann Lee (user 21)');
  });
});

describe('R12 leaver', () => {
  it.each<[string, string | null, string | null, string | null]>([
    ['a past HR leave date', '2026-02-27', null, '2026-02-27'],
    ['a future HR leave date (scheduled leaver)', '2026-04-30', null, '2026-04-30'],
    ['no HR leave date: today', null, null, today],
    ['an HR leave date differing from the user', '2026-02-27', '2026-01-31', '2026-02-27'],
  ])('marks a linked leaver with %s', (_name, hrDate, userDate, expected) => {
    const plan = planSync(
      planInput({
        employees: [employee({ isLeaver: true, leaveDate: hrDate })],
        users: [user({ leaveDate: userDate })],
      }),
    );
    const action = actionFor(plan, 'E001');
    expect(action).toMatchObject({ kind: 'mark_leaver', rule: 'R12', write: { leaveDate: expected } });
    expect(changesOf(action)).toEqual([
      { field: 'leaveDate', rule: 'R12', before: userDate, after: expected, overwritten: false },
    ]);
    expect(linkOf(action).leaveDateSetBySync).toBe(expected);
    expect(linkOf(action).lastWritten.leaveDate).toBe(expected);
    expect(plan.links[0]?.leaveDateSetBySync).toBeNull();
  });

  it.each<[string, string | null, string]>([
    ['the user already has the HR date', '2026-02-27', '2026-02-27'],
    ['HR gives no date and the user already has one', null, '2026-01-31'],
  ])('makes no change when %s', (_name, hrDate, userDate) => {
    const plan = planSync(
      planInput({
        employees: [employee({ isLeaver: true, leaveDate: hrDate })],
        users: [user({ leaveDate: userDate })],
      }),
    );
    expect(plan.actions).toEqual([]);
  });

  it('changes nothing else for a leaver', () => {
    const plan = planSync(
      planInput({
        settings: bankOn,
        employees: [
          employee({
            isLeaver: true,
            leaveDate: '2026-02-27',
            knownAs: 'Annie',
            workEmail: 'new@acme.test',
            department: 'Sales',
            bank: hrBank,
          }),
        ],
        users: [user()],
      }),
    );
    expect(actionFor(plan, 'E001').write).toEqual({ leaveDate: '2026-02-27' });
    expect(plan.outcomes).toEqual([]);
  });

  it('keeps a record that the sync set the date once the user holds it', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ isLeaver: true, leaveDate: null })],
        users: [user({ leaveDate: '2026-01-31' })],
        links: [link({ leaveDateSetBySync: '2026-01-31', lastWritten: { leaveDate: '2026-01-31' } })],
      }),
    );
    expect(plan.links[0]).toMatchObject({ leaveDateSetBySync: '2026-01-31' });
  });
});

describe('R13 leaver unknown', () => {
  it('never creates a leaver with no linked user', () => {
    const plan = planSync(planInput({ employees: [employee({ isLeaver: true, leaveDate: '2026-01-31' })] }));
    expect(plan.actions).toEqual([]);
    expect(codesOf(plan)).toEqual(['R13:leaver_not_in_expensein']);
    expect(plan.outcomes[0]?.severity).toBe('info');
  });
});

describe('R14 reinstate', () => {
  const setBySync = link({
    leaveDateSetBySync: '2026-01-31',
    lastWritten: { leaveDate: '2026-01-31', firstName: 'Ann' },
  });

  it('clears a leave date this sync set, carrying R7 to R9 changes in the same action', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ knownAs: 'Annie', department: 'Sales' })],
        users: [user({ leaveDate: '2026-01-31' })],
        links: [setBySync],
      }),
    );
    const action = actionFor(plan, 'E001');
    expect(action).toMatchObject({
      kind: 'reinstate',
      rule: 'R14',
      write: { firstName: 'Annie', departmentId: 10, leaveDate: null },
    });
    expect(changesOf(action).map((c) => [c.field, c.rule])).toEqual([
      ['firstName', 'R7'],
      ['departmentId', 'R9'],
      ['leaveDate', 'R14'],
    ]);
    expect(linkOf(action)).toMatchObject({
      leaveDateSetBySync: null,
      lastWritten: { leaveDate: null, firstName: 'Annie' },
    });
    expect(plan.links[0]?.leaveDateSetBySync).toBe('2026-01-31');
  });

  it.each<[string, Link | undefined, string]>([
    ['set by hand (no record)', undefined, '2026-01-31'],
    ['set by hand (record of nothing)', link(), '2026-01-31'],
    ['changed by hand since the sync set it', setBySync, '2026-02-15'],
  ])('never clears a leave date %s', (_name, stored, userDate) => {
    const plan = planSync(
      planInput({
        employees: [employee()],
        users: [user({ leaveDate: userDate })],
        links: stored ? [stored] : [],
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.links[0]?.leaveDateSetBySync).toBeNull();
  });

  it('does not reinstate while HR still marks the employee a leaver', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ isLeaver: true, leaveDate: null })],
        users: [user({ leaveDate: '2026-01-31' })],
        links: [setBySync],
      }),
    );
    expect(plan.actions).toEqual([]);
  });
});

describe('R15 one way', () => {
  it('never touches users with no employee, even with a stored link', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ employeeNumber: 'E002', workEmail: 'b@acme.test' })],
        users: [
          user({ firstName: 'Stale', leaveDate: null }),
          user({ id: 2, reference: null, email: 'c@acme.test' }),
        ],
        links: [link({ lastWritten: { firstName: 'Ann' } })],
      }),
    );
    expect(plan.actions.map((a) => [a.kind, a.userId])).toEqual([['create', null]]);
  });

  it('plans only writes of ExpenseIn user fields', () => {
    const plan = planSync(
      planInput({
        settings: bankOn,
        employees: [
          employee({ knownAs: 'Annie', bank: hrBank }),
          employee({ employeeNumber: 'E002', workEmail: 'b@acme.test', department: 'Sales' }),
        ],
        users: [user()],
      }),
    );
    const allowed = [
      'firstName',
      'lastName',
      'email',
      'reference',
      'departmentId',
      'leaveDate',
      'bankDetails',
    ];
    for (const action of plan.actions)
      for (const key of Object.keys(action.write)) expect(allowed).toContain(key);
  });
});

describe('R16 overwrite', () => {
  it.each<[string, Partial<Link['lastWritten']>, boolean]>([
    ['marks a change overwritten when ExpenseIn was edited since the last sync', { firstName: 'Ann' }, true],
    ['does not mark it when only HR changed', { firstName: 'Annabel' }, false],
    ['does not mark it when the sync has no record of the field', {}, false],
  ])('%s', (_name, lastWritten, overwritten) => {
    const plan = planSync(
      planInput({
        employees: [employee({ knownAs: 'Ann' })],
        users: [user({ firstName: 'Annabel' })],
        links: [link({ lastWritten })],
      }),
    );
    expect(changesOf(actionFor(plan, 'E001'))).toEqual([
      { field: 'firstName', rule: 'R7', before: 'Annabel', after: 'Ann', overwritten },
    ]);
  });

  it("finds each employee's stored link whatever order the links and employees come in", () => {
    const numbers = ['E003', 'E001', 'E004', 'E002'];
    const plan = planSync(
      planInput({
        employees: numbers.map((number) =>
          employee({ employeeNumber: number, knownAs: 'Ann', workEmail: `${number}@acme.test` }),
        ),
        users: numbers.map((number, index) =>
          user({ id: index + 1, reference: number, firstName: 'Annabel', email: `${number}@acme.test` }),
        ),
        // E004 has no stored link; E002's is to another user, so it restarts (R5).
        links: [
          link({ employeeNumber: 'E003', userId: 1, lastWritten: { firstName: 'Ann' } }),
          link({ employeeNumber: 'E002', userId: 99, lastWritten: { firstName: 'Ann' } }),
          link({ employeeNumber: 'E001', userId: 2, lastWritten: { firstName: 'Ann' } }),
        ],
      }),
    );
    expect(plan.actions.map((a) => [a.subject.employeeNumber, changesOf(a)[0]?.overwritten])).toEqual([
      ['E001', true],
      ['E002', false],
      ['E003', true],
      ['E004', false],
    ]);
  });

  it('records the lost value of every synced field edited in ExpenseIn', () => {
    const oldBank = { accountName: 'A Lee', sortCode: '123456', accountNumber: '12345678' };
    const plan = planSync(
      planInput({
        settings: bankOn,
        employees: [employee({ department: 'Sales', bank: hrBank, workEmail: 'ann.lee@acme.test' })],
        users: [
          user({
            lastName: 'Hacked',
            email: 'edited@acme.test',
            departmentId: 12,
            bankDetails: { accountName: 'Fraud', sortCode: '999999', accountNumber: '00000099' },
          }),
        ],
        links: [
          link({
            lastWritten: {
              lastName: 'Lee',
              email: 'Ann.Lee@acme.test',
              departmentId: 10,
              bankHash: hashBank(oldBank),
            },
          }),
        ],
      }),
    );
    expect(changesOf(actionFor(plan, 'E001'))).toEqual([
      { field: 'lastName', rule: 'R7', before: 'Hacked', after: 'Lee', overwritten: true },
      {
        field: 'email',
        rule: 'R7',
        before: 'edited@acme.test',
        after: 'ann.lee@acme.test',
        overwritten: true,
      },
      { field: 'departmentId', rule: 'R9', before: 12, after: 10, overwritten: true },
      {
        field: 'bankDetails',
        rule: 'R8',
        before: 'Fraud ••••••99',
        after: 'A Lee ••••••78',
        overwritten: true,
      },
    ]);
  });

  it('marks an overwritten leave date on a leaver', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ isLeaver: true, leaveDate: '2026-02-27' })],
        users: [user({ leaveDate: '2026-03-31' })],
        links: [link({ leaveDateSetBySync: '2026-02-27', lastWritten: { leaveDate: '2026-02-27' } })],
      }),
    );
    expect(changesOf(actionFor(plan, 'E001'))).toEqual([
      { field: 'leaveDate', rule: 'R12', before: '2026-03-31', after: '2026-02-27', overwritten: true },
    ]);
  });
});

/** `linked` in-sync employees of whom the first `leaving` have become leavers in HR. */
function company(linked: number, leaving: number, options: { alreadyDated?: number } = {}) {
  const employees: HrEmployee[] = [];
  const users = [];
  for (let i = 0; i < linked; i += 1) {
    const number = `E${String(i).padStart(3, '0')}`;
    const email = `p${i}@acme.test`;
    employees.push(
      employee({
        employeeNumber: number,
        workEmail: email,
        isLeaver: i < leaving,
        leaveDate: i < leaving ? '2026-02-27' : null,
      }),
    );
    const dated = i < (options.alreadyDated ?? 0);
    users.push(user({ id: i + 1, reference: number, email, leaveDate: dated ? '2026-03-31' : null }));
  }
  return { employees, users };
}

describe('R17 leaver guard', () => {
  it.each<[string, number, number, boolean]>([
    ['does not hold 10 of 50 (exactly 20%)', 50, 10, false],
    ['holds 11 of 50 (just past 20%)', 50, 11, true],
    ['does not hold 5 of 10 (past 20%, exactly the minimum of 5)', 10, 5, false],
    ['holds 6 of 10 (past 20% and the minimum)', 10, 6, true],
  ])('%s', (_name, linked, leaving, held) => {
    const plan = planSync(planInput(company(linked, leaving)));
    expect(plan.held).toHaveLength(held ? leaving : 0);
    expect(plan.actions.filter((a) => a.kind === 'mark_leaver')).toHaveLength(held ? 0 : leaving);
    expect(plan.outcomes.filter((o) => o.code === 'leaver_held')).toHaveLength(held ? leaving : 0);
  });

  it('holds every leaver action, names R17 on each, and lets everything else apply', () => {
    const { employees, users } = company(10, 6);
    employees.push(employee({ employeeNumber: 'E100', workEmail: 'new@acme.test' }));
    employees.splice(
      9,
      1,
      employee({ employeeNumber: 'E009', workEmail: 'p9@acme.test', knownAs: 'Renamed' }),
    );
    const plan = planSync(planInput({ employees, users }));
    expect(plan.actions.map((a) => [a.kind, a.subject.employeeNumber])).toEqual([
      ['update', 'E009'],
      ['create', 'E100'],
    ]);
    expect(plan.held.map((a) => a.subject.employeeNumber)).toEqual([
      'E000',
      'E001',
      'E002',
      'E003',
      'E004',
      'E005',
    ]);
    const held = plan.outcomes.filter((o) => o.code === 'leaver_held');
    expect(held.map((o) => [o.rule, o.severity, o.subject.employeeNumber])).toEqual(
      plan.held.map((a) => ['R17', 'held', a.subject.employeeNumber]),
    );
    expect(held[0]?.details).toMatchObject({ newLeavers: 6, linkedUsers: 10, leaveDate: '2026-02-27' });
  });

  it('counts only users with no leave date yet as new leavers', () => {
    const plan = planSync(planInput(company(10, 6, { alreadyDated: 1 })));
    expect(plan.held).toEqual([]);
    expect(plan.actions.filter((a) => a.kind === 'mark_leaver')).toHaveLength(6);
  });
});

describe('R18 empty source guard', () => {
  it('aborts with no change when HR returns no employees while links exist', () => {
    const plan = planSync(planInput({ users: [user()], links: [link()] }));
    expect(plan.abort).toMatchObject({ rule: 'R18', code: 'source_empty' });
    expect(plan.actions).toEqual([]);
    expect(plan.held).toEqual([]);
    expect(plan.links).toEqual([]);
    expect(codesOf(plan)).toEqual(['R18:source_empty']);
  });

  it('plans nothing, without aborting, for an empty source and no links', () => {
    const plan = planSync(planInput({ users: [user()] }));
    expect(plan).toEqual({ actions: [], held: [], outcomes: [], abort: null, links: [] });
  });

  it('does not abort when HR answered with unreadable records only', () => {
    const plan = planSync(
      planInput({
        links: [link()],
        users: [user()],
        invalidRecords: [
          { vendor: 'staffology', sourceId: 'x', employeeNumber: null, userId: null, reason: 'bad' },
        ],
      }),
    );
    expect(plan.abort).toBeNull();
    expect(plan.actions).toEqual([]);
  });
});

describe('determinism and links', () => {
  const input = planInput({
    settings: bankOn,
    employees: [
      employee({ employeeNumber: 'E003', workEmail: 'c@acme.test', knownAs: 'Cy', department: 'Nope' }),
      employee({ employeeNumber: 'E001', knownAs: 'Annie' }),
      employee({ employeeNumber: 'E002', workEmail: 'b@acme.test', isLeaver: true }),
      employee({ employeeNumber: 'E004', workEmail: 'd@acme.test', bank: hrBank }),
      employee({ employeeNumber: 'E005', workEmail: 'e@acme.test', surname: '' }),
      employee({ employeeNumber: 'E006', workEmail: 'f@acme.test' }),
    ],
    users: [
      user({ id: 9, reference: 'E004', email: 'd@acme.test' }),
      user(),
      user({ id: 2, reference: 'E002', email: 'b@acme.test' }),
      user({ id: 6, reference: 'E006', email: 'f@acme.test' }),
    ],
    links: [link({ employeeNumber: 'E006', userId: 6 }), link()],
    invalidRecords: [
      { vendor: 'expensein', sourceId: null, employeeNumber: null, userId: 44, reason: 'bad' },
    ],
  });

  it('gives the same plan whatever order the inputs come in', () => {
    const reversed = {
      ...input,
      employees: [...input.employees].reverse(),
      users: [...input.users].reverse(),
      links: [...input.links].reverse(),
      departments: [...input.departments].reverse(),
    };
    expect(planSync(reversed)).toEqual(planSync(input));
  });

  it('orders actions, outcomes and links by employee number, and links every R5-linked employee', () => {
    const plan = planSync(input);
    expect(plan.actions.map((a) => a.subject.employeeNumber)).toEqual(['E001', 'E002', 'E003', 'E004']);
    expect(plan.outcomes.map((o) => o.subject.employeeNumber ?? '-')).toEqual(['E003', 'E003', 'E005', '-']);
    expect(plan.links.map((l) => [l.employeeNumber, l.userId])).toEqual([
      ['E001', 1],
      ['E002', 2],
      ['E004', 9],
      ['E006', 6],
    ]);
  });
});

describe('R7a email swap', () => {
  const swapping = (count: number) => {
    const numbers = Array.from({ length: count }, (_, i) => `E00${i + 1}`);
    // Employee i wants the email user i+1 holds: a cycle through every user.
    return planInput({
      employees: numbers.map((number, i) =>
        employee({ employeeNumber: number, knownAs: `N${i}`, workEmail: `m${(i + 1) % count}@acme.test` }),
      ),
      users: numbers.map((number, i) =>
        user({ id: i + 1, reference: number, firstName: `N${i}`, email: `m${i}@acme.test` }),
      ),
    });
  };

  it.each([2, 3])(
    'reports a cycle of %i emails as email_swap naming every user, for an administrator',
    (count) => {
      const plan = planSync(swapping(count));
      expect(plan.actions).toEqual([]);
      expect(plan.outcomes).toHaveLength(count);
      for (const outcome of plan.outcomes) {
        expect(outcome).toMatchObject({ code: 'email_swap', rule: 'R7a', severity: 'conflict' });
        expect(outcome.details.userIds).toEqual(Array.from({ length: count }, (_, i) => i + 1));
        expect(outcome.message).toContain('temporary email');
      }
    },
  );

  it('keeps email_in_use for a chain that is no cycle (the last email is held by an unlinked user)', () => {
    const plan = planSync(
      planInput({
        employees: [
          employee({ workEmail: 'b@acme.test' }),
          employee({ employeeNumber: 'E002', workEmail: 'c@acme.test' }),
        ],
        users: [
          user({ email: 'a@acme.test' }),
          user({ id: 2, reference: 'E002', email: 'b@acme.test' }),
          user({ id: 3, reference: null, email: 'c@acme.test' }),
        ],
      }),
    );
    expect(codesOf(plan)).toEqual(['R7a:email_in_use', 'R7a:email_in_use']);
  });
});

describe('R13 future-dated leavers', () => {
  it('creates a leaver whose leave date is still to come, with that date, owned by the sync (R14)', () => {
    const plan = planSync(planInput({ employees: [employee({ isLeaver: true, leaveDate: '2026-06-30' })] }));
    const action = actionFor(plan, 'E001');
    expect(action).toMatchObject({
      kind: 'create',
      rule: 'R13',
      write: { firstName: 'Ann', lastName: 'Lee', leaveDate: '2026-06-30', reference: 'E001' },
    });
    expect(linkOf(action)).toMatchObject({
      leaveDateSetBySync: '2026-06-30',
      lastWritten: { leaveDate: '2026-06-30' },
    });
    expect(changesOf(action).find((change) => change.field === 'leaveDate')).toMatchObject({
      rule: 'R13',
      after: '2026-06-30',
    });
    expect(codesOf(plan)).toEqual(['R10:needs_setup']);
  });

  it.each([
    ['today', today],
    ['passed', '2026-01-31'],
    ['not given', null],
  ])('never creates a leaver whose leave date is %s', (_when, leaveDate) => {
    const plan = planSync(planInput({ employees: [employee({ isLeaver: true, leaveDate })] }));
    expect(plan.actions).toEqual([]);
    expect(codesOf(plan)).toEqual(['R13:leaver_not_in_expensein']);
  });
});

describe('R17 rejected leavers', () => {
  it('does not mark a leaver whose leave date an administrator rejected, and says so', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ isLeaver: true, leaveDate: '2026-02-27' })],
        users: [user()],
        rejectedLeavers: [{ employeeNumber: 'E001', leaveDate: '2026-02-27' }],
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.outcomes).toEqual([
      expect.objectContaining({
        code: 'leaver_rejected',
        rule: 'R17',
        severity: 'warning',
        details: { leaveDate: '2026-02-27' },
      }),
    ]);
  });

  it('marks the leaver once HR gives another date', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ isLeaver: true, leaveDate: '2026-02-28' })],
        users: [user()],
        rejectedLeavers: [{ employeeNumber: 'E001', leaveDate: '2026-02-27' }],
      }),
    );
    expect(actionFor(plan, 'E001').write).toEqual({ leaveDate: '2026-02-28' });
  });
});

describe('guards of a partial read', () => {
  it('makes no R18 abort and holds no leaver when both guards are off (a resync or an approval)', () => {
    const plan = planSync(
      planInput({
        employees: [],
        users: [user()],
        links: [link()],
        guards: { sourceEmpty: false, leaverGuard: false },
      }),
    );
    expect(plan.abort).toBeNull();
    const leavers = planSync(
      planInput({
        employees: Array.from({ length: 8 }, (_, i) =>
          employee({ employeeNumber: `L${i}`, isLeaver: true, leaveDate: '2026-02-01' }),
        ),
        users: Array.from({ length: 8 }, (_, i) => user({ id: i + 1, reference: `L${i}` })),
        settings: { includeBankDetails: false, leaverGuardPercent: 20, leaverGuardMin: 0 },
        guards: { leaverGuard: false },
      }),
    );
    expect(leavers.held).toEqual([]);
    expect(leavers.actions).toHaveLength(8);
  });

  it('skips an employee whose number the last full read found shared (R3), though only one is read now', () => {
    const plan = planSync(
      planInput({
        employees: [employee({ knownAs: 'Annie' })],
        users: [user()],
        knownDuplicateNumbers: ['E001'],
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(codesOf(plan)).toEqual(['R3:duplicate_employee_number']);
  });
});
