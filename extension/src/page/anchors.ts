import { z } from 'zod';

/** The fields staffsync writes (PRODUCT.md 2, R7-R12), as the Edit User window shows them. */
export const formFields = [
  'firstName',
  'lastName',
  'email',
  'departmentId',
  'bankDetails.accountName',
  'bankDetails.sortCode',
  'bankDetails.accountNumber',
  'leaveDate',
] as const;
export type FormField = (typeof formFields)[number];

/** The fields of the Edit User window the extension reads: the synced ones, and Reference, which names the user. */
export const dialogFields = [...formFields, 'reference'] as const;
export type DialogField = (typeof dialogFields)[number];

/**
 * Every place on ExpenseIn's pages the extension depends on (PRODUCT.md 5: "each anchor (list, rows, row key,
 * dialog, each synced field, its label, Update)"), by the name the popup's report and the options' corrections use.
 */
export const anchorIds = [
  'usersList',
  'rows',
  'rowKey',
  'editUserDialog',
  ...dialogFields.map((field) => `field:${field}` as const),
  ...dialogFields.map((field) => `label:${field}` as const),
  'updateButton',
] as const;
export type AnchorId = (typeof anchorIds)[number];

const fieldNames: Record<DialogField, string> = {
  firstName: 'First Name',
  lastName: 'Last Name',
  email: 'Email',
  departmentId: 'Department',
  'bankDetails.accountName': 'Account Name',
  'bankDetails.sortCode': 'Sort Code',
  'bankDetails.accountNumber': 'Account Number',
  leaveDate: 'Leave Date',
  reference: 'Reference',
};

/** How an anchor is named to an administrator, and where a correction's CSS selector is looked for. */
export function describeAnchor(id: AnchorId): { name: string; within: string } {
  if (id.startsWith('field:')) {
    const field = id.slice('field:'.length) as DialogField;
    return { name: `${fieldNames[field]} field`, within: 'inside the Edit User window' };
  }
  if (id.startsWith('label:')) {
    const field = id.slice('label:'.length) as DialogField;
    return { name: `${fieldNames[field]} label`, within: 'inside the Edit User window' };
  }
  switch (id) {
    case 'usersList':
      return { name: 'Users list', within: 'in the page' };
    case 'rows':
      return { name: 'Users list rows', within: 'inside the Users list' };
    case 'rowKey':
      return { name: "Row's Reference or Email", within: 'inside a row' };
    case 'editUserDialog':
      return { name: 'Edit User window', within: 'in the page' };
    default:
      return { name: 'Update button', within: 'inside the Edit User window' };
  }
}

/**
 * An administrator's corrections (PRODUCT.md 5, options, advanced): a CSS selector per anchor, tried before the
 * built-in variants.
 */
export const correctionsSchema = z
  .record(z.string(), z.string())
  .transform((raw) =>
    Object.fromEntries(
      Object.entries(raw).filter(
        (entry): entry is [AnchorId, string] =>
          (anchorIds as readonly string[]).includes(entry[0]) && entry[1].trim() !== '',
      ),
    ),
  ) as z.ZodType<Corrections>;
export type Corrections = Partial<Record<AnchorId, string>>;

/** The variant name a correction is reported by. */
export const CORRECTION_VARIANT = 'your correction';
