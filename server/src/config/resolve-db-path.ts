import { isAbsolute, resolve } from 'node:path';

/**
 * Resolves STAFFSYNC_DB. `pnpm staffsync` runs the CLI with cwd = server/ (pnpm --filter), so a relative path is
 * taken from the directory the operator ran pnpm in, which pnpm passes as INIT_CWD. `:memory:` stays as it is.
 */
export function resolveDbPath(db: string, where: { initCwd?: string | undefined; cwd: string }): string {
  if (db === ':memory:' || isAbsolute(db)) return db;
  const base = where.initCwd !== undefined && where.initCwd !== '' ? where.initCwd : where.cwd;
  return resolve(base, db);
}
