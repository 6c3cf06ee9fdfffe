import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql as dsql, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, resolveAppRole } from './app-role';
import { createDb, type DbHandle } from './client';
import { createEmbeddedDb } from './embedded';
import { migrate } from './migrate';
import { appendAuditEntry, verifyAuditChain } from './queries/audit';
import { cases } from './schema';
import { migratedDatabase } from './test/fresh-database';
import { seedCase } from './test/seed';

type Migrated = Awaited<ReturnType<typeof migratedDatabase>>;

/** The SQLSTATE of a postgres.js error (drizzle wraps it in `cause`). */
const stateOf = (error: unknown): string | undefined => {
  for (let e: any = error; e; e = e.cause) if (typeof e.code === 'string') return e.code;
  return undefined;
};
const failsWith = async (run: () => Promise<unknown>): Promise<string | undefined> => {
  try {
    await run();
  } catch (error) {
    return stateOf(error);
  }
  return undefined;
};

describe(`the application role (${APP_ROLE}, migration 0005)`, () => {
  let t: Migrated;
  let app: DbHandle;
  let world: Awaited<ReturnType<typeof seedCase>>;
  beforeAll(async () => {
    t = await migratedDatabase();
    world = await seedCase(t.db);
    app = createDb(t.url, { max: 2, role: APP_ROLE });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('is what the connections act as', async () => {
    const [row] = await app.sql<{ current_user: string; session_user: string }[]>`select current_user, session_user`;
    expect(row).toEqual({ current_user: APP_ROLE, session_user: 'postgres' });
    // RESET ROLE goes back to the start-up role, not to the superuser behind it.
    await app.sql.begin(async (tx) => {
      await tx`reset role`;
      const [after] = await tx<{ current_user: string }[]>`select current_user`;
      expect(after!.current_user).toBe(APP_ROLE);
    });
  });

  it('may read and append the audit log, never UPDATE, DELETE or TRUNCATE it (permission, before the trigger)', async () => {
    await appendAuditEntry(app.db, { at: new Date('2026-04-13T07:00:00Z'), actorId: null, action: 'case.read', entityType: 'case' });
    await appendAuditEntry(app.db, { at: new Date('2026-04-13T07:01:00Z'), actorId: null, action: 'case.write', entityType: 'case' });
    expect(await verifyAuditChain(app.db)).toBeNull();
    // 42501 insufficient_privilege — the trigger (restrict_violation, 23001) is not even reached.
    expect(await failsWith(() => app.sql`update audit_log set action = 'x'`)).toBe('42501');
    expect(await failsWith(() => app.sql`delete from audit_log`)).toBe('42501');
    expect(await failsWith(() => app.sql`truncate audit_log`)).toBe('42501');
    expect(await failsWith(() => app.sql`alter table audit_log disable trigger audit_log_append_only`)).toBe('42501');
    // The superuser behind the role meets the trigger instead.
    expect(await failsWith(() => t.sql`update audit_log set action = 'x'`)).toBe('23001');
    const [n] = await t.sql<{ n: number }[]>`select count(*)::int as n from audit_log`;
    expect(n!.n).toBe(2);
  });

  it('has the normal rights on every other table and sequence, and no DDL', async () => {
    const missing = await t.sql<{ table_name: string; privilege: string }[]>`
      select c.relname as table_name, p.privilege
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      cross join (values ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE')) as p(privilege)
      where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'audit_log'
        and not has_table_privilege(${APP_ROLE}, c.oid, p.privilege)`;
    expect(missing).toEqual([]);
    const sequences = await t.sql<{ sequencename: string }[]>`
      select sequencename from pg_sequences
      where schemaname = 'public' and not has_sequence_privilege(${APP_ROLE}, format('%I.%I', schemaname, sequencename), 'USAGE')`;
    expect(sequences).toEqual([]);
    // Writes as usual (the case row of the seed).
    await app.db.update(cases).set({ serious: true, seriousMarkedAt: new Date() }).where(eq(cases.id, world.kase.id));
    expect(await failsWith(() => app.sql`create table app_may_not (x int)`)).toBe('42501');
    expect(await failsWith(() => app.sql`truncate cases cascade`)).toBe('42501');
  });

  it('grants tables that later migrations create (default privileges of the migrating role)', async () => {
    await t.db.execute(dsql`create table later_table (id int primary key)`);
    try {
      await app.sql`insert into later_table values (1)`;
      await app.sql`update later_table set id = 2`;
      await app.sql`delete from later_table`;
    } finally {
      await t.db.execute(dsql`drop table later_table`);
    }
  });

  it('resolves DATABASE_APP_ROLE: the role by default, none when turned off, an error for a role that is not there', async () => {
    expect((await resolveAppRole(t.db, undefined)).role).toBe(APP_ROLE);
    expect((await resolveAppRole(t.db, 'trygg_app')).role).toBe(APP_ROLE);
    expect(await resolveAppRole(t.db, 'none')).toMatchObject({ role: null });
    await expect(resolveAppRole(t.db, 'trygg_nobody')).rejects.toThrow(/trygg_nobody does not exist/);
    await expect(resolveAppRole(t.db, 'x; drop table cases')).rejects.toThrow(/not a role name/);
  });

  it('migrates a second database in the same cluster (the role exists already)', async () => {
    const second = await migratedDatabase();
    try {
      expect((await resolveAppRole(second.db, undefined)).role).toBe(APP_ROLE);
    } finally {
      await second.drop();
    }
  });
});

describe('PGlite (embedded mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trygg-pglite-role-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('applies migration 0005, and the app does not switch roles on the shared session', async () => {
    const embedded = await createEmbeddedDb(dir);
    try {
      await migrate(embedded.db);
      const resolved = await resolveAppRole(embedded.db, undefined);
      expect(resolved.role).toBeNull();
      expect(resolved.note).toMatch(/PGlite/);
      // The grants are there all the same: a session that does take the role is refused.
      await embedded.db.execute(dsql`set role trygg_app`);
      const refused = await embedded.db.execute(dsql`delete from audit_log`).then(
        () => null,
        (error: { cause?: { message?: string } }) => error.cause?.message ?? String(error),
      );
      expect(refused).toMatch(/permission denied/);
      await embedded.db.execute(dsql`reset role`);
    } finally {
      await embedded.close();
    }
  }, 120_000); // PGlite starts in 3–9 s alone; far slower when every suite runs at once on 2 cores
});
