import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type BenchmarkResults,
  formatBenchmarks,
  judgeTargets,
  keptNotesOf,
  previousFiguresOf,
} from './format-benchmarks.ts';
import { formatWorkers } from './format-workers.ts';
import { describeMachine } from './machine-info.ts';
import { measureLarge } from './measure-large.ts';
import { measureRateLimited } from './measure-rate-limited.ts';
import { measureWorkers } from './measure-workers.ts';

// `pnpm bench [--sizes 1000,10000] [--large 50000] [--repeats 5] [--concurrency N] [--workers 1,2,3]
// [--worker-connections 60] [--workers-only] [--out FILE] [--json FILE]`: the benchmark of the benchmark issue,
// written to docs/benchmarks.md. Not a test: it takes minutes (10,000 employees at 200/s). `--workers-only` measures
// the workers' table alone and prints it, leaving docs/benchmarks.md as it is.
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    large: { type: 'string', default: '50000' },
    repeats: { type: 'string', default: '5' },
    concurrency: { type: 'string' },
    /** Counts of `staffsync worker` processes to measure (PRODUCT.md 4.5); empty to skip. Needs PostgreSQL. */
    workers: { type: 'string', default: '1,2,3' },
    'worker-connections': { type: 'string', default: '60' },
    'workers-only': { type: 'boolean', default: false },
    out: { type: 'string', default: fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url)) },
    /** Also write the raw results as JSON here. */
    json: { type: 'string' },
  },
});

function wholeNumbers(name: string, raw: string): number[] {
  const numbers = raw
    .split(',')
    .filter((part) => part.trim() !== '')
    .map(Number);
  if (numbers.some((n) => !Number.isInteger(n) || n < 0)) {
    console.error(`--${name} takes whole numbers separated by commas, got "${raw}"`);
    process.exit(1);
  }
  return numbers;
}

const workersOnly = values['workers-only'];
const sizes = workersOnly ? [] : wholeNumbers('sizes', values.sizes);
const [large = 0] = workersOnly ? [] : wholeNumbers('large', values.large);
const [repeats = 5] = wholeNumbers('repeats', values.repeats);
const concurrency =
  values.concurrency === undefined ? undefined : wholeNumbers('concurrency', values.concurrency)[0];

const results: BenchmarkResults = {
  startedAt: new Date().toISOString(),
  machine: describeMachine(),
  loadAtEnd: 0,
  rateLimited: [],
  large: null,
};
const started = performance.now();
const log = (text: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${text}`);

for (const employees of sizes) {
  log(`${employees} employees at 20 ms latency and 200 requests/s: first and second sync...`);
  const result = await measureRateLimited({
    employees,
    latencyMs: 20,
    ratePerSecond: 200,
    pageSize: 100,
    ...(concurrency === undefined ? {} : { concurrency }),
  });
  log(
    `  first ${(result.first.wallMs / 1000).toFixed(1)} s (floor ${(result.floorMs / 1000).toFixed(1)} s), ` +
      `second run writes ${result.second.calls.writes}`,
  );
  results.rateLimited.push(result);
}

if (large > 0) {
  log(`${large} employees, no latency, no limit: planner timings and the sync's peak memory...`);
  results.large = await measureLarge(large, repeats);
  log(`  peak RSS ${(results.large.sync.maxRssBytes / 2 ** 20).toFixed(0)} MB`);
}

const workerCounts = wholeNumbers('workers', values.workers);
if (workerCounts.length > 0) {
  const [connections = 60] = wholeNumbers('worker-connections', values['worker-connections']);
  log(`${connections} connections of 100 employees at 20 ms latency, ${workerCounts.join(', ')} workers...`);
  results.workers = await measureWorkers({
    workerCounts,
    connections,
    employees: 100,
    latencyMs: 20,
    concurrency: 4,
  });
  for (const row of results.workers.rows)
    log(`  ${row.workers} workers: ${row.perMinute.toFixed(0)} connections/min`);
}

results.loadAtEnd = loadavg()[0] ?? 0;
if (workersOnly) {
  if (results.workers) console.log(`\n${formatWorkers(results.workers).join('\n')}`);
  if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2));
  process.exit(0);
}
const out = values.out;
const existing = existsSync(out) ? readFileSync(out, 'utf8') : null;
writeFileSync(out, formatBenchmarks(results, keptNotesOf(existing), previousFiguresOf(existing)));
if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2));
log(`written to ${out}`);
for (const verdict of judgeTargets(results)) {
  console.log(`  ${verdict.met ? 'met    ' : 'MISSED '} ${verdict.target}: ${verdict.measured}`);
}
