import {
  accessibleName,
  buttonName,
  buttonsIn,
  headingsIn,
  labelMatches,
  textOf,
} from './accessible-name.ts';

/**
 * Every ExpenseIn page anchor the extension uses, in one module (STYLE.md 7). Anchors are found by visible labels
 * and roles, never by generated class names, and each has fallbacks tried in order, with a comment per variant
 * saying which page it serves. ExpenseIn's real markup is not public (expensein.md 3: "detect the modal by its title
 * text and tab labels"), so the first variant of each is the sandbox's, written to the same labels.
 */

/** One way of finding an anchor. */
interface Variant<R, T> {
  name: string;
  find: (root: R) => T[];
}

/** Tries each variant in order and keeps the first that finds something. */
function firstMatch<R, T>(variants: readonly Variant<R, T>[]): (root: R) => T[] {
  return (root) => {
    for (const variant of variants) {
      const found = variant.find(root);
      if (found.length > 0) return found;
    }
    return [];
  };
}

const all = (root: ParentNode, selector: string): Element[] => [...root.querySelectorAll(selector)];

/** Labels as ExpenseIn shows them (expensein.md 1.5 and 3); the first of each list is the sandbox's. */
export const labels = {
  usersTable: ['Users'],
  editUserTitle: ['Edit User'],
  updateButton: ['Update'],
  editUserTabs: ['Details', 'Employment'],
  nameColumn: ['Name', 'Full Name', 'User'],
  emailColumn: ['Email', 'Email Address'],
  referenceColumn: ['Reference', 'Ref', 'Employee Reference'],
  reference: ['Reference', 'Employee Reference'],
  /** The fields staffsync writes (PRODUCT.md 2, R7-R12), by their labels in the Edit User pop-up. */
  fields: {
    firstName: ['First Name', 'Forename'],
    lastName: ['Last Name', 'Surname'],
    email: ['Email', 'Email Address'],
    departmentId: ['Department'],
    'bankDetails.accountName': ['Account Name', 'Account Holder Name', 'Bank Account Name'],
    'bankDetails.sortCode': ['Sort Code'],
    'bankDetails.accountNumber': ['Account Number', 'Bank Account Number'],
    leaveDate: ['Leave Date', 'Leaving Date'],
  },
} as const;

export type FormField = keyof typeof labels.fields;
export const formFields = Object.keys(labels.fields) as FormField[];

const tableLike = 'table, [role="table"], [role="grid"]';
const dialogLike = 'dialog[open], [role="dialog"], [role="alertdialog"]';
const formControl = 'input, select, textarea';

function isElement(node: Node): node is Element {
  return node.nodeType === 1;
}

/** A box holding the Edit User pop-up's tabs (Details, Employment) and its Update button. */
function isEditUserBox(box: Element): boolean {
  return (
    labels.editUserTabs.every((tab) =>
      all(box, '[role="tab"], a, button, li').some((item) => labelMatches(textOf(item), [tab])),
    ) && buttonsIn(box).some((button) => labelMatches(buttonName(button), labels.updateButton))
  );
}

