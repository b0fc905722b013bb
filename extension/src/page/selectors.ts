import type { UserKey } from '@staffsync/shared';
import {
  accessibleName,
  buttonName,
  buttonsIn,
  headingsIn,
  labelMatches,
  labelStarts,
  textOf,
} from './accessible-name.ts';
import { type AnchorId, CORRECTION_VARIANT, type Corrections, type DialogField } from './anchors.ts';
import { isShown } from './visibility.ts';

/**
 * Every ExpenseIn page anchor the extension uses, in one module (STYLE.md 7). Anchors are found by visible labels
 * and roles, never by generated class names, and each has variants tried in order, with a comment per variant on
 * the markup it serves. ExpenseIn's real markup is not public (expensein.md 3: "detect the modal by its title text
 * and tab labels"), so the variants cover the common ways a web app draws a list, a dialog and a labelled field;
 * an administrator's correction (a CSS selector, from the options) is tried before them all.
 */

/** One way of finding an anchor. */
interface Variant<R, T> {
  name: string;
  find: (root: R) => T[];
}

/** What was found for an anchor, and by which variant (null: nothing found). */
export interface Found<T> {
  found: T[];
  variant: string | null;
  /** A correction that is no valid CSS selector. */
  error?: string;
}

/** Labels as ExpenseIn shows them (expensein.md 1.5 and 3), with the other wordings web apps use. */
export const labels = {
  usersTable: ['Users'],
  editUserTitle: ['Edit User'],
  updateButton: ['Update'],
  /** Other wordings of the button that saves the window. */
  saveButton: ['Save', 'Save Changes', 'Update User', 'Save User'],
  editUserTabs: ['Details', 'Employment'],
  nameColumn: ['Name', 'Full Name', 'User', 'User Name'],
  emailColumn: ['Email', 'Email Address', 'E-mail'],
  referenceColumn: ['Reference', 'Ref', 'Employee Reference', 'User Reference'],
  fields: {
    firstName: ['First Name', 'Forename', 'Given Name'],
    lastName: ['Last Name', 'Surname', 'Family Name'],
    email: ['Email', 'Email Address', 'E-mail'],
    departmentId: ['Department'],
    'bankDetails.accountName': ['Account Name', 'Account Holder Name', 'Bank Account Name'],
    'bankDetails.sortCode': ['Sort Code'],
    'bankDetails.accountNumber': ['Account Number', 'Bank Account Number'],
    leaveDate: ['Leave Date', 'Leaving Date'],
    reference: ['Reference', 'Employee Reference'],
  } satisfies Record<DialogField, readonly string[]>,
} as const;

const tableLike = 'table, [role="table"], [role="grid"], [role="treegrid"]';
const dialogLike = 'dialog, [role="dialog"], [role="alertdialog"], [aria-modal="true"]';
/** What a person types or picks a value in; never a checkbox or a button. */
const formControl = [
  'input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="submit"]):not([type="reset"])',
  'select',
  'textarea',
  '[role="combobox"]',
  '[role="textbox"]',
  '[contenteditable="true"]',
].join(', ');
/** An email address in a row's text: what a list shows when it has no Email column of its own. */
const emailPattern = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+/;

const all = (root: ParentNode, selector: string): Element[] => [...root.querySelectorAll(selector)];

function isElement(node: Node): node is Element {
  return node.nodeType === 1;
}

function isControl(element: Element): boolean {
  return element.matches(formControl);
}

function controlsIn(root: Element): Element[] {
  return all(root, formControl);
}

/** Tries a correction, then each variant in order, and keeps the first that finds something. */
function resolve<R, T>(
  variants: readonly Variant<R, T>[],
  root: R,
  correction?: { selector: string | undefined; find: (root: R, selector: string) => T[] },
): Found<T> {
  let error: string | undefined;
  if (correction?.selector) {
    try {
      const found = correction.find(root, correction.selector);
      if (found.length > 0) return { found, variant: CORRECTION_VARIANT };
    } catch {
      error = `"${correction.selector}" is not a valid CSS selector`;
    }
  }
  for (const variant of variants) {
    const found = variant.find(root);
    if (found.length > 0) return { found, variant: variant.name, ...(error ? { error } : {}) };
  }
  return { found: [], variant: null, ...(error ? { error } : {}) };
}

