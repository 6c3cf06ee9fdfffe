import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acknowledge,
  completeDigestRun,
  createAcknowledgement,
  isAcknowledged,
  startDigestRun,
} from './queries/acknowledgements';
import { upsertNotifications } from './queries/notifications';
import { migratedDatabase } from './test/fresh-database';
import { seedCase } from './test/seed';

type Migrated = Awaited<ReturnType<typeof migratedDatabase>>;
const at = (iso: string) => new Date(iso);
const sha = (token: string) => createHash('sha256').update(token).digest('hex');

describe('acknowledgements and digest runs', () => {
  let t: Migrated;
  let world: Awaited<ReturnType<typeof seedCase>>;
  beforeAll(async () => {
    t = await migratedDatabase();
    world = await seedCase(t.db);
  });
  afterAll(async () => t?.drop());

  it('a notice is acknowledged once, by either recipient, through the token hash', async () => {
    const subjectKey = `case:${world.kase.id}:serious-notice`;
    const [toOwner, toSecond] = await upsertNotifications(t.db, [
      { subjectKey, recipientId: world.principal.id, step: 'notice', kind: 'serious', sendAfter: at('2026-11-02T08:00:00Z') },
      { subjectKey, recipientId: world.leader.id, step: 'resend-second', kind: 'serious', sendAfter: at('2026-11-03T08:00:00Z') },
    ]);
    await createAcknowledgement(t.db, { notificationId: toOwner!.id, subjectKey, personId: world.principal.id, tokenHash: sha('t1') });
    await createAcknowledgement(t.db, { notificationId: toSecond!.id, subjectKey, personId: world.leader.id, tokenHash: sha('t2') });
    expect(await isAcknowledged(t.db, subjectKey)).toBe(false);

    const first = await acknowledge(t.db, sha('t2'), at('2026-11-03T09:00:00Z'));
    expect(first).toMatchObject({ firstTime: true, acknowledgement: { personId: world.leader.id } });
    const again = await acknowledge(t.db, sha('t2'), at('2026-11-03T10:00:00Z'));
    expect(again).toMatchObject({ firstTime: false, acknowledgement: { acknowledgedAt: at('2026-11-03T09:00:00Z') } });
    expect(await acknowledge(t.db, sha('unknown'), at('2026-11-03T10:00:00Z'))).toBeNull();
    expect(await isAcknowledged(t.db, subjectKey)).toBe(true);
  });

  it('one digest run per owner and ISO week, whoever ticks first', async () => {
    const now = at('2026-11-16T06:00:00Z');
    const runs = await Promise.all(
      Array.from({ length: 5 }, () => startDigestRun(t.db, world.owner.id, '2026-W47', now)),
    );
    const started = runs.filter((r) => r !== null);
    expect(started).toHaveLength(1);
    await completeDigestRun(t.db, started[0]!.id, { schools: 1 }, at('2026-11-16T06:00:05Z'));
    expect(await startDigestRun(t.db, world.owner.id, '2026-W47', now)).toBeNull();
    expect(await startDigestRun(t.db, world.owner.id, '2026-W48', now)).not.toBeNull();
    await expect(startDigestRun(t.db, world.owner.id, '2026-47', now)).rejects.toThrow();
  });
});