/** A label's own words, without the text of the controls it wraps (a <select>'s options). */
function ownText(label: Element): string {
  return [...label.childNodes]
    .filter((node) => !(isElement(node) && node.matches(formControl)))
    .map((node) => node.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function columnHeaderTexts(table: Element): string[] {
  return columnHeaders(table).map((header) => accessibleName(header) || textOf(header));
}

/** The header cells of a table's first header row: <th> in <thead>, else role="columnheader". */
function columnHeaders(table: Element): Element[] {
  const inHead = all(table, 'thead th');
  if (inHead.length > 0) return inHead;
  const headerRow = all(table, 'tr, [role="row"]').find(
    (row) => all(row, 'th, [role="columnheader"]').length > 0,
  );
  return headerRow ? all(headerRow, 'th, [role="columnheader"]') : [];
}

/** A control by its label, looked up inside `container`. */
const fieldVariants: readonly Variant<{ container: Element; wanted: readonly string[] }, Element>[] = [
  // <label for="id">First Name</label><input id="id">: the sandbox, and any form that labels its inputs.
  {
    name: 'label[for]',
    find: ({ container, wanted }) =>
      all(container, 'label[for]')
        .filter((label) => labelMatches(textOf(label), wanted))
        .flatMap((label) => {
          const control = container.ownerDocument.getElementById(label.getAttribute('for') ?? '');
          return control && container.contains(control) && control.matches(formControl) ? [control] : [];
        }),
  },
  // <input aria-label="First Name"> or aria-labelledby: forms that draw their own labels.
  {
    name: 'aria label',
    find: ({ container, wanted }) =>
      all(container, formControl).filter((control) => labelMatches(accessibleName(control), wanted)),
  },
  // <label>First Name <input></label>: an input wrapped by its label.
  {
    name: 'wrapping label',
    find: ({ container, wanted }) =>
      all(container, 'label')
        .filter((label) => labelMatches(ownText(label), wanted))
        .flatMap((label) => all(label, formControl).slice(0, 1)),
  },
  // A caption next to the control with no label element: <div><span>First Name</span><input></div>.
  {
    name: 'caption sibling',
    find: ({ container, wanted }) =>
      all(container, formControl).filter((control) => {
        const caption = control.previousElementSibling;
        return caption !== null && !caption.matches(formControl) && labelMatches(textOf(caption), wanted);
      }),
  },
];

export const selectors = {
  /** The Users list table. */
  usersTables: firstMatch<ParentNode, Element>([
    // A table named "Users" (the sandbox names it by the page heading, aria-labelledby).
    {
      name: 'table named Users',
      find: (root) =>
        all(root, tableLike).filter((table) => labelMatches(accessibleName(table), labels.usersTable)),
    },
    // An unnamed table whose columns say it lists users: a Name and an Email column (ExpenseIn's Users list).
    {
      name: 'table with Name and Email columns',
      find: (root) =>
        all(root, tableLike).filter((table) => {
          const headers = columnHeaderTexts(table);
          return (
            headers.some((text) => labelMatches(text, labels.nameColumn)) &&
            headers.some((text) => labelMatches(text, labels.emailColumn))
          );
        }),
    },
  ]),

  /** The header texts of a table, in column order. */
  columnHeaderTexts,

  /** A table's data rows (not its header rows). */
  bodyRows: firstMatch<Element, Element>([
    // <tbody><tr>: an HTML table.
    { name: 'tbody rows', find: (table) => all(table, 'tbody tr') },
    // role="row" without a column header: an ARIA grid built from divs.
    {
      name: 'ARIA rows',
      find: (table) =>
        all(table, '[role="row"]').filter((row) => all(row, '[role="columnheader"]').length === 0),
    },
  ]),

  /** A row's cells in column order. */
  rowCells: firstMatch<Element, Element>([
    { name: 'td cells', find: (row) => [...row.children].filter((cell) => cell.matches('td, th')) },
    { name: 'ARIA cells', find: (row) => all(row, '[role="cell"], [role="gridcell"], [role="rowheader"]') },
  ]),

  /** The open Edit User pop-up (not New User). */
  editUserDialogs: firstMatch<ParentNode, Element>([
    // A dialog named "Edit User": the sandbox's <dialog aria-labelledby> and any ARIA modal.
    {
      name: 'dialog named Edit User',
      find: (root) =>
        all(root, dialogLike).filter((dialog) => labelMatches(accessibleName(dialog), labels.editUserTitle)),
    },
    // A dialog with no name whose heading reads "Edit User".
    {
      name: 'dialog with an Edit User heading',
      find: (root) =>
        all(root, `${dialogLike}, [aria-modal="true"]`).filter((dialog) =>
          headingsIn(dialog).some((heading) => labelMatches(textOf(heading), labels.editUserTitle)),
        ),
    },
    // No dialog role at all: from an "Edit User" heading up to the nearest box that also holds the Details and
    // Employment tabs and an Update button (expensein.md 3: found by its title text and tab labels).
    {
      name: 'Edit User title with the user tabs',
      find: (root) =>
        headingsIn(root)
          .filter((heading) => labelMatches(textOf(heading), labels.editUserTitle))
          .flatMap((heading) => {
            for (let box = heading.parentElement; box; box = box.parentElement) {
              if (isEditUserBox(box)) return [box];
            }
            return [];
          }),
    },
  ]),

  /** A form control by any of its labels. */
  field(container: Element, wanted: readonly string[]): Element | null {
    return firstMatch(fieldVariants)({ container, wanted })[0] ?? null;
  },

  /** The visible label of a form control: where a synced field's marker goes. */
  fieldLabel: firstMatch<Element, Element>([
    // <label for="id">: the sandbox.
    {
      name: 'label[for]',
      find: (control) => {
        const id = control.getAttribute('id');
        return id
          ? all(control.ownerDocument, 'label[for]').filter((label) => label.getAttribute('for') === id)
          : [];
      },
    },
    // aria-labelledby pointing at a caption.
    {
      name: 'aria-labelledby',
      find: (control) =>
        (control.getAttribute('aria-labelledby') ?? '')
          .split(/\s+/)
          .flatMap((id) => (id ? [control.ownerDocument.getElementById(id)] : []))
          .filter((label) => label !== null),
    },
    // A label wrapping the control.
    {
      name: 'wrapping label',
      find: (control) => {
        const label = control.closest('label');
        return label ? [label] : [];
      },
    },
  ]),

  /** The row of buttons holding Update: the staffsync panel goes just above it. */
  dialogActions: firstMatch<Element, Element>([
    // The parent of the Update button (the sandbox's modal footer with Cancel and Update).
    {
      name: 'Update button row',
      find: (dialog) =>
        buttonsIn(dialog)
          .filter((button) => labelMatches(buttonName(button), labels.updateButton))
          .flatMap((button) => (button.parentElement ? [button.parentElement] : [])),
    },
    // A footer landmark (<footer> or role="contentinfo") inside the pop-up.
    { name: 'footer', find: (dialog) => all(dialog, 'footer, [role="contentinfo"]') },
  ]),
};