/** A label's own words, without the text of the controls it holds (a <select>'s options). */
function ownText(label: Element): string {
  return [...label.childNodes]
    .filter((node) => !(isElement(node) && (isControl(node) || node.querySelector(formControl))))
    .map((node) => node.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An element that can caption a control: short text, no control of its own. */
function isCaption(element: Element, wanted: readonly string[]): boolean {
  return (
    !isControl(element) &&
    element.querySelector(formControl) === null &&
    labelMatches(textOf(element), wanted)
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The Users list

/** The header cells of a table's first header row: <th> in <thead>, else role="columnheader". */
function columnHeaders(table: Element): Element[] {
  const inHead = all(table, 'thead th');
  if (inHead.length > 0) return inHead;
  const headerRow = all(table, 'tr, [role="row"]').find(
    (row) => all(row, 'th, [role="columnheader"]').length > 0,
  );
  return headerRow ? all(headerRow, 'th, [role="columnheader"]') : [];
}

function columnHeaderTexts(table: Element): string[] {
  return columnHeaders(table).map((header) => accessibleName(header) || textOf(header));
}

/** Column positions by header label; -1 when the list does not show that column. */
export interface ListColumns {
  name: number;
  email: number;
  reference: number;
}

export function readColumns(table: Element): ListColumns {
  const headers = columnHeaderTexts(table);
  const find = (wanted: readonly string[]) => headers.findIndex((text) => labelMatches(text, wanted));
  return {
    name: find(labels.nameColumn),
    email: find(labels.emailColumn),
    reference: find(labels.referenceColumn),
  };
}

const usersListVariants: readonly Variant<ParentNode, Element>[] = [
  // A table or grid named "Users", often by the page heading (aria-labelledby): the sandbox's default look.
  {
    name: 'table named Users',
    find: (root) =>
      all(root, tableLike).filter((table) => labelMatches(accessibleName(table), labels.usersTable)),
  },
  // Any table or ARIA grid whose column headers say it lists users: a Name and an Email column. Covers unnamed
  // tables and data grids drawn from divs (role="grid" with role="columnheader").
  {
    name: 'table with Name and Email columns',
    find: (root) =>
      all(root, tableLike).filter((table) => {
        const columns = readColumns(table);
        return columns.name >= 0 && columns.email >= 0;
      }),
  },
  // A table with an Email or Reference column under a "Users" page heading, whatever its name column says.
  {
    name: 'table under a Users heading',
    find: (root) =>
      headingsIn(root).some((heading) => labelMatches(textOf(heading), labels.usersTable))
        ? all(root, tableLike).filter((table) => {
            const columns = readColumns(table);
            return columns.email >= 0 || columns.reference >= 0;
          })
        : [],
  },
];

const rowVariants: readonly Variant<Element, Element>[] = [
  // <tbody><tr>: an HTML table (a header row of <th> that sits in the body left out).
  { name: 'table body rows', find: (list) => all(list, 'tbody tr').filter((row) => row.querySelector('td')) },
  // <tr> straight in the <table>, as markup written without <tbody> reads before a browser adds one.
  { name: 'table rows', find: (list) => all(list, 'tr').filter((row) => row.querySelector('td')) },
  // role="row" with no column header in it: an ARIA grid built from divs (virtualised grids keep only the rows in
  // view, so these are the rows drawn now).
  {
    name: 'ARIA rows',
    find: (list) => all(list, '[role="row"]').filter((row) => all(row, '[role="columnheader"]').length === 0),
  },
];

/** A row's cells in column order (by aria-colindex where a grid sets it). */
export function rowCells(row: Element): Element[] {
  const htmlCells = [...row.children].filter((cell) => cell.matches('td, th'));
  if (htmlCells.length > 0) return htmlCells;
  const cells = all(row, '[role="cell"], [role="gridcell"], [role="rowheader"]');
  const indexed = cells.every((cell) => cell.hasAttribute('aria-colindex'));
  return indexed
    ? cells.sort((a, b) => Number(a.getAttribute('aria-colindex')) - Number(b.getAttribute('aria-colindex')))
    : cells;
}

/** A row's key (PRODUCT.md 4.4: the reference when the list shows one, else the email) and the cell it came from. */
export interface RowKey {
  key: UserKey;
  cell: Element;
}

interface RowInput {
  row: Element;
  cells: Element[];
  columns: ListColumns;
}

const rowKeyVariants: readonly Variant<RowInput, RowKey>[] = [
  // The Reference column, when the list shows one and the cell is filled.
  {
    name: 'Reference column',
    find: ({ cells, columns }) => {
      const cell = columns.reference >= 0 ? cells[columns.reference] : undefined;
      const reference = textOf(cell);
      return cell && reference !== '' ? [{ key: { reference }, cell }] : [];
    },
  },
  // The Email column: lists without a Reference column, or a user without a reference.
  {
    name: 'Email column',
    find: ({ cells, columns }) => {
      const cell = columns.email >= 0 ? cells[columns.email] : undefined;
      const email = textOf(cell).match(emailPattern)?.[0];
      return cell && email ? [{ key: { email }, cell }] : [];
    },
  },
  // An email anywhere in the row (a mailto link, or a "User" cell stacking the name over the email), for lists
  // without an Email column.
  {
    name: 'email in the row',
    find: ({ row, cells }) => {
      const link = row.querySelector('a[href^="mailto:"]');
      const fromLink = link?.getAttribute('href')?.slice('mailto:'.length).split('?')[0];
      if (link && fromLink && emailPattern.test(fromLink)) return [{ key: { email: fromLink }, cell: link }];
      for (const cell of cells.length > 0 ? cells : [row]) {
        const email = textOf(cell).match(emailPattern)?.[0];
        if (email) return [{ key: { email }, cell }];
      }
      return [];
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// The Edit User window

/** A box holding the Edit User window's tabs (Details, Employment) and its Update button. */
function isEditUserBox(box: Element): boolean {
  return (
    labels.editUserTabs.every((tab) =>
      all(box, '[role="tab"], a, button, li').some((item) => labelMatches(textOf(item), [tab])),
    ) && buttonsIn(box).some((button) => labelMatches(buttonName(button), labels.updateButton))
  );
}

const editUserDialogVariants: readonly Variant<ParentNode, Element>[] = [
  // A dialog named "Edit User": a <dialog aria-labelledby> (the sandbox's default look) or any ARIA dialog.
  {
    name: 'dialog named Edit User',
    find: (root) =>
      all(root, dialogLike).filter((dialog) => labelMatches(accessibleName(dialog), labels.editUserTitle)),
  },
  // A dialog with no name whose heading reads "Edit User".
  {
    name: 'dialog with an Edit User heading',
    find: (root) =>
      all(root, dialogLike).filter((dialog) =>
        headingsIn(dialog).some((heading) => labelMatches(textOf(heading), labels.editUserTitle)),
      ),
  },
  // A dialog titled "Edit User" and the user's name ("Edit User: Ada Lovelace"), holding a First Name or Email field
  // (so "Edit User Group" is not taken for it).
  {
    name: 'dialog titled Edit User and a name',
    find: (root) =>
      all(root, dialogLike).filter(
        (dialog) =>
          [accessibleName(dialog), ...headingsIn(dialog).map(textOf)].some((title) =>
            labelStarts(title, labels.editUserTitle),
          ) &&
          (['firstName', 'email'] as const).some((field) =>
            fieldVariants.some(
              (variant) => variant.find({ dialog, wanted: labels.fields[field] }).length > 0,
            ),
          ),
      ),
  },
  // No dialog role at all: from an "Edit User" title (a heading, or any short element reading so) up to the
  // nearest box that also holds the Details and Employment tabs and an Update button (expensein.md 3: found by its
  // title text and tab labels).
  {
    name: 'Edit User title with the user tabs',
    find: (root) => {
      // A cheap look at the text first: this variant walks every short element, so only where the words are.
      const top = 'documentElement' in root ? (root as Document).documentElement : (root as Element);
      const text = top.textContent ?? '';
      if (!labels.editUserTitle.some((title) => text.toLowerCase().includes(title.toLowerCase()))) return [];
      const titles = [...headingsIn(root), ...all(root, 'div, span, p, strong, legend')].filter(
        (element) => element.children.length === 0 && labelMatches(textOf(element), labels.editUserTitle),
      );
      const boxes = titles.flatMap((title) => {
        for (let box = title.parentElement; box; box = box.parentElement) {
          if (isEditUserBox(box)) return [box];
        }
        return [];
      });
      return [...new Set(boxes)];
    },
  },
];

interface FieldInput {
  dialog: Element;
  wanted: readonly string[];
}

/**
 * A control's captions beside it: siblings of the control, or of the wrapper boxes around it (up to three levels,
 * while the box holds this control alone), that are no control themselves. Material-style fields put the caption
 * beside the input's wrapper, before it or after it.
 */
function captionsAround(control: Element, wanted: readonly string[], depth: number): Element[] {
  const parent = control.parentElement;
  // Several controls in one row of captions and inputs: only the element just before this one is its caption.
  if (parent && controlsIn(parent).length > 1) {
    const before = control.previousElementSibling;
    return before && isCaption(before, wanted) ? [before] : [];
  }
  let branch: Element = control;
  for (let level = 0; level <= depth && branch.parentElement; level += 1) {
    const box: Element = branch.parentElement;
    if (controlsIn(box).length > 1) break;
    const captions = [...box.children].filter((child) => child !== branch && isCaption(child, wanted));
    if (captions.length > 0) return captions;
    branch = box;
  }
  return [];
}

const fieldVariants: readonly Variant<FieldInput, Element>[] = [
  // <label for="id">First Name</label><input id="id">: the sandbox's default look, and any form that labels its
  // inputs.
  {
    name: 'label[for]',
    find: ({ dialog, wanted }) =>
      all(dialog, 'label[for]')
        .filter((label) => labelMatches(ownText(label), wanted))
        .flatMap((label) => {
          const control = dialog.ownerDocument.getElementById(label.getAttribute('for') ?? '');
          return control && dialog.contains(control) && isControl(control) ? [control] : [];
        }),
  },
  // <input aria-label="First Name">, or aria-labelledby a caption: forms that draw their own labels.
  {
    name: 'aria label',
    find: ({ dialog, wanted }) =>
      controlsIn(dialog).filter((control) => {
        const named =
          control.hasAttribute('aria-label') || control.hasAttribute('aria-labelledby')
            ? accessibleName(control)
            : '';
        return labelMatches(named, wanted);
      }),
  },
  // <label>First Name <input></label>: an input wrapped by its label.
  {
    name: 'wrapping label',
    find: ({ dialog, wanted }) =>
      all(dialog, 'label')
        .filter((label) => labelMatches(ownText(label), wanted))
        .flatMap((label) => all(label, formControl).slice(0, 1)),
  },
  // A caption right next to the control, with no label element or no `for`: <div><span>First Name</span><input>.
  {
    name: 'caption sibling',
    find: ({ dialog, wanted }) =>
      controlsIn(dialog).filter((control) => captionsAround(control, wanted, 0).length > 0),
  },
  // A caption beside the control's wrapper, in a field box holding this control alone:
  // <div><label>First Name</label><div class="wrapper"><input></div></div> (material-style fields).
  {
    name: 'caption in the field box',
    find: ({ dialog, wanted }) =>
      controlsIn(dialog).filter((control) => captionsAround(control, wanted, 3).length > 0),
  },
];

/**
 * The visible caption of a control found by `fieldVariants`: where the field's marker goes. One variant per field
 * variant (selectors.test.ts checks each pair), in the same order; a control named only by aria-label has none.
 */
const fieldLabelVariants: readonly Variant<{ control: Element; wanted: readonly string[] }, Element>[] = [
  // label[for] pointing at the control.
  {
    name: 'label[for]',
    find: ({ control }) => {
      const id = control.getAttribute('id');
      return id
        ? all(control.ownerDocument, 'label[for]').filter((label) => label.getAttribute('for') === id)
        : [];
    },
  },
  // The elements aria-labelledby names.
  {
    name: 'aria-labelledby',
    find: ({ control }) =>
      (control.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .flatMap((id) => (id ? [control.ownerDocument.getElementById(id)] : []))
        .filter((label) => label !== null),
  },
  // A label wrapping the control.
  {
    name: 'wrapping label',
    find: ({ control }) => {
      const label = control.parentElement?.closest('label');
      return label ? [label] : [];
    },
  },
  // A caption right next to the control.
  { name: 'caption sibling', find: ({ control, wanted }) => captionsAround(control, wanted, 0).slice(0, 1) },
  // A caption beside the control's wrapper, in its field box.
  {
    name: 'caption in the field box',
    find: ({ control, wanted }) => captionsAround(control, wanted, 3).slice(0, 1),
  },
];

const updateButtonVariants: readonly Variant<Element, Element>[] = [
  // A button reading "Update" (expensein.md 3: Create on New User, Update on Edit User).
  {
    name: 'button named Update',
    find: (dialog) =>
      buttonsIn(dialog).filter((button) => labelMatches(buttonName(button), labels.updateButton)),
  },
  // Another wording of the same button.
  {
    name: 'button named Save',
    find: (dialog) =>
      buttonsIn(dialog).filter((button) => labelMatches(buttonName(button), labels.saveButton)),
  },
  // A submit button of the dialog's form, whatever it reads (another wording, or an icon with no name).
  {
    name: 'submit button',
    find: (dialog) => all(dialog, 'button[type="submit"], input[type="submit"]'),
  },
];

// ---------------------------------------------------------------------------------------------------------------

/** Looks within `root` with a correction's selector; a root that matches counts too (a dialog's own selector). */
function select(root: ParentNode, selector: string): Element[] {
  const inside = all(root, selector);
  return isElement(root as Node) && (root as Element).matches(selector)
    ? [root as Element, ...inside]
    : inside;
}

/**
 * The registry with an administrator's corrections applied (each tried before the built-in variants). Pure
 * functions of the DOM they are given: the same on the live page and on saved copies of it.
 */
export function createSelectors(corrections: Corrections = {}) {
  const fix = (id: AnchorId) => corrections[id];
  return {
    /** The Users lists on screen. */
    usersLists: (root: ParentNode): Found<Element> => {
      const found = resolve(usersListVariants, root, { selector: fix('usersList'), find: select });
      return { ...found, found: found.found.filter(isShown) };
    },

    /** A list's data rows (not its header rows). */
    rows: (list: Element): Found<Element> =>
      resolve(rowVariants, list, { selector: fix('rows'), find: (root, selector) => all(root, selector) }),

    /** The key of one row and the cell it came from. */
    rowKey: (row: Element, columns: ListColumns): Found<RowKey> =>
      resolve(
        rowKeyVariants,
        { row, cells: rowCells(row), columns },
        {
          selector: fix('rowKey'),
          find: ({ row: inRow }, selector) => {
            const cell = select(inRow, selector)[0];
            const text = textOf(cell);
            if (!cell || text === '') return [];
            const email = text.match(emailPattern)?.[0];
            return [{ key: email ? { email } : { reference: text }, cell }];
          },
        },
      ),

    /** The open Edit User windows on screen (not New User; not a reused one hidden until next time). */
    editUserDialogs: (root: ParentNode): Found<Element> => {
      const found = resolve(editUserDialogVariants, root, { selector: fix('editUserDialog'), find: select });
      return { ...found, found: found.found.filter(isShown) };
    },

    /** A field of the Edit User window by its label. */
    field: (dialog: Element, field: DialogField): Found<Element> => {
      const found = resolve(
        fieldVariants,
        { dialog, wanted: labels.fields[field] },
        {
          selector: fix(`field:${field}`),
          find: ({ dialog: inDialog }, selector) =>
            select(inDialog, selector).flatMap((element) =>
              isControl(element) ? [element] : controlsIn(element).slice(0, 1),
            ),
        },
      );
      return { ...found, found: found.found.slice(0, 1) };
    },

    /** The visible caption of a field's control: where its marker goes. */
    fieldLabel: (control: Element, field: DialogField, dialog: Element): Found<Element> => {
      const found = resolve(
        fieldLabelVariants,
        { control, wanted: labels.fields[field] },
        {
          selector: fix(`label:${field}`),
          find: (_input, selector) => select(dialog, selector).slice(0, 1),
        },
      );
      return { ...found, found: found.found.slice(0, 1) };
    },

    /** The Update button: the staffsync panel goes just above the row holding it. */
    updateButton: (dialog: Element): Found<Element> => {
      const found = resolve(updateButtonVariants, dialog, { selector: fix('updateButton'), find: select });
      return { ...found, found: found.found.slice(0, 1) };
    },
  };
}

export type Selectors = ReturnType<typeof createSelectors>;
