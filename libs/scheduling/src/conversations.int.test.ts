import { claimNotification, deadlines, notifications, people, pupilConversations, pupils, roles, type Db } from '@trygg/db';
import { renderMessage } from '@trygg/notifications';
import { createTestDatabase, seedSchool, type SeededSchool, type TestDatabase } from '@trygg/testing';
import { and, eq, isNull, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import {
  composeNotification,
  digestFigures,
  conversationSummarySubject,
  runConversationSummary,
  syncPupilConversations,
  teacherReminderSubject,
  termOf,
  UndeliverableError,
} from './index';
import { asOslo, oslo, osloDate } from './test-support';

let tdb: TestDatabase;
let db: Db;
let s: SeededSchool;
let secondTeacher: string;
/** The seeded teacher's pupils: Nora (NN), Emil (EB) and four more. */
let teachersPupils: string[];
let secondTeachersPupil: string;
let pupilWithoutTeacher: string;

const AUTUMN = { year: 2026, half: 'autumn' } as const;
const options = { appUrl: 'https://trygg.example/', ackSecret: 'test-ack-secret' };

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  s = await seedSchool(db);
  const [second] = await db.insert(people).values({ name: 'Kari Kontakt', email: `kari.${Date.now()}@example.test` }).returning();
  secondTeacher = second!.id;
  await db.insert(roles).values({ personId: secondTeacher, role: 'staff', schoolId: s.schoolId });
  const more = await db
    .insert(pupils)
    .values(
      [
        ['Aksel Dahl', 'AD'],
        ['Berit Holm', 'BH'],
        ['Cato Moe', 'CM'],
        ['Dina Aas', 'DA'],
      ].map(([name, initials]) => ({ schoolId: s.schoolId, name: name!, initials: initials!, birthYear: 2015, contactTeacherId: s.teacher })),
    )
    .returning({ id: pupils.id });
  teachersPupils = [s.pupil, s.otherPupil, ...more.map((p) => p.id)];
  const [kari] = await db
    .insert(pupils)
    .values({ schoolId: s.schoolId, name: 'Eva Strand', initials: 'ES', birthYear: 2015, contactTeacherId: secondTeacher })
    .returning();
  secondTeachersPupil = kari!.id;
  const [none] = await db.insert(pupils).values({ schoolId: s.schoolId, name: 'Jon Vik', initials: 'JV', birthYear: 2015 }).returning();
  pupilWithoutTeacher = none!.id;
});
afterAll(() => tdb?.drop());

const teacherRows = (teacherId: string) =>
  db
    .select()
    .from(notifications)
    .where(eq(notifications.subjectKey, teacherReminderSubject(s.schoolId, AUTUMN, teacherId)))
    .orderBy(notifications.sendAfter);

async function hold(pupilId: string, local: string) {
  await db.insert(pupilConversations).values({
    schoolId: s.schoolId,
    pupilId,
    termYear: 2026,
    termHalf: 'autumn',
    heldAt: osloDate(local),
    heldById: s.teacher,
    answer: 'yes',
  });
  await syncPupilConversations(db, s.schoolId, AUTUMN, oslo(local));
}

/** Claims a ledger row as the sender does at `local`, composes and renders it. */
async function send(id: string, local: string) {
  const claimed = await claimNotification(db, id, osloDate(local));
  expect(claimed).not.toBeNull();
  const composed = await composeNotification(db, claimed!, options);
  return { composed, rendered: await renderMessage(composed.message, { lang: composed.lang, appUrl: options.appUrl }) };
}

