import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * STYLE.md 1: the planner is pure. This walks the module graph of the planner's entry points (shared/ included)
 * and fails on any import other than our own files and zod, and on any read of the clock or of randomness.
 */
const here = dirname(fileURLToPath(import.meta.url));
const sharedIndex = resolve(here, '../../../shared/src/index.ts');
const entryPoints = ['plan-sync.ts', 'drift-of.ts', 'summarise-plan.ts', 'normalise.ts'].map((file) =>
  resolve(here, file),
);
const importPattern = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gu;
const forbidden: [RegExp, string][] = [
  [/Date\.now\s*\(/u, 'Date.now()'],
  [/new Date\(\s*\)/u, 'new Date() without arguments'],
  [/Math\.random\s*\(/u, 'Math.random()'],
  [/\bprocess\./u, 'process'],
  [/\bfetch\s*\(/u, 'fetch()'],
  [/\bperformance\.now\s*\(/u, 'performance.now()'],
];

function walk(): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  const seen = new Set<string>();
  const queue = [...entryPoints];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const found: string[] = [];
    for (const match of source.matchAll(importPattern)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
      else if (specifier === '@staffsync/shared') queue.push(sharedIndex);
      else if (specifier !== 'zod') found.push(`imports ${specifier}`);
    }
    for (const [pattern, name] of forbidden) if (pattern.test(source)) found.push(`uses ${name}`);
    problems.set(file, found);
  }
  return problems;
}

describe('the planner module graph', () => {
  const graph = walk();

  it('reaches the planner, shared/ and nothing that does I/O or reads the clock', () => {
    expect([...graph.keys()].some((file) => file.endsWith('plan-sync.ts'))).toBe(true);
    expect([...graph.keys()].some((file) => file.endsWith('sync-model.ts'))).toBe(true);
    const offenders = [...graph].filter(([, found]) => found.length > 0);
    expect(offenders).toEqual([]);
  });

  it('would catch a forbidden import (the check itself works)', () => {
    const sample = "import { readFileSync } from 'node:fs';\nconst t = Date.now();";
    const specifiers = [...sample.matchAll(importPattern)].map((match) => match[1]);
    expect(specifiers).toEqual(['node:fs']);
    expect(forbidden.some(([pattern]) => pattern.test(sample))).toBe(true);
  });
});
