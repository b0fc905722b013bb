import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewConnection } from './connections-repo.ts';
import { openStore, type Store, type StoreOptions } from './open-store.ts';

/** A fixed test key (64 hex characters), so tests need no key file unless they test one. */
export const testSecret = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

/** A clock that stands still until told to move. */
export interface ManualClock {
  now: () => Date;
  advance(ms: number): void;
}

export function manualClock(start = '2026-11-25T04:00:00.000Z'): ManualClock {
  let at = Date.parse(start);
  return {
    now: () => new Date(at),
    advance(ms) {
      at += ms;
    },
  };
}

export interface TempStore {
  store: Store;
  file: string;
  dir: string;
  clock: ManualClock;
  /** Closes the store and opens the same file again with the same options. */
  reopen(overrides?: Partial<StoreOptions>): Store;
  /** Closes the store and removes the folder. */
  cleanup(): void;
}

/** A store on a fresh SQLite file under the OS temp folder, for tests of the store and of its callers. */
export function openTempStore(options: Partial<StoreOptions> = {}): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'staffsync-store-'));
  const file = join(dir, 'data', 'staffsync.db');
  const clock = manualClock();
  // Key files, when a test asks for one (secret: undefined), stay inside the temporary folder, apart from the database.
  const base: StoreOptions = {
    file,
    secret: testSecret,
    keyDir: join(dir, 'keys'),
    now: clock.now,
    ...options,
  };
  const temp: TempStore = {
    store: openStore(base),
    file,
    dir,
    clock,
    reopen(overrides = {}) {
      temp.store.close();
      temp.store = openStore({ ...base, ...overrides });
      return temp.store;
    },
    cleanup() {
      temp.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return temp;
}

/** Connection input with recognisable fake keys, for tests that need a connection row. */
export function testConnection(overrides: Partial<NewConnection> = {}): NewConnection {
  return {
    name: 'Acme',
    staffology: { baseUrl: 'http://127.0.0.1:4010', employerId: 'emp-1', apiKey: 'staffology-key-7f3a9c' },
    expensein: { baseUrl: 'http://127.0.0.1:4020', apiKey: 'expensein-key-b81e44' },
    source: 'api',
    ...overrides,
  };
}
