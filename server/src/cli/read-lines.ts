import { createInterface } from 'node:readline';

/**
 * Reads `prompts.length` lines from stdin, prompting on stderr when stdin is a terminal. For API keys, so they
 * stay out of shell history and process listings.
 */
export async function readLines(
  stdin: NodeJS.ReadableStream & { isTTY?: boolean },
  stderr: NodeJS.WritableStream,
  prompts: string[],
): Promise<string[]> {
  const lines = createInterface({ input: stdin, terminal: false });
  const iterator = lines[Symbol.asyncIterator]();
  const answers: string[] = [];
  try {
    for (const prompt of prompts) {
      if (stdin.isTTY) stderr.write(`${prompt}: `);
      const next = await iterator.next();
      if (next.done) throw new Error(`stdin ended before "${prompt}" was given`);
      answers.push(String(next.value).trim());
    }
  } finally {
    lines.close();
  }
  return answers;
}
