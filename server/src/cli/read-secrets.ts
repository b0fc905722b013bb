import { read } from 'read';
import { readLines } from './read-lines.ts';

/**
 * Reads one secret per prompt from stdin (PRODUCT.md 4.3: vendor keys never come from the command line, where `ps`
 * and shell history would keep them). On a terminal each is asked for without echo (the `read` package mutes the
 * output while it is typed); piped in, they are read one per line.
 */
export async function readSecrets(
  stdin: NodeJS.ReadableStream & { isTTY?: boolean },
  stderr: NodeJS.WritableStream & { isTTY?: boolean },
  prompts: string[],
): Promise<string[]> {
  if (!stdin.isTTY) return readLines(stdin, prompts);
  const answers: string[] = [];
  for (const prompt of prompts) {
    // terminal: true puts the terminal in raw mode even when stderr is piped, so a typed key is never echoed.
    const answer = await read({
      prompt: `${prompt}:`,
      silent: true,
      replace: '',
      terminal: true,
      input: stdin,
      output: stderr,
    });
    answers.push(answer.trim());
  }
  return answers;
}
