import { createInterface } from 'node:readline';

/** Reads `prompts.length` lines from a piped stdin (the prompts name them in the error when stdin ends early). */
export async function readLines(stdin: NodeJS.ReadableStream, prompts: string[]): Promise<string[]> {
  const lines = createInterface({ input: stdin, terminal: false });
  const iterator = lines[Symbol.asyncIterator]();
  const answers: string[] = [];
  try {
    for (const prompt of prompts) {
      const next = await iterator.next();
      if (next.done) throw new Error(`stdin ended before "${prompt}" was given`);
      answers.push(String(next.value).trim());
    }
  } finally {
    lines.close();
  }
  return answers;
}
