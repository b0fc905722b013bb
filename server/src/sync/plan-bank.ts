import type { BankDetails, FieldChange, Outcome, PlanInput, Subject } from '@staffsync/shared';
import { makeFieldChange } from './make-field-change.ts';
import { makeOutcome } from './make-outcome.ts';
import { isCompleteNormalBank, maskBank, normaliseBank, sameNormalBank } from './normalise.ts';

export type BankPlan =
  | { kind: 'none' }
  | { kind: 'invalid'; outcome: Outcome }
  | { kind: 'same'; hash: string }
  | { kind: 'change'; bank: BankDetails; change: FieldChange }
  /** For a user being created: no change record, as the create's write is its record (changesOf). */
  | { kind: 'set'; bank: BankDetails };

export interface BankTarget {
  /** The user's bank details now; null for none or for a user about to be created. */
  current: BankDetails | null;
  /** Hash of what the sync last wrote (undefined: no record), for R16. */
  recordedHash: string | undefined;
  creating: boolean;
}

/**
 * R8: only with Include Bank Details on, and only complete HR details; never cleared. With the setting off this
 * returns before touching `hrBank`, so bank details never reach a plan (PRODUCT.md 2: "never read into plans").
 * The change shows masked values; the clear values go only into the action's `write`.
 */
export function planBank(
  input: PlanInput,
  hrBank: BankDetails | null,
  subject: Subject,
  target: BankTarget,
): BankPlan {
  if (!input.settings.includeBankDetails || hrBank === null) return { kind: 'none' };
  // Each side normalised once: completeness, the comparison and the hash all read the normal form.
  const bank = normaliseBank(hrBank);
  if (!isCompleteNormalBank(bank)) {
    return {
      kind: 'invalid',
      outcome: makeOutcome(
        'invalid_bank_details',
        'R8',
        subject,
        'Bank details in Staffology are incomplete or the sort code is not 6 digits, so they are not written to ExpenseIn',
        {},
      ),
    };
  }
  if (target.creating) return { kind: 'set', bank };
  const { current } = target;
  const currentBank = current === null ? null : normaliseBank(current);
  // HR's own details object, not its normal form: hashBank hashes the normal form itself, and a run may have hashed
  // that very object while reading it (run/bank-fingerprints.ts).
  if (currentBank !== null && sameNormalBank(currentBank, bank))
    return { kind: 'same', hash: input.hashBank(hrBank) };
  // R16 compares hashes only when there is a record to compare with: a user created by this run has none.
  const overwritten =
    target.recordedHash !== undefined &&
    (currentBank === null ? null : input.hashBank(currentBank)) !== target.recordedHash;
  return {
    kind: 'change',
    bank,
    change: makeFieldChange(
      'bankDetails',
      'R8',
      current === null ? null : maskBank(current),
      maskBank(bank),
      overwritten,
    ),
  };
}
