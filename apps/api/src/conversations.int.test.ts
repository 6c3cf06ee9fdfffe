import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseTimeline, cases, deadlines, notifications, pupilConversations, pupils, reports } from '@trygg/db';
import { CONVERSATION_REPORT_DESCRIPTION } from './routes/conversations';
import { createTestApp, osloDate, type TestApp } from './test-support';

let x: TestApp;
let thirdPupil: string;
beforeAll(async () => {
  x = await createTestApp();
  const [p] = await x.t.db
    .insert(pupils)
    .values({ schoolId: x.s.schoolId, name: 'Aksel Dahl', initials: 'AD', birthYear: 2015, className: '5B', contactTeacherId: x.s.leader })
    .returning();
  thirdPupil = p!.id;
});
afterAll(() => x?.drop());

const conversationRows = (pupilId: string) => x.t.db.select().from(pupilConversations).where(eq(pupilConversations.pupilId, pupilId));

describe('POST /api/pupils/{pupilId}/conversations', () => {
  it('an answer "no" files a report, opens a case and tells the principal — in the same request', async () => {
    x.clock.now = osloDate('2026-09-15T10:30');
    const res = await x.as(x.s.teacher).post(`/api/pupils/${x.s.pupil}/conversations`, {
      heldAt: '2026-09-15T10:00',
      answer: 'no',
      note: 'Sier at ingen vil være med henne i friminuttene.',
    });
    expect(res.status).toBe(201);
    expect(res.body.caseNumber).toMatch(/^2026-\d{4}$/);
    expect(res.body.conversation).toMatchObject({ pupilId: x.s.pupil, term: '2026-autumn', answer: 'no', heldById: x.s.teacher });
    expect(res.body.conversation.heldAt).toBe(osloDate('2026-09-15T10:00').toISOString());

    const [report] = await x.t.db.select().from(reports).where(eq(reports.caseId, res.body.caseId));
    expect(report).toMatchObject({
      pupilId: x.s.pupil,
      filedById: x.s.teacher,
      basis: 'knowledge',
      category: 'other',
      intervened: false,
      description: CONVERSATION_REPORT_DESCRIPTION,
    });
    // The note stays with the conversation; the report carries the fixed sentence only.
    expect(report!.description).toBe('Eleven svarte nei på om hen har det trygt og godt på skolen i elevsamtalen.');
    expect(report!.asOf.toISOString()).toBe(osloDate('2026-09-15T10:00').toISOString());
    expect(res.body.conversation.reportId).toBe(report!.id);

    const [kase] = await x.t.db.select().from(cases).where(eq(cases.id, res.body.caseId));
    expect(kase).toMatchObject({ status: 'reported', pupilId: x.s.pupil, number: res.body.caseNumber });
    const caseDeadlines = (await x.t.db.select().from(deadlines).where(eq(deadlines.caseId, kase!.id))).map((d) => d.kind).sort();
    expect(caseDeadlines).toEqual(['acknowledge_report', 'investigation_start']);
    const told = await x.t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, kase!.id), eq(notifications.kind, 'new_report')));
    expect(told.map((n) => [n.recipientId, n.step])).toEqual([[x.s.principal, 'new-report']]);
    const timeline = await x.t.db.select().from(caseTimeline).where(eq(caseTimeline.caseId, kase!.id));
    expect(timeline.map((e) => e.kind)).toEqual(['report_filed']);
    expect(timeline[0]!.payload).toMatchObject({ source: 'pupil_conversation', basis: 'knowledge' });

    // The pupil's conversation deadline for the half-year is met.
    const [met] = await x.t.db.select().from(deadlines).where(and(eq(deadlines.pupilId, x.s.pupil), eq(deadlines.kind, 'pupil_conversation')));
    expect(met).toMatchObject({ state: 'met', key: `school-${x.s.schoolId}.conversation-2026-autumn.pupil-${x.s.pupil}` });
  });

  it('records a conversation once per half-year: a second one is a 409 that writes nothing', async () => {
    const before = await x.counts();
    const res = await x.as(x.s.principal).post(`/api/pupils/${x.s.pupil}/conversations`, { answer: 'yes' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', message: 'Elevsamtalen for høsthalvåret 2026 er allerede registrert for denne eleven.' });
    const after = await x.counts();
    expect({ ...after, auditLog: 0 }).toEqual({ ...before, auditLog: 0 });
    expect(await conversationRows(x.s.pupil)).toHaveLength(1);
  });

  it('an answer "yes" or "unsure" opens nothing; any staff member of the school may record it', async () => {
    x.clock.now = osloDate('2026-09-16T12:00');
    const before = await x.counts();
    const res = await x.as(x.s.leader).post(`/api/pupils/${x.s.otherPupil}/conversations`, { answer: 'unsure', note: 'Vil snakke mer neste uke.' });
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('caseId');
    expect(res.body.conversation).toMatchObject({ answer: 'unsure', note: 'Vil snakke mer neste uke.', reportId: null, heldAt: osloDate('2026-09-16T12:00').toISOString() });
    const after = await x.counts();
    expect(after.cases).toBe(before.cases);
    expect(after.reports).toBe(before.reports);
  });

  it('refuses what it must, in plain words, and keeps nothing', async () => {
    const before = await x.counts();
    const other = await x.as(x.s.otherPrincipal).post(`/api/pupils/${thirdPupil}/conversations`, { answer: 'yes' });
    expect(other.status).toBe(403);
    const unknown = await x.as(x.s.teacher).post('/api/pupils/00000000-0000-4000-8000-000000000000/conversations', { answer: 'yes' });
    expect(unknown.status).toBe(404);
    const future = await x.as(x.s.teacher).post(`/api/pupils/${thirdPupil}/conversations`, { answer: 'yes', heldAt: '2026-09-30T10:00' });
    expect(future.status).toBe(400);
    expect(future.body.error.problems).toEqual([{ field: 'heldAt', message: 'Tidspunktet kan ikke være i fremtiden.' }]);
    const badAnswer = await x.as(x.s.teacher).post(`/api/pupils/${thirdPupil}/conversations`, { answer: 'maybe' });
    expect(badAnswer.status).toBe(400);
    expect(badAnswer.body.error.problems[0]).toMatchObject({ field: 'answer', message: 'Svar ja (yes), nei (no) eller usikker (unsure).' });
    const categoryWithYes = await x.as(x.s.teacher).post(`/api/pupils/${thirdPupil}/conversations`, { answer: 'yes', category: 'bullying' });
    expect(categoryWithYes.status).toBe(400);
    const after = await x.counts();
    expect({ ...after, auditLog: 0 }).toEqual({ ...before, auditLog: 0 });
    expect(await conversationRows(thirdPupil)).toHaveLength(0);
  });

  it('a chosen category goes on the report; a conversation held last half-year counts for that half-year', async () => {
    x.clock.now = osloDate('2026-09-17T09:00');
    const res = await x.as(x.s.leader).post(`/api/pupils/${thirdPupil}/conversations`, { answer: 'no', category: 'bullying', heldAt: '2026-06-10T13:00' });
    expect(res.status).toBe(201);
    expect(res.body.conversation.term).toBe('2026-spring');
    const [report] = await x.t.db.select().from(reports).where(eq(reports.caseId, res.body.caseId));
    expect(report).toMatchObject({ category: 'bullying', basis: 'knowledge' });
  });
});

