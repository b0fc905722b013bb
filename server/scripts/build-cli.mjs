// Builds the CLI that `pnpm staffsync` runs: one ES module, dist/staffsync.mjs, from src/cli/main.ts and the
// shared package, with the npm dependencies left as imports. Run as compiled JavaScript, the CLI starts without
// tsx's compiler and loader thread (about 55 MB of a sync's memory, and its start-up time). Every `pnpm staffsync`
// builds first (about half a second), so the CLI is never older than its source; the file is replaced in one
// rename, so a CLI starting meanwhile reads the old build or the new one, never half of one.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// The workspace's own TypeScript is compiled in; everything from npm stays an import (native modules, workers).
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@staffsync/'));
const out = `${root}dist/staffsync.mjs`;

export async function buildCli({ entry = 'src/cli/main.ts', outfile = out } = {}) {
  const result = await build({
    entryPoints: [`${root}${entry}`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    keepNames: true,
    write: false,
    logLevel: 'warning',
  });
  const [file] = result.outputFiles;
  // dist/ is not in git: a fresh checkout has none.
  mkdirSync(dirname(outfile), { recursive: true });
  const partial = `${outfile}.${process.pid}.partial`;
  writeFileSync(partial, file.contents);
  renameSync(partial, outfile);
  return outfile;
}

// `node scripts/build-cli.mjs [ENTRY OUTFILE]`, paths from server/: another entry (the benchmark's child process)
// built the same way, so that what is measured runs as the CLI does.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [entry, outfile] = process.argv.slice(2);
  await buildCli(entry && outfile ? { entry, outfile: `${root}${outfile}` } : {});
}
