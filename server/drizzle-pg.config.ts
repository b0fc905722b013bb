import { defineConfig } from 'drizzle-kit';

// The PostgreSQL dialect's migrations (STAFFSYNC_DATABASE_URL=postgres://...); drizzle.config.ts has SQLite's.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/pg-schema.ts',
  out: './drizzle-pg',
});
