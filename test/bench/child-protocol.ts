import { z } from 'zod';

/**
 * What the benchmark asks of its child process, and what the child answers. The sync runs in a child so that its
 * memory high-water mark is the sync's alone (the sandbox stays in the parent), read with
 * `process.resourceUsage().maxRSS` just before the child ends.
 */
export const childRequestSchema = z.object({
  /**
   * `sync`: `pnpm staffsync sync --json` (the CLI's own runCli) with this environment.
   * `plan`: read both vendors once, then time planSync alone `repeats` times on what was read.
   */
  mode: z.enum(['sync', 'plan']),
  /** The environment of PRODUCT.md 4.1 (connection, STAFFSYNC_DB, pacing). */
  env: z.record(z.string(), z.string()),
  repeats: z.number().int().min(1).default(5),
});
export type ChildRequest = z.input<typeof childRequestSchema>;

/** The parts of the CLI's `--json` run summary (server RunReport) the benchmark reads. */
export const runReportSchema = z.object({
  runId: z.number(),
  status: z.string(),
  durationMs: z.number().nullable(),
  counts: z.object({
    employees: z.number(),
    created: z.number(),
    updated: z.number(),
    leavers: z.number(),
    reinstated: z.number(),
    unchanged: z.number(),
    held: z.number(),
    failed: z.number(),
  }),
  details: z.record(z.string(), z.number()),
  timings: z.object({ fetchMs: z.number(), planMs: z.number(), applyMs: z.number() }).nullable(),
});

export const childResultSchema = z.object({
  mode: z.enum(['sync', 'plan']),
  /** From the child's start of work (after Node and tsx are up) to its end. */
  wallMs: z.number(),
  /** `process.resourceUsage().maxRSS` (kilobytes) converted to bytes: the whole child process, tsx included. */
  maxRssBytes: z.number(),
  sync: z.object({ exitCode: z.number().int(), report: runReportSchema }).nullable(),
  plan: z
    .object({
      /** The first call in the process: what a one-off CLI run pays (JIT not warm yet). */
      coldMs: z.number(),
      /** The `repeats` calls after it. */
      runsMs: z.array(z.number()),
      employees: z.number().int(),
      users: z.number().int(),
      links: z.number().int(),
      actions: z.number().int(),
      outcomes: z.number().int(),
    })
    .nullable(),
});
export type ChildResult = z.infer<typeof childResultSchema>;
