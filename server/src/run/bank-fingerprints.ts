import type { BankDetails, HrEmployee, Link } from '@staffsync/shared';

/** The planner's hashBank, with HR's bank details hashed as they were read. */
export interface BankFingerprints {
  /** Hashes this employee's bank details now (FetchOptions.onEmployee: while the other reads are on the wire). */
  add(employee: HrEmployee): void;
  /** PlanInput.hashBank: the hash `add` kept for these very details, else computed. */
  hashBank(bank: BankDetails): string;
}

/**
 * A daily run compares every linked employee's bank details with the hash recorded at the last sync (R16): one HMAC
 * each, a third of planning 50,000 employees. Hashed while the fetch waits on the network instead, they cost the
 * plan nothing. Only hashes equal to a recorded one are kept, as the recorded string itself: details that changed,
 * and a first sync's (nothing recorded), are left to the planner, so the memo holds no string the links do not.
 */
export function bankFingerprints(
  hash: (bank: BankDetails) => string,
  links: readonly Link[],
): BankFingerprints {
  const recorded = new Map<string, string>();
  for (const link of links) {
    const hashed = link.lastWritten.bankHash;
    if (hashed !== undefined) recorded.set(hashed, hashed);
  }
  // Keyed by the details object HR's record was mapped to: the planner hands that same object back.
  const kept = new WeakMap<BankDetails, string>();
  return {
    add(employee) {
      if (employee.bank === null || recorded.size === 0) return;
      const same = recorded.get(hash(employee.bank));
      if (same !== undefined) kept.set(employee.bank, same);
    },
    hashBank: (bank) => kept.get(bank) ?? hash(bank),
  };
}
