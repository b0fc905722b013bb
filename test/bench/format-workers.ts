import type { WorkersResult } from './measure-workers.ts';

/** The "Running for many accounts" section of docs/benchmarks.md (PRODUCT.md 4.5): the scaling factor, measured. */
export function formatWorkers(result: WorkersResult): string[] {
  const { connections, employees, latencyMs, concurrency } = result.setup;
  const workerCounts = result.rows.map((row) => row.workers).join(', ');
  const [one] = result.rows;
  return [
    `## Connections synced per minute with ${workerCounts} workers (${employees} employees each, sandbox latency ${latencyMs} ms)`,
    '',
    `${connections} connections on one sandbox (an employer and an ExpenseIn account each, a key each), stored on`,
    `PostgreSQL; \`staffsync schedule tick --at <04:00>\` queues the 04:00 run of every one, and N \`staffsync worker`,
    `--concurrency ${concurrency}\` processes carry them out. Wall time from the tick to the last run's end; each row starts`,
    'from a fresh database and a sandbox whose ExpenseIn accounts were never synced, so every run is a first sync that',
    "creates its company's current employees (the last column sums what the runs did). The workers, the sandbox and",
    'PostgreSQL share this',
    "machine's cores, so the factor is that of one machine, not of N machines.",
    '',
    '| workers | wall time | connections per minute | scaling vs 1 worker | runs (statuses) | users created / updated / unchanged |',
    '|---:|---:|---:|---:|---|---|',
    ...result.rows.map(
      (row) =>
        `| ${row.workers} | ${(row.wallMs / 1000).toFixed(1)} s | ${row.perMinute.toFixed(0)} | ` +
        `${one ? (row.perMinute / one.perMinute).toFixed(2) : '-'}x | ${row.runs} (${Object.entries(
          row.statuses,
        )
          .map(([status, n]) => `${n} ${status}`)
          .join(', ')}) | ${row.created} / ${row.updated} / ${row.unchanged} |`,
    ),
    '',
  ];
}
