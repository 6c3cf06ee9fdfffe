// deliver against a real database (the ledger) and a real SMTP receiver.
import { randomUUID } from 'node:crypto';
import { getNotification, notifications, people, type Notification } from '@trygg/db';
import { createMailer, type Mailer } from '@trygg/notifications';
import { createTestDatabase, startSmtpReceiver, type SmtpReceiver, type TestDatabase } from '@trygg/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliver, type Compose } from './deliver';
import { PermanentDeliveryError } from './handlers';
import { SEND_ATTEMPTS } from './ledger';

describe('deliver', () => {
  let t: TestDatabase;
  let smtp: SmtpReceiver;
  let mailer: Mailer;
  let personId: string;
  const email = 'rektor@nordby.test';
  const now = () => new Date();

  const compose: Compose = async (row) => {
    if (row.kind === 'unknown-kind') throw new PermanentDeliveryError(`no message for kind "${row.kind}"`);
    return {
      to: email,
      lang: 'nb',
      message: {
        kind: 'new_report',
        caseId: randomUUID(),
        caseNumber: '2026-0042',
        pupilInitials: 'K.N.',
        schoolName: 'Nordby skole',
        reportedAt: '2026-11-23T08:15:00Z',
        basis: 'suspicion',
        serious: false,
      },
    };
  };

  async function ledgerRow(options: { sendAfter?: Date; kind?: string } = {}): Promise<string> {
    const [row] = await t.db
      .insert(notifications)
      .values({
        subjectKey: `report-${randomUUID()}`,
        recipientId: personId,
        step: 'new',
        kind: options.kind ?? 'new_report',
        sendAfter: options.sendAfter ?? new Date(Date.now() - 60_000),
      })
      .returning({ id: notifications.id });
    return (row as { id: string }).id;
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    smtp = await startSmtpReceiver();
    mailer = createMailer({ from: 'Trygg <varsel@trygg.test>', transportOptions: smtp.transport });
    const [person] = await t.db.insert(people).values({ name: 'Rektor Rønning', email }).returning({ id: people.id });
    personId = (person as { id: string }).id;
  });

  afterAll(async () => {
    mailer?.close();
    await smtp?.stop();
    await t?.drop();
  });

  const deliverWith = (afterSent?: (row: Notification) => Promise<void>, clock: () => Date = now) =>
    createDeliver({ db: t.db, mailer, compose, clock, appUrl: 'http://127.0.0.1:5173/', ...(afterSent ? { afterSent } : {}) });
  const deliverAt = (instant: Date) => deliverWith(undefined, () => instant);

  it('claims, sends with the fixed Message-ID, marks sent — and a second run sends nothing', async () => {
    const id = await ledgerRow();
    const deliver = deliverWith();
    expect(await deliver(id)).toEqual({ outcome: 'sent', messageId: `<${id}@trygg.local>` });
    const mail = await smtp.waitFor((m) => m.messageId === `<${id}@trygg.local>`);
    expect(mail.envelope.to).toEqual([email]);
    const row = await getNotification(t.db, id);
    expect(row?.sentAt).toBeInstanceOf(Date);
    expect(row?.messageId).toBe(`<${id}@trygg.local>`);
    expect(row?.attempts).toBe(1);

    expect(await deliver(id)).toEqual({ outcome: 'skipped' });
    expect(smtp.messages.filter((m) => m.messageId === `<${id}@trygg.local>`)).toHaveLength(1);
  });

  it('two concurrent runs of the same row send it once', async () => {
    const id = await ledgerRow();
    const deliver = deliverWith();
    const outcomes = (await Promise.all([deliver(id), deliver(id), deliver(id)])).map((r) => r.outcome).sort();
    expect(outcomes).toEqual(['sent', 'skipped', 'skipped']);
    await smtp.waitFor((m) => m.messageId === `<${id}@trygg.local>`);
    expect(smtp.messages.filter((m) => m.messageId === `<${id}@trygg.local>`)).toHaveLength(1);
  });

  it('does not send a row that is not due yet (its job fired before a moved send_after)', async () => {
    const id = await ledgerRow({ sendAfter: new Date(Date.now() + 3_600_000) });
    expect(await deliverWith()(id)).toEqual({ outcome: 'skipped' });
    expect((await getNotification(t.db, id))?.claimedAt).toBeNull();
  });

  it('a permanent SMTP refusal marks the row failed for good and says so without the address', async () => {
    const id = await ledgerRow();
    smtp.setFailure({ code: 550, message: `5.1.1 <${email}>: no such user`, times: 1 });
    const run = deliverWith()(id);
    await expect(run).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(run).rejects.toThrow('mail refused (SMTP 550)');
    const row = await getNotification(t.db, id);
    expect(row?.failedPermanentlyAt).toBeInstanceOf(Date);
    expect(row?.claimedAt).toBeNull();
    expect(row?.lastError).toContain('550');
    expect(await deliverWith()(id)).toEqual({ outcome: 'skipped' });
  });

  it('a temporary SMTP failure releases the claim, moves send_after to the retry and throws; the retry then sends', async () => {
    const id = await ledgerRow();
    smtp.setFailure({ code: 451, times: 1 });
    const failedAt = new Date();
    const run = deliverAt(failedAt)(id);
    await expect(run).rejects.toThrow('mail failed (SMTP 451)');
    await expect(run).rejects.not.toBeInstanceOf(PermanentDeliveryError);
    const row = await getNotification(t.db, id);
    // The catalog's first backoff: 30 s.
    expect(row).toMatchObject({ claimedAt: null, failedPermanentlyAt: null, sentAt: null, attempts: 1, sendAfter: new Date(failedAt.getTime() + 30_000) });

    expect(await deliverAt(new Date(failedAt.getTime() + 29_000))(id)).toEqual({ outcome: 'skipped' });
    expect(await deliverAt(new Date(failedAt.getTime() + 30_000))(id)).toMatchObject({ outcome: 'sent' });
    expect((await getNotification(t.db, id))?.attempts).toBe(2);
  });

  it(`a temporary failure of the last try allowed (${SEND_ATTEMPTS}) gives the row up for good`, async () => {
    const id = await ledgerRow();
    await t.db.update(notifications).set({ attempts: SEND_ATTEMPTS - 1, lastError: '451 earlier' }).where(eq(notifications.id, id));
    smtp.setFailure({ code: 451, times: 1 });
    const run = deliverWith()(id);
    await expect(run).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(run).rejects.toThrow(`gave up after ${SEND_ATTEMPTS} attempts: mail failed (SMTP 451)`);
    const row = await getNotification(t.db, id);
    expect(row).toMatchObject({ attempts: SEND_ATTEMPTS, claimedAt: null, sentAt: null });
    expect(row?.failedPermanentlyAt).toBeInstanceOf(Date);
    expect(row?.lastError).toContain('451');
    expect(await deliverWith()(id)).toEqual({ outcome: 'skipped' });
  });

  it('a message that can never be composed fails for good', async () => {
    const id = await ledgerRow({ kind: 'unknown-kind' });
    await expect(deliverWith()(id)).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect((await getNotification(t.db, id))?.failedPermanentlyAt).toBeInstanceOf(Date);
  });

  it('runs afterSent once sent — and again on the retry when it failed the first time', async () => {
    const id = await ledgerRow();
    const calls: string[] = [];
    let fail = true;
    const afterSent = async (row: Notification) => {
      calls.push(row.id);
      if (fail) throw new Error('database went away');
    };
    await expect(deliverWith(afterSent)(id)).rejects.toThrow('database went away');
    expect((await getNotification(t.db, id))?.sentAt).toBeInstanceOf(Date);
    fail = false;
    expect(await deliverWith(afterSent)(id)).toEqual({ outcome: 'skipped' });
    expect(calls).toEqual([id, id]);
    expect(smtp.messages.filter((m) => m.messageId === `<${id}@trygg.local>`)).toHaveLength(1);
  });
});
