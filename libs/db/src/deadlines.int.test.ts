import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextCaseNumber } from './queries/cases';
import {
  cancelDeadline,
  deadlinesOfCase,
  getDeadline,
  markDeadlineMet,
  recordDelayReason,
  upsertDeadlines,
} from './queries/deadlines';
import { notificationsForSubject, replaceDeadlineNotifications } from './queries/notifications';
import { cases, schools } from './schema';
import { migratedDatabase } from './test/fresh-database';
import { seedCase } from './test/seed';

type Migrated = Awaited<ReturnType<typeof migratedDatabase>>;
const at = (iso: string) => new Date(iso);

describe('deadlines', () => {
  let t: Migrated;
  let world: Awaited<ReturnType<typeof seedCase>>;
  beforeAll(async () => {
    t = await migratedDatabase();
    world = await seedCase(t.db);
  });
  afterAll(async () => t?.drop());

  const nextDeadlineAt = async () =>
    (await t.db.select().from(cases).where(eq(cases.id, world.kase.id)))[0]!.nextDeadlineAt;

  it('upserts, moves, and keeps cases.next_deadline_at in step', async () => {
    const scope = { schoolId: world.school.id, caseId: world.kase.id };
    const k1 = `case:${world.kase.id}:investigation-started`;
    const k2 = `case:${world.kase.id}:report-registered`;
    await upsertDeadlines(t.db, scope, [
      { key: k1, kind: 'investigation_started', dueAt: at('2026-11-04T15:00:00Z') },
      { key: k2, kind: 'report_registered', dueAt: at('2026-11-03T15:00:00Z') },
    ]);
    expect(await nextDeadlineAt()).toEqual(at('2026-11-03T15:00:00Z'));

    const [moved] = await upsertDeadlines(t.db, scope, [
      { key: k2, kind: 'report_registered', dueAt: at('2026-11-05T15:00:00Z') },
    ]);
    expect(moved).toMatchObject({ key: k2, dueAt: at('2026-11-05T15:00:00Z'), state: 'open' });
    expect(await nextDeadlineAt()).toEqual(at('2026-11-04T15:00:00Z'));
    expect(await deadlinesOfCase(t.db, world.kase.id)).toHaveLength(2);
  });

  it('met: unsent reminders are cancelled, a later recompute leaves it alone', async () => {
    const key = `case:${world.kase.id}:plan-made`;
    const scope = { schoolId: world.school.id, caseId: world.kase.id };
    await upsertDeadlines(t.db, scope, [{ key, kind: 'plan_made', dueAt: at('2026-11-02T15:00:00Z') }]);
    await replaceDeadlineNotifications(
      t.db,
      key,
      [
        {
          recipientId: world.principal.id,
          step: 'on-day',
          kind: 'deadline.reminder',
          sendAfter: at('2026-11-10T06:30:00Z'),
        },
      ],
      at('2026-11-02T10:00:00Z'),
    );
    const met = await markDeadlineMet(t.db, key, at('2026-11-02T12:00:00Z'), at('2026-11-02T12:00:05Z'));
    expect(met).toMatchObject({ state: 'met', metAt: at('2026-11-02T12:00:00Z') });
    const [reminder] = await notificationsForSubject(t.db, key);
    expect(reminder!.cancelledAt).toEqual(at('2026-11-02T12:00:05Z'));
    expect(await markDeadlineMet(t.db, key, at('2026-11-03T12:00:00Z'), at('2026-11-03T12:00:00Z'))).toBeNull();

    await upsertDeadlines(t.db, scope, [{ key, kind: 'plan_made', dueAt: at('2026-12-01T15:00:00Z') }]);
    expect(await getDeadline(t.db, key)).toMatchObject({ state: 'met', dueAt: at('2026-11-02T15:00:00Z') });
  });

  it('cancelled deadlines leave next_deadline_at and reopen when wanted again; delay reasons are kept', async () => {
    const scope = { schoolId: world.school.id, caseId: world.kase.id };
    for (const d of await deadlinesOfCase(t.db, world.kase.id)) {
      if (d.state === 'open') await cancelDeadline(t.db, d.key, at('2026-11-02T13:00:00Z'));
    }
    expect(await nextDeadlineAt()).toBeNull();
    const key = `case:${world.kase.id}:investigation-started`;
    await upsertDeadlines(t.db, scope, [{ key, kind: 'investigation_started', dueAt: at('2026-11-06T15:00:00Z') }]);
    expect(await getDeadline(t.db, key)).toMatchObject({ state: 'open', cancelledAt: null });
    expect(await nextDeadlineAt()).toEqual(at('2026-11-06T15:00:00Z'));

    await recordDelayReason(t.db, key, 'Foreldre var bortreist', world.principal.id, at('2026-11-09T09:00:00Z'));
    expect(await getDeadline(t.db, key)).toMatchObject({
      delayReason: 'Foreldre var bortreist',
      delayReasonById: world.principal.id,
      delayReasonAt: at('2026-11-09T09:00:00Z'),
    });
  });

  it('pupil-conversation deadlines belong to a school and pupil, no case', async () => {
    const [row] = await upsertDeadlines(t.db, { schoolId: world.school.id, pupilId: world.pupil.id }, [
      { key: `pupil:${world.pupil.id}:conversation:2026H2`, kind: 'pupil_conversation', dueAt: at('2026-12-01T15:00:00Z') },
    ]);
    expect(row).toMatchObject({ caseId: null, pupilId: world.pupil.id, schoolId: world.school.id });
  });
});

describe('case numbers', () => {
  let t: Migrated;
  beforeAll(async () => {
    t = await migratedDatabase();
  });
  afterAll(async () => t?.drop());

  it('are per school and year, concurrent allocations never collide', async () => {
    const w = await seedCase(t.db);
    const [otherSchool] = await t.db
      .insert(schools)
      .values({ ownerId: w.owner.id, name: 'Andre skole' })
      .returning();
    const other = t.connect(4);
    const numbers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => nextCaseNumber(i % 2 ? t.db : other.db, w.school.id, 2026)),
    );
    expect(new Set(numbers).size).toBe(20);
    expect([...numbers].sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `2026-${String(i + 1).padStart(4, '0')}`),
    );
    expect(await nextCaseNumber(t.db, otherSchool!.id, 2026)).toBe('2026-0001');
    expect(await nextCaseNumber(t.db, w.school.id, 2027)).toBe('2027-0001');
  });
});
