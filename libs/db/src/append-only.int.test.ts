import { sql as dsql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEntry, verifyAuditChain } from './queries/audit';
import { appendTimeline, timelineOfCase } from './queries/cases';
import { claimNotification, markSent, upsertNotifications } from './queries/notifications';
import { migratedDatabase } from './test/fresh-database';
import { seedCase } from './test/seed';

type Migrated = Awaited<ReturnType<typeof migratedDatabase>>;

describe('append-only tables', () => {
  let t: Migrated;
  let world: Awaited<ReturnType<typeof seedCase>>;
  beforeAll(async () => {
    t = await migratedDatabase();
    world = await seedCase(t.db);
  });
  afterAll(async () => t?.drop());

  it('case_timeline accepts inserts and refuses UPDATE, DELETE and TRUNCATE', async () => {
    const entry = await appendTimeline(t.db, {
      caseId: world.kase.id,
      at: new Date('2026-11-02T08:00:00Z'),
      actorId: world.principal.id,
      kind: 'report.registered',
      payload: { reportId: 'r1' },
    });
    await expect(
      t.sql`update case_timeline set kind = 'edited' where id = ${entry.id}`,
    ).rejects.toMatchObject({ code: '23001', message: expect.stringContaining('append-only') });
    await expect(t.sql`delete from case_timeline where id = ${entry.id}`).rejects.toMatchObject({
      code: '23001',
    });
    await expect(t.sql`truncate case_timeline`).rejects.toMatchObject({ code: '23001' });
    expect(await timelineOfCase(t.db, world.kase.id)).toEqual([entry]);
  });

  it('a sent ledger row is frozen and no ledger row can be deleted', async () => {
    const [row] = await upsertNotifications(t.db, [
      {
        subjectKey: 'case:x:frozen',
        recipientId: world.principal.id,
        step: 'on-day',
        kind: 'reminder',
        sendAfter: new Date('2026-11-02T06:30:00Z'),
      },
    ]);
    const now = new Date('2026-11-02T07:00:00Z');
    await claimNotification(t.db, row!.id, now);
    await markSent(t.db, row!.id, '<frozen@trygg>', now);
    await expect(
      t.sql`update notifications set sent_at = null where id = ${row!.id}`,
    ).rejects.toMatchObject({ code: '23001' });
    await expect(t.sql`delete from notifications where id = ${row!.id}`).rejects.toMatchObject({
      code: '23001',
    });
  });

  it('the audit log chains entries, refuses edits, and an edit behind its back is detected', async () => {
    for (let i = 0; i < 3; i += 1) {
      await appendAuditEntry(t.db, {
        at: new Date(Date.UTC(2026, 10, 2, 8, i)),
        actorId: world.principal.id,
        action: 'case.read',
        entityType: 'case',
        entityId: world.kase.id,
        schoolId: world.school.id,
        details: { z: 1, a: { y: [1, 'b'], x: null }, when: new Date('2026-11-02T08:00:00Z') },
      });
    }
    expect(await verifyAuditChain(t.db)).toBeNull();
    await expect(t.sql`update audit_log set action = 'case.write'`).rejects.toMatchObject({
      code: '23001',
    });
    // A superuser can switch the trigger off; the chain still tells.
    await t.db.transaction(async (tx) => {
      await tx.execute(dsql`alter table audit_log disable trigger audit_log_append_only`);
      await tx.execute(dsql`update audit_log set action = 'case.write' where seq = 2`);
      await tx.execute(dsql`alter table audit_log enable trigger audit_log_append_only`);
    });
    expect(await verifyAuditChain(t.db)).toBe(2);
  });

  it('concurrent audit appends still form one chain', async () => {
    const other = t.connect(4);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        appendAuditEntry(i % 2 ? t.db : other.db, {
          at: new Date(Date.UTC(2026, 10, 3, 8, i)),
          actorId: null,
          action: 'case.read',
          entityType: 'case',
        }),
      ),
    );
    const rows = await t.sql<{ prev_hash: string }[]>`select prev_hash from audit_log`;
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
  });
});