describe('GET /api/schools/{schoolId}/conversations', () => {
  it('shows leaders and the principal every pupil, with the half-year’s due date and counts', async () => {
    const res = await x.as(x.s.leader).get(`/api/schools/${x.s.schoolId}/conversations?term=2026-autumn`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      term: '2026-autumn',
      dueDate: '2026-12-01',
      dueAt: osloDate('2026-12-01T16:00').toISOString(),
      counts: { pupils: 3, held: 2, outstanding: 1 },
    });
    expect(res.body.items.map((i: any) => [i.pupil.initials, i.conversation?.answer ?? null])).toEqual([
      ['AD', null],
      ['EB', 'unsure'],
      ['NN', 'no'],
    ]);
    expect(res.body.items[2].conversation).toMatchObject({ heldByName: 'Tone Lærer' });
    const outstanding = await x.as(x.s.principal).get(`/api/schools/${x.s.schoolId}/conversations?term=2026-autumn&status=outstanding`);
    expect(outstanding.body.items.map((i: any) => i.pupil.id)).toEqual([thirdPupil]);
    expect(outstanding.body.items[0].pupil.contactTeacher).toEqual({ id: x.s.leader, name: 'Lars Leder' });
    // The class (from the CSV import) is shown where the pupils are listed; unknown is null.
    expect(res.body.items.map((i: any) => i.pupil.className)).toEqual(['5B', null, null]);
  });

  it('shows a contact teacher only their own pupils; others at or outside the school get 403', async () => {
    const mine = await x.as(x.s.teacher).get(`/api/schools/${x.s.schoolId}/conversations?status=held`);
    expect(mine.status).toBe(200);
    expect(mine.body.term).toBe('2026-autumn');
    expect(mine.body.counts).toEqual({ pupils: 2, held: 2, outstanding: 0 });
    expect(mine.body.items.map((i: any) => i.pupil.initials)).toEqual(['EB', 'NN']);
    expect((await x.as(x.s.sfo).get(`/api/schools/${x.s.schoolId}/conversations`)).status).toBe(403);
    expect((await x.as(x.s.ownerOfficial).get(`/api/schools/${x.s.schoolId}/conversations`)).status).toBe(403);
    expect((await x.as(x.s.leader).get(`/api/schools/${x.s.schoolId}/conversations?term=autumn`)).status).toBe(400);
    expect((await x.as(x.s.leader).get('/api/schools/00000000-0000-4000-8000-000000000000/conversations')).status).toBe(404);
  });

  it('leaves the contact teachers one reminder per step in the ledger, not one per pupil', async () => {
    const rows = await x.t.db
      .select()
      .from(notifications)
      .where(like(notifications.subjectKey, `school-${x.s.schoolId}.conversation-2026-autumn.teacher-%`));
    // Tone's two pupils are both seen (cancelled); Lars still has Aksel.
    const live = rows.filter((r) => r.cancelledAt === null).map((r) => [r.recipientId, r.step]);
    expect(live).toEqual([
      [x.s.leader, 'remind-15d-contact_teacher'],
      [x.s.leader, 'on-day-contact_teacher'],
    ]);
  });
});
