// External bodies involved in a case, over HTTP against a real database: recorded by whoever
// leads the case through the one case-action frame (timeline, audit), read in time order, and
// refused — writing nothing but the audit entry — for everyone else and for bad input.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, caseTimeline } from '@trygg/db';
import { createTestApp, osloDate, withoutAudit, type TestApp } from './test-support';

let x: TestApp;
let caseId: string;
beforeAll(async () => {
  x = await createTestApp();
  x.clock.now = osloDate('2026-04-13T09:00');
  const res = await x.as(x.s.teacher).post('/api/reports', {
    schoolId: x.s.schoolId,
    pupilId: x.s.pupil,
    basis: 'knowledge',
    category: 'exclusion',
    description: 'Eleven blir holdt utenfor i friminuttene.',
    intervened: false,
  });
  expect(res.status).toBe(201);
  caseId = res.body.caseId;
});
afterAll(() => x?.drop());

const path = () => `/api/cases/${caseId}/external-bodies`;

describe('external bodies involved in a case', () => {
  it('the principal records one; it is in the timeline and the audit log, and the list is in order of contact', async () => {
    x.clock.now = osloDate('2026-04-15T10:00');
    const first = await x.as(x.s.principal).post(path(), {
      kind: 'child_welfare',
      involvement: 'Bekymringsmelding sendt etter samtale med foreldrene.',
      contactedOn: '2026-04-15',
    });
    expect(first.status).toBe(201);
    expect(first.body.externalBody).toMatchObject({
      kind: 'child_welfare',
      name: null,
      involvement: 'Bekymringsmelding sendt etter samtale med foreldrene.',
      contactedOn: '2026-04-15',
      concernsOtherPupils: false,
      recordedBy: { id: x.s.principal, name: expect.any(String) },
      recordedAt: osloDate('2026-04-15T10:00').toISOString(),
    });
    expect(first.body.case).toMatchObject({ id: caseId, access: 'case' });

    // Recorded later, contacted earlier: the list goes by the date of contact.
    x.clock.now = osloDate('2026-04-16T11:00');
    const second = await x.as(x.s.principal).post(path(), {
      kind: 'other',
      name: 'Familievernkontoret',
      involvement: 'Foreldrene har fått time.',
      contactedOn: '2026-04-14',
    });
    expect(second.status).toBe(201);
    const list = await x.as(x.s.principal).get(path());
    expect(list.status).toBe(200);
    expect(list.body.externalBodies.map((b: { kind: string; contactedOn: string }) => `${b.kind} ${b.contactedOn}`)).toEqual([
      'other 2026-04-14',
      'child_welfare 2026-04-15',
    ]);
    expect(second.body.externalBodies).toEqual(list.body.externalBodies);

    const timeline = await x.t.db
      .select()
      .from(caseTimeline)
      .where(and(eq(caseTimeline.caseId, caseId), eq(caseTimeline.kind, 'external_body_recorded')));
    expect(timeline.map((t) => t.payload)).toEqual([
      { externalBodyId: first.body.externalBody.id, bodyKind: 'child_welfare', contactedOn: '2026-04-15' },
      { externalBodyId: second.body.externalBody.id, bodyKind: 'other', contactedOn: '2026-04-14' },
    ]);
    const audited = await x.t.db.select().from(auditLog).where(eq(auditLog.action, 'case.external_body'));
    expect(audited.map((a) => a.details)).toEqual([
      { externalBodyId: first.body.externalBody.id, kind: 'child_welfare', roles: ['principal'] },
      { externalBodyId: second.body.externalBody.id, kind: 'other', roles: ['principal'] },
    ]);
  });

  it('the leader the case is delegated to may record one too', async () => {
    expect((await x.as(x.s.principal).post(`/api/cases/${caseId}/delegate`, { leaderId: x.s.leader })).status).toBe(200);
    const res = await x.as(x.s.leader).post(path(), { kind: 'ppt', name: 'PPT Testvik', involvement: 'Drøftet saken anonymt.', contactedOn: '2026-04-16' });
    expect(res.status).toBe(201);
    expect(res.body.externalBodies).toHaveLength(3);
  });

  it('the staff member who reported it may neither record nor see them (403 to write, 404 to read); nothing is written', async () => {
    const before = await x.counts();
    const write = await x.as(x.s.teacher).post(path(), { kind: 'police', involvement: 'Anmeldt.', contactedOn: '2026-04-16' });
    expect(write.status).toBe(403);
    expect(write.body.error).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Bare rektor eller lederen saken er delegert til, kan gjøre dette. I en § 12-5-sak om skolens ledelse er det skoleeieren.',
    });
    const read = await x.as(x.s.teacher).get(path());
    expect(read.status).toBe(404);
    expect(read.body.error).toMatchObject({ code: 'NOT_FOUND', message: 'Fant ikke saken.' });
    // Another school's principal: the case does not exist for them.
    expect((await x.as(x.s.otherPrincipal).post(path(), { kind: 'police', involvement: 'Anmeldt.', contactedOn: '2026-04-16' })).status).toBe(404);
    expect((await x.as(x.s.otherPrincipal).get(path())).status).toBe(404);
    const after = await x.counts();
    expect(withoutAudit(after)).toEqual(withoutAudit(before));
    expect(after.auditLog).toBe(before.auditLog! + 4);
  });

  it('bad input gets a 400 naming the field, in plain Norwegian, and writes nothing', async () => {
    const before = await x.counts();
    const post = (body: unknown) => x.as(x.s.principal).post(path(), body);
    const valid = { kind: 'bup', involvement: 'Henvist til utredning.', contactedOn: '2026-04-16' };
    const cases: [unknown, string, string | RegExp][] = [
      [{ ...valid, kind: 'other' }, 'name', 'Skriv navnet på instansen når du velger «annen».'],
      [{ ...valid, kind: 'other', name: '   ' }, 'name', 'Navnet på instansen kan ikke være tom.'],
      [{ ...valid, kind: 'fbi' }, 'kind', /^Velg instans: PPT/],
      [{ ...valid, involvement: '' }, 'involvement', 'Hva instansen var involvert i kan ikke være tom.'],
      [{ ...valid, contactedOn: '2026-04-17' }, 'contactedOn', 'Datoen for kontakten kan ikke være etter i dag.'],
      [{ ...valid, contactedOn: '2026-02-30' }, 'contactedOn', 'Datoen «2026-02-30» finnes ikke.'],
      [{ ...valid, contactedOn: '16.04.2026' }, 'contactedOn', 'Dato må skrives ÅÅÅÅ-MM-DD.'],
      [{ kind: 'bup', contactedOn: '2026-04-16' }, 'involvement', /./],
      [{ ...valid, recordedById: x.s.teacher }, 'recordedById', /./],
    ];
    for (const [body, field, message] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.problems, JSON.stringify(body)).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.stringMatching(message) })]));
    }
    const after = await x.counts();
    expect(withoutAudit(after)).toEqual(withoutAudit(before));
  });
});
