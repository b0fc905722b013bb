import type { RunStatus } from '@staffsync/shared';

/**
 * Daily at 04:00 GMT, read as UTC all year (PRODUCT.md 1: "UTC, not Europe/London"), as the seed article's
 * "daily at approximately 4:00 AM GMT".
 */
export const dailySlotUtc = { hour: 4, minute: 0 } as const;
export const scheduleTimezone = 'UTC';

/** PRODUCT.md 4.2: a scheduled run that fails is retried after about 15 minutes, 1 hour, 4 hours. */
export const retryDelaysMinutes = [15, 60, 240] as const;

const minuteMs = 60 * 1000;
const dayMs = 24 * 60 * minuteMs;

/** The latest daily slot at or before `now`. */
export function latestSlot(now: Date): Date {
  const today = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
    dailySlotUtc.hour,
    dailySlotUtc.minute,
  );
  return new Date(today <= now.getTime() ? today : today - dayMs);
}

/** The first daily slot after `now`. */
export function nextSlot(now: Date): Date {
  return new Date(latestSlot(now).getTime() + dayMs);
}

export interface ScheduleInput {
  now: Date;
  /** ISO times from the connection row. */
  connectedAt: string;
  reconnectedAt: string | null;
  /** The daily slot last run (connections.lastScheduledRunAt). */
  lastScheduledRunAt: string | null;
  /** When the newest full, non-dry run of the connection started, whatever its trigger; null if none. */
  lastFullRunStartedAt: string | null;
  /** Runs besides the daily one, every this many minutes; null for none. */
  everyMinutes: number | null;
  /** The scheduled runs of the latest slot (triggers schedule and retry), oldest first. */
  slotRuns: readonly { status: RunStatus; finishedAt: string | null }[];
}

export type ScheduleDecision =
  | { due: false; nextAt: Date }
  /** `slot`: the daily slot this run also covers, to record as lastScheduledRunAt once it has run. */
  | { due: true; trigger: 'connect' | 'reconnect' | 'schedule' | 'retry' | 'interval'; slot: Date | null };

/**
 * Whether a connected connection needs a run now. Pure: the clock and the history are inputs.
 * - A (re)connection with no full run since it is due at once (the seed: "sync shortly after your initial
 *   connection (and after any reconnections)").
 * - The latest 04:00 UTC slot is due unless it was run already or the connection came after it; so a slot missed
 *   while the server was down runs once at start, however many slots were missed.
 * - A slot whose every run so far failed is tried again about 15 minutes, 1 hour and 4 hours after its last failure
 *   (PRODUCT.md 4.2), so one outage does not leave the day's starters waiting for tomorrow.
 * - With an interval, a full run is due that long after the last one started.
 */
export function decideScheduledRun(input: ScheduleInput): ScheduleDecision {
  const connectedAt = Date.parse(input.connectedAt);
  const reconnectedAt =
    input.reconnectedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(input.reconnectedAt);
  const connectTime = Math.max(connectedAt, reconnectedAt);
  const lastSlotRun =
    input.lastScheduledRunAt === null ? Number.NEGATIVE_INFINITY : Date.parse(input.lastScheduledRunAt);
  const lastFullRun =
    input.lastFullRunStartedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(input.lastFullRunStartedAt);
  const now = input.now.getTime();

  const slot = latestSlot(input.now);
  const slotDue = slot.getTime() > Math.max(lastSlotRun, connectTime);
  const connectDue = lastFullRun < connectTime;

  if (connectDue) {
    return {
      due: true,
      trigger: reconnectedAt >= connectedAt ? 'reconnect' : 'connect',
      slot: slotDue ? slot : null,
    };
  }
  if (slotDue) return { due: true, trigger: 'schedule', slot };

  const upcoming = [nextSlot(input.now).getTime()];
  const retryAt = retryTime(input.slotRuns);
  if (retryAt !== null) {
    if (retryAt <= now) return { due: true, trigger: 'retry', slot: null };
    upcoming.push(retryAt);
  }
  if (input.everyMinutes !== null && input.everyMinutes > 0) {
    const intervalAt = lastFullRun + input.everyMinutes * minuteMs;
    if (intervalAt <= now) return { due: true, trigger: 'interval', slot: null };
    upcoming.push(intervalAt);
  }
  return { due: false, nextAt: new Date(Math.min(...upcoming)) };
}

/** When the slot's next retry is due: after its last failure, while every run of it failed and retries remain. */
function retryTime(slotRuns: ScheduleInput['slotRuns']): number | null {
  const last = slotRuns.at(-1);
  if (!last || last.finishedAt === null) return null;
  if (!slotRuns.every((run) => run.status === 'failed')) return null;
  const delay = retryDelaysMinutes[slotRuns.length - 1];
  return delay === undefined ? null : Date.parse(last.finishedAt) + delay * minuteMs;
}
