// The whole worker as main.ts builds it, without Redis: BullMQ's PostgreSQL backend on the
// suite's own database, a real SMTP receiver. The api's part is played by a second producer.
import { randomUUID } from 'node:crypto';
import { getNotification, notifications, people } from '@trygg/db';
import { createJobProducer, createQueues, SCHEDULE_TIME_ZONE, type Queues } from '@trygg/jobs';
import { createTestDatabase, startSmtpReceiver, type SmtpReceiver, type TestDatabase } from '@trygg/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Compose } from './deliver';
import { parseWorkerEnv } from './env';
import { silentLogger } from './log';
import { startWorker, type RunningWorker } from './worker';

describe('worker on the PostgreSQL queue backend', () => {
  let t: TestDatabase;
  let smtp: SmtpReceiver;
  let worker: RunningWorker;
  let api: Queues;
  let personId: string;

  const compose: Compose = async () => ({
    to: 'leiar@nordby.test',
    lang: 'nn',
    message: {
      kind: 'enforcement_window',
      caseId: randomUUID(),
      caseNumber: '2026-0007',
      pupilInitials: 'O.A.',
      schoolName: 'Nordby skule',
      principalAwareAt: '2026-11-16T09:00:00Z',
      windowOpensAt: '2026-11-23T09:00:00Z',
    },
  });

  beforeAll(async () => {
    t = await createTestDatabase();
    smtp = await startSmtpReceiver();
    const env = parseWorkerEnv({
      DATABASE_URL: t.url,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      SHUTDOWN_TIMEOUT_MS: '2000',
    });
    worker = await startWorker(env, silentLogger, { compose });
    api = await createQueues({ kind: 'postgres', databaseUrl: t.url });
    const [person] = await t.db.insert(people).values({ name: 'Leiar Lie', email: 'leiar@nordby.test' }).returning({ id: people.id });
    personId = (person as { id: string }).id;
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

  it('sends a ledger row the api enqueued, once, with its Message-ID', async () => {
    const [row] = await t.db
      .insert(notifications)
      .values({ subjectKey: `case-${randomUUID()}.enforcement_window`, recipientId: personId, step: 'at-once', kind: 'enforcement_window', sendAfter: new Date() })
      .returning({ id: notifications.id });
    const id = (row as { id: string }).id;
    const producer = createJobProducer(api);
    await producer.enqueue('send-notification', { notificationId: id });
    await producer.enqueue('send-notification', { notificationId: id });
    const mail = await smtp.waitFor((m) => m.messageId === `<${id}@trygg.local>`, 15_000);
    expect(mail.header('content-language')).toBe('nn');
    await expect.poll(async () => (await getNotification(t.db, id))?.sentAt, { timeout: 5_000 }).toBeInstanceOf(Date);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(smtp.messages.filter((m) => m.messageId === `<${id}@trygg.local>`)).toHaveLength(1);
  }, 30_000);

  it('shuts down cleanly', async () => {
    const result = await worker.shutdown();
    expect(result).toMatchObject({ workers: 'closed', unclosed: [] });
  });
});
