// Test support for this library's own integration tests. (Other suites use
// @trygg/testing's createTestDatabase, which copies a migrated template; @trygg/db cannot
// depend on @trygg/testing without a cycle, and these tests want unmigrated databases anyway.)
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type DbHandle } from '../client';
import { migrate } from '../migrate';

const baseUrl = () =>
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface FreshDatabase {
  url: string;
  /** Opens another pool on the same database (closed by drop()). */
  connect: (max?: number) => DbHandle;
  drop: () => Promise<void>;
}

/** An empty database (no migrations applied) with a random name. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const name = `trygg_dbtest_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = postgres(baseUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(baseUrl());
  url.pathname = `/${name}`;
  const handles: DbHandle[] = [];
  return {
    url: url.toString(),
    connect: (max = 4) => {
      const handle = createDb(url.toString(), { max });
      handles.push(handle);
      return handle;
    },
    drop: async () => {
      await Promise.all(handles.map((h) => h.close()));
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** A fresh, migrated database and one pool on it. */
export async function migratedDatabase(): Promise<FreshDatabase & DbHandle> {
  const fresh = await freshDatabase();
  const handle = fresh.connect();
  await migrate(handle.db);
  return { ...fresh, ...handle };
}