describe('pupil conversations', () => {
  it('knows the half-year of an instant (Oslo wall clock)', () => {
    expect(termOf(oslo('2026-07-31T23:59'))).toEqual({ year: 2026, half: 'spring' });
    expect(termOf(oslo('2026-08-01T00:00'))).toEqual({ year: 2026, half: 'autumn' });
    expect(termOf(oslo('2027-01-01T00:00'))).toEqual({ year: 2027, half: 'spring' });
  });

  it('keeps one deadline per pupil and ONE reminder per contact teacher per step, however often it syncs', async () => {
    const result = await syncPupilConversations(db, s.schoolId, AUTUMN, oslo('2026-09-01T09:00'));
    expect(result).toMatchObject({ pupils: 8, outstanding: 8 });
    await syncPupilConversations(db, s.schoolId, AUTUMN, oslo('2026-09-02T09:00'));

    const perPupil = await db
      .select()
      .from(deadlines)
      .where(and(eq(deadlines.schoolId, s.schoolId), eq(deadlines.kind, 'pupil_conversation')));
    expect(perPupil).toHaveLength(8);
    expect(perPupil.find((d) => d.pupilId === s.pupil)?.key).toBe(`school-${s.schoolId}.conversation-2026-autumn.pupil-${s.pupil}`);
    // Due Tuesday 1 December 2026, 16:00 Oslo.
    expect(new Set(perPupil.map((d) => asOslo(d.dueAt)))).toEqual(new Set(['2026-12-01T16:00']));

    // 15 school days before Tuesday 1 December is Tuesday 10 November; on the day 07:30.
    const rows = await teacherRows(s.teacher);
    expect(rows.map((r) => `${r.step} @ ${asOslo(r.sendAfter)}`)).toEqual([
      'remind-15d-contact_teacher @ 2026-11-10T07:30',
      'on-day-contact_teacher @ 2026-12-01T07:30',
    ]);
    expect(rows.every((r) => r.recipientId === s.teacher && r.kind === 'reminder' && r.cancelledAt === null)).toBe(true);
    expect((await teacherRows(secondTeacher)).map((r) => r.step)).toEqual(['remind-15d-contact_teacher', 'on-day-contact_teacher']);
    // Nobody else: no mail per pupil, and no reminder for the pupil without a contact teacher.
    const all = await db.select().from(notifications).where(like(notifications.subjectKey, `school-${s.schoolId}.conversation-%`));
    expect(all).toHaveLength(4);
  });

  it('reminds the contact teacher 15 school days before with all N pupils, on the day with N − 2', async () => {
    const [ahead, onDay] = await teacherRows(s.teacher);
    const first = await send(ahead!.id, '2026-11-10T07:30');
    expect(first.composed.message).toMatchObject({ kind: 'reminder', deadline: 'pupil_conversation', step: 'ahead', pupilCount: 6 });
    expect(first.rendered.subject).toContain('6 elever mangler elevsamtale');
    expect(first.rendered.text).toContain('Elever (initialer): AD, BH, CM, DA, EB, NN');

    // Two conversations are held; the on-day reminder lists four pupils.
    await hold(s.pupil, '2026-11-12T10:00');
    await hold(teachersPupils[2]!, '2026-11-13T10:00');
    const second = await send(onDay!.id, '2026-12-01T07:30');
    expect(second.composed.message).toMatchObject({ step: 'on_the_day', pupilCount: 4, pupilInitials: ['BH', 'CM', 'DA', 'EB'] });
    expect(second.rendered.subject).toBe('Frist i dag: 4 elever mangler elevsamtale');
    expect(second.rendered.text).not.toContain('NN');
    expect(second.rendered.text).not.toContain('AD');

    // The pupil's deadline is met by the conversation.
    const [met] = await db.select().from(deadlines).where(eq(deadlines.pupilId, s.pupil));
    expect(met).toMatchObject({ state: 'met' });
    expect(asOslo(met!.metAt!)).toBe('2026-11-12T10:00');
  });

  it('cancels the unsent reminders of a teacher whose pupils have all been seen', async () => {
    await hold(secondTeachersPupil, '2026-11-16T09:00');
    const rows = await teacherRows(secondTeacher);
    // The 15-day reminder was due on 10 November and is still unsent here (nobody claimed it).
    expect(rows.map((r) => [r.step, r.cancelledAt !== null])).toEqual([
      ['remind-15d-contact_teacher', true],
      ['on-day-contact_teacher', true],
    ]);
  });

  it('writes ONE summary row per leader per school day of overdue conversations, not one per pupil', async () => {
    // Before and on the due date: nothing overdue yet.
    expect(await runConversationSummary(db, '2026-12-01', oslo('2026-12-01T07:30'))).toMatchObject({ queued: 0 });
    const wed = await runConversationSummary(db, '2026-12-02', oslo('2026-12-02T07:30'));
    // This school (the leader) and the seed's other school (no leader: its principal).
    expect(wed).toMatchObject({ date: '2026-12-02', summaries: 2, queued: 2 });
    // A retried job the same day writes nothing new.
    expect(await runConversationSummary(db, '2026-12-02', oslo('2026-12-02T08:10'))).toMatchObject({ queued: 0 });
    await runConversationSummary(db, '2026-12-03', oslo('2026-12-03T07:30'));
    // Saturday is not a school day.
    expect(await runConversationSummary(db, '2026-12-05', oslo('2026-12-05T07:30'))).toMatchObject({ summaries: 0, queued: 0 });

    const rows = await db
      .select()
      .from(notifications)
      .where(like(notifications.subjectKey, `school-${s.schoolId}.conversation-summary-%`))
      .orderBy(notifications.sendAfter);
    expect(rows.map((r) => `${r.subjectKey.slice(-10)} ${r.step} → ${r.recipientId === s.leader ? 'leader' : r.recipientId} @ ${asOslo(r.sendAfter)}`)).toEqual([
      '2026-12-02 summary → leader @ 2026-12-02T07:30',
      '2026-12-03 summary → leader @ 2026-12-03T07:30',
    ]);
    expect(rows[0]!.subjectKey).toBe(conversationSummarySubject(s.schoolId, '2026-12-02'));

    const { composed, rendered } = await send(rows[0]!.id, '2026-12-02T07:31');
    expect(composed.message).toMatchObject({ kind: 'conversation_summary', term: 'autumn' });
    expect(rendered.subject).toMatch(/^Elevsamtaler over fristen ved Bjørk skole \d+: 5 elever$/);
    expect(rendered.text).toContain('Per onsdag 2. desember 2026 har 5 elever');
    expect(rendered.text).toContain('Tone Lærer: 4 (BH, CM, DA, EB)');
    expect(rendered.text).toContain('Uten kontaktlærer: 1 (JV)');
    expect(rendered.text).not.toContain('Kari Kontakt');
    expect(rendered.text).not.toContain('Nora');

    // A pupil who arrives after the due date: the leaders' summary counts them, but their
    // contact teacher is not told "the deadline is today" the day after.
    const [late] = await db
      .insert(pupils)
      .values({ schoolId: s.schoolId, name: 'Sen Elev', initials: 'SE', birthYear: 2015, contactTeacherId: secondTeacher })
      .returning();
    await syncPupilConversations(db, s.schoolId, AUTUMN, oslo('2026-12-03T10:00'));
    expect((await teacherRows(secondTeacher)).filter((r) => r.cancelledAt === null)).toEqual([]);
    await hold(late!.id, '2026-12-03T11:00');
  });

  it("cancels today's unsent summary once every conversation is held, and writes none the day after", async () => {
    await runConversationSummary(db, '2026-12-04', oslo('2026-12-04T07:30'));
    for (const pupilId of [...teachersPupils.filter((p) => p !== s.pupil && p !== teachersPupils[2]), pupilWithoutTeacher]) {
      await hold(pupilId, '2026-12-04T09:00');
    }
    const [friday] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.subjectKey, conversationSummarySubject(s.schoolId, '2026-12-04')), eq(notifications.recipientId, s.leader)));
    expect(friday?.cancelledAt).not.toBeNull();
    expect(await runConversationSummary(db, '2026-12-07', oslo('2026-12-07T07:30'))).toMatchObject({ summaries: 1 });
    const monday = await db
      .select()
      .from(notifications)
      .where(and(like(notifications.subjectKey, `school-${s.schoolId}.conversation-summary-2026-12-07`), isNull(notifications.cancelledAt)));
    expect(monday).toHaveLength(0);
  });

  it('refuses to compose a reminder when every pupil of the teacher has been seen meanwhile', async () => {
    const [row] = await db
      .insert(notifications)
      .values({
        subjectKey: teacherReminderSubject(s.schoolId, AUTUMN, s.teacher),
        recipientId: s.teacher,
        step: 'test-late',
        kind: 'reminder',
        sendAfter: osloDate('2026-12-07T07:30'),
        schoolId: s.schoolId,
        payload: { deadlineKind: 'pupil_conversation', term: '2026-autumn', dueAt: '2026-12-01T15:00:00Z' },
      })
      .returning();
    const claimed = await claimNotification(db, row!.id, osloDate('2026-12-07T07:30'));
    await expect(composeNotification(db, claimed!, options)).rejects.toBeInstanceOf(UndeliverableError);
  });

  it("gives the owner's weekly digest the share of pupils seen this half-year", async () => {
    const digest = await digestFigures(db, s.ownerId, Temporal.PlainDate.from('2026-11-30'), oslo('2026-12-07T07:00'));
    const bySchool = new Map(digest.schools.map((row) => [row.schoolId, row.conversationsHeldPercent]));
    // Every one of this school's nine pupils; none at the other school (one pupil).
    expect(bySchool.get(s.schoolId)).toBe(100);
    expect(bySchool.get(s.otherSchoolId)).toBe(0);
    await db.insert(pupils).values({ schoolId: s.schoolId, name: 'Ny Elev', initials: 'NE', birthYear: 2016 });
    const after = await digestFigures(db, s.ownerId, Temporal.PlainDate.from('2026-11-30'), oslo('2026-12-07T07:00'));
    // 9 of 10.
    expect(after.schools.find((row) => row.schoolId === s.schoolId)?.conversationsHeldPercent).toBe(90);
  });
});
