import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, deadlines, notifications } from '@trygg/db';
import { createTestApp, osloDate, withoutAudit, type TestApp } from './test-support';

let x: TestApp;
beforeAll(async () => {
  x = await createTestApp();
});
afterAll(() => x?.drop());

/** A teacher reports at the given Oslo time (the clock is set there). */
async function newCase(at = '2026-04-13T09:00', overrides: Record<string, unknown> = {}): Promise<{ id: string; number: string }> {
  x.clock.now = osloDate(at);
  const res = await x.as(x.s.teacher).post('/api/reports', {
    schoolId: x.s.schoolId,
    pupilId: x.s.pupil,
    basis: 'knowledge',
    category: 'bullying',
    description: 'Eleven blir kalt stygge ting i garderoben.',
    intervened: true,
    intervention: 'Stoppet det og snakket med begge.',
    ...overrides,
  });
  expect(res.status).toBe(201);
  return { id: res.body.caseId, number: res.body.number };
}

const deadlineOf = (view: { deadlines: { kind: string }[] }, kind: string) => view.deadlines.find((d) => d.kind === kind) as any;

describe('the case lifecycle over HTTP', () => {
  let id: string;
  beforeAll(async () => {
    ({ id } = await newCase());
  });

  it('needs a session, and hides the case from those with no part in it (404)', async () => {
    expect((await x.as(null).post(`/api/cases/${id}/acknowledge`)).status).toBe(401);
    expect((await x.as(null).get(`/api/cases/${id}`)).status).toBe(401);
    for (const outsider of [x.s.otherPrincipal, x.s.leader, x.s.admin, x.s.ownerOfficial]) {
      const res = await x.as(outsider).post(`/api/cases/${id}/acknowledge`);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', message: 'Fant ikke saken.' });
      expect((await x.as(outsider).get(`/api/cases/${id}`)).status).toBe(404);
    }
    expect((await x.as(x.s.principal).get('/api/cases/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await x.as(x.s.principal).get('/api/cases/not-an-id')).status).toBe(400);
  });

  it('lets the reporter see the case but not act on it (403 in plain words)', async () => {
    const res = await x.as(x.s.teacher).post(`/api/cases/${id}/acknowledge`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/^Bare rektor kan gjøre dette\./);
  });

  it('the principal registers the report: the acknowledgement deadline is met; twice is refused by the domain (409)', async () => {
    x.clock.now = osloDate('2026-04-13T11:00');
    const res = await x.as(x.s.principal).post(`/api/cases/${id}/acknowledge`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.acknowledgedAt).toBe(osloDate('2026-04-13T11:00').toISOString());
    expect(deadlineOf(res.body, 'acknowledge_report')).toMatchObject({ state: 'met' });
    expect(res.body.timeline.map((t: { kind: string }) => t.kind)).toEqual(['report_filed', 'acknowledged']);
    expect(res.body.timeline[1].actor).toEqual({ id: x.s.principal, name: 'Petra Rektor' });

    const again = await x.as(x.s.principal).post(`/api/cases/${id}/acknowledge`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'TRANSITION_REFUSED',
      reason: 'ALREADY_ACKNOWLEDGED',
      message: 'Meldingen er allerede registrert av rektor.',
    });
  });

  it('delegates to a leader of the school only; the leader then sees and leads the case', async () => {
    const notLeader = await x.as(x.s.principal).post(`/api/cases/${id}/delegate`, { leaderId: x.s.teacher });
    expect(notLeader.status).toBe(400);
    expect(notLeader.body.error.problems).toEqual([{ field: 'leaderId', message: 'Personen er ikke leder ved denne skolen.' }]);
    const res = await x.as(x.s.principal).post(`/api/cases/${id}/delegate`, { leaderId: x.s.leader });
    expect(res.status).toBe(200);
    expect(res.body.caseLeader).toEqual({ id: x.s.leader, name: 'Lars Leder' });
    expect((await x.as(x.s.leader).get(`/api/cases/${id}`)).body.access).toBe('case');
    // What only the principal does stays with the principal.
    expect((await x.as(x.s.leader).post(`/api/cases/${id}/delegate`, { leaderId: x.s.leader })).status).toBe(403);
  });

  it('a late start needs a written reason (422) and writes nothing without one', async () => {
    // The investigation was due to start Wednesday 15 April 16:00 ("snarast": 2 school days).
    x.clock.now = osloDate('2026-04-16T10:00');
    const before = withoutAudit(await x.counts());
    const res = await x.as(x.s.leader).post(`/api/cases/${id}/start-investigation`, {});
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'DELAY_REASON_REQUIRED',
      reason: 'DELAY_REASON_REQUIRED',
      message: 'Fristen er passert. Skriv hvorfor det tok lengre tid. Begrunnelsen lagres i saken.',
    });
    const noBody = await x.as(x.s.leader).post(`/api/cases/${id}/start-investigation`);
    expect(noBody.status).toBe(422);
    expect(withoutAudit(await x.counts())).toEqual(before);
    // … but the attempt is audited.
    const refused = await x.t.db.select().from(auditLog).where(eq(auditLog.action, 'case.start_investigation.refused'));
    expect(refused.length).toBe(2);
  });

  it('refuses an Oslo start time that does not exist (INVALID_DATE)', async () => {
    const res = await x.as(x.s.leader).post(`/api/cases/${id}/start-investigation`, { at: '2026-03-29T02:30', delayReason: 'Syk.' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_DATE');
    expect(res.body.error.problems[0].field).toBe('at');
  });

  it('starts late with the reason: the deadline is met late and keeps the reason', async () => {
    const res = await x.as(x.s.leader).post(`/api/cases/${id}/start-investigation`, { delayReason: 'Eleven var syk to dager.' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('investigating');
    expect(deadlineOf(res.body, 'investigation_start')).toMatchObject({ state: 'met_late', delayReason: 'Eleven var syk to dager.' });
    expect(res.body.timeline.at(-1)).toMatchObject({ kind: 'investigation_started', payload: { delayReason: 'Eleven var syk to dager.' } });
    expect(deadlineOf(res.body, 'investigation_conclude')).toMatchObject({ state: 'open' });
  });

  it('cannot close before the investigation is concluded; cannot conclude unless the pupil was heard', async () => {
    x.clock.now = osloDate('2026-04-20T10:00');
    const close = await x.as(x.s.leader).post(`/api/cases/${id}/close`, { pupilSituationSafe: true, reason: 'Ferdig.' });
    expect(close.status).toBe(409);
    expect(close.body.error.reason).toBe('INVESTIGATION_NOT_CONCLUDED');

    const missing = await x.as(x.s.leader).post(`/api/cases/${id}/conclude-investigation`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.problems.map((p: { field: string }) => p.field).sort()).toEqual(['conclusion', 'measuresNeeded']);

    // Whether the pupil was heard is read from the investigation record, not from the request.
    const unheard = await x.as(x.s.leader).post(`/api/cases/${id}/conclude-investigation`, {
      measuresNeeded: false,
      conclusion: 'Ingen krenkelse.',
      pupilHeard: true,
      bestInterestAssessed: true,
    });
    expect(unheard.status).toBe(409);
    expect(unheard.body.error).toMatchObject({ code: 'TRANSITION_REFUSED', reason: 'PUPIL_NOT_HEARD' });
    expect(unheard.body.error.message).toContain('opplæringsloven § 10-2');

    const talked = await x.as(x.s.leader).post(`/api/cases/${id}/investigation/steps`, {
      kind: 'conversation_with_pupil',
      performedById: x.s.teacher,
      summary: 'Eleven forteller at det har stoppet etter at læreren grep inn.',
    });
    expect(talked.status).toBe(201);
    const noBestInterest = await x
      .as(x.s.leader)
      .post(`/api/cases/${id}/conclude-investigation`, { measuresNeeded: false, conclusion: 'Ingen krenkelse.' });
    expect(noBestInterest.status).toBe(409);
    expect(noBestInterest.body.error).toMatchObject({ code: 'TRANSITION_REFUSED', reason: 'BEST_INTEREST_NOT_ASSESSED' });
    const assessed = await x.as(x.s.leader).post(`/api/cases/${id}/investigation/best-interest`, {
      text: 'Det beste for eleven er å bli i klassen med tett oppfølging fra kontaktlæreren.',
    });
    expect(assessed.status).toBe(201);
    expect(assessed.body.investigation).toMatchObject({ pupilHeard: true, bestInterestAssessed: true });
  });

  it('concludes, closes only when the pupil is safe, and reopens into a new investigation round', async () => {
    const done = await x.as(x.s.leader).post(`/api/cases/${id}/conclude-investigation`, {
      measuresNeeded: false,
      conclusion: 'Eleven og foreldrene opplever at det har stoppet.',
    });
    expect(done.status).toBe(200);
    expect(done.body.investigationConcludedAt).toBe(osloDate('2026-04-20T10:00').toISOString());
    expect(deadlineOf(done.body, 'investigation_conclude')).toMatchObject({ state: 'met' });
    // No measures needed: no activity plan is owed, so there is no plan deadline.
    expect(done.body.deadlines.map((d: { kind: string }) => d.kind)).not.toContain('plan');

    const unsafe = await x.as(x.s.leader).post(`/api/cases/${id}/close`, { pupilSituationSafe: false, reason: 'Ferdig.' });
    expect(unsafe.status).toBe(400);
    expect(unsafe.body.error.problems[0]).toEqual({
      field: 'pupilSituationSafe',
      code: 'invalid_value',
      message: 'Saken kan bare avsluttes når eleven har det trygt og godt.',
    });
    const closed = await x
      .as(x.s.leader)
      .post(`/api/cases/${id}/close`, { pupilSituationSafe: true, reason: 'Eleven har det trygt og godt.' });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.availableActions).toEqual(['reopen']);

    const serious = await x.as(x.s.principal).post(`/api/cases/${id}/serious`);
    expect(serious.status).toBe(409);
    expect(serious.body.error.reason).toBe('CASE_CLOSED');

    x.clock.now = osloDate('2026-04-20T11:00');
    const reopened = await x.as(x.s.principal).post(`/api/cases/${id}/reopen`, { reason: 'Det har startet igjen.' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'investigating', closedAt: null, investigationConcludedAt: null });
    expect(reopened.body.timeline.map((t: { kind: string }) => t.kind).slice(-3)).toEqual([
      'investigation_concluded',
      'closed',
      'reopened',
    ]);
    const openAgain = await x.as(x.s.principal).post(`/api/cases/${id}/reopen`, { reason: 'x' });
    expect(openAgain.body.error.reason).toBe('ALREADY_OPEN');
    // A new investigation round: the pupil is heard again before it can be concluded (§ 10-2).
    const unheard = await x
      .as(x.s.leader)
      .post(`/api/cases/${id}/conclude-investigation`, { measuresNeeded: true, conclusion: 'Tiltak trengs.' });
    expect(unheard.status).toBe(409);
    expect(unheard.body.error.reason).toBe('PUPIL_NOT_HEARD');
  });

  it('a case action on a case of another school answers 404 and changes nothing', async () => {
    const before = withoutAudit(await x.counts());
    const res = await x.as(x.s.otherPrincipal).post(`/api/cases/${id}/close`, { pupilSituationSafe: true, reason: 'x' });
    expect(res.status).toBe(404);
    expect(withoutAudit(await x.counts())).toEqual(before);
  });
});

describe('two principals clicking at once', () => {
  it('start the investigation once: the row lock serialises them', async () => {
    const { id } = await newCase('2026-04-13T09:30');
    const [a, b] = await Promise.all([
      x.as(x.s.principal).post(`/api/cases/${id}/start-investigation`, {}),
      x.as(x.s.principal).post(`/api/cases/${id}/start-investigation`, {}),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.reason).toBe('INVESTIGATION_ALREADY_STARTED');
  });
});

describe('serious cases and the owner notice', () => {
  it('the principal marks the case serious and notifies the owner, who then sees it', async () => {
    const { id } = await newCase('2026-04-14T09:00');
    expect((await x.as(x.s.ownerOfficial).get(`/api/cases/${id}`)).status).toBe(404);
    const notSerious = await x.as(x.s.principal).post(`/api/cases/${id}/owner-notice`, {});
    expect(notSerious.status).toBe(409);
    expect(notSerious.body.error.code).toBe('CONFLICT');

    const marked = await x.as(x.s.principal).post(`/api/cases/${id}/serious`);
    expect(marked.status).toBe(200);
    expect(marked.body.serious).toBe(true);
    expect(deadlineOf(marked.body, 'serious_owner_notice')).toMatchObject({ state: 'open' });
    expect((await x.as(x.s.principal).post(`/api/cases/${id}/serious`)).body.error.reason).toBe('ALREADY_SERIOUS');

    const notice = await x.as(x.s.principal).post(`/api/cases/${id}/owner-notice`);
    expect(notice.status).toBe(200);
    expect(notice.body.timeline.at(-1)).toMatchObject({ kind: 'owner_notice_sent', payload: { about: 'serious' } });
    const rows = await x.t.db.select().from(notifications).where(eq(notifications.caseId, id));
    // The principal's notice goes at once; the system's own notice (a school day later) stays
    // pending until the worker has sent the principal's — sending meets that deadline.
    const principalsNotice = rows.filter((r) => r.subjectKey === `case-${id}.owner_notice-serious`);
    expect(principalsNotice.map((r) => [r.recipientId, r.sendAfter.toISOString()])).toEqual([
      [x.s.ownerOfficial, osloDate('2026-04-14T09:00').toISOString()],
    ]);
    const twice = await x.as(x.s.principal).post(`/api/cases/${id}/owner-notice`, { about: 'serious' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('Skoleeieren er allerede varslet om saken.');

    // The owner is told of serious cases: it sees this one now.
    expect((await x.as(x.s.ownerOfficial).get(`/api/cases/${id}`)).body.access).toBe('case');
    // … and may not act on it: the school leads its cases.
    expect((await x.as(x.s.ownerOfficial).post(`/api/cases/${id}/acknowledge`)).status).toBe(403);
  });

  it("in a § 12-5 case about the principal, the owner acts in the principal's place", async () => {
    const { id } = await newCase('2026-04-14T10:00', {
      category: 'staff_violation',
      concernsEmployee: true,
      accusedPersonId: x.s.principal,
    });
    const ack = await x.as(x.s.ownerOfficial).post(`/api/cases/${id}/acknowledge`);
    expect(ack.status).toBe(200);
    const start = await x.as(x.s.ownerOfficial).post(`/api/cases/${id}/start-investigation`, {});
    expect(start.status).toBe(200);
    const delegate = await x.as(x.s.ownerOfficial).post(`/api/cases/${id}/delegate`, { leaderId: x.s.leader });
    expect(delegate.status).toBe(400);
    expect(delegate.body.error.problems[0].field).toBe('leaderId');
    const notice = await x.as(x.s.ownerOfficial).post(`/api/cases/${id}/owner-notice`, {});
    expect(notice.status).toBe(409);
  });
});

describe('§ 12-6: when the principal personally knew', () => {
  it('records the instant and shows when the county governor can be asked', async () => {
    const { id } = await newCase('2026-04-15T08:00');
    x.clock.now = osloDate('2026-04-15T13:00');
    const future = await x.as(x.s.principal).post(`/api/cases/${id}/principal-knows`, { at: '2026-04-15T14:00' });
    expect(future.status).toBe(400);
    const res = await x.as(x.s.principal).post(`/api/cases/${id}/principal-knows`, { at: '2026-04-15T12:00' });
    expect(res.status).toBe(200);
    expect(res.body.principalKnewAt).toBe(osloDate('2026-04-15T12:00').toISOString());
    expect(res.body.enforcementWindowOpensAt).toBe(osloDate('2026-04-22T12:00').toISOString());
    const again = await x.as(x.s.principal).post(`/api/cases/${id}/principal-knows`, {});
    expect(again.status).toBe(409);
    expect((await x.as(x.s.leader).post(`/api/cases/${id}/principal-knows`, {})).status).toBe(404);
  });
});

describe('a written reason for a missed deadline', () => {
  it('is recorded for a missed deadline only', async () => {
    const { id } = await newCase('2026-04-20T09:00');
    // Wednesday 10:00: the acknowledgement (due Tuesday 16:00) is missed; the start is not yet due.
    x.clock.now = osloDate('2026-04-22T10:00');
    const view = (await x.as(x.s.principal).get(`/api/cases/${id}`)).body;
    expect(deadlineOf(view, 'acknowledge_report').state).toBe('missed');
    const ackKey = deadlineOf(view, 'acknowledge_report').key;
    const startKey = deadlineOf(view, 'investigation_start').key;

    const notDue = await x.as(x.s.principal).post(`/api/cases/${id}/deadlines/${startKey}/delay-reason`, { reason: 'x' });
    expect(notDue.status).toBe(409);
    const unknown = await x.as(x.s.principal).post(`/api/cases/${id}/deadlines/case-x.nothing/delay-reason`, { reason: 'x' });
    expect(unknown.status).toBe(404);
    const empty = await x.as(x.s.principal).post(`/api/cases/${id}/deadlines/${ackKey}/delay-reason`, { reason: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.problems[0]).toMatchObject({ field: 'reason', message: 'Begrunnelsen kan ikke være tom.' });

    const res = await x.as(x.s.principal).post(`/api/cases/${id}/deadlines/${ackKey}/delay-reason`, { reason: 'Rektor var på kurs.' });
    expect(res.status).toBe(200);
    expect(deadlineOf(res.body, 'acknowledge_report')).toMatchObject({ state: 'missed', delayReason: 'Rektor var på kurs.' });
    expect(res.body.timeline.at(-1)).toMatchObject({
      kind: 'delay_reason_recorded',
      payload: { deadlineKey: ackKey, reason: 'Rektor var på kurs.' },
    });
    const [row] = await x.t.db.select().from(deadlines).where(eq(deadlines.key, ackKey));
    expect(row!.delayReasonById).toBe(x.s.principal);
  });
});

describe('GET /api/cases', () => {
  it('filters, sorts by the next deadline and pages, within what the caller may see', async () => {
    x.clock.now = osloDate('2026-04-22T10:00');
    const principal = x.as(x.s.principal);
    const all = (await principal.get('/api/cases?pageSize=200')).body;
    expect(all.total).toBe(all.items.length);
    const next = all.items.map((i: { nextDeadlineAt: string | null }) => i.nextDeadlineAt).filter(Boolean);
    expect([...next].sort()).toEqual(next);
    expect(all.items.every((i: { access: string; schoolId: string }) => i.access === 'case' && i.schoolId === x.s.schoolId)).toBe(true);

    const page = (await principal.get('/api/cases?pageSize=2&page=2')).body;
    expect(page).toMatchObject({ page: 2, pageSize: 2, total: all.total });
    expect(page.items.map((i: { id: string }) => i.id)).toEqual(all.items.slice(2, 4).map((i: { id: string }) => i.id));

    const serious = (await principal.get('/api/cases?serious=true')).body.items;
    expect(serious.length).toBeGreaterThan(0);
    expect(serious.every((i: { serious: boolean }) => i.serious)).toBe(true);
    const investigating = (await principal.get('/api/cases?status=investigating')).body.items;
    expect(investigating.every((i: { status: string }) => i.status === 'investigating')).toBe(true);
    const overdue = (await principal.get('/api/cases?overdue=true&pageSize=200')).body.items;
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    const led = (await principal.get(`/api/cases?leaderId=${x.s.leader}`)).body.items;
    expect(led.every((i: { caseLeaderId: string }) => i.caseLeaderId === x.s.leader)).toBe(true);
    // The § 12-5 case about the principal is not among them.
    expect(
      (await principal.get('/api/cases?section125=true&pageSize=200')).body.items.every((i: { section125: boolean }) => i.section125),
    ).toBe(true);

    // The leader sees the cases delegated to them; the owner the serious and § 12-5 ones.
    const leader = (await x.as(x.s.leader).get('/api/cases?pageSize=200')).body.items;
    expect(leader.every((i: { caseLeaderId: string }) => i.caseLeaderId === x.s.leader)).toBe(true);
    const owner = (await x.as(x.s.ownerOfficial).get('/api/cases?pageSize=200')).body.items;
    expect(owner.length).toBeGreaterThan(0);
    expect(owner.every((i: { serious: boolean; section125: boolean }) => i.serious || i.section125)).toBe(true);
    expect((await x.as(x.s.admin).get('/api/cases')).body).toEqual({ items: [], page: 1, pageSize: 50, total: 0 });
    expect((await x.as(x.s.otherPrincipal).get('/api/cases')).body.total).toBe(0);
    expect((await principal.get(`/api/cases?schoolId=${x.s.otherSchoolId}`)).body.total).toBe(0);
  });

  it('names a bad filter', async () => {
    const res = await x.as(x.s.principal).get('/api/cases?status=bogus&pageSize=0');
    expect(res.status).toBe(400);
    expect(res.body.error.problems.map((p: { field: string }) => p.field).sort()).toEqual(['pageSize', 'status']);
  });
});
