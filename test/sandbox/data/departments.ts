/**
 * The demo company's departments, as Staffology holds them (`Contract.DepartmentResponse`: code 1..20 chars,
 * title 1..50, colour as 6 hex digits, accounting code) and as ExpenseIn holds them (name, reference).
 * ExpenseIn's names are the same titles, except where a scenario says otherwise (generate-company.ts).
 */
export interface DepartmentSpec {
  code: string;
  title: string;
  color: string;
  /** The nominal code finance uses in both systems (Staffology `accountingCode`, ExpenseIn `reference`). */
  accountingCode: string;
  /** Relative head count, so Operations is big and Legal small. */
  weight: number;
  jobTitles: readonly string[];
}

export const departments: readonly DepartmentSpec[] = [
  {
    code: 'OPS',
    title: 'Operations',
    color: '2f6f9f',
    accountingCode: '5000',
    weight: 24,
    jobTitles: [
      'Warehouse Operative',
      'Transport Planner',
      'Shift Supervisor',
      'HGV Driver',
      'Logistics Coordinator',
      'Operations Manager',
    ],
  },
  {
    code: 'SAL',
    title: 'Sales',
    color: 'd9822b',
    accountingCode: '6100',
    weight: 14,
    jobTitles: ['Sales Executive', 'Account Manager', 'Business Development Manager', 'Head of Sales'],
  },
  {
    code: 'ENG',
    title: 'Engineering',
    color: '3c8d5a',
    accountingCode: '7200',
    weight: 14,
    jobTitles: [
      'Software Engineer',
      'Senior Software Engineer',
      'QA Engineer',
      'DevOps Engineer',
      'Engineering Manager',
    ],
  },
  {
    code: 'CS',
    title: 'Customer Support',
    color: '8e44ad',
    accountingCode: '6300',
    weight: 12,
    jobTitles: ['Customer Service Advisor', 'Support Team Leader', 'Customer Success Manager'],
  },
  {
    code: 'FIN',
    title: 'Finance',
    color: '16a085',
    accountingCode: '8000',
    weight: 6,
    jobTitles: [
      'Finance Assistant',
      'Credit Controller',
      'Payroll Officer',
      'Management Accountant',
      'Finance Manager',
    ],
  },
  {
    code: 'MKT',
    title: 'Marketing',
    color: 'c0392b',
    accountingCode: '6200',
    weight: 6,
    jobTitles: ['Marketing Executive', 'Content Designer', 'Digital Marketing Manager', 'Brand Manager'],
  },
  {
    code: 'PPL',
    title: 'People',
    color: 'e67e22',
    accountingCode: '8100',
    weight: 4,
    jobTitles: ['HR Advisor', 'People Partner', 'Recruiter', 'Head of People'],
  },
  {
    code: 'IT',
    title: 'IT',
    color: '34495e',
    accountingCode: '8200',
    weight: 4,
    jobTitles: ['IT Support Analyst', 'Systems Administrator', 'IT Manager'],
  },
  {
    code: 'FAC',
    title: 'Facilities',
    color: '7f8c8d',
    accountingCode: '8300',
    weight: 3,
    jobTitles: ['Facilities Coordinator', 'Office Manager', 'Receptionist'],
  },
  {
    code: 'LEG',
    title: 'Legal',
    color: '2c3e50',
    accountingCode: '8400',
    weight: 2,
    jobTitles: ['Legal Counsel', 'Company Secretary'],
  },
];

/** Code of the department whose ExpenseIn name differs only in case and spacing (R9 normalisation). */
export const caseSpacingDepartmentCode = 'CS';
export const caseSpacingExpenseInName = 'Customer  support';

/** A department HR has and ExpenseIn does not (R9 `department_not_found`). Used only by that scenario. */
export const staffologyOnlyDepartment: DepartmentSpec = {
  code: 'RND',
  title: 'Research & Development',
  color: '1abc9c',
  accountingCode: '7300',
  weight: 0,
  jobTitles: ['Research Scientist', 'Data Scientist', 'Research Engineer'],
};

/** A department ExpenseIn has and HR does not: where the contractors sit. */
export const expenseInOnlyDepartment = { name: 'Contractors', reference: '9900' } as const;
