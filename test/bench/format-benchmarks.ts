import { formatWorkers } from './format-workers.ts';
import type { MachineInfo } from './machine-info.ts';
import type { LargeResult } from './measure-large.ts';
import type { RateLimitedResult } from './measure-rate-limited.ts';
import type { WorkersResult } from './measure-workers.ts';

/** The targets the benchmark judges (the benchmark issue). */
export const targets = {
  wallOverFloor: 1.15,
  callsOverMinimum: 0.01,
  rateLimitedShare: 0.01,
  plannerMs: 250,
  peakRssBytes: 300 * 2 ** 20,
  /** A no-change run of this many employees: at most these Staffology calls and this wall time. */
  noChange: { employees: 10_000, staffologyCalls: 210, wallMs: 3_000 },
} as const;

export interface BenchmarkResults {
  startedAt: string;
  machine: MachineInfo;
  /** 1-minute load average when the benchmark ended. */
  loadAtEnd: number;
  rateLimited: RateLimitedResult[];
  large: LargeResult | null;
  /** Runs shared by `staffsync worker` processes on PostgreSQL (PRODUCT.md 4.5); absent when not measured. */
  workers?: WorkersResult | null;
}

export interface TargetVerdict {
  target: string;
  measured: string;
  met: boolean;
}

/** Marks the end of the generated part of docs/benchmarks.md: what follows is written by hand and kept. */
export const notesMarker = '<!-- Everything below this line is written by hand; pnpm bench keeps it. -->';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function callsMade(result: RateLimitedResult): number {
  return result.first.calls.staffology + result.first.calls.expensein;
}

function minimumTotal(result: RateLimitedResult): number {
  return result.minimum.staffology + result.minimum.expensein;
}

/** The planner's judged time: the slower of the two inputs' medians. */
export function plannerMs(large: LargeResult): number {
  return Math.max(median(large.firstPlan.runsMs), median(large.dailyPlan.runsMs));
}

/** Each target against what was measured; a target with nothing measured is left out. */
export function judgeTargets(results: BenchmarkResults): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  for (const result of results.rateLimited) {
    const n = result.setup.employees.toLocaleString('en-GB');
    const ratio = result.first.wallMs / result.floorMs;
    verdicts.push({
      target: `${n}: wall time within ${targets.wallOverFloor}x of the floor`,
      measured: `${ratio.toFixed(2)}x`,
      met: ratio <= targets.wallOverFloor,
    });
    const over = callsMade(result) / minimumTotal(result) - 1;
    verdicts.push({
      target: `${n}: calls within ${targets.callsOverMinimum * 100}% of the minimum`,
      measured: `${over >= 0 ? '+' : ''}${(over * 100).toFixed(2)}%`,
      met: over <= targets.callsOverMinimum,
    });
    const rateLimited = result.first.calls.rateLimited.staffology + result.first.calls.rateLimited.expensein;
    verdicts.push({
      target: `${n}: 429s under ${targets.rateLimitedShare * 100}% of calls`,
      measured: `${rateLimited} (${((rateLimited / callsMade(result)) * 100).toFixed(2)}%)`,
      met: rateLimited < callsMade(result) * targets.rateLimitedShare,
    });
    // Calls and writes are judged on the worst no-change run, the wall time on their median.
    const runs = result.noChangeRuns.length > 0 ? result.noChangeRuns : [result.second];
    const writes = Math.max(...runs.map((run) => run.calls.writes));
    verdicts.push({
      target: `${n}: no write on a second, no-change run`,
      measured: `${writes} writes`,
      met: writes === 0,
    });
    if (result.setup.employees === targets.noChange.employees) {
      const staffologyCalls = Math.max(...runs.map((run) => run.calls.staffology));
      verdicts.push({
        target: `${n}: no-change run at most ${targets.noChange.staffologyCalls} Staffology calls`,
        measured: `${staffologyCalls}`,
        met: staffologyCalls <= targets.noChange.staffologyCalls,
      });
      verdicts.push({
        target: `${n}: no-change run within ${seconds(targets.noChange.wallMs)}`,
        measured: seconds(result.second.wallMs),
        met: result.second.wallMs <= targets.noChange.wallMs,
      });
    }
  }
  if (results.large) {
    const n = results.large.employees.toLocaleString('en-GB');
    const planner = plannerMs(results.large);
    verdicts.push({
      target: `${n}: planner under ${targets.plannerMs} ms`,
      measured: `${planner.toFixed(0)} ms`,
      met: planner < targets.plannerMs,
    });
    const rss = results.large.sync.maxRssBytes;
    verdicts.push({
      target: `${n}: peak memory of the whole sync under ${targets.peakRssBytes / 2 ** 20} MB`,
      measured: mib(rss),
      met: rss < targets.peakRssBytes,
    });
  }
  return verdicts;
}

