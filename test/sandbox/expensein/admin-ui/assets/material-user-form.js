import { USER_SETTINGS } from './catalog.js';
import { attachDatePicker, parseDisplayDate, toDisplayDate } from './date-picker.js';
import { h } from './dom.js';

/**
 * The Edit User form of the material skin, one per dialog and reused for every user it shows. The form lives in a
 * model; a tab pane is drawn from it when its tab is selected and thrown away when another is (inactive panes are
 * not in the page), and loading another user rewrites the drawn inputs' values in place, as a framework binding does.
 * Labels are captions beside an input's wrapper: no `for`, no wrapping, so the inputs have no accessible name.
 */
export function createMaterialUserForm() {
  /** @type {any} */
  let loaded = null;
  /** @type {Record<string, any>} */
  let model = {};
  /** @type {Array<{ id: number, name: string }>} */
  let departments = [];
  /** Inputs of the drawn pane, by model field, for in-place updates. @type {Map<string, HTMLInputElement | HTMLSelectElement>} */
  const drawn = new Map();

  /** @param {HTMLElement} box @param {string} value */
  const markFilled = (box, value) => box.classList.toggle('mat-form-field--filled', value !== '');

  /**
   * @param {string} field @param {string} label
   * @param {{ inputmode?: string, placeholder?: string, type?: string }} [options]
   */
  function textField(field, label, options = {}) {
    const input = /** @type {HTMLInputElement} */ (
      h('input', {
        class: 'mat-input',
        type: options.type ?? 'text',
        name: field,
        autocomplete: 'off',
        inputmode: options.inputmode,
        placeholder: options.placeholder,
        value: model[field] ?? '',
      })
    );
    const wrapper = h('div', { class: 'mat-input-wrapper' }, input);
    const box = h('div', { class: 'mat-form-field' }, h('label', { class: 'mat-label' }, label), wrapper);
    markFilled(box, input.value);
    input.addEventListener('input', () => {
      model[field] = input.value;
      markFilled(box, input.value);
    });
    drawn.set(field, input);
    return { box, input, wrapper };
  }

  /** The select's options: bound by name, not id, so its values are the names it shows. @param {HTMLSelectElement} select */
  function fillDepartments(select) {
    select.replaceChildren(
      h('option', { value: '' }, 'None'),
      ...departments.map((department) => h('option', { value: department.name }, department.name)),
    );
    select.value = model.department ?? '';
  }

  function departmentField() {
    const select = /** @type {HTMLSelectElement} */ (
      h('select', { class: 'mat-select', name: 'department' })
    );
    fillDepartments(select);
    const box = h(
      'div',
      { class: 'mat-form-field mat-form-field--filled' },
      h('span', { class: 'mat-label' }, 'Department'),
      h('div', { class: 'mat-input-wrapper' }, select),
    );
    select.addEventListener('change', () => {
      model.department = select.value;
    });
    drawn.set('department', select);
    return box;
  }

  /** @param {string} key @param {string} label */
  function checkbox(key, label) {
    const input = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', class: 'mat-checkbox' }));
    input.checked = model.settings?.[key] === true;
    input.addEventListener('change', () => {
      model.settings = { ...model.settings, [key]: input.checked };
    });
    return h('label', { class: 'mat-check' }, input, ` ${label}`);
  }

  /** @type {Record<string, () => Node[]>} */
  const panes = {
    details: () => [
      h(
        'div',
        { class: 'mat-grid' },
        textField('firstName', 'First Name').box,
        textField('lastName', 'Last Name').box,
        textField('email', 'Email', { type: 'email' }).box,
        textField('reference', 'Reference').box,
        departmentField(),
      ),
      h('h3', { class: 'mat-subheading' }, 'Bank Details'),
      h(
        'div',
        { class: 'mat-grid mat-grid-3' },
        textField('accountName', 'Account Name').box,
        textField('sortCode', 'Sort Code', { inputmode: 'numeric', placeholder: '00-00-00' }).box,
        textField('accountNumber', 'Account Number', { inputmode: 'numeric' }).box,
      ),
    ],
    settings: () => [
      h(
        'div',
        { class: 'mat-stack' },
        ...USER_SETTINGS.map((setting) => checkbox(setting.key, setting.label)),
      ),
    ],
    'out-of-office': () => [
      h('p', { class: 'mat-hint' }, 'Out of Office hands this approver’s expenses to the next approver.'),
    ],
    employment: () => {
      const leave = textField('leaveDate', 'Leave Date', { placeholder: 'dd/mm/yyyy', inputmode: 'numeric' });
      leave.wrapper.append(
        attachDatePicker({
          input: leave.input,
          onPick: (iso) => {
            model.leaveDate = toDisplayDate(iso);
            leave.box.classList.toggle('mat-form-field--filled', iso !== null);
          },
        }),
      );
      return [h('div', { class: 'mat-grid' }, leave.box)];
    },
  };

  return {
    tabs: [
      { key: 'details', label: 'Details' },
      { key: 'settings', label: 'Settings' },
      { key: 'out-of-office', label: 'Out of Office' },
      { key: 'employment', label: 'Employment' },
    ],

    /** A fresh pane for `key`: new elements every time, bound to the model. @param {string} key */
    drawPane(key) {
      drawn.clear();
      return panes[key]?.() ?? [];
    },

    /**
     * Shows another user: the model is replaced and the inputs already drawn take the new values in place.
     * @param {any} user @param {Array<{ id: number, name: string }>} allDepartments
     */
    load(user, allDepartments) {
      loaded = user;
      departments = allDepartments;
      model = modelOf(user, departments);
      for (const [field, control] of drawn) {
        if (control instanceof HTMLSelectElement) fillDepartments(control);
        else control.value = model[field] ?? '';
        control.closest('.mat-form-field')?.classList.toggle('mat-form-field--filled', control.value !== '');
      }
    },

    /** The PATCH body: only what differs from the user as loaded, or an error sentence. */
    changes() {
      const leaveDate = parseDisplayDate(model.leaveDate ?? '');
      if (leaveDate === undefined) return { error: 'Leave Date must be a date written dd/mm/yyyy.' };
      const departmentId = departments.find((department) => department.name === model.department)?.id ?? null;
      const bank = [model.accountName, model.sortCode, model.accountNumber].map((value) =>
        String(value ?? '').trim(),
      );
      const next = {
        firstName: model.firstName,
        lastName: model.lastName,
        email: model.email,
        reference: String(model.reference ?? '').trim() === '' ? null : model.reference,
        departmentId,
        leaveDate,
        settings: model.settings,
        bankDetails: bank.every((value) => value === '')
          ? null
          : { accountName: bank[0], sortCode: bank[1]?.replace(/\D/g, ''), accountNumber: bank[2] },
      };
      /** @type {Record<string, unknown>} */
      const diff = {};
      for (const [field, value] of Object.entries(next)) {
        if (canonical(value) !== canonical(loaded?.[field])) diff[field] = value;
      }
      return { diff };
    },
  };
}

/** @param {any} user @param {Array<{ id: number, name: string }>} departments */
function modelOf(user, departments) {
  const bank = user.bankDetails ?? {};
  const digits = String(bank.sortCode ?? '').replace(/\D/g, '');
  return {
    firstName: user.firstName ?? '',
    lastName: user.lastName ?? '',
    email: user.email ?? '',
    reference: user.reference ?? '',
    department: departments.find((department) => department.id === user.departmentId)?.name ?? '',
    accountName: bank.accountName ?? '',
    sortCode: digits.length === 6 ? `${digits.slice(0, 2)}-${digits.slice(2, 4)}-${digits.slice(4)}` : digits,
    accountNumber: bank.accountNumber ?? '',
    leaveDate: toDisplayDate(user.leaveDate),
    settings: { ...(user.settings ?? {}) },
  };
}

/** JSON with sorted keys and missing as null, so equal values compare equal whatever their key order. @param {unknown} value */
function canonical(value) {
  return JSON.stringify(value ?? null, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}
