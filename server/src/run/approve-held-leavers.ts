import type { HeldLeaver } from '../store/index.ts';
import type { RunDeps } from './run-deps.ts';
import type { RunReport } from './run-report.ts';
import { startSync } from './run-sync.ts';

export interface HeldLeaverApproval {
  /** The held leavers the approval decided (approved, or released because HR no longer says so). */
  decided: HeldLeaver[];
  /** The run that read them again and applied them (trigger 'approval'); null when none was pending. */
  run: RunReport | null;
}

/**
 * R17: an administrator approves held leavers (PRODUCT.md 2). A run of their own (scope `held-leavers`, trigger
 * 'approval') reads those employees again and applies the leaver rules as HR stands now, through the one engine: one
 * no longer a leaver is released, each other is marked with the date HR holds now, a leave date edited in ExpenseIn
 * is recorded as overwritten (R16). One whose write failed stays pending, to approve again.
 */
export async function approveHeldLeavers(
  deps: RunDeps,
  connectionId: number,
  by: string,
  ids?: number[],
): Promise<HeldLeaverApproval> {
  const pending = (await deps.store.held.list(connectionId, { status: 'pending' })).filter(
    (held) => ids === undefined || ids.includes(held.id),
  );
  if (pending.length === 0) return { decided: [], run: null };
  const handle = await startSync(deps, {
    connectionId,
    scope: { kind: 'held-leavers', heldIds: pending.map((held) => held.id) },
    trigger: 'approval',
    requestedBy: by,
  });
  const run = await handle.done;
  const wanted = new Set(pending.map((held) => held.id));
  const decided = (await deps.store.held.list(connectionId)).filter(
    (held) => wanted.has(held.id) && held.status !== 'pending',
  );
  return { decided, run };
}
