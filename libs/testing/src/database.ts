import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createDb, migrate, migrationsFolder, type DbHandle } from '@trygg/db';
import postgres from 'postgres';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends DbHandle {
  /** Database name (trygg_test_…). */
  name: string;
  /** Connection URL of this suite's database, e.g. for an app under test. */
  url: string;
  /** Closes the pool and drops the database. */
  drop: () => Promise<void>;
}

/** Hash of every file under the migrations folder: a schema change means a new template. */
export function migrationsHash(folder: string = migrationsFolder): string {
  const hash = createHash('sha256');
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((entry) => {
        const path = join(dir, entry);
        return statSync(path).isDirectory() ? walk(path) : [path];
      });
  for (const file of walk(folder)) {
    hash.update(relative(folder, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function withDatabase(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

const TEST_DB_MAX_AGE_SECONDS = 6 * 60 * 60;

/**
 * Builds the migrated template once across all processes: vitest runs suites in parallel
 * worker processes, so the per-process memo below is not enough. A session advisory lock in
 * the maintenance database serialises the builders; the template is built under a temporary
 * name and renamed when complete, so a crashed build never leaves a half-migrated template.
 */
async function buildTemplate(baseUrl: string, template: string): Promise<void> {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin`select pg_advisory_lock(hashtextextended('trygg.test-template', 0))`;
    const [exists] = await admin`select 1 from pg_database where datname = ${template}`;
    if (exists) return;
    // Leftovers of builds that crashed: only lock holders create them, and we hold the lock.
    const stale = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like 'trygg\\_tpl\\_%\\_build\\_%'`;
    for (const { datname } of stale) {
      await admin.unsafe(`drop database if exists ${quote(datname)} with (force)`);
    }
    const building = `${template}_build_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(`create database ${quote(building)}`);
    const handle = createDb(withDatabase(baseUrl, building), { max: 1 });
    try {
      await migrate(handle.db);
    } finally {
      await handle.close();
    }
    await admin.unsafe(`alter database ${quote(building)} rename to ${quote(template)}`);
    await admin.unsafe(`alter database ${quote(template)} with is_template true`);
  } finally {
    await admin`select pg_advisory_unlock(hashtextextended('trygg.test-template', 0))`.catch(
      () => {},
    );
    await admin.end();
  }
}

/** Drops test databases left behind by runs that were killed (older than 6 hours). */
async function dropAbandonedTestDatabases(baseUrl: string, nowSeconds: number): Promise<void> {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like 'trygg\\_test\\_%'`;
    for (const { datname } of rows) {
      const createdSeconds = Number(datname.split('_')[2]);
      if (Number.isFinite(createdSeconds) && nowSeconds - createdSeconds > TEST_DB_MAX_AGE_SECONDS) {
        await admin.unsafe(`drop database if exists ${quote(datname)} with (force)`);
      }
    }
  } finally {
    await admin.end();
  }
}

const templates = new Map<string, Promise<string>>();

/** The name of the migrated template for the current migrations, built if missing. */
export function ensureTemplate(baseUrl: string = testDatabaseBaseUrl()): Promise<string> {
  const template = `trygg_tpl_${migrationsHash()}`;
  const memoKey = `${baseUrl} ${template}`;
  let pending = templates.get(memoKey);
  if (!pending) {
    pending = (async () => {
      await buildTemplate(baseUrl, template);
      await dropAbandonedTestDatabases(baseUrl, Math.floor(Date.now() / 1000));
      return template;
    })();
    // A failed build must not poison the process: the next suite tries again.
    pending.catch(() => templates.delete(memoKey));
    templates.set(memoKey, pending);
  }
  return pending;
}

export function testDatabaseBaseUrl(): string {
  return process.env['TEST_DATABASE_URL'] ?? DEFAULT_TEST_DATABASE_URL;
}

/**
 * A fresh, migrated database for one suite: a copy of the migrated template (~0.2–0.7 s),
 * so suites never see each other's rows. Per-suite databases, not schemas: drizzle-kit
 * writes enums into `public` explicitly.
 *
 *   let t: TestDatabase;
 *   beforeAll(async () => { t = await createTestDatabase(); });
 *   afterAll(() => t.drop());
 */
export async function createTestDatabase(
  options: { baseUrl?: string; max?: number } = {},
): Promise<TestDatabase> {
  const baseUrl = options.baseUrl ?? testDatabaseBaseUrl();
  const template = await ensureTemplate(baseUrl);
  // The creation second is in the name so abandoned databases can be recognised.
  const name = `trygg_test_${Math.floor(Date.now() / 1000)}_${randomBytes(5).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${quote(name)} template ${quote(template)}`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const url = withDatabase(baseUrl, name);
  const handle = createDb(url, { max: options.max ?? 5 });
  let dropped = false;
  return {
    ...handle,
    name,
    url,
    close: handle.close,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await handle.close();
      await admin.unsafe(`drop database if exists ${quote(name)} with (force)`);
      await admin.end();
    },
  };
}
