import { APPROVAL_FLOWS, EXPENSE_POLICIES, PERMISSIONS, USER_SETTINGS } from './catalog.js';
import { h } from './dom.js';

/**
 * The fields of the New User / Edit User pop-up, tab by tab, with the labels of expensein.md section 3 and 1.5.
 * Every input has a real `<label for>`; each carries the API field it edits (`data-field`), so the `errors`
 * of a 400/409 (PRODUCT.md 3.2) land next to the field they name.
 *
 * @param {{
 *   idPrefix: string,
 *   user: any | null,                 // null: New User
 *   departments: Array<{ id: number, name: string }>,
 *   referenceRequired: boolean,       // "User references must be unique" (expensein.md 2.3)
 * }} options
 */
export function createUserForm({ idPrefix, user, departments, referenceRequired }) {
  const isNew = user === null;
  const original = user ?? emptyUser();
  /** @type {Map<string, { targets: HTMLElement[], error: HTMLElement }>} */
  const registry = new Map();

  /** @param {string} name */
  const idFor = (name) => `${idPrefix}-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;

  /**
   * @param {string} field
   * @param {HTMLElement[]} targets controls marked invalid (the first is focused)
   */
  const register = (field, targets) => {
    const error = h('p', { class: 'field-error', id: `${idFor(field)}-error`, hidden: true });
    registry.set(field, { targets, error });
    return error;
  };

  /**
   * @param {{ field: string, label: string, value: string | null, type?: string, required?: boolean,
   *   optional?: boolean, autocomplete?: string, inputmode?: string, placeholder?: string, wide?: boolean }} spec
   */
  const textField = (spec) => {
    const id = idFor(spec.field);
    const input = /** @type {HTMLInputElement} */ (
      h('input', {
        id,
        name: spec.field,
        type: spec.type ?? 'text',
        class: 'input',
        value: spec.value ?? '',
        autocomplete: spec.autocomplete ?? 'off',
        inputmode: spec.inputmode,
        placeholder: spec.placeholder,
        'aria-required': spec.required ? 'true' : null,
        dataset: { field: spec.field },
      })
    );
    const label = h('label', { for: id, class: 'label' }, spec.label, spec.optional ? ' (optional)' : null);
    const error = register(spec.field, [input]);
    return {
      element: h('div', { class: spec.wide ? 'field field-wide' : 'field' }, label, input, error),
      input,
    };
  };

  /**
   * @param {{ field: string, label: string, value: number | null, options: Array<{ id: number, name: string }>,
   *   optional?: boolean, emptyLabel?: string }} spec
   */
  const selectField = (spec) => {
    const id = idFor(spec.field);
    const options = [...spec.options];
    // An id the catalogue does not know still shows, so Update never changes it silently.
    if (spec.value !== null && !options.some((option) => option.id === spec.value)) {
      options.push({ id: spec.value, name: `#${spec.value}` });
    }
    const select = /** @type {HTMLSelectElement} */ (
      h(
        'select',
        { id, name: spec.field, class: 'input select', dataset: { field: spec.field } },
        h('option', { value: '' }, spec.emptyLabel ?? 'None'),
        ...options.map((option) =>
          h('option', { value: String(option.id), selected: option.id === spec.value }, option.name),
        ),
      )
    );
    const label = h('label', { for: id, class: 'label' }, spec.label, spec.optional ? ' (optional)' : null);
    const error = register(spec.field, [select]);
    return { element: h('div', { class: 'field' }, label, select, error), select };
  };

  /** @param {{ id: string, label: string, checked: boolean, field: string, describedBy?: string }} spec */
  const checkbox = (spec) => {
    const input = /** @type {HTMLInputElement} */ (
      h('input', {
        id: spec.id,
        type: 'checkbox',
        class: 'checkbox',
        checked: spec.checked,
        dataset: { field: spec.field },
        'aria-describedby': spec.describedBy,
      })
    );
    return { element: h('div', { class: 'check' }, input, h('label', { for: spec.id }, spec.label)), input };
  };

  // Details tab
  const firstName = textField({
    field: 'firstName',
    label: 'First Name',
    value: original.firstName,
    required: true,
  });
  const lastName = textField({
    field: 'lastName',
    label: 'Last Name',
    value: original.lastName,
    required: true,
  });
  const email = textField({
    field: 'email',
    label: 'Email',
    value: original.email,
    type: 'email',
    required: true,
    autocomplete: 'off',
  });
  const reference = textField({
    field: 'reference',
    label: 'Reference',
    value: original.reference,
    optional: !referenceRequired,
    required: referenceRequired,
  });
  const statementIdentifier = textField({
    field: 'statementIdentifier',
    label: 'Statement Identifier',
    value: original.statementIdentifier ?? null,
    optional: true,
  });

  const heldPermissions = Array.isArray(original.permissions) ? original.permissions : [];
  const permissionBoxes = PERMISSIONS.map((permission, index) => {
    const helpId = idFor(`permission-help-${index}`);
    const box = checkbox({
      id: idFor(`permission-${index}`),
      label: permission.name,
      checked: heldPermissions.includes(permission.name),
      field: 'permissions',
      describedBy: helpId,
    });
    box.element.append(
      h('span', { class: 'help-badge', title: permission.help, 'aria-hidden': 'true' }, '?'),
      h('span', { id: helpId, class: 'sr-only' }, permission.help),
    );
    return { name: permission.name, ...box };
  });
  const permissionsError = register(
    'permissions',
    permissionBoxes.map((box) => box.input),
  );
  const permissionsGroup = h(
    'fieldset',
    { class: 'group group-wide' },
    h('legend', { class: 'label' }, 'Permissions'),
    permissionsError,
    h('div', { class: 'check-grid' }, ...permissionBoxes.map((box) => box.element)),
  );

  const expensePolicy = selectField({
    field: 'expensePolicyId',
    label: 'Expense Policy',
    value: original.expensePolicyId ?? null,
    options: EXPENSE_POLICIES,
    optional: true,
  });
  const approvalFlow = selectField({
    field: 'approvalFlowId',
    label: 'Approval Flow',
    value: original.approvalFlowId ?? null,
    options: APPROVAL_FLOWS,
    optional: true,
  });
  const invoicingApprovalFlow = selectField({
    field: 'invoicingApprovalFlowId',
    label: 'Invoicing Approval Flow',
    value: original.invoicingApprovalFlowId ?? null,
    options: APPROVAL_FLOWS,
    optional: true,
  });
  // PRODUCT.md 3.2's User has no invoicing flow; the select shows only while the simulator's user carries one.
  const invoicingEditable = Object.hasOwn(original, 'invoicingApprovalFlowId');
  if (!invoicingEditable) {
    invoicingApprovalFlow.select.disabled = true;
    invoicingApprovalFlow.select.title = 'Not stored by this ExpenseIn account';
  }
  const department = selectField({
    field: 'departmentId',
    label: 'Department',
    value: original.departmentId ?? null,
    options: departments,
  });

  const bank = original.bankDetails ?? null;
  const accountName = textField({
    field: 'bankDetails.accountName',
    label: 'Account Name',
    value: bank?.accountName ?? '',
  });
  const sortCode = textField({
    field: 'bankDetails.sortCode',
    label: 'Sort Code',
    value: bank?.sortCode ? formatSortCode(bank.sortCode) : '',
    inputmode: 'numeric',
    placeholder: '00-00-00',
  });
  const accountNumber = textField({
    field: 'bankDetails.accountNumber',
    label: 'Account Number',
    value: bank?.accountNumber ?? '',
    inputmode: 'numeric',
    placeholder: '8 digits',
  });
  const bankError = register('bankDetails', [accountName.input, sortCode.input, accountNumber.input]);
  const bankGroup = h(
    'fieldset',
    { class: 'group group-wide' },
    h('legend', { class: 'label' }, 'Bank Details'),
    bankError,
    h('div', { class: 'grid-3' }, accountName.element, sortCode.element, accountNumber.element),
  );

  // Settings tab
  const settings = original.settings && typeof original.settings === 'object' ? original.settings : {};
  const settingBoxes = USER_SETTINGS.map((setting) => ({
    key: setting.key,
    ...checkbox({
      id: idFor(`settings-${setting.key}`),
      label: setting.label,
      checked: settings[setting.key] === true,
      field: `settings.${setting.key}`,
    }),
  }));
  for (const box of settingBoxes) register(`settings.${box.key}`, [box.input]);
  const settingsError = register(
    'settings',
    settingBoxes.map((box) => box.input),
  );

  // Out of Office tab ("approvers only" in ExpenseIn; the simulator lets every user have one)
  const ooo = original.outOfOffice ?? { enabled: false, onlyDuringPeriod: false, start: null, end: null };
  const oooEnabled = checkbox({
    id: idFor('outOfOffice.enabled'),
    label: 'Enable Out of Office',
    checked: ooo.enabled === true,
    field: 'outOfOffice.enabled',
  });
  const oooPeriod = checkbox({
    id: idFor('outOfOffice.onlyDuringPeriod'),
    label: 'Only during this period',
    checked: ooo.onlyDuringPeriod === true,
    field: 'outOfOffice.onlyDuringPeriod',
  });
  const oooStart = textField({
    field: 'outOfOffice.start',
    label: 'Start Date',
    value: ooo.start,
    type: 'date',
  });
  const oooEnd = textField({ field: 'outOfOffice.end', label: 'End Date', value: ooo.end, type: 'date' });
  register('outOfOffice.enabled', [oooEnabled.input]);
  register('outOfOffice.onlyDuringPeriod', [oooPeriod.input]);
  const oooError = register('outOfOffice', [oooEnabled.input]);
  const syncOutOfOffice = () => {
    oooPeriod.input.disabled = !oooEnabled.input.checked;
    const datesOn = oooEnabled.input.checked && oooPeriod.input.checked;
    oooStart.input.disabled = !datesOn;
    oooEnd.input.disabled = !datesOn;
  };
  oooEnabled.input.addEventListener('change', syncOutOfOffice);
  oooPeriod.input.addEventListener('change', syncOutOfOffice);
  syncOutOfOffice();

  // Employment tab (expensein.md 2.2: the leave date, typed or picked; future = scheduled, past = left)
  const leaveDate = textField({
    field: 'leaveDate',
    label: 'Leave Date',
    value: original.leaveDate,
    type: 'date',
  });

  const sendInvite = isNew
    ? checkbox({ id: idFor('sendInvite'), label: 'Send Invite', checked: false, field: 'inviteStatus' })
    : null;
  if (sendInvite) register('inviteStatus', [sendInvite.input]);

  const tabs = [
    {
      key: 'details',
      label: 'Details',
      content: [
        h(
          'div',
          { class: 'form-grid' },
          firstName.element,
          lastName.element,
          email.element,
          reference.element,
          statementIdentifier.element,
          department.element,
          permissionsGroup,
          expensePolicy.element,
          approvalFlow.element,
          invoicingApprovalFlow.element,
          bankGroup,
          sendInvite ? h('div', { class: 'field field-wide' }, sendInvite.element) : null,
        ),
      ],
    },
    {
      key: 'settings',
      label: 'Settings',
      content: [
        h(
          'fieldset',
          { class: 'group' },
          h('legend', { class: 'label' }, 'This user can'),
          settingsError,
          h('div', { class: 'check-grid' }, ...settingBoxes.map((box) => box.element)),
        ),
      ],
    },
    {
      key: 'out-of-office',
      label: 'Out of Office',
      content: [
        h(
          'p',
          { class: 'hint' },
          'While Out of Office is on, expenses waiting for this approver go to the next approver in the pool.',
        ),
        oooError,
        h('div', { class: 'stack' }, oooEnabled.element, oooPeriod.element),
        h('div', { class: 'form-grid' }, oooStart.element, oooEnd.element),
      ],
    },
    {
      key: 'employment',
      label: 'Employment',
      content: [
        h(
          'p',
          { class: 'hint' },
          'After the leave date the user loses access to ExpenseIn and is hidden from the Users list unless ',
          'Include Leavers is ticked.',
        ),
        h('div', { class: 'form-grid' }, leaveDate.element),
      ],
    },
  ];

  const nullable = (/** @type {HTMLInputElement} */ input) =>
    input.value.trim() === '' ? null : input.value;
  const idOrNull = (/** @type {HTMLSelectElement} */ select) =>
    select.value === '' ? null : Number(select.value);

  /** The user as the form now describes it, in the API's field names (PRODUCT.md 3.2 plus the UI fields). */
  function values() {
    const known = new Set(PERMISSIONS.map((permission) => permission.name));
    const bankValues = [accountName.input.value, sortCode.input.value, accountNumber.input.value];
    /** @type {Record<string, unknown>} */
    const result = {
      firstName: firstName.input.value,
      lastName: lastName.input.value,
      email: email.input.value,
      reference: nullable(reference.input),
      statementIdentifier: nullable(statementIdentifier.input),
      departmentId: idOrNull(department.select),
      expensePolicyId: idOrNull(expensePolicy.select),
      approvalFlowId: idOrNull(approvalFlow.select),
      // Permissions this form does not know are kept as they were.
      permissions: [
        ...permissionBoxes.filter((box) => box.input.checked).map((box) => box.name),
        ...heldPermissions.filter((/** @type {string} */ name) => !known.has(name)),
      ],
      bankDetails: bankValues.every((value) => value.trim() === '')
        ? null
        : { accountName: bankValues[0], sortCode: bankValues[1], accountNumber: bankValues[2] },
      settings: {
        ...settings,
        ...Object.fromEntries(settingBoxes.map((box) => [box.key, box.input.checked])),
      },
      outOfOffice: {
        enabled: oooEnabled.input.checked,
        onlyDuringPeriod: oooPeriod.input.checked,
        start: nullable(oooStart.input),
        end: nullable(oooEnd.input),
      },
      leaveDate: nullable(leaveDate.input),
    };
    if (invoicingEditable) result.invoicingApprovalFlowId = idOrNull(invoicingApprovalFlow.select);
    return result;
  }

  /** Only the fields that differ from the user as loaded: the PATCH body ("only the fields to change"). */
  function changes() {
    /** @type {Record<string, unknown>} */
    const diff = {};
    for (const [field, value] of Object.entries(values())) {
      if (!sameValue(value, normalised(field, original[field]))) diff[field] = value;
    }
    return diff;
  }

  /** The POST body of New User: every field, plus Send Invite (expensein.md 2.3). */
  function createBody() {
    return { ...values(), inviteStatus: sendInvite?.input.checked ? 'Invited' : 'NotInvited' };
  }

  function clearErrors() {
    for (const { targets, error } of registry.values()) {
      error.hidden = true;
      error.textContent = '';
      for (const target of targets) {
        target.removeAttribute('aria-invalid');
        const describedBy = (target.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .filter((id) => id && id !== error.id);
        if (describedBy.length > 0) target.setAttribute('aria-describedby', describedBy.join(' '));
        else target.removeAttribute('aria-describedby');
      }
    }
  }

  /**
   * Puts each API error next to its field ("bankDetails.sortCode" exactly, else its nearest registered parent,
   * matched case-insensitively because ASP.NET-style APIs capitalise them).
   * @param {Record<string, string[]>} errors
   * @returns {{ firstInvalid: HTMLElement | null, unplaced: string[] }}
   */
  function showErrors(errors) {
    clearErrors();
    /** @type {HTMLElement | null} */
    let firstInvalid = null;
    /** @type {string[]} */
    const unplaced = [];
    for (const [field, messages] of Object.entries(errors)) {
      const entry = findEntry(registry, field);
      const text = messages.join(' ') || 'This value is not valid.';
      if (!entry) {
        unplaced.push(`${field}: ${text}`);
        continue;
      }
      entry.error.hidden = false;
      entry.error.textContent = entry.error.textContent ? `${entry.error.textContent} ${text}` : text;
      for (const target of entry.targets) {
        target.setAttribute('aria-invalid', 'true');
        const describedBy = (target.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
        if (!describedBy.includes(entry.error.id)) describedBy.push(entry.error.id);
        target.setAttribute('aria-describedby', describedBy.join(' '));
      }
      firstInvalid ??= entry.targets[0] ?? null;
    }
    return { firstInvalid, unplaced };
  }

  return { tabs, values, changes, createBody, showErrors, clearErrors, firstField: firstName.input };
}

/** @param {Map<string, { targets: HTMLElement[], error: HTMLElement }>} registry @param {string} field */
function findEntry(registry, field) {
  const byLowerName = new Map([...registry].map(([name, entry]) => [name.toLowerCase(), entry]));
  const parts = field
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\$\./, '')
    .split('.');
  for (let length = parts.length; length > 0; length -= 1) {
    const entry = byLowerName.get(parts.slice(0, length).join('.').toLowerCase());
    if (entry) return entry;
  }
  return null;
}

