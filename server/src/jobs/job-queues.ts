import { runTriggerSchema } from '@staffsync/shared';
import { z } from 'zod';

/** pg-boss queues (PRODUCT.md 4.5): one for runs, one for the scheduler's tick. */
export const runQueue = 'staffsync-run';
export const tickQueue = 'staffsync-tick';

/**
 * A run asked for as a job: by the schedule (its decision: trigger and the daily slot it covers), by a request (the
 * HTTP API's connect, reconnect or manual run), or by a worker that found a run abandoned by a dead one.
 */
export const runJobSchema = z.object({
  connectionId: z.number().int().positive(),
  trigger: runTriggerSchema,
  /** ISO time of the daily slot the run covers; the first job to claim it runs, any other is dropped. */
  slot: z.string().nullable(),
  requestedBy: z.string().nullable(),
  /** When it was asked for: a full run that started since covers it (runs-repo.ts start, coveredSince). */
  requestedAt: z.string(),
});
export type RunJob = z.infer<typeof runJobSchema>;

/** One job queued (or running) per connection at a time: pg-boss's singleton key for the `short` policy. */
export function runJobKey(connectionId: number): string {
  return `connection-${connectionId}`;
}
