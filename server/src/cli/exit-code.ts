import type { RunStatus } from '@staffsync/shared';

/** PRODUCT.md 4.1: 0 succeeded, 1 failed, 2 partial or held. A run still running (never expected) counts as failed. */
export function exitCodeFor(status: RunStatus): 0 | 1 | 2 {
  if (status === 'succeeded') return 0;
  if (status === 'partial' || status === 'held') return 2;
  return 1;
}
