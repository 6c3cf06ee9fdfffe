// GET /api/admin/failed-notifications on real PostgreSQL: what the worker gave up on reaches
// the admins — without email addresses or pupil names — and nobody else.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, markFailed, notifications, people, pupils } from '@trygg/db';
import { withoutAddresses } from './routes/failed-notifications';
import { createTestApp, osloDate, type TestApp } from './test-support';

let x: TestApp;
beforeAll(async () => {
  x = await createTestApp();
});
afterAll(() => x?.drop());

const PATH = '/api/admin/failed-notifications';

describe('failed notifications', () => {
  let caseNumber: string;
  let givenUp: string;
  let sent: string;
  let principalEmail: string;
  let pupilName: string;

  beforeAll(async () => {
    x.clock.now = osloDate('2026-04-13T09:00');
    const filed = await x.as(x.s.teacher).post('/api/reports', {
      schoolId: x.s.schoolId,
      pupilId: x.s.pupil,
      basis: 'knowledge',
      category: 'bullying',
      description: 'Eleven blir holdt utenfor i friminuttene.',
      intervened: false,
    });
    expect(filed.status).toBe(201);
    caseNumber = filed.body.number;
    const rows = await x.t.db.select().from(notifications).where(eq(notifications.caseId, filed.body.caseId));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const toPrincipal = rows.find((r) => r.recipientId === x.s.principal) ?? rows[0]!;
    const other = rows.find((r) => r.id !== toPrincipal.id)!;
    givenUp = toPrincipal.id;
    sent = other.id;
    const [principal] = await x.t.db.select().from(people).where(eq(people.id, toPrincipal.recipientId));
    principalEmail = principal!.email;
    const [pupil] = await x.t.db.select().from(pupils).where(eq(pupils.id, x.s.pupil));
    pupilName = pupil!.name;
    // The SMTP server refused the address for good: given up on at once.
    const failed = await markFailed(x.t.db, givenUp, `550 5.1.1 <${principalEmail}>: Recipient address rejected: User unknown`, true, osloDate('2026-04-13T09:05'));
    expect(failed?.givenUp).toBe(true);
    // A temporary failure, then sent: history, not a failure to show.
    await markFailed(x.t.db, sent, `451 4.7.1 ${principalEmail} greylisted`, false, osloDate('2026-04-13T09:05'));
    await x.t.db
      .update(notifications)
      .set({ sentAt: osloDate('2026-04-13T09:10'), messageId: '<sent@trygg.test>' })
      .where(eq(notifications.id, sent));
  });

  it('shows the admin a given-up row, newest first, with the address stripped from the error', async () => {
    const res = await x.as(x.s.admin).get(PATH);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 50, total: 1 });
    const ids = (res.body.items as { id: string }[]).map((i) => i.id);
    expect(ids).toEqual([givenUp]);
    const [item] = res.body.items;
    expect(item).toMatchObject({
      id: givenUp,
      caseNumber,
      schoolName: expect.any(String),
      attempts: expect.any(Number),
      failedAt: osloDate('2026-04-13T09:05').toISOString(),
      lastError: '550 5.1.1 <[adresse]>: Recipient address rejected: User unknown',
    });
    expect(Object.keys(item).sort()).toEqual(
      ['attempts', 'caseNumber', 'failedAt', 'id', 'kind', 'lastError', 'recipient', 'schoolName', 'sendAfter', 'step'].sort(),
    );
    expect(item.recipient.roles.length).toBeGreaterThan(0);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('@');
    expect(text).not.toContain(pupilName);
    expect(text).not.toContain(sent);

    const [entry] = await x.t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.requestId, res.headers.get('x-request-id')!), eq(auditLog.action, 'notification.failed.list')));
    expect(entry?.actorId).toBe(x.s.admin);
    expect(entry?.details).toMatchObject({ notificationIds: [givenUp], total: 1 });
  });

  it('pages', async () => {
    const second = await x.as(x.s.admin).get(`${PATH}?page=2&pageSize=1`);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ items: [], page: 2, pageSize: 1, total: 1 });
    const bad = await x.as(x.s.admin).get(`${PATH}?pageSize=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a principal (403) and the anonymous (401) with the standard error body', async () => {
    const refused = await x.as(x.s.principal).get(PATH);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: 'Bare administrator kan gjøre dette.' });
    const anonymous = await x.as(null).get(PATH);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Du må logge inn.' });
  });
});

describe('withoutAddresses', () => {
  it('strips anything that looks like an address, bare or bracketed', () => {
    expect(withoutAddresses('550 <ola.nordmann@skole.no>: no such user')).toBe('550 <[adresse]>: no such user');
    expect(withoutAddresses('to: kari+x@example.test, from: "Trygg" trygg@kommune.no')).toBe('to: [adresse], from: "Trygg" [adresse]');
    expect(withoutAddresses('connect ECONNREFUSED 127.0.0.1:25')).toBe('connect ECONNREFUSED 127.0.0.1:25');
    expect(withoutAddresses(null)).toBeNull();
  });
});
