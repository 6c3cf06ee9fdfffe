import { mkdtempSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAcknowledgement, deadlines, markSent, notifications } from '@trygg/db';
import { ackTokenFor, afterSend, hashAckToken, noticeSubject } from '@trygg/scheduling';
import { createApp } from './app';
import { sessionCookie } from './session';
import { SECRET, createTestApp, osloDate, type TestApp } from './test-support';
import { toInstant } from './time';

let x: TestApp;
beforeAll(async () => {
  x = await createTestApp();
});
afterAll(() => x?.drop());

describe('the owner acknowledges a serious-case notice', () => {
  let caseId: string;
  let number: string;
  let token: string;

  beforeAll(async () => {
    x.clock.now = osloDate('2026-04-14T09:00');
    const filed = await x.as(x.s.teacher).post('/api/reports', {
      schoolId: x.s.schoolId,
      pupilId: x.s.pupil,
      basis: 'knowledge',
      category: 'violence',
      description: 'Eleven ble slått i friminuttet.',
      intervened: true,
      intervention: 'Skilte dem.',
    });
    ({ caseId, number } = filed.body);
    expect((await x.as(x.s.principal).post(`/api/cases/${caseId}/serious`)).status).toBe(200);
    expect((await x.as(x.s.principal).post(`/api/cases/${caseId}/owner-notice`)).status).toBe(200);
    // What the worker does when it sends the notice: the link's token, the ledger row marked
    // sent, and the acknowledgement clock started.
    const [row] = await x.t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, caseId), eq(notifications.subjectKey, `case-${caseId}.owner_notice-serious`)));
    token = ackTokenFor(row!.id, 'ack-secret');
    await createAcknowledgement(x.t.db, {
      notificationId: row!.id,
      subjectKey: noticeSubject(caseId, 'serious'),
      personId: row!.recipientId,
      tokenHash: hashAckToken(token),
    });
    await markSent(x.t.db, row!.id, `<${row!.id}@trygg.local>`, x.clock.now);
    const [sent] = await x.t.db.select().from(notifications).where(eq(notifications.id, row!.id));
    await afterSend(x.t.db, sent!, toInstant(x.clock.now));
  });

  it('shows what is acknowledged without a session and without names', async () => {
    const res = await x.as(null).get(`/api/acknowledgements/${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      about: 'serious',
      caseNumber: number,
      schoolName: expect.stringMatching(/^Bjørk skole/),
      sentAt: osloDate('2026-04-14T09:00').toISOString(),
      acknowledgedAt: null,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/Nora|Nilsen|Tone|Petra/);
  });

  it('acknowledges on the first click and cancels the re-send', async () => {
    const pendingResends = async () =>
      (
        await x.t.db
          .select()
          .from(notifications)
          .where(and(eq(notifications.caseId, caseId), isNull(notifications.cancelledAt), isNull(notifications.sentAt)))
      ).filter((n) => n.subjectKey.includes('owner_acknowledge'));
    expect((await pendingResends()).length).toBeGreaterThan(0);

    x.clock.now = osloDate('2026-04-14T13:00');
    const res = await x.as(null).post(`/api/acknowledgements/${token}`);
    expect(res.status).toBe(200);
    expect(res.body.acknowledgedAt).toBe(osloDate('2026-04-14T13:00').toISOString());
    expect(await pendingResends()).toEqual([]);
    const [deadline] = await x.t.db
      .select()
      .from(deadlines)
      .where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, 'owner_acknowledge')));
    expect(deadline).toMatchObject({ state: 'met' });

    x.clock.now = osloDate('2026-04-14T14:00');
    const again = await x.as(null).post(`/api/acknowledgements/${token}`);
    expect(again.body.acknowledgedAt).toBe(osloDate('2026-04-14T13:00').toISOString());
    const view = await x.as(x.s.principal).get(`/api/cases/${caseId}`);
    expect(view.body.timeline.filter((t: { kind: string }) => t.kind === 'owner_acknowledged')).toHaveLength(1);
  });

  it('answers 404 for an unknown token and 400 for a malformed one', async () => {
    const unknown = 'A'.repeat(43);
    expect((await x.as(null).get(`/api/acknowledgements/${unknown}`)).status).toBe(404);
    expect((await x.as(null).post(`/api/acknowledgements/${unknown}`)).status).toBe(404);
    expect((await x.as(null).get('/api/acknowledgements/short')).status).toBe(400);
  });
});

describe('the development mailbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trygg-mailbox-'));
  const older = [
    'Date: Mon, 13 Apr 2026 07:30:00 +0000',
    'From: trygg <varsel@trygg.local>',
    'To: petra@example.test',
    'Subject: =?UTF-8?Q?Ny_melding_i_sak_2026-0001_=E2=80=93_NN?=',
    'Message-ID: <a@trygg.local>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Hei! En ansatt har meldt fra om en elev (NN). Se saken p=C3=A5 trygg.',
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Hei!</p>',
    '--b1--',
    '',
  ].join('\r\n');
  const newer = ['Date: Tue, 14 Apr 2026 07:30:00 +0000', 'To: olav@example.test', 'Subject: Varsel', '', 'Kort tekst.', ''].join('\r\n');
  writeFileSync(join(dir, '0001-a.eml'), older);
  writeFileSync(join(dir, '0002-b.eml'), newer);
  writeFileSync(join(dir, 'notes.txt'), 'not a message');
  utimesSync(join(dir, '0001-a.eml'), new Date('2026-04-13T07:30:00Z'), new Date('2026-04-13T07:30:00Z'));

  it('lists messages newest first and shows one decoded (dev mode: no login)', async () => {
    const app = createApp({
      db: x.t.db,
      clock: () => x.clock.now,
      sessionSecret: SECRET,
      appUrl: 'http://127.0.0.1:5173/',
      mailboxDir: dir,
      devLogin: true,
    });
    const list = (await (await app.request('/api/dev/mailbox')).json()) as { items: unknown[] };
    expect(list.items).toEqual([
      { file: '0002-b.eml', date: '2026-04-14T07:30:00.000Z', to: 'olav@example.test', subject: 'Varsel' },
      { file: '0001-a.eml', date: '2026-04-13T07:30:00.000Z', to: 'petra@example.test', subject: 'Ny melding i sak 2026-0001 – NN' },
    ]);
    const one = (await (await app.request('/api/dev/mailbox/0001-a.eml')).json()) as Record<string, unknown>;
    expect(one).toMatchObject({
      from: 'trygg <varsel@trygg.local>',
      messageId: '<a@trygg.local>',
      text: 'Hei! En ansatt har meldt fra om en elev (NN). Se saken på trygg.',
    });
    expect((await app.request('/api/dev/mailbox/0003-c.eml')).status).toBe(404);
    expect((await app.request('/api/dev/mailbox/..%2F..%2Fetc%2Fpasswd')).status).toBe(400);
    expect((await app.request('/api/dev/mailbox/notes.txt')).status).toBe(400);
  });

  it('is for admins only outside dev mode, and absent without a mailbox directory', async () => {
    const app = createApp({
      db: x.t.db,
      clock: () => x.clock.now,
      sessionSecret: SECRET,
      appUrl: 'http://127.0.0.1:5173/',
      mailboxDir: dir,
    });
    expect((await app.request('/api/dev/mailbox')).status).toBe(401);
    expect((await app.request('/api/dev/mailbox', { headers: { cookie: await sessionCookie(x.t.db, x.s.teacher, x.clock.now) } })).status).toBe(
      403,
    );
    expect((await app.request('/api/dev/mailbox', { headers: { cookie: await sessionCookie(x.t.db, x.s.admin, x.clock.now) } })).status).toBe(
      200,
    );
    expect((await x.as(x.s.admin).get('/api/dev/mailbox')).status).toBe(404);
  });
});
