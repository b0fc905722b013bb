import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A dialect's migrations (server/drizzle for SQLite, server/drizzle-pg for PostgreSQL), seen from this file
 * (src/store/) or from the built CLI (dist/staffsync.mjs, scripts/build-cli.mjs).
 */
export function migrationsFolder(name: 'drizzle' | 'drizzle-pg'): string {
  const folder = [`../../${name}`, `../${name}`]
    .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
    .find((candidate) => existsSync(join(candidate, 'meta', '_journal.json')));
  if (folder === undefined) throw new Error(`the database migrations (server/${name}) were not found`);
  return folder;
}
