import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimNotification,
  dueNotifications,
  getNotification,
  giveUpExhaustedNotifications,
  markFailed,
  MAX_NOTIFICATION_ATTEMPTS,
  markSent,
  notificationsForSubject,
  replaceDeadlineNotifications,
  upsertNotifications,
  type WantedNotification,
} from './queries/notifications';
import { notifications } from './schema';
import { migratedDatabase } from './test/fresh-database';
import { seedCase } from './test/seed';

type Migrated = Awaited<ReturnType<typeof migratedDatabase>>;

const at = (iso: string) => new Date(iso);
let keySeq = 0;
const newKey = () => `case:test:deadline-${(keySeq += 1)}`;

describe('the notification ledger', () => {
  let t: Migrated;
  let world: Awaited<ReturnType<typeof seedCase>>;
  const wanted = (over: Partial<WantedNotification> = {}): WantedNotification => ({
    subjectKey: 'unset',
    recipientId: world.principal.id,
    step: 'on-day',
    kind: 'deadline.reminder',
    sendAfter: at('2026-11-03T06:30:00Z'),
    caseId: world.kase.id,
    schoolId: world.school.id,
    ...over,
  });
  beforeAll(async () => {
    t = await migratedDatabase();
    world = await seedCase(t.db);
  });
  afterAll(async () => t?.drop());

  it('(what, whom, step) is unique', async () => {
    const row = wanted({ subjectKey: newKey() });
    await t.db.insert(notifications).values(row);
    await expect(t.db.insert(notifications).values(row)).rejects.toMatchObject({
      cause: expect.objectContaining({ code: '23505' }),
    });
    // The same step for another recipient, or another step, is another message.
    await t.db.insert(notifications).values({ ...row, recipientId: world.leader.id });
    await t.db.insert(notifications).values({ ...row, step: 'remind-3d' });
    expect(await notificationsForSubject(t.db, row.subjectKey)).toHaveLength(3);
  });

  it('upsertNotifications is idempotent and moves an unsent row', async () => {
    const subjectKey = newKey();
    const [first] = await upsertNotifications(t.db, [wanted({ subjectKey })]);
    const [again] = await upsertNotifications(t.db, [
      wanted({ subjectKey, sendAfter: at('2026-11-04T06:30:00Z') }),
    ]);
    expect(again!.id).toBe(first!.id);
    expect(again!.sendAfter).toEqual(at('2026-11-04T06:30:00Z'));
    expect(await notificationsForSubject(t.db, subjectKey)).toHaveLength(1);
  });

  it('upsertNotifications leaves sent and claimed rows alone', async () => {
    const subjectKey = newKey();
    const [sent, claimed] = await upsertNotifications(t.db, [
      wanted({ subjectKey, step: 'on-day' }),
      wanted({ subjectKey, step: 'remind-3d' }),
    ]);
    const now = at('2026-11-03T07:00:00Z');
    await claimNotification(t.db, sent!.id, now);
    await markSent(t.db, sent!.id, '<a@trygg>', now);
    await claimNotification(t.db, claimed!.id, now);
    const changed = await upsertNotifications(t.db, [
      wanted({ subjectKey, step: 'on-day', sendAfter: at('2026-11-10T06:30:00Z') }),
      wanted({ subjectKey, step: 'remind-3d', sendAfter: at('2026-11-10T06:30:00Z') }),
    ]);
    expect(changed).toEqual([]);
    expect((await getNotification(t.db, sent!.id))!.sendAfter).toEqual(sent!.sendAfter);
    expect((await getNotification(t.db, claimed!.id))!.sendAfter).toEqual(claimed!.sendAfter);
  });

  it('refuses the same key twice in one call', async () => {
    const row = wanted({ subjectKey: newKey() });
    await expect(upsertNotifications(t.db, [row, row])).rejects.toThrow(/appears twice/);
  });

  describe('claimNotification', () => {
    it('gives a due row to one caller; attempts count; a second claim inside the lease loses', async () => {
      const [row] = await upsertNotifications(t.db, [wanted({ subjectKey: newKey() })]);
      const now = at('2026-11-03T07:00:00Z');
      const claimed = await claimNotification(t.db, row!.id, now);
      expect(claimed).toMatchObject({ id: row!.id, attempts: 1, claimedAt: now });
      expect(claimed!.claimToken).toMatch(/^[0-9a-f-]{36}$/);
      expect(await claimNotification(t.db, row!.id, at('2026-11-03T07:05:00Z'))).toBeNull();
      // The first sender died: after the lease (10 min) another may take over.
      const retaken = await claimNotification(t.db, row!.id, at('2026-11-03T07:10:01Z'));
      expect(retaken).toMatchObject({ attempts: 2 });
      expect(retaken!.claimToken).not.toBe(claimed!.claimToken);
    });

    it('refuses a row that is not due yet (a job that fires before the moved instant)', async () => {
      const [row] = await upsertNotifications(t.db, [
        wanted({ subjectKey: newKey(), sendAfter: at('2026-11-05T06:30:00Z') }),
      ]);
      expect(await claimNotification(t.db, row!.id, at('2026-11-05T06:29:59Z'))).toBeNull();
      expect(await claimNotification(t.db, row!.id, at('2026-11-05T06:30:00Z'))).not.toBeNull();
    });

    it('refuses sent, cancelled and permanently failed rows', async () => {
      const subjectKey = newKey();
      const [sent, cancelled, failed] = await upsertNotifications(t.db, [
        wanted({ subjectKey, step: 'a' }),
        wanted({ subjectKey, step: 'b' }),
        wanted({ subjectKey, step: 'c' }),
      ]);
      const now = at('2026-11-03T07:00:00Z');
      await claimNotification(t.db, sent!.id, now);
      await markSent(t.db, sent!.id, '<s@trygg>', now);
      await replaceDeadlineNotifications(t.db, subjectKey, [{ ...wanted(), step: 'c' }], now);
      await claimNotification(t.db, failed!.id, now);
      await markFailed(t.db, failed!.id, '550 no such user', true, now);
      const later = at('2026-11-03T09:00:00Z');
      for (const row of [sent, cancelled, failed]) {
        expect(await claimNotification(t.db, row!.id, later)).toBeNull();
      }
    });

    it('is atomic: two transactions claiming the same row, exactly one wins', async () => {
      const [row] = await upsertNotifications(t.db, [wanted({ subjectKey: newKey() })]);
      const now = at('2026-11-03T07:00:00Z');
      const other = t.connect(2);
      // Deterministic interleaving: A claims inside an open transaction (row locked), B's
      // claim blocks on the row lock; when A commits, B re-checks and must match nothing.
      let releaseA!: () => void;
      const aMayCommit = new Promise<void>((resolve) => (releaseA = resolve));
      let aClaimed!: () => void;
      const aHasClaimed = new Promise<void>((resolve) => (aClaimed = resolve));
      const a = t.db.transaction(async (tx) => {
        const won = await claimNotification(tx, row!.id, now);
        aClaimed();
        await aMayCommit;
        return won;
      });
      await aHasClaimed;
      const b = claimNotification(other.db, row!.id, now);
      await new Promise((resolve) => setTimeout(resolve, 200));
      releaseA();
      const [wonA, wonB] = await Promise.all([a, b]);
      expect(wonA).not.toBeNull();
      expect(wonB).toBeNull();
      expect((await getNotification(t.db, row!.id))!.attempts).toBe(1);
    });

    it('is atomic under a race: 20 rows, 4 racing claimers each, one winner per row', async () => {
      const subjectKey = newKey();
      const rows = await upsertNotifications(
        t.db,
        Array.from({ length: 20 }, (_, i) => wanted({ subjectKey, step: `s${i}` })),
      );
      const pools = [t, t.connect(4), t.connect(4), t.connect(4)];
      const now = at('2026-11-03T07:00:00Z');
      const results = await Promise.all(
        rows.flatMap((row) => pools.map((p) => claimNotification(p.db, row.id, now))),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(rows.length);
      expect(new Set(winners.map((w) => w.id)).size).toBe(rows.length);
    });
  });

  describe('markSent / markFailed', () => {
    it('markSent records once; a second call is a no-op', async () => {
      const [row] = await upsertNotifications(t.db, [wanted({ subjectKey: newKey() })]);
      const now = at('2026-11-03T07:00:00Z');
      await claimNotification(t.db, row!.id, now);
      expect(await markSent(t.db, row!.id, '<m1@trygg>', now)).toBe(true);
      expect(await markSent(t.db, row!.id, '<m2@trygg>', at('2026-11-03T08:00:00Z'))).toBe(false);
      expect(await getNotification(t.db, row!.id)).toMatchObject({
        sentAt: now,
        messageId: '<m1@trygg>',
      });
    });

    it('a temporary failure releases the claim and can push send_after; a permanent one gives up', async () => {
      const subjectKey = newKey();
      const [temp, perm] = await upsertNotifications(t.db, [
        wanted({ subjectKey, step: 'temp' }),
        wanted({ subjectKey, step: 'perm' }),
      ]);
      const now = at('2026-11-03T07:00:00Z');
      await claimNotification(t.db, temp!.id, now);
      await markFailed(t.db, temp!.id, '421 try later', false, now, at('2026-11-03T07:05:00Z'));
      expect(await getNotification(t.db, temp!.id)).toMatchObject({
        claimedAt: null,
        claimToken: null,
        lastError: '421 try later',
        failedPermanentlyAt: null,
        sendAfter: at('2026-11-03T07:05:00Z'),
        attempts: 1,
      });
      expect(await claimNotification(t.db, temp!.id, at('2026-11-03T07:04:00Z'))).toBeNull();
      expect(await claimNotification(t.db, temp!.id, at('2026-11-03T07:05:00Z'))).toMatchObject({
        attempts: 2,
      });

      await claimNotification(t.db, perm!.id, now);
      await markFailed(t.db, perm!.id, '550 unknown user', true, now);
      expect(await getNotification(t.db, perm!.id)).toMatchObject({
        failedPermanentlyAt: now,
        lastError: '550 unknown user',
      });
    });
  });

  it('dueNotifications returns pending rows due by the instant, oldest first, limited', async () => {
    // Its own world so rows of other tests do not interfere.
    const s = await migratedDatabase();
    try {
      const w = await seedCase(s.db);
      const base = { recipientId: w.principal.id, kind: 'k', step: 'on-day' };
      const rows = await upsertNotifications(s.db, [
        { ...base, subjectKey: 'd3', sendAfter: at('2026-11-03T09:00:00Z') },
        { ...base, subjectKey: 'd1', sendAfter: at('2026-11-03T07:00:00Z') },
        { ...base, subjectKey: 'd2', sendAfter: at('2026-11-03T08:00:00Z') },
        { ...base, subjectKey: 'later', sendAfter: at('2026-11-04T07:00:00Z') },
        { ...base, subjectKey: 'sent', sendAfter: at('2026-11-03T06:00:00Z') },
        { ...base, subjectKey: 'cancelled', sendAfter: at('2026-11-03T06:00:00Z') },
      ]);
      const byKey = new Map(rows.map((r) => [r.subjectKey, r]));
      const now = at('2026-11-03T06:00:00Z');
      await claimNotification(s.db, byKey.get('sent')!.id, now);
      await markSent(s.db, byKey.get('sent')!.id, '<x@trygg>', now);
      await replaceDeadlineNotifications(s.db, 'cancelled', [], now);
      const until = at('2026-11-03T12:00:00Z');
      expect((await dueNotifications(s.db, until, 10)).map((r) => r.subjectKey)).toEqual([
        'd1',
        'd2',
        'd3',
      ]);
      expect((await dueNotifications(s.db, until, 2)).map((r) => r.subjectKey)).toEqual([
        'd1',
        'd2',
      ]);
    } finally {
      await s.drop();
    }
  });

  describe('giving up on temporary failures', () => {
    // A row due now that has failed `tries` times (each try a claim, then a temporary failure).
    const failedTimes = async (db: Migrated['db'], subjectKey: string, tries: number, now: Date) => {
      const [row] = await upsertNotifications(db, [wanted({ subjectKey, sendAfter: now })]);
      for (let i = 0; i < tries; i += 1) {
        expect(await claimNotification(db, row!.id, now)).not.toBeNull();
        expect(await markFailed(db, row!.id, `451 try later (${i + 1})`, false, now)).toEqual({ attempts: i + 1, givenUp: false });
      }
      return row!;
    };

    it('the last try allowed gives the row up, once; last_error and send_after are kept', async () => {
      const now = at('2026-11-03T07:00:00Z');
      const row = await failedTimes(t.db, newKey(), MAX_NOTIFICATION_ATTEMPTS - 1, now);
      const claimed = await claimNotification(t.db, row.id, now);
      expect(claimed?.attempts).toBe(MAX_NOTIFICATION_ATTEMPTS);
      const later = at('2026-11-03T07:01:00Z');
      expect(await markFailed(t.db, row.id, '451 still down', false, later, at('2026-11-03T15:00:00Z'))).toEqual({
        attempts: MAX_NOTIFICATION_ATTEMPTS,
        givenUp: true,
      });
      expect(await getNotification(t.db, row.id)).toMatchObject({
        failedPermanentlyAt: later,
        lastError: '451 still down',
        sendAfter: now,
        claimedAt: null,
        sentAt: null,
      });
      // Given up exactly once: a late second report changes nothing, and nobody claims it.
      expect(await markFailed(t.db, row.id, 'late', false, at('2026-11-03T08:00:00Z'))).toBeNull();
      expect((await getNotification(t.db, row.id))?.failedPermanentlyAt).toEqual(later);
      expect(await claimNotification(t.db, row.id, at('2026-11-04T07:00:00Z'))).toBeNull();
      expect(await dueNotifications(t.db, at('2026-12-31T00:00:00Z'), 10_000)).not.toContainEqual(expect.objectContaining({ id: row.id }));
    });

    it('a smaller bound can be passed; a temporary failure before it pushes send_after to retryAt', async () => {
      const now = at('2026-11-03T07:00:00Z');
      const [row] = await upsertNotifications(t.db, [wanted({ subjectKey: newKey(), sendAfter: now })]);
      await claimNotification(t.db, row!.id, now);
      expect(await markFailed(t.db, row!.id, '451', false, now, at('2026-11-03T07:00:30Z'), 2)).toEqual({ attempts: 1, givenUp: false });
      expect((await getNotification(t.db, row!.id))?.sendAfter).toEqual(at('2026-11-03T07:00:30Z'));
      await claimNotification(t.db, row!.id, at('2026-11-03T07:00:30Z'));
      expect(await markFailed(t.db, row!.id, '451', false, at('2026-11-03T07:00:31Z'), at('2026-11-03T07:01:31Z'), 2)).toEqual({
        attempts: 2,
        givenUp: true,
      });
      expect((await getNotification(t.db, row!.id))?.sendAfter).toEqual(at('2026-11-03T07:00:30Z'));
    });

    it('giveUpExhaustedNotifications takes the spent rows nobody holds, due by the instant, once', async () => {
      const s = await migratedDatabase();
      try {
        const w = await seedCase(s.db);
        const now = at('2026-11-03T07:00:00Z');
        const row = (subjectKey: string, sendAfter = now) =>
          upsertNotifications(s.db, [{ recipientId: w.principal.id, kind: 'k', step: 'on-day', subjectKey, sendAfter }]).then(([r]) => r!);
        const spentFree = await row('spent-free');
        const spentHeld = await row('spent-held');
        const spentLater = await row('spent-later', at('2026-11-04T07:00:00Z'));
        const fresh = await row('fresh');
        // Tried MAX times, each sender died after claiming (no markFailed): the crash loop.
        // spentFree's last claim ran out an hour ago; spentHeld's last try is running now.
        const claimed = (id: string, claimedAt: Date) =>
          s.db.update(notifications).set({ attempts: MAX_NOTIFICATION_ATTEMPTS, claimedAt, claimToken: crypto.randomUUID() }).where(eq(notifications.id, id));
        await claimed(spentFree.id, at('2026-11-03T06:00:00Z'));
        await claimed(spentHeld.id, at('2026-11-03T06:55:00Z'));
        await s.db.update(notifications).set({ attempts: 40, lastError: '421 busy' }).where(eq(notifications.id, spentLater.id));
        await claimNotification(s.db, fresh.id, at('2026-11-03T05:00:00Z'));

        const until = at('2026-11-03T07:10:00Z');
        const givenUp = await giveUpExhaustedNotifications(s.db, { until, now });
        expect(givenUp).toEqual([{ id: spentFree.id, attempts: MAX_NOTIFICATION_ATTEMPTS, lastError: `no outcome recorded after ${MAX_NOTIFICATION_ATTEMPTS} attempts` }]);
        expect((await getNotification(s.db, spentFree.id))?.failedPermanentlyAt).toEqual(now);
        expect(await giveUpExhaustedNotifications(s.db, { until, now })).toEqual([]);
        expect((await dueNotifications(s.db, until, 100)).map((r) => r.subjectKey).sort()).toEqual(['fresh', 'spent-held']);

        // A day later: the held claim's lease ran out, the later row is due; its error is kept.
        const tomorrow = at('2026-11-04T07:00:00Z');
        const next = await giveUpExhaustedNotifications(s.db, { until: tomorrow, now: tomorrow });
        expect(next.map((r) => [r.id, r.lastError]).sort()).toEqual(
          [
            [spentHeld.id, `no outcome recorded after ${MAX_NOTIFICATION_ATTEMPTS} attempts`],
            [spentLater.id, '421 busy'],
          ].sort(),
        );
        expect((await dueNotifications(s.db, tomorrow, 100)).map((r) => r.subjectKey)).toEqual(['fresh']);
      } finally {
        await s.drop();
      }
    });
  });

  it('dueNotifications pages on (send_after, id): every due row once, in order, ties included', async () => {
    const s = await migratedDatabase();
    try {
      const w = await seedCase(s.db);
      // 57 rows on 5 distinct instants (so pages end in the middle of a tie), plus one later.
      const rows = await upsertNotifications(
        s.db,
        Array.from({ length: 57 }, (_, i) => ({
          recipientId: w.principal.id,
          kind: 'k',
          step: 'on-day',
          subjectKey: `p${i}`,
          sendAfter: new Date(Date.UTC(2026, 10, 3, 6, 30 + (i % 5))),
        })),
      );
      await upsertNotifications(s.db, [{ recipientId: w.principal.id, kind: 'k', step: 'on-day', subjectKey: 'later', sendAfter: at('2026-11-04T06:30:00Z') }]);
      const until = at('2026-11-03T12:00:00Z');
      const seen: string[] = [];
      let after: { sendAfter: Date; id: string } | undefined;
      for (;;) {
        const page = await dueNotifications(s.db, until, 10, after);
        if (page.length === 0) break;
        seen.push(...page.map((r) => r.id));
        after = page[page.length - 1];
      }
      const expected = [...rows].sort((a, b) => a.sendAfter.getTime() - b.sendAfter.getTime() || (a.id < b.id ? -1 : 1)).map((r) => r.id);
      expect(seen).toEqual(expected);
      expect((await dueNotifications(s.db, until, 100)).map((r) => r.id)).toEqual(expected);
    } finally {
      await s.drop();
    }
  });

  describe('replaceDeadlineNotifications', () => {
    it('cancels rows no longer wanted, moves changed ones, adds new ones', async () => {
      const key = newKey();
      const now = at('2026-11-02T10:00:00Z');
      const { upserted } = await replaceDeadlineNotifications(
        t.db,
        key,
        [
          { ...wanted(), step: 'remind-3d', sendAfter: at('2026-11-03T06:30:00Z') },
          { ...wanted(), step: 'on-day', sendAfter: at('2026-11-06T06:30:00Z') },
          { ...wanted(), step: 'escalate', recipientId: world.leader.id, sendAfter: at('2026-11-06T15:00:00Z') },
        ],
        now,
      );
      expect(upserted).toHaveLength(3);

      // The deadline moves: on-day moves, the 3-day reminder is no longer computed, the
      // escalation now goes to the principal instead of the leader.
      const later = at('2026-11-02T11:00:00Z');
      const result = await replaceDeadlineNotifications(
        t.db,
        key,
        [
          { ...wanted(), step: 'on-day', sendAfter: at('2026-11-09T06:30:00Z') },
          { ...wanted(), step: 'escalate', sendAfter: at('2026-11-09T15:00:00Z') },
        ],
        later,
      );
      expect(result.cancelled).toBe(2);
      const rows = await notificationsForSubject(t.db, key);
      const summary = rows.map((r) => ({
        step: r.step,
        to: r.recipientId === world.leader.id ? 'leader' : 'principal',
        sendAfter: r.sendAfter.toISOString(),
        cancelledAt: r.cancelledAt?.toISOString() ?? null,
      }));
      expect(summary).toEqual(
        expect.arrayContaining([
          { step: 'remind-3d', to: 'principal', sendAfter: '2026-11-03T06:30:00.000Z', cancelledAt: later.toISOString() },
          { step: 'escalate', to: 'leader', sendAfter: '2026-11-06T15:00:00.000Z', cancelledAt: later.toISOString() },
          { step: 'on-day', to: 'principal', sendAfter: '2026-11-09T06:30:00.000Z', cancelledAt: null },
          { step: 'escalate', to: 'principal', sendAfter: '2026-11-09T15:00:00.000Z', cancelledAt: null },
        ]),
      );
      expect(summary).toHaveLength(4);
    });

    it('never touches sent rows: not cancelled, not moved, not re-sent', async () => {
      const key = newKey();
      const now = at('2026-11-03T06:30:00Z');
      const { upserted } = await replaceDeadlineNotifications(
        t.db,
        key,
        [
          { ...wanted(), step: 'remind-3d', sendAfter: at('2026-11-03T06:30:00Z') },
          { ...wanted(), step: 'on-day', sendAfter: at('2026-11-06T06:30:00Z') },
        ],
        now,
      );
      const reminder = upserted.find((r) => r.step === 'remind-3d')!;
      await claimNotification(t.db, reminder.id, now);
      await markSent(t.db, reminder.id, '<r@trygg>', now);

      // Moved (reminder computed at a new instant) …
      await replaceDeadlineNotifications(
        t.db,
        key,
        [
          { ...wanted(), step: 'remind-3d', sendAfter: at('2026-11-05T06:30:00Z') },
          { ...wanted(), step: 'on-day', sendAfter: at('2026-11-10T06:30:00Z') },
        ],
        at('2026-11-03T08:00:00Z'),
      );
      // … and then no longer wanted at all.
      const last = await replaceDeadlineNotifications(t.db, key, [], at('2026-11-03T09:00:00Z'));
      expect(last.cancelled).toBe(1);
      const sent = await getNotification(t.db, reminder.id);
      expect(sent).toMatchObject({
        sentAt: now,
        sendAfter: at('2026-11-03T06:30:00Z'),
        cancelledAt: null,
        messageId: '<r@trygg>',
      });
      expect(await dueNotifications(t.db, at('2026-12-31T00:00:00Z'), 1000)).not.toContainEqual(
        expect.objectContaining({ subjectKey: key }),
      );
    });

    it('a row cancelled and then wanted again is revived (and only then sent)', async () => {
      const key = newKey();
      const step = { ...wanted(), step: 'on-day', sendAfter: at('2026-11-06T06:30:00Z') };
      await replaceDeadlineNotifications(t.db, key, [step], at('2026-11-02T10:00:00Z'));
      await replaceDeadlineNotifications(t.db, key, [], at('2026-11-02T11:00:00Z'));
      const [row] = await notificationsForSubject(t.db, key);
      expect(row!.cancelledAt).not.toBeNull();
      await replaceDeadlineNotifications(t.db, key, [step], at('2026-11-02T12:00:00Z'));
      const [revived] = await notificationsForSubject(t.db, key);
      expect(revived).toMatchObject({ id: row!.id, cancelledAt: null });
    });

    it('concurrent recomputations of one deadline leave one consistent set', async () => {
      const key = newKey();
      const other = t.connect(4);
      const versions = Array.from({ length: 8 }, (_, i) => [
        { ...wanted(), step: 'on-day', sendAfter: new Date(Date.UTC(2026, 10, 10 + i, 6, 30)) },
        ...(i % 2 ? [{ ...wanted(), step: 'remind-3d', sendAfter: at('2026-11-05T06:30:00Z') }] : []),
      ]);
      await Promise.all(
        versions.map((v, i) =>
          replaceDeadlineNotifications(i % 2 ? t.db : other.db, key, v, at('2026-11-02T10:00:00Z')),
        ),
      );
      const live = (await notificationsForSubject(t.db, key)).filter((r) => !r.cancelledAt);
      const shape = (rows: { step: string; sendAfter: Date }[]) =>
        rows.map((r) => `${r.step}@${r.sendAfter.toISOString()}`).sort().join(',');
      // The result is exactly one of the versions (the last to commit), never a mixture.
      expect(versions.map(shape)).toContain(shape(live));
    });
  });
});
