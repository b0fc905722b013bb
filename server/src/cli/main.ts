import { runCli } from './run-cli.ts';

// `pnpm staffsync <command>` (PRODUCT.md 4.1). The only place that touches the process: signals, streams, exit.
const shutdown = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => shutdown.abort());
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
