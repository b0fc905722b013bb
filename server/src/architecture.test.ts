import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The house rules of the server's modules, checked on the source itself (STYLE.md: a meta-test that walks the
// folders and checks the conventions), so a shortcut fails here rather than in review.

const srcDir = dirname(fileURLToPath(import.meta.url));

/**
 * Each module's rank: a module may import only modules of a lower rank (imports point one way: cli and http ->
 * run -> sync, adapters, store). `sync` (the planner) imports nothing of the server's; its purity has its own test (sync/planner-purity.test.ts).
 */
const ranks: Record<string, number> = {
  sync: 1,
  security: 1,
  store: 2,
  adapters: 2,
  config: 3,
  logging: 4,
  run: 5,
  users: 6,
  alerts: 6,
  jobs: 6,
  http: 7,
  cli: 8,
};

interface SourceFile {
  path: string;
  module: string;
  text: string;
}

function sourceFiles(dir = srcDir): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) return [];
    const [module = ''] = relative(srcDir, path).split('/');
    return [{ path, module: module.endsWith('.ts') ? '(root)' : module, text: readFileSync(path, 'utf8') }];
  });
}

/** Test helpers live beside the tests (create-test-app.ts, open-temp-store.ts...): they may reach wider. */
const testSupport =
  /(^|\/)(create-test-app|open-temp-store|start-canary|test-fixtures|run-cli-in-process)\.ts$|\/golden\//;

function importsOf(file: SourceFile): string[] {
  return [...file.text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].flatMap((match) => {
    const target = relative(srcDir, resolve(dirname(file.path), match[1] ?? ''));
    const [module = ''] = target.split('/');
    return module === file.module || module.endsWith('.ts') ? [] : [module];
  });
}

describe('the server modules', () => {
  const files = sourceFiles();

  it('have a rank each, so that every folder is placed', () => {
    const modules = new Set(files.map((file) => file.module).filter((module) => module !== '(root)'));
    expect([...modules].filter((module) => !(module in ranks))).toEqual([]);
  });

  it('import only modules of a lower rank: no import points back up', () => {
    const upward = files
      .filter((file) => file.module in ranks && !testSupport.test(file.path))
      .flatMap((file) =>
        importsOf(file)
          .filter((module) => (ranks[module] ?? 0) >= (ranks[file.module] ?? 0))
          .map((module) => `${relative(srcDir, file.path)} imports ${module}`),
      );
    expect(upward).toEqual([]);
  });

  it('call the planner from one place only, and the applier from one place only', () => {
    const callers = (pattern: RegExp) =>
      files
        .filter((file) => !testSupport.test(file.path) && pattern.test(file.text))
        .map((file) => relative(srcDir, file.path));
    expect(callers(/\bplanSync\(/)).toEqual(['run/plan-scope.ts', 'sync/plan-sync.ts']);
    expect(callers(/\bapplyPlan\(/)).toEqual(['run/apply-plan.ts', 'run/sync-in-session.ts']);
  });

  it("write the store's queries once for both dialects: awaited, never SQLite's synchronous get/all/run", () => {
    // PostgreSQL's query builder has no .get(), .all() or .run() (store/store-context.ts): one of them in a
    // repository would work on SQLite and fail only on PostgreSQL.
    const synchronous = files
      .filter((file) => file.module === 'store')
      .filter((file) => /\.(get|all|run)\(\)/.test(file.text))
      .map((file) => relative(srcDir, file.path));
    expect(synchronous).toEqual([]);
  });
});
