// The database is the truth, BullMQ the clock — so losing the clock must cost minutes, never a
// message. Real time here (the retry backoff and the per-minute sweep are real BullMQ timers),
// the worker as main.ts builds it with its production schedule, real Redis, PostgreSQL and SMTP.
import { randomUUID } from 'node:crypto';
import { getNotification, notifications } from '@trygg/db';
import { createJobProducer, jobCatalog, schedules, type JobProducer } from '@trygg/jobs';
import { seedSchool, type SeededSchool } from '@trygg/testing';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countByMessageId, enqueueRows, insertLedgerRows, startEngine, waitUntil, type Engine } from './test-support';

let e: Engine;
let s: SeededSchool;
let jobs: JobProducer;
let caseId: string;
let reportId: string;

beforeAll(async () => {
  const t0 = Date.now();
  const line = (level: string) => (m: string, f?: Record<string, unknown>) => {
    if (process.env['WORKER_TEST_LOG']) console.log(`${((Date.now() - t0) / 1000).toFixed(1)}s ${level} ${m} ${f ? JSON.stringify(f) : ''}`);
  };
  e = await startEngine('resilience', { realClock: true, log: { info: line('info'), warn: line('warn'), error: line('error') } });
  jobs = createJobProducer(e.apiQueues);
  s = await seedSchool(e.t.db);
  // One real case for the rows to be about (its own notice to the principal goes first).
  ({ caseId, reportId } = await e.office.fileReport({ schoolId: s.schoolId, pupilId: s.pupil, filedById: s.teacher }));
  await e.settle();
}, 60_000);
afterAll(() => e?.close());

const rows = (label: string, count: number, sendAfter: (i: number) => Date) =>
  insertLedgerRows(e.t.db, { label: `${label}-${randomUUID()}`, count, recipientId: s.principal, caseId, reportId, schoolId: s.schoolId, ownerId: s.ownerId, sendAfter });

describe('Redis loses everything while 500 notifications are pending', () => {
  it('sends every one of them, once, within 2 minutes', async () => {
    const now = Date.now();
    // Due in 30 to 40 s (far enough that none fires before the flush, even on a loaded 2-core
    // machine): when Redis is flushed they exist only as delayed jobs and ledger rows.
    const pending = await rows('flush', 500, (i) => new Date(now + 30_000 + i * 20));
    await enqueueRows(jobs, pending);
    expect(await e.worker.queues.queue('notifications').getJobCountByTypes('delayed')).toBeGreaterThanOrEqual(500);
    expect(await e.worker.queues.queue('scheduled').getJobSchedulersCount()).toBe(schedules.length);

    // A Redis restart without persistence. Only this suite's prefix: other suites (and other
    // engineers' runs) share this Redis, so no FLUSHALL here.
    const flushedAt = Date.now();
    expect(await e.redis.flushPrefix()).toBeGreaterThan(500);
    expect(await e.worker.queues.queue('notifications').getJobCountByTypes('delayed', 'waiting')).toBe(0);
    expect(await e.worker.queues.queue('scheduled').getJobSchedulersCount()).toBe(0);

    // Nothing more is done by the test: the worker notices its schedulers are gone (every
    // SCHEDULER_CHECK_MS, production default 30 s), puts them back and sweeps at once; the
    // per-minute sweep goes on from there.
    const ids = new Set(pending.map((r) => `<${r.id}@trygg.local>`));
    await waitUntil(() => countByMessageId(e.smtp.messages, ids).distinct === 500, 120_000, 'all 500 to arrive');
    const tookMs = Date.now() - flushedAt;
    expect(tookMs).toBeLessThan(120_000);
    await e.settle();
    const counted = countByMessageId(e.smtp.messages, ids);
    expect(counted).toEqual({ distinct: 500, total: 500, duplicated: [] });
    const sent = await e.t.db.select({ sentAt: notifications.sentAt, attempts: notifications.attempts }).from(notifications).where(inArray(notifications.id, pending.map((r) => r.id)));
    expect(sent.every((r) => r.sentAt !== null && r.attempts === 1)).toBe(true);
    expect(await e.worker.queues.queue('scheduled').getJobSchedulersCount()).toBe(schedules.length);
    console.info(`[resilience] 500 pending, prefix flushed: all arrived once, ${Math.round(tookMs / 1000)} s after the flush`);
  }, 200_000);
});

describe('the mail server', () => {
  it('down, then back: nothing is lost; the retries wait out the backoff', async () => {
    await e.smtp.stop();
    const batch = await rows('outage', 20, () => new Date(Date.now() - 1_000));
    await enqueueRows(jobs, batch);
    // Every send fails to connect: a temporary failure, recorded, the claim released.
    await waitUntil(
      async () =>
        (await e.t.db.select({ lastError: notifications.lastError }).from(notifications).where(inArray(notifications.id, batch.map((r) => r.id)))).every(
          (r) => r.lastError !== null,
        ),
      60_000,
      'a failed first attempt of each',
    );
    const failed = await e.t.db.select().from(notifications).where(inArray(notifications.id, batch.map((r) => r.id)));
    expect(failed.every((r) => r.sentAt === null && r.failedPermanentlyAt === null && r.claimedAt === null && r.attempts === 1)).toBe(true);
    const job = await e.worker.queues.queue('notifications').getJob(`n-${batch[0]!.id}`);
    expect(await job?.getState()).toBe('delayed');
    expect(job?.opts.attempts).toBe(jobCatalog['send-notification'].policy.attempts);

    await e.smtp.start();
    // First retry after the catalog's 30 s backoff.
    const ids = new Set(batch.map((r) => `<${r.id}@trygg.local>`));
    await waitUntil(() => countByMessageId(e.smtp.messages, ids).distinct === 20, 120_000, 'the 20 to arrive after the outage');
    await e.settle();
    expect(countByMessageId(e.smtp.messages, ids)).toEqual({ distinct: 20, total: 20, duplicated: [] });
    const sent = await e.t.db.select().from(notifications).where(inArray(notifications.id, batch.map((r) => r.id)));
    expect(sent.every((r) => r.sentAt !== null && r.attempts === 2 && r.lastError === null)).toBe(true);
  }, 240_000);

  it('a permanent refusal (5xx) is recorded and not retried', async () => {
    const [row] = await rows('refused', 1, () => new Date(Date.now() - 1_000));
    e.smtp.setFailure({ code: 550, message: '5.1.1 mailbox unavailable', times: 1 });
    const rejectedBefore = e.smtp.rejected.length;
    await enqueueRows(jobs, [row!]);
    await waitUntil(async () => (await getNotification(e.t.db, row!.id))?.failedPermanentlyAt != null, 60_000, 'the refusal to be recorded');
    const job = await e.worker.queues.queue('notifications').getJob(`n-${row!.id}`);
    await expect.poll(async () => job?.getState(), { timeout: 30_000 }).toBe('failed');
    expect((await e.worker.queues.queue('notifications').getJob(`n-${row!.id}`))?.attemptsMade).toBe(1);

    // Sweeps leave it alone: given up on, it is no longer due.
    await e.sweep();
    await e.sweep();
    await e.settle();
    const after = await getNotification(e.t.db, row!.id);
    expect(after).toMatchObject({ sentAt: null, attempts: 1 });
    expect(after?.failedPermanentlyAt).toBeInstanceOf(Date);
    expect(after?.lastError).toContain('550');
    expect(e.smtp.rejected.length - rejectedBefore).toBe(1);
    expect(e.smtp.messages.filter((m) => m.messageId === `<${row!.id}@trygg.local>`)).toEqual([]);
  }, 150_000);
});
