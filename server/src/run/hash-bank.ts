import { createHmac } from 'node:crypto';
import type { BankDetails } from '@staffsync/shared';
import { normaliseBank } from '../sync/normalise.ts';

/**
 * HMAC-SHA256 of bank details in the planner's normal form (sync/normalise.ts, as PRODUCT.md 2 compares them), so
 * the same details written two ways hash the same. Only this hash is kept in the link table; keyed because an
 * unkeyed hash of an 8-digit account number is easy to reverse (sync-model.ts, PlanInput.hashBank).
 */
export function hashBank(key: Buffer, bank: BankDetails): string {
  const { accountName, sortCode, accountNumber } = normaliseBank(bank);
  return createHmac('sha256', key)
    .update(`${accountName}\n${sortCode}\n${accountNumber}`, 'utf8')
    .digest('hex');
}

/** hashBank with this key, as PlanInput.hashBank takes it. */
export function bankHasher(key: Buffer): (bank: BankDetails) => string {
  return (bank) => hashBank(key, bank);
}
