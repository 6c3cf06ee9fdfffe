// The whole worker as main.ts builds it, without Redis: BullMQ's PostgreSQL backend on the
// suite's own database, a real SMTP receiver. The api's part is played by a second producer.
import { randomUUID } from 'node:crypto';
import { cases, getNotification, nextCaseNumber, notifications, people, pupils, reports, roles, schoolOwners, schools } from '@trygg/db';
import { createJobProducer, createQueues, SCHEDULE_TIME_ZONE, type Queues } from '@trygg/jobs';
import { createTestDatabase, startSmtpReceiver, type SmtpReceiver, type TestDatabase } from '@trygg/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkerEnv } from './env';
import { silentLogger } from './log';
import { startWorker, type RunningWorker } from './worker';

describe('worker on the PostgreSQL queue backend', () => {
  let t: TestDatabase;
  let smtp: SmtpReceiver;
  let worker: RunningWorker;
  let api: Queues;
  let principalId: string;
  let ownerOfficialId: string;
  let caseId: string;
  let caseNumber: string;
  let reportId: string;
  let schoolId: string;
  let ownerId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    smtp = await startSmtpReceiver();
    const env = parseWorkerEnv({
      DATABASE_URL: t.url,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      SHUTDOWN_TIMEOUT_MS: '2000',
    });
    worker = await startWorker(env, silentLogger);
    api = await createQueues({ kind: 'postgres', databaseUrl: t.url });

    // A school with a principal, an owner official who gets the digest, a pupil and a case.
    const [official] = await t.db.insert(people).values({ name: 'Eva Eier', email: 'eier@nordby.test' }).returning();
    ownerOfficialId = official!.id;
    const [owner] = await t.db
      .insert(schoolOwners)
      .values({ name: 'Nordby kommune', language: 'nn', digestRecipientIds: [ownerOfficialId] })
      .returning();
    ownerId = owner!.id;
    const [school] = await t.db.insert(schools).values({ ownerId, name: 'Nordby skule' }).returning();
    schoolId = school!.id;
    const [principal] = await t.db.insert(people).values({ name: 'Rita Rektor', email: 'rektor@nordby.test' }).returning();
    principalId = principal!.id;
    await t.db.insert(roles).values({ personId: principalId, role: 'principal', schoolId });
    const [pupil] = await t.db.insert(pupils).values({ schoolId, name: 'Ola Aas', initials: 'O.A.', birthYear: 2014 }).returning();
    const openedAt = new Date(Date.now() - 3_600_000);
    caseNumber = await nextCaseNumber(t.db, schoolId, 2026);
    const [c] = await t.db.insert(cases).values({ schoolId, pupilId: pupil!.id, number: caseNumber, openedAt }).returning();
    caseId = c!.id;
    const [report] = await t.db
      .insert(reports)
      .values({
        schoolId,
        pupilId: pupil!.id,
        caseId,
        filedById: principalId,
        reporterKind: 'staff',
        basis: 'suspicion',
        category: 'bullying',
        intervened: false,
        description: 'Blir halden utanfor.',
        filedAt: openedAt,
        asOf: openedAt,
      })
      .returning();
    reportId = report!.id;
  });

  afterAll(async () => {
    await worker?.shutdown();
    await api?.close();
    await smtp?.stop();
    await t?.drop();
  });

  it('uses the PostgreSQL backend and has upserted the schedulers in Oslo time', async () => {
    expect(worker.queues.kind).toBe('postgres');
    const schedulers = await worker.queues.queue('scheduled').getJobSchedulers(0, -1);
    // The PostgreSQL backend reports a scheduler's id as `key` only.
    expect(schedulers.map((s) => s.id ?? s.key).sort()).toEqual(['conversation-summary', 'sweep', 'weekly-digest']);
    expect(new Set(schedulers.map((s) => s.tz))).toEqual(new Set([SCHEDULE_TIME_ZONE]));
  });

  it('shares no table name with BullMQ (on PGlite one session serves both: search_path public, bullmq)', async () => {
    const rows = await t.sql<{ schema: string; name: string }[]>`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_schema in ('public', 'bullmq')`;
    const bullmq = new Set(rows.filter((r) => r.schema === 'bullmq').map((r) => r.name));
    expect(bullmq.size).toBeGreaterThan(5);
    expect(rows.filter((r) => r.schema === 'public' && bullmq.has(r.name)).map((r) => r.name)).toEqual([]);
  });

  it('sends a ledger row the api enqueued, once, composed from the database, with its Message-ID', async () => {
    const [row] = await t.db
      .insert(notifications)
      .values({
        subjectKey: `report-${reportId}.new`,
        recipientId: principalId,
        step: 'new-report',
        kind: 'new_report',
        sendAfter: new Date(),
        schoolId,
        ownerId,
        caseId,
        payload: { reportId },
      })
      .returning({ id: notifications.id });
    const id = row!.id;
    const producer = createJobProducer(api);
    await producer.enqueue('send-notification', { notificationId: id });
    await producer.enqueue('send-notification', { notificationId: id });
    const mail = await smtp.waitFor((m) => m.messageId === `<${id}@trygg.local>`, 15_000);
    expect(mail.envelope.to).toEqual(['rektor@nordby.test']);
    expect(mail.header('content-language')).toBe('nn');
    expect(mail.text).toContain(caseNumber);
    expect(mail.text).not.toContain('Ola Aas');
    await expect.poll(async () => (await getNotification(t.db, id))?.sentAt, { timeout: 5_000 }).toBeInstanceOf(Date);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(smtp.messages.filter((m) => m.messageId === `<${id}@trygg.local>`)).toHaveLength(1);
  }, 30_000);

  it('runs the weekly digest: one ledger row per owner recipient, once per week, sent as figures', async () => {
    const producer = createJobProducer(api);
    await producer.enqueue('weekly-digest', { isoWeek: '2026-W47' });
    const digestRows = () =>
      t.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.kind, 'weekly_digest'), eq(notifications.recipientId, ownerOfficialId)));
    await expect.poll(async () => (await digestRows()).length, { timeout: 15_000 }).toBe(1);
    // The same week again (a re-run, or a second worker) queues nothing more.
    await worker.queues.queue('scheduled').add('weekly-digest', { isoWeek: '2026-W47' });
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await digestRows()).toHaveLength(1);

    const [row] = await digestRows();
    await producer.enqueue('send-notification', { notificationId: row!.id });
    const mail = await smtp.waitFor((m) => m.messageId === `<${row!.id}@trygg.local>`, 15_000);
    expect(mail.envelope.to).toEqual(['eier@nordby.test']);
    expect(mail.text).toContain('Nordby skule');
    expect(mail.text).not.toContain('O.A.');
  }, 30_000);

  it('shuts down cleanly', async () => {
    const result = await worker.shutdown();
    expect(result).toMatchObject({ workers: 'closed', unclosed: [] });
  });
});