function emptyUser() {
  return {
    firstName: '',
    lastName: '',
    email: '',
    reference: null,
    statementIdentifier: null,
    departmentId: null,
    expensePolicyId: null,
    approvalFlowId: null,
    permissions: ['Add and Submit Expenses'],
    bankDetails: null,
    settings: {},
    outOfOffice: { enabled: false, onlyDuringPeriod: false, start: null, end: null },
    leaveDate: null,
  };
}

/**
 * The loaded value in the form's terms, so an untouched field never counts as a change (the sort code is shown
 * as 12-34-56 but stored as 6 digits; missing UI fields read as their empty form).
 * @param {string} field
 * @param {any} value
 */
function normalised(field, value) {
  if (field === 'bankDetails' && value) return { ...value, sortCode: formatSortCode(value.sortCode ?? '') };
  if (field === 'statementIdentifier' || field === 'invoicingApprovalFlowId') return value ?? null;
  if (field === 'permissions') return Array.isArray(value) ? value : [];
  if (field === 'settings') {
    const held = value && typeof value === 'object' ? value : {};
    return { ...Object.fromEntries(USER_SETTINGS.map((setting) => [setting.key, false])), ...held };
  }
  if (field === 'outOfOffice')
    return { enabled: false, onlyDuringPeriod: false, start: null, end: null, ...value };
  return value;
}

/** @param {string} sortCode */
function formatSortCode(sortCode) {
  const digits = sortCode.replace(/\D/g, '');
  return digits.length === 6 ? `${digits.slice(0, 2)}-${digits.slice(2, 4)}-${digits.slice(4)}` : sortCode;
}

/** Structural equality for the JSON values a form produces; key order does not matter. @param {unknown} a @param {unknown} b */
function sameValue(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return (
      a.length === b.length && [...a].sort().every((item, index) => sameValue(item, [...b].sort()[index]))
    );
  }
  const ra = /** @type {Record<string, unknown>} */ (a);
  const rb = /** @type {Record<string, unknown>} */ (b);
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  return [...keys].every((key) => sameValue(ra[key] ?? null, rb[key] ?? null));
}
