import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrationsFolder } from './migrate';
import { freshDatabase, type FreshDatabase } from './test/fresh-database';

const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
  entries: unknown[];
};

describe('migrate', () => {
  let fresh: FreshDatabase | undefined;
  afterEach(async () => {
    await fresh?.drop();
    fresh = undefined;
  });

  it('applies every committed migration once, then nothing', async () => {
    fresh = await freshDatabase();
    const { db, sql } = fresh.connect();
    expect(await migrate(db)).toEqual({ applied: journal.entries.length });
    expect(await migrate(db)).toEqual({ applied: 0 });
    const tables = await sql<{ name: string }[]>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' order by 1`;
    expect(tables.map((t) => t.name)).toEqual([
      'acknowledgements',
      'audit_log',
      'case_counters',
      'case_external_bodies',
      'case_timeline',
      'cases',
      'deadlines',
      'digest_runs',
      'evaluation_measures',
      'evaluations',
      'investigation_assessments',
      'investigation_conclusions',
      'investigation_step_pupils',
      'investigation_steps',
      'non_school_days',
      'notifications',
      'people',
      'plan_measure_responsible',
      'plan_measures',
      'plan_parent_proposals',
      'plan_versions',
      'pupil_conversations',
      'pupils',
      'reports',
      'roles',
      'school_owners',
      'schools',
      'sessions',
    ]);
  });

  it('two concurrent migrations (api and worker starting together) both succeed', async () => {
    fresh = await freshDatabase();
    const api = fresh.connect(2);
    const worker = fresh.connect(2);
    const results = await Promise.all([migrate(api.db), migrate(worker.db)]);
    expect(results.map((r) => r.applied).sort()).toEqual([0, journal.entries.length]);
    const [bookkeeping] = await api.sql<{ n: number }[]>`
      select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(bookkeeping?.n).toBe(journal.entries.length);
    const [ledger] = await api.sql<{ n: number }[]>`
      select count(*)::int as n from pg_tables where tablename = 'notifications'`;
    expect(ledger?.n).toBe(1);
  });

  it('the CLI migrates the database named by DATABASE_URL', async () => {
    fresh = await freshDatabase();
    const cli = fileURLToPath(new URL('./cli/migrate.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
    const run = () =>
      promisify(execFile)(tsx, [cli], { env: { ...process.env, DATABASE_URL: fresh!.url } });
    expect((await run()).stdout).toContain(`Applied ${journal.entries.length} migration(s).`);
    expect((await run()).stdout).toContain('Database is up to date.');
  }, 90_000);

  it('the CLI refuses to run without DATABASE_URL', async () => {
    const cli = fileURLToPath(new URL('./cli/migrate.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
    const env = { ...process.env };
    delete env['DATABASE_URL'];
    await expect(promisify(execFile)(tsx, [cli], { env })).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
