import { runCli } from './run-cli.ts';
import { tuneHeap } from './tune-heap.ts';

// `pnpm staffsync <command>` (PRODUCT.md 4.1). The only place that touches the process: signals, streams, exit.
tuneHeap();
const shutdown = new AbortController();
const command = process.argv[2];
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second signal, or any signal to a one-off command, ends the process now: a run it leaves `running` is
    // abandoned by the next start, which sees that its process is gone. `serve` and `worker` stop gracefully on the
    // first.
    if (shutdown.signal.aborted || (command !== 'serve' && command !== 'worker')) process.exit(130);
    shutdown.abort();
  });
}

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  shutdown: shutdown.signal,
});
// Exit once stdout has drained: idle keep-alive sockets to the vendors would otherwise hold the process open.
process.stdout.write('', () => process.exit(code));
