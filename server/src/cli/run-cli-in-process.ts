import { PassThrough, Writable } from 'node:stream';
import { runCli } from './run-cli.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The CLI run in this process, as `main` would run it, with captured output and `input` as stdin: for tests of the
 * commands that need no vendor (tokens, keys). Integration tests spawn the real process instead.
 */
export async function runCliInProcess(
  args: string[],
  env: Record<string, string>,
  input = '',
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const stdin = new PassThrough();
  stdin.end(input);
  const code = await runCli(args, {
    env,
    cwd: process.cwd(),
    stdout: sink((text) => {
      stdout += text;
    }),
    stderr: sink((text) => {
      stderr += text;
    }),
    stdin,
    shutdown: new AbortController().signal,
  });
  return { code, stdout, stderr };
}
