import { getTableConfig as pgTableConfig } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as pgSchema from './pg-schema.ts';
import * as sqliteSchema from './schema.ts';

// The repositories are written once and run on either dialect (store-context.ts): that holds only while both schemas
// describe the same tables, columns, indexes and row types.

type Tables = typeof sqliteSchema;
const sqliteTables: Tables = { ...sqliteSchema };
const pgTables: typeof pgSchema = { ...pgSchema };
const names = Object.keys(sqliteTables) as (keyof Tables)[];

function shapeOf(config: {
  name: string;
  columns: { name: string; notNull: boolean; hasDefault: boolean; primary: boolean }[];
  indexes: { config: { name?: string; unique?: boolean } }[];
}) {
  return {
    name: config.name,
    columns: config.columns.map((c) => ({
      name: c.name,
      notNull: c.notNull,
      hasDefault: c.hasDefault,
      primary: c.primary,
    })),
    indexes: config.indexes.map((i) => ({ name: i.config.name, unique: i.config.unique ?? false })),
  };
}

describe('the two schemas', () => {
  it('have the same tables', () => {
    expect(Object.keys(pgTables).sort()).toEqual([...names].sort());
  });

  it.each(names)('give %s the same columns and indexes', (name) => {
    expect(shapeOf(pgTableConfig(pgTables[name]))).toEqual(shapeOf(sqliteTableConfig(sqliteTables[name])));
  });

  it('give every table the same row type (checked by pnpm typecheck)', () => {
    expectTypeOf<(typeof pgSchema)['connections']['$inferSelect']>().toEqualTypeOf<
      Tables['connections']['$inferSelect']
    >();
    expectTypeOf<(typeof pgSchema)['links']['$inferSelect']>().toEqualTypeOf<
      Tables['links']['$inferSelect']
    >();
    expectTypeOf<(typeof pgSchema)['runs']['$inferSelect']>().toEqualTypeOf<Tables['runs']['$inferSelect']>();
    expectTypeOf<(typeof pgSchema)['runItems']['$inferSelect']>().toEqualTypeOf<
      Tables['runItems']['$inferSelect']
    >();
    expectTypeOf<(typeof pgSchema)['createIntents']['$inferSelect']>().toEqualTypeOf<
      Tables['createIntents']['$inferSelect']
    >();
    expectTypeOf<(typeof pgSchema)['heldLeavers']['$inferSelect']>().toEqualTypeOf<
      Tables['heldLeavers']['$inferSelect']
    >();
    expectTypeOf<(typeof pgSchema)['apiTokens']['$inferSelect']>().toEqualTypeOf<
      Tables['apiTokens']['$inferSelect']
    >();
    expectTypeOf<(typeof pgSchema)['storeMeta']['$inferSelect']>().toEqualTypeOf<
      Tables['storeMeta']['$inferSelect']
    >();
    expectTypeOf<(typeof pgSchema)['runs']['$inferInsert']>().toEqualTypeOf<Tables['runs']['$inferInsert']>();
    expectTypeOf<(typeof pgSchema)['runItems']['$inferInsert']>().toEqualTypeOf<
      Tables['runItems']['$inferInsert']
    >();
  });
});