/**
 * docs/benchmarks.md: the machine, the method, the tables, the verdicts beside the previous document's figures
 * (`previous`, by target); then the hand-written notes, kept.
 */
export function formatBenchmarks(
  results: BenchmarkResults,
  keptNotes: string,
  previous: ReadonlyMap<string, string> = new Map(),
): string {
  const { machine } = results;
  const lines: string[] = [
    '# Benchmarks',
    '',
    `Generated by \`pnpm bench\` (test/bench/main.ts) on ${results.startedAt}. Not a test: numbers from one machine, one run.`,
    '',
    '## Machine',
    '',
    `- CPU: ${machine.cpuModel}, ${machine.cores} cores`,
    `- RAM: ${machine.ramGiB.toFixed(1)} GiB (${machine.freeRamGiB.toFixed(1)} GiB free at start)`,
    `- Node ${machine.node}, ${machine.kernel}`,
    `- Load average: ${machine.loadAtStart.toFixed(2)} at start, ${results.loadAtEnd.toFixed(2)} at the end (${loadNote(machine, results.loadAtEnd)})`,
    '',
  ];

  if (results.rateLimited.length > 0) {
    const [first] = results.rateLimited;
    const latency = first?.setup.latencyMs ?? 0;
    const rate = first?.setup.ratePerSecond ?? 0;
    lines.push(
      `## Full first sync at ${latency} ms latency and ${rate} requests/s per vendor`,
      '',
      `Both simulators run with \`{ routes: { '*': { latencyMs: ${latency}, rateLimitPerSecond: ${rate} } } }\` (429 with`,
      `Retry-After past the limit, counted over a sliding second), and the client with STAFFOLOGY_RATE_PER_SECOND and`,
      `EXPENSEIN_RATE_PER_SECOND = ${rate} (${first?.setup.concurrency === undefined ? "concurrency: the clients' default" : `STAFFOLOGY_CONCURRENCY and EXPENSEIN_CONCURRENCY = ${first.setup.concurrency}`}). The company is the sandbox's (seed 1, no`,
      'edge-case scenarios), with an ExpenseIn account that has never been synced: only the administrator and the',
      'contractors are users, so the first sync creates every current employee (R10, the seed: "when the integration is',
      'first connected, any existing Employees ... will automatically be created") and leavers are left alone (R13).',
      'Include Bank Details is on. The sync is `staffsync sync --json` (the CLI compiled as `pnpm staffsync` runs it, in',
      'a child process, with the environment of PRODUCT.md 4.1); wall time is measured around that command, from a',
      'fresh database.',
      '',
      '- **Floor** = calls needed / rate limit, per vendor, summed: the phases are sequential, because the planner needs',
      '  the whole source (every employee and every user) before the first write can be planned. The three ExpenseIn',
      '  reads overlap the Staffology reads; summing them costs 15 ms.',
      `- **Minimum calls** = Staffology list pages (a page shorter than ${first?.setup.pageSize ?? 100} ends the list) + one batch read per 100`,
      '  employees (PRODUCT.md 3.1) + ExpenseIn users, departments and settings (the run reads "User references must be',
      '  unique") + one write per create, update, leaver or reinstatement.',
      '',
      '| employees | wall time | floor | ratio | fetch / plan / apply | calls made / minimum | 429s | no-change runs: writes (median wall) |',
      '|---:|---:|---:|---:|---|---|---:|---|',
    );
    for (const result of results.rateLimited) {
      const timings = result.first.timings;
      const rateLimited = result.first.calls.rateLimited;
      lines.push(
        `| ${result.setup.employees.toLocaleString('en-GB')} | ${seconds(result.first.wallMs)} | ${seconds(result.floorMs)} | ` +
          `${(result.first.wallMs / result.floorMs).toFixed(2)}x | ` +
          `${timings ? `${seconds(timings.fetchMs)} / ${timings.planMs} ms / ${seconds(timings.applyMs)}` : '-'} | ` +
          `${callsMade(result).toLocaleString('en-GB')} / ${minimumTotal(result).toLocaleString('en-GB')} ` +
          `(Staffology ${result.first.calls.staffology} / ${result.minimum.staffology}, ExpenseIn ${result.first.calls.expensein} / ${result.minimum.expensein}) | ` +
          `${rateLimited.staffology + rateLimited.expensein} | ` +
          `${result.second.calls.writes} (${seconds(result.second.wallMs)}) |`,
      );
    }
    lines.push('', 'Where the time goes, phase by phase, against the same rate limit:', '');
    lines.push(
      '| employees | first run | fetch phase / its floor | apply phase / its floor | time per write |',
      '|---:|---|---|---|---:|',
    );
    for (const result of results.rateLimited) {
      const { counts, timings } = result.first;
      const writes = result.writesNeeded;
      const fetchFloor = (result.minimum.staffology / result.setup.ratePerSecond) * 1000;
      const applyFloor = (writes / result.setup.ratePerSecond) * 1000;
      lines.push(
        `| ${result.setup.employees.toLocaleString('en-GB')} | ${result.first.status}: ${counts.created} created, ` +
          `${counts.updated} updated, ${counts.leavers} leavers | ` +
          (timings
            ? `${seconds(timings.fetchMs)} / ${seconds(fetchFloor)} (${(timings.fetchMs / fetchFloor).toFixed(2)}x) | ` +
              `${seconds(timings.applyMs)} / ${seconds(applyFloor)} (${(timings.applyMs / Math.max(1, applyFloor)).toFixed(2)}x) | ` +
              `${writes > 0 ? (timings.applyMs / writes).toFixed(1) : '-'} ms |`
            : '- | - | - |'),
      );
    }
    lines.push(
      '',
      'Then the same sync three more times, each finding nothing to change (a daily run on a quiet day), each started',
      "once the vendors' one-second rate windows hold none of the previous run's calls (daily runs are hours apart):",
      "the calls, writes and phases of the run of median wall time, and each run's wall time. The targets below judge",
      'calls and writes on the worst run, the wall time on the median one.',
      '',
      '| employees | Staffology calls (minimum) | ExpenseIn calls | writes | 429s | wall time (each run) | fetch / plan / apply |',
      '|---:|---|---:|---:|---:|---:|---|',
    );
    for (const result of results.rateLimited) {
      const { calls, timings } = result.second;
      const each = result.noChangeRuns.map((run) => (run.wallMs / 1000).toFixed(1)).join(', ');
      lines.push(
        `| ${result.setup.employees.toLocaleString('en-GB')} | ${calls.staffology} (${result.minimum.staffology}) | ` +
          `${calls.expensein} | ${calls.writes} | ${calls.rateLimited.staffology + calls.rateLimited.expensein} | ` +
          `${seconds(result.second.wallMs)}${each ? ` (${each})` : ''} | ` +
          `${timings ? `${seconds(timings.fetchMs)} / ${timings.planMs} ms / ${seconds(timings.applyMs)}` : '-'} |`,
      );
    }
    lines.push('');
  }

  if (results.large) {
    const { large } = results;
    const n = large.employees.toLocaleString('en-GB');
    lines.push(
      `## ${n} employees, no latency, no rate limit`,
      '',
      `The same never-synced account. planSync alone is timed in a child process on what a run reads (the reads are`,
      `not timed): ${large.firstPlan.runsMs.length} calls after a first, cold one; the median is judged. "First sync" plans`,
      'with no links (every current employee created); "daily run" plans again after the sync, with every employee',
      'linked and nothing to change. Peak memory is `process.resourceUsage().maxRSS` of the child process that ran the',
      'whole sync (the CLI compiled by server/scripts/build-cli.mjs, as `pnpm staffsync` runs it; the sandbox is in',
      'another process).',
      '',
      '| what | median | cold (first call) | runs (ms) | plan size |',
      '|---|---:|---:|---|---|',
      planRow('planSync, first sync', large.firstPlan),
      planRow('planSync, daily run', large.dailyPlan),
      '',
      '| whole sync | wall time | fetch / plan / apply | peak RSS |',
      '|---|---:|---|---:|',
      `| ${large.sync.status}, ${large.sync.created.toLocaleString('en-GB')} created | ${seconds(large.sync.wallMs)} | ` +
        `${large.sync.timings ? `${seconds(large.sync.timings.fetchMs)} / ${large.sync.timings.planMs} ms / ${seconds(large.sync.timings.applyMs)}` : '-'} | ` +
        `${mib(large.sync.maxRssBytes)} |`,
      '',
    );
  }

  if (results.workers) lines.push(...formatWorkers(results.workers));

  lines.push(
    '## Targets',
    '',
    'Beside each figure, the one the previous `pnpm bench` wrote here (- when it did not measure it).',
    '',
    '| target | measured | previous | met |',
    '|---|---:|---:|:---:|',
  );
  for (const verdict of judgeTargets(results)) {
    lines.push(
      `| ${verdict.target} | ${verdict.measured} | ${previous.get(verdict.target) ?? '-'} | ${verdict.met ? 'yes' : '**no**'} |`,
    );
  }
  lines.push('', notesMarker, '', keptNotes.trim(), '');
  return lines.join('\n');
}

