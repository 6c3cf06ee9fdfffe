import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEntry, type Db } from '@trygg/db';
import { createTestDatabase, type TestDatabase } from '@trygg/testing';
import { verifyAuditLog } from './verify';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/** Runs the CLI as an operator would; resolves with the exit code and what it printed. */
async function runCli(url: string): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, ['tools/audit-verify/cli.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

async function appendSome(db: Db, n: number): Promise<void> {
  for (let i = 1; i <= n; i += 1) {
    await appendAuditEntry(db, {
      at: new Date(Date.UTC(2026, 3, 13, 7, i)),
      actorId: null,
      action: i % 2 ? 'case.read' : 'case.acknowledge',
      entityType: 'case',
      entityId: `00000000-0000-4000-8000-00000000000${i}`,
      requestId: `req-${i}`,
      details: { roles: ['principal'], n: i },
    });
  }
}

/** What someone with the database's superuser might do: switch the trigger off and change the log. */
async function tamper(db: Db, statement: ReturnType<typeof sql>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

describe('audit-verify', () => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.drop();
    t = undefined;
  });

  it('says the log is intact (exit 0) and prints the head to keep elsewhere', async () => {
    t = await createTestDatabase();
    await appendSome(t.db, 5);
    const run = await runCli(t.url);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^audit log intact: 5 entries/);
    expect(run.out).toMatch(/last intact entry: seq 5, hash [0-9a-f]{64}/);
  });

  it('names an entry whose contents were changed behind the trigger (exit 1)', async () => {
    t = await createTestDatabase();
    await appendSome(t.db, 5);
    await tamper(t.db, sql`update audit_log set actor_id = null, details = '{"roles":["admin"]}' where seq = 3`);
    const run = await runCli(t.url);
    expect(run.code).toBe(1);
    expect(run.err).toContain('ALTERED: entry 3 (2026-04-13T07:03:00.000Z case.read case 00000000-0000-4000-8000-000000000003');
    expect(run.err).toContain('request req-3) — its contents no longer match its hash');
    expect(run.err).toContain('checked 3 entries; last intact entry: seq 2');
  });

  it('names the entry after one that was removed (its link breaks)', async () => {
    t = await createTestDatabase();
    await appendSome(t.db, 6);
    await tamper(t.db, sql`delete from audit_log where seq = 4`);
    const run = await runCli(t.url);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^ALTERED: entry 5 \(.*\) is not chained to entry 3 — entry 3 was changed and given a new hash, or entries between 3 and 5 were removed/);
  });

  it('walks a long log in pages', async () => {
    t = await createTestDatabase();
    await appendSome(t.db, 7);
    expect(await verifyAuditLog(t.db, { pageSize: 2 })).toMatchObject({ checked: 7, broken: null, head: { seq: 7 } });
    await tamper(t.db, sql`update audit_log set at = at + interval '1 second' where seq = 6`);
    const report = await verifyAuditLog(t.db, { pageSize: 2 });
    expect(report).toMatchObject({ checked: 6, head: { seq: 5 }, broken: { problem: 'edited', entry: { seq: 6 }, previous: { seq: 5 } } });
  });

  it('exits 2 when it cannot read the log', async () => {
    const run = await runCli('postgres://postgres@127.0.0.1:5432/trygg_no_such_database');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/could not read the audit log/);
  });
});
