import { NEAR_TERM_HORIZON_MS } from '@trygg/jobs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, deadlines, notifications, reports } from '@trygg/db';
import { createApp } from './app';
import { sessionCookie } from './session';
import { SECRET, createTestApp, osloDate, withoutAudit, type TestApp } from './test-support';

let x: TestApp;
beforeAll(async () => {
  x = await createTestApp();
});
afterAll(() => x?.drop());

const report = (overrides: Record<string, unknown> = {}) => ({
  schoolId: x.s.schoolId,
  pupilId: x.s.pupil,
  basis: 'suspicion',
  category: 'bullying',
  description: 'Eleven blir holdt utenfor i friminuttene.',
  intervened: false,
  ...overrides,
});

describe('POST /api/reports', () => {
  it('opens a case with its deadlines and tells the principal; the reporter gets the number only', async () => {
    x.clock.now = osloDate('2026-04-13T09:00');
    const res = await x.as(x.s.teacher).post('/api/reports', report());
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['caseId', 'number']);
    expect(res.body.number).toMatch(/^2026-\d{4}$/);

    const [kase] = await x.t.db.select().from(cases).where(eq(cases.id, res.body.caseId));
    expect(kase).toMatchObject({ status: 'reported', schoolId: x.s.schoolId, pupilId: x.s.pupil, concernsEmployee: false });
    expect(kase!.openedAt.toISOString()).toBe(osloDate('2026-04-13T09:00').toISOString());
    const [filed] = await x.t.db.select().from(reports).where(eq(reports.caseId, kase!.id));
    expect(filed).toMatchObject({ filedById: x.s.teacher, reporterKind: 'staff', registeredAt: null });

    const kinds = (await x.t.db.select().from(deadlines).where(eq(deadlines.caseId, kase!.id))).map((d) => d.kind).sort();
    expect(kinds).toEqual(['acknowledge_report', 'investigation_start']);
    const told = await x.t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, kase!.id), eq(notifications.kind, 'new_report')));
    expect(told.map((n) => n.recipientId)).toEqual([x.s.principal]);
  });

  it('takes reports from SFO/AKS staff (§ 12-1) and records who reported', async () => {
    const res = await x.as(x.s.sfo).post('/api/reports', report({ category: 'exclusion' }));
    expect(res.status).toBe(201);
    const [filed] = await x.t.db.select().from(reports).where(eq(reports.caseId, res.body.caseId));
    expect(filed!.reporterKind).toBe('sfo_aks');
  });

  it('counts a report registered after the fact from when it was made', async () => {
    x.clock.now = osloDate('2026-04-16T10:00');
    const res = await x
      .as(x.s.teacher)
      .post('/api/reports', report({ reportedAt: '2026-04-13T09:00', occurredAt: '2026-04-10T12:15+02:00' }));
    expect(res.status).toBe(201);
    const [filed] = await x.t.db.select().from(reports).where(eq(reports.caseId, res.body.caseId));
    expect(filed!.asOf.toISOString()).toBe(osloDate('2026-04-13T09:00').toISOString());
    expect(filed!.filedAt.toISOString()).toBe(osloDate('2026-04-16T10:00').toISOString());
    expect(filed!.occurredAt!.toISOString()).toBe('2026-04-10T10:15:00.000Z');
    x.clock.now = osloDate('2026-04-13T09:00');
  });

  it('lets a principal file a report that is registered and known at once (§ 12-6)', async () => {
    const res = await x.as(x.s.principal).post('/api/reports', report());
    expect(res.status).toBe(201);
    const view = await x.as(x.s.principal).get(`/api/cases/${res.body.caseId}`);
    expect(view.body.acknowledgedAt).toBe(osloDate('2026-04-13T09:00').toISOString());
    expect(view.body.principalKnewAt).toBe(osloDate('2026-04-13T09:00').toISOString());
    expect(view.body.enforcementWindowOpensAt).toBe(osloDate('2026-04-20T09:00').toISOString());
  });

  it('refuses without a session (401) and for people who do not work at the school (403)', async () => {
    expect((await x.as(null).post('/api/reports', report())).status).toBe(401);
    const owner = await x.as(x.s.ownerOfficial).post('/api/reports', report());
    expect(owner.status).toBe(403);
    expect(owner.body.error).toMatchObject({ code: 'FORBIDDEN', message: 'Du må være ansatt ved skolen for å gjøre dette.' });
    expect((await x.as(x.s.otherPrincipal).post('/api/reports', report())).status).toBe(403);
    expect((await x.as(x.s.admin).post('/api/reports', report())).status).toBe(403);
  });

  it('answers 404 for an unknown school or pupil, 400 for a pupil of another school — and writes nothing', async () => {
    const before = withoutAudit(await x.counts());
    const teacher = x.as(x.s.teacher);
    const unknownSchool = await teacher.post('/api/reports', report({ schoolId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknownSchool.status).toBe(404);
    expect(unknownSchool.body.error.problems).toEqual([{ field: 'schoolId', message: 'Fant ikke skolen.' }]);
    const unknownPupil = await teacher.post('/api/reports', report({ pupilId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknownPupil.status).toBe(404);
    const otherSchool = await teacher.post('/api/reports', report({ pupilId: x.s.pupilOfOtherSchool }));
    expect(otherSchool.status).toBe(400);
    expect(otherSchool.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      problems: [{ field: 'pupilId', message: 'Eleven går ikke på denne skolen.' }],
    });
    expect(withoutAudit(await x.counts())).toEqual(before);
  });

  it('names every bad field in Bokmål and never answers 500 for bad input', async () => {
    const before = withoutAudit(await x.counts());
    const res = await x.as(x.s.teacher).post('/api/reports', {
      schoolId: 'nope',
      pupilId: x.s.pupil,
      basis: 'rumour',
      category: 'bullying',
      description: '',
      intervened: true,
      status: 'closed',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
    const fields = Object.fromEntries(res.body.error.problems.map((p: { field: string; message: string }) => [p.field, p.message]));
    expect(fields).toMatchObject({
      schoolId: 'Må være en gyldig id.',
      basis: 'Velg mistanke (suspicion) eller kjennskap (knowledge).',
      description: 'Beskrivelsen kan ikke være tom.',
      status: 'Feltet er ukjent. Fjern det.',
    });
    expect(res.body.error.message).toContain('schoolId');

    for (const bad of [null, [], 'x', 42, { ...report(), intervened: 'ja' }, { ...report(), description: { a: 1 } }]) {
      const r = await x.as(x.s.teacher).post('/api/reports', bad);
      expect(r.status).toBe(400);
    }
    const malformed = await x.as(x.s.teacher).post('/api/reports', undefined, { raw: '{"schoolId": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe('Forespørselen er ikke gyldig JSON.');
    expect(withoutAudit(await x.counts())).toEqual(before);
  });

  it('refuses an Oslo time that does not exist (DST gap) with INVALID_DATE, and a time in the future', async () => {
    const before = withoutAudit(await x.counts());
    const gap = await x.as(x.s.teacher).post('/api/reports', report({ reportedAt: '2026-03-29T02:30' }));
    expect(gap.status).toBe(400);
    expect(gap.body.error.code).toBe('INVALID_DATE');
    expect(gap.body.error.message).toContain('finnes ikke i norsk tid');
    expect(gap.body.error.problems[0].field).toBe('reportedAt');
    const impossible = await x.as(x.s.teacher).post('/api/reports', report({ reportedAt: '2026-02-30T10:00' }));
    expect(impossible.status).toBe(400);
    expect(impossible.body.error.code).toBe('INVALID_DATE');
    const future = await x.as(x.s.teacher).post('/api/reports', report({ reportedAt: '2026-04-14T09:00' }));
    expect(future.status).toBe(400);
    expect(future.body.error.problems).toEqual([{ field: 'reportedAt', message: 'Tidspunktet kan ikke være i fremtiden.' }]);
    expect(withoutAudit(await x.counts())).toEqual(before);
  });

  it('takes JSON only (415) up to 1 MB (413)', async () => {
    const form = await x
      .as(x.s.teacher)
      .post('/api/reports', undefined, { raw: 'schoolId=1', contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await x.as(x.s.teacher).post('/api/reports', report({ description: 'x'.repeat(1_100_000) }));
    expect(big.status).toBe(413);
  });
});

describe('§ 12-5: a report about an employee', () => {
  it('about the principal: goes to the owner; the principal and the leadership never learn of it', async () => {
    const res = await x
      .as(x.s.teacher)
      .post('/api/reports', report({ category: 'staff_violation', concernsEmployee: true, accusedPersonId: x.s.principal }));
    expect(res.status).toBe(201);
    const id = res.body.caseId;
    const [kase] = await x.t.db.select().from(cases).where(eq(cases.id, id));
    expect(kase).toMatchObject({ concernsEmployee: true, accusedPersonId: x.s.principal, accusedInLeadership: true });

    for (const barred of [x.s.principal, x.s.leader]) {
      const view = await x.as(barred).get(`/api/cases/${id}`);
      expect(view.status).toBe(404);
      expect(view.body.error.message).toBe('Fant ikke saken.');
      const list = await x.as(barred).get('/api/cases?pageSize=200');
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
      expect((await x.as(barred).post(`/api/cases/${id}/acknowledge`)).status).toBe(404);
    }
    const owner = await x.as(x.s.ownerOfficial).get(`/api/cases/${id}`);
    expect(owner.status).toBe(200);
    expect(owner.body).toMatchObject({ access: 'case', section125: true, accusedInLeadership: true });
    expect(owner.body.accused).toEqual({ id: x.s.principal, name: 'Petra Rektor' });
    // The owner is told at once; the principal is not told at all.
    const told = await x.t.db.select().from(notifications).where(eq(notifications.caseId, id));
    expect(told.some((n) => n.recipientId === x.s.ownerOfficial)).toBe(true);
    expect(told.some((n) => n.recipientId === x.s.principal || n.recipientId === x.s.leader)).toBe(false);
    // The reporter sees the number and status of their own report's case.
    expect((await x.as(x.s.teacher).get(`/api/cases/${id}`)).body).toEqual({
      access: 'own_part',
      id,
      number: res.body.number,
      status: 'reported',
    });
  });

  it('about a staff member: the principal sees it, the accused never does', async () => {
    const res = await x
      .as(x.s.teacher)
      .post('/api/reports', report({ category: 'staff_violation', concernsEmployee: true, accusedPersonId: x.s.sfo }));
    expect(res.status).toBe(201);
    const id = res.body.caseId;
    expect((await x.as(x.s.principal).get(`/api/cases/${id}`)).body).toMatchObject({
      access: 'case',
      section125: true,
      accusedInLeadership: false,
    });
    expect((await x.as(x.s.sfo).get(`/api/cases/${id}`)).status).toBe(404);
    const list = await x.as(x.s.sfo).get('/api/cases?pageSize=200');
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('refuses an accused who does not work at the school, and an accused without § 12-5', async () => {
    const before = withoutAudit(await x.counts());
    const outsider = await x.as(x.s.teacher).post('/api/reports', report({ concernsEmployee: true, accusedPersonId: x.s.otherPrincipal }));
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.problems).toEqual([{ field: 'accusedPersonId', message: 'Personen er ikke ansatt ved denne skolen.' }]);
    const missing = await x.as(x.s.teacher).post('/api/reports', report({ concernsEmployee: true }));
    expect(missing.body.error.problems[0]).toMatchObject({ field: 'accusedPersonId', message: 'Velg hvilken ansatt saken gjelder.' });
    const stray = await x.as(x.s.teacher).post('/api/reports', report({ accusedPersonId: x.s.sfo }));
    expect(stray.status).toBe(400);
    expect(withoutAudit(await x.counts())).toEqual(before);
  });
});

describe('what a reporter sees', () => {
  it('lists only the cases of their own reports, with number and status', async () => {
    const mine = await x.as(x.s.teacher).post('/api/reports', report({ pupilId: x.s.otherPupil }));
    const theirs = await x.as(x.s.sfo).post('/api/reports', report({ pupilId: x.s.otherPupil }));
    const list = await x.as(x.s.teacher).get('/api/cases?pageSize=200');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(mine.body.caseId);
    expect(ids).not.toContain(theirs.body.caseId);
    for (const item of list.body.items) expect(Object.keys(item).sort()).toEqual(['access', 'id', 'number', 'status']);
    expect((await x.as(x.s.teacher).get(`/api/cases/${theirs.body.caseId}`)).status).toBe(404);
    // Filters about the case file show a reporter nothing.
    expect((await x.as(x.s.teacher).get('/api/cases?serious=false')).body.items).toEqual([]);
  });
});

describe('the queue fast path', () => {
  it('enqueues a send job per pending ledger row due within the near-term horizon, delayed to its send time', async () => {
    const enqueued: { name: string; payload: unknown; delayMs: number | undefined }[] = [];
    const jobs = {
      enqueue: async (name: string, payload: unknown, options: { delayMs?: number } = {}) => {
        enqueued.push({ name, payload, delayMs: options.delayMs });
        return { jobId: 'x', outcome: 'added' as const };
      },
    };
    const app = createApp({
      db: x.t.db,
      clock: () => x.clock.now,
      sessionSecret: SECRET,
      appUrl: 'http://127.0.0.1:5173/',
      jobs,
      log: { error: () => {} },
    });
    x.clock.now = osloDate('2026-04-13T09:00');
    const res = await app.request('/api/reports', {
      method: 'POST',
      body: JSON.stringify(report()),
      headers: { 'content-type': 'application/json', cookie: await sessionCookie(x.t.db, x.s.teacher, x.clock.now) },
    });
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    const pending = await x.t.db.select().from(notifications).where(eq(notifications.caseId, caseId));
    // Redis holds only the near term; later rows are the sweep's to enqueue when they come near.
    const near = pending.filter((p) => p.sendAfter.getTime() <= x.clock.now.getTime() + NEAR_TERM_HORIZON_MS);
    expect(near.length).toBeGreaterThan(0);
    expect(near.length).toBeLessThan(pending.length);
    expect(enqueued.map((e) => (e.payload as { notificationId: string }).notificationId).sort()).toEqual(near.map((p) => p.id).sort());
    const newReport = pending.find((p) => p.kind === 'new_report')!;
    expect(enqueued.find((e) => (e.payload as { notificationId: string }).notificationId === newReport.id)).toEqual({
      name: 'send-notification',
      payload: { notificationId: newReport.id },
      delayMs: newReport.sendAfter.getTime() - x.clock.now.getTime(),
    });
  });

  it('still answers 201 when the queue is down: the rows are committed and the sweep sends them', async () => {
    const errorsLogged: string[] = [];
    const jobs = { enqueue: async () => Promise.reject(new Error('redis down')) };
    const app = createApp({
      db: x.t.db,
      clock: () => x.clock.now,
      sessionSecret: SECRET,
      appUrl: 'http://127.0.0.1:5173/',
      jobs,
      log: { error: (m) => errorsLogged.push(m) },
    });
    const res = await app.request('/api/reports', {
      method: 'POST',
      body: JSON.stringify(report()),
      headers: { 'content-type': 'application/json', cookie: await sessionCookie(x.t.db, x.s.teacher, x.clock.now) },
    });
    expect(res.status).toBe(201);
    expect(errorsLogged).toEqual(['enqueue failed; the sweep will pick the rows up']);
  });
});