/** The figures of an existing docs/benchmarks.md's Targets table, by target (with or without a previous column). */
export function previousFiguresOf(existing: string | null): Map<string, string> {
  const figures = new Map<string, string>();
  if (existing === null) return figures;
  const generated = existing.split(notesMarker)[0] ?? '';
  const table = generated.slice(generated.indexOf('## Targets'));
  for (const line of table.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    // | target | measured | [previous |] met |: the first and last split parts are empty.
    const [, target, measured] = cells;
    if (cells.length < 5 || !target || !measured || target === 'target' || target.startsWith('---')) continue;
    figures.set(target, measured);
  }
  return figures;
}

/** The hand-written notes of an existing docs/benchmarks.md (empty when there are none). */
export function keptNotesOf(existing: string | null): string {
  if (existing === null) return '';
  const at = existing.indexOf(notesMarker);
  return at < 0 ? '' : existing.slice(at + notesMarker.length);
}

function planRow(what: string, plan: LargeResult['firstPlan']): string {
  return (
    `| ${what} | ${median(plan.runsMs).toFixed(0)} ms | ${plan.coldMs.toFixed(0)} ms | ${plan.runsMs.map((ms) => ms.toFixed(0)).join(', ')} | ` +
    `${plan.employees.toLocaleString('en-GB')} employees, ${plan.users.toLocaleString('en-GB')} users, ` +
    `${plan.links.toLocaleString('en-GB')} links: ${plan.actions.toLocaleString('en-GB')} actions, ${plan.outcomes.toLocaleString('en-GB')} outcomes |`
  );
}

function loadNote(machine: MachineInfo, loadAtEnd: number): string {
  return Math.max(machine.loadAtStart, loadAtEnd) > machine.cores * 0.5
    ? 'the machine was shared with other work: timings are inflated'
    : 'an otherwise quiet machine';
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}
