// The audit trail over HTTP: every read and write of a case leaves an entry (who, roles,
// school, what, which case, when, request id — no case text, no names), concurrent requests
// keep one intact chain, and the app can run as the database role that may only append.
import { asc, count, desc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, auditLog, createDb, verifyAuditChain, type DbHandle } from '@trygg/db';
import { switchableDb } from './switchable-db';
import { createTestApp, osloDate, type TestApp } from './test-support';

let x: TestApp;
beforeAll(async () => {
  x = await createTestApp();
});
afterAll(() => x?.drop());

const DESCRIPTION = 'Eleven blir kalt Knerten-navnet i garderoben hver dag.';

const report = (overrides: Record<string, unknown> = {}) => ({
  schoolId: x.s.schoolId,
  pupilId: x.s.pupil,
  basis: 'knowledge',
  category: 'bullying',
  description: DESCRIPTION,
  intervened: true,
  intervention: 'Stoppet det og snakket med begge om Knerten-navnet.',
  ...overrides,
});

async function lastSeq(): Promise<number> {
  const [row] = await x.t.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row?.seq ?? 0;
}
const entriesAfter = (seq: number) => x.t.db.select().from(auditLog).where(gt(auditLog.seq, seq)).orderBy(asc(auditLog.seq));

describe('the audit trail', () => {
  let caseId: string;
  beforeAll(async () => {
    x.clock.now = osloDate('2026-04-13T09:00');
    const res = await x.as(x.s.teacher).post('/api/reports', report());
    expect(res.status).toBe(201);
    caseId = res.body.caseId;
  });

  it('writes who, which roles, which school, what, which case, when and the request id for a read', async () => {
    const before = await lastSeq();
    const res = await x.as(x.s.principal).get(`/api/cases/${caseId}`);
    expect(res.status).toBe(200);
    const [entry, ...more] = await entriesAfter(before);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actorId: x.s.principal,
      action: 'case.read',
      entityType: 'case',
      entityId: caseId,
      schoolId: x.s.schoolId,
      details: { roles: ['principal'], access: 'case' },
    });
    expect(entry!.at.toISOString()).toBe(x.clock.now.toISOString());
    expect(entry!.requestId).toEqual(expect.any(String));
    expect(entry!.requestId!.length).toBeGreaterThan(8);
  });

  it('writes a refused read too, with the school it was refused at (the case exists, the reader may not see it)', async () => {
    const before = await lastSeq();
    expect((await x.as(x.s.otherPrincipal).get(`/api/cases/${caseId}`)).status).toBe(404);
    const [entry] = await entriesAfter(before);
    expect(entry).toMatchObject({
      actorId: x.s.otherPrincipal,
      action: 'case.read.refused',
      entityId: caseId,
      schoolId: x.s.schoolId,
      details: { roles: [] },
    });
  });

  it('writes every case write and report filing, inside the write (one entry each)', async () => {
    const before = await lastSeq();
    const filed = await x.as(x.s.sfo).post('/api/reports', report({ category: 'exclusion' }));
    expect(filed.status).toBe(201);
    expect((await x.as(x.s.principal).post(`/api/cases/${filed.body.caseId}/acknowledge`)).status).toBe(200);
    expect((await x.as(x.s.principal).post(`/api/cases/${filed.body.caseId}/delegate`, { leaderId: x.s.leader })).status).toBe(200);
    expect((await x.as(x.s.leader).post(`/api/cases/${filed.body.caseId}/start-investigation`, {})).status).toBe(200);
    // Refused by the role check: the attempt is written, nothing else.
    expect((await x.as(x.s.sfo).post(`/api/cases/${filed.body.caseId}/serious`)).status).toBe(403);
    const entries = await entriesAfter(before);
    expect(entries.map((e) => [e.action, e.actorId, e.details['roles']])).toEqual([
      ['report.file', x.s.sfo, ['staff']],
      ['case.acknowledge', x.s.principal, ['principal']],
      ['case.delegate', x.s.principal, ['principal']],
      ['case.start_investigation', x.s.leader, ['leader']],
      ['case.mark_serious.refused', x.s.sfo, ['staff']],
    ]);
    for (const e of entries) expect(e.entityId).toBe(filed.body.caseId);
    expect(entries.every((e) => e.schoolId === x.s.schoolId)).toBe(true);
  });

  it('catches what a route does not write itself: a generic entry with the route and the status', async () => {
    const before = await lastSeq();
    expect((await x.as(x.s.teacher).get(`/api/schools/${x.s.schoolId}/pupils`)).status).toBe(200);
    // A malformed case id never reaches the route (400 from the request schema): still written,
    // without the id.
    expect((await x.as(x.s.teacher).get('/api/cases/Nora%20Nilsen')).status).toBe(400);
    const entries = await entriesAfter(before);
    expect(entries.map((e) => [e.action, e.entityType, e.entityId, e.details])).toEqual([
      ['pupil.get', 'pupil', null, { roles: ['staff'], route: 'GET /api/schools/:schoolId/pupils', status: 200 }],
      ['case.get', 'case', null, { roles: ['staff'], route: 'GET /api/cases/:id', status: 400 }],
    ]);
  });

  it('writes no case text and no names: ids and codes only', async () => {
    const rows = await x.t.db.select().from(auditLog);
    const text = JSON.stringify(rows);
    for (const secret of ['Knerten', 'Nora', 'Nilsen', 'Petra', 'Tone', 'garderoben']) expect(text).not.toContain(secret);
  });

  it('does not write refused anonymous requests (nothing was read, and nobody can fill the log)', async () => {
    const before = await lastSeq();
    expect((await x.as(null).get(`/api/cases/${caseId}`)).status).toBe(401);
    expect((await x.as(null).get('/api/acknowledgements/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
    expect(await entriesAfter(before)).toEqual([]);
  });

  it('keeps one intact chain under concurrent reads and writes, one entry per request', async () => {
    const cases = await Promise.all(
      Array.from({ length: 6 }, () => x.as(x.s.teacher).post('/api/reports', report())).map(async (p) => (await p).body.caseId as string),
    );
    const before = await lastSeq();
    const requests = cases.flatMap((id) => [
      x.as(x.s.principal).post(`/api/cases/${id}/acknowledge`),
      x.as(x.s.principal).get(`/api/cases/${id}`),
      x.as(x.s.teacher).get(`/api/cases/${id}`),
      x.as(x.s.principal).post(`/api/cases/${id}/serious`),
      x.as(x.s.otherPrincipal).get(`/api/cases/${id}`),
      x.as(x.s.teacher).post('/api/reports', report()),
    ]);
    const answers = await Promise.all(requests);
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect((await entriesAfter(before)).length).toBe(requests.length);
    expect(await verifyAuditChain(x.t.db)).toBeNull();
  });
});

describe(`the app running as ${APP_ROLE}`, () => {
  let restricted: DbHandle;
  let y: TestApp;
  beforeAll(async () => {
    // The app's queries on a pool of the same test database that acts as the application role.
    const db = switchableDb();
    y = await createTestApp({ db: db.db });
    restricted = createDb(y.t.url, { max: 4, role: APP_ROLE });
    db.use(restricted.db);
  });
  afterAll(async () => {
    await restricted?.close();
    await y?.drop();
  });

  it('files, reads and moves a case, and cannot change or remove the audit log', async () => {
    const [who] = await restricted.sql<{ current_user: string }[]>`select current_user`;
    expect(who!.current_user).toBe(APP_ROLE);
    y.clock.now = osloDate('2026-04-13T09:00');
    const filed = await y.as(y.s.teacher).post('/api/reports', { ...report(), schoolId: y.s.schoolId, pupilId: y.s.pupil });
    expect(filed.status).toBe(201);
    expect((await y.as(y.s.principal).post(`/api/cases/${filed.body.caseId}/acknowledge`)).status).toBe(200);
    expect((await y.as(y.s.principal).get(`/api/cases/${filed.body.caseId}`)).status).toBe(200);
    const [n] = await restricted.db.select({ n: count() }).from(auditLog);
    expect(n!.n).toBe(3);
    const refused = (run: () => Promise<unknown>) => run().then(() => 'done', (e: { cause?: { code?: string } }) => e.cause?.code);
    expect(await refused(() => restricted.db.update(auditLog).set({ action: 'case.nothing' }).where(eq(auditLog.entityId, filed.body.caseId)))).toBe('42501');
    expect(await refused(() => restricted.db.delete(auditLog))).toBe('42501');
    expect(await verifyAuditChain(restricted.db)).toBeNull();
  });
});
