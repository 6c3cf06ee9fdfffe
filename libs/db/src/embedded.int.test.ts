import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmbeddedDb } from './embedded';
import { migrate } from './migrate';
import { appendTimeline } from './queries/cases';
import { claimNotification, markSent, upsertNotifications } from './queries/notifications';
import { seedCase } from './test/seed';

describe('PGlite (no DATABASE_URL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trygg-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the same migrations, triggers and ledger queries, and keeps data in its directory', async () => {
    const first = await createEmbeddedDb(dir);
    try {
      expect((await migrate(first.db)).applied).toBeGreaterThan(0);
      const world = await seedCase(first.db);
      const entry = await appendTimeline(first.db, {
        caseId: world.kase.id,
        at: new Date('2026-11-02T08:00:00Z'),
        actorId: null,
        kind: 'case.opened',
      });
      await expect(
        first.db.execute(sql`delete from case_timeline where id = ${entry.id}`),
      ).rejects.toThrow();
      const [row] = await upsertNotifications(first.db, [
        {
          subjectKey: 'k',
          recipientId: world.principal.id,
          step: 'on-day',
          kind: 'reminder',
          sendAfter: new Date('2026-11-02T06:30:00Z'),
        },
      ]);
      const now = new Date('2026-11-02T07:00:00Z');
      expect(await claimNotification(first.db, row!.id, now)).not.toBeNull();
      expect(await claimNotification(first.db, row!.id, now)).toBeNull();
      expect(await markSent(first.db, row!.id, '<p@trygg>', now)).toBe(true);
    } finally {
      await first.close();
    }
    const again = await createEmbeddedDb(dir);
    try {
      expect(await migrate(again.db)).toEqual({ applied: 0 });
      const result = await again.client.query<{ n: number }>(
        'select count(*)::int as n from notifications where sent_at is not null',
      );
      expect(result.rows[0]?.n).toBe(1);
    } finally {
      await again.close();
    }
  }, 120_000);
});
