// The sweep against the real ledger (PostgreSQL) and queue (Redis):
// - after Redis lost everything at a peak, one run puts back every row due within the horizon,
//   reading the ledger page by page — not a page a minute;
// - a temporary failure that never clears (the mail server answers 451 for ever) is tried,
//   retried with the catalog's backoff, and after the last try given up on — once — and never
//   offered again; a row whose send_after a failed try pushed forward is not offered before.
import { randomUUID } from 'node:crypto';
import { getNotification, notifications, people, type Db } from '@trygg/db';
import { createJobProducer, createQueues, jobCatalog, jobOptionsOf, retryDelayMs, type Queues } from '@trygg/jobs';
import { createTestDatabase, createTestRedis, seedSchool, startSmtpReceiver, type SmtpReceiver, type TestDatabase, type TestRedis } from '@trygg/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Compose } from './deliver';
import { parseWorkerEnv } from './env';
import { createHandlers, SWEEP_HORIZON_MS, SWEEP_PAGE_SIZE, type HandlerDeps, type JobContext, type SweepResult } from './handlers';
import { ledgerSweep, SEND_ATTEMPTS } from './ledger';
import { silentLogger, type Logger } from './log';
import { createOffice, insertLedgerRows, waitUntil } from './test-support';
import { startWorker, type RunningWorker } from './worker';

describe('the sweep after Redis lost everything at the 07:30 peak', () => {
  let t: TestDatabase;
  let redis: TestRedis;
  let queues: Queues;

  beforeAll(async () => {
    t = await createTestDatabase();
    redis = await createTestRedis({ label: 'sweep-pages' });
    queues = await createQueues({ kind: 'redis', url: redis.url, prefix: redis.prefix });
  }, 60_000);

  afterAll(async () => {
    await queues?.close();
    await redis?.close();
    await t?.drop();
  });

  it('enqueues all 2,500 due rows in one run, a page of 1,000 at a time; the next run adds none', async () => {
    const now = new Date();
    const s = await seedSchool(t.db);
    const jobs = createJobProducer(queues);
    const { caseId, reportId } = await createOffice(t.db, jobs, () => now).fileReport({ schoolId: s.schoolId, pupilId: s.pupil, filedById: s.teacher });
    // The case's own notices are not this test's business.
    await t.db.update(notifications).set({ cancelledAt: now }).where(eq(notifications.caseId, caseId));
    await redis.flushPrefix();

    const rows = (label: string, count: number, sendAfter: (i: number) => Date) =>
      insertLedgerRows(t.db, { label: `${label}-${randomUUID()}`, count, recipientId: s.principal, caseId, reportId, schoolId: s.schoolId, ownerId: s.ownerId, sendAfter });
    // 2,000 due at 07:30 (ties on one instant span the pages), 500 over the next minutes.
    const peak = new Date(now.getTime() - 60_000);
    const due = [...(await rows('peak', 2_000, () => peak)), ...(await rows('soon', 500, (i) => new Date(now.getTime() + 1_000 + i * 1_000)))];
    const beyond = await rows('later', 20, (i) => new Date(now.getTime() + SWEEP_HORIZON_MS + 60_000 + i));

    const pages: number[] = [];
    const ledger = ledgerSweep(t.db);
    const deps: HandlerDeps = {
      clock: () => now,
      jobs,
      ...ledger,
      findDue: async (until, limit, after) => {
        const page = await ledger.findDue(until, limit, after);
        pages.push(page.length);
        return page;
      },
      deliver: async () => ({ outcome: 'skipped' }),
      runWeeklyDigest: async () => 'ok',
      runConversationSummary: async () => 'ok',
    };
    const sweep = createHandlers(deps).sweep;
    const context: JobContext = { jobId: 'sweep', attemptsMade: 0, attempts: 1, log: silentLogger };

    expect(SWEEP_PAGE_SIZE).toBe(1_000);
    const started = Date.now();
    expect(await sweep({}, context)).toEqual({ found: 2_500, givenUp: 0, added: 2_500, exists: 0, replaced: 0, advanced: 0 });
    const tookMs = Date.now() - started;
    expect(pages).toEqual([1_000, 1_000, 500]);

    const sends = queues.queue('notifications');
    expect(await sends.getJobCountByTypes('waiting')).toBe(2_000);
    expect(await sends.getJobCountByTypes('delayed')).toBe(500);
    const ids = new Set(((await sends.getJobs(['waiting', 'delayed'], 0, -1)) ?? []).map((job) => job.id));
    expect(ids.size).toBe(2_500);
    expect(due.every((row) => ids.has(`n-${row.id}`))).toBe(true);
    expect(beyond.some((row) => ids.has(`n-${row.id}`))).toBe(false);

    // The next minute: every job is there already.
    pages.length = 0;
    expect(await sweep({}, context)).toEqual({ found: 2_500, givenUp: 0, added: 0, exists: 2_500, replaced: 0, advanced: 0 });
    expect(pages).toEqual([1_000, 1_000, 500]);
    expect(await sends.getJobCountByTypes('waiting', 'delayed')).toBe(2_500);
    console.info(`[sweep] 2,500 due rows enqueued in one run (3 pages) in ${tookMs} ms`);
  }, 120_000);
});

describe('a temporary failure that never clears (SMTP 451)', () => {
  let t: TestDatabase;
  let redis: TestRedis;
  let smtp: SmtpReceiver;
  let worker: RunningWorker;
  let db: Db;
  const clock = { now: new Date('2026-11-23T06:30:00Z') }; // Monday 07:30 in Oslo
  const logged: { level: 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> }[] = [];
  const log: Logger = {
    info: (message, fields) => logged.push({ level: 'info', message, ...(fields ? { fields } : {}) }),
    warn: (message, fields) => logged.push({ level: 'warn', message, ...(fields ? { fields } : {}) }),
    error: (message, fields) => logged.push({ level: 'error', message, ...(fields ? { fields } : {}) }),
  };
  const compose: Compose = async () => ({
    to: 'rektor@nordby.test',
    lang: 'nb',
    message: {
      kind: 'new_report',
      caseId: randomUUID(),
      caseNumber: '2026-0042',
      pupilInitials: 'K.N.',
      schoolName: 'Nordby skole',
      reportedAt: '2026-11-23T06:15:00Z',
      basis: 'suspicion',
      serious: false,
    },
  });

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    redis = await createTestRedis({ label: 'give-up' });
    smtp = await startSmtpReceiver({ failWith: { code: 451, message: '4.3.0 mailbox temporarily unavailable' } });
    const env = parseWorkerEnv({
      NODE_ENV: 'test',
      DATABASE_URL: t.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: redis.prefix,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      SHUTDOWN_TIMEOUT_MS: '2000',
    });
    worker = await startWorker(env, log, { clock: () => clock.now, compose });
  }, 60_000);

  afterAll(async () => {
    await worker?.shutdown();
    await smtp?.stop();
    await redis?.close();
    await t?.drop();
  });

  /** One sweep through the queue, as the per-minute scheduler runs it; its result. */
  const sweep = async (): Promise<SweepResult> => {
    const scheduled = worker.queues.queue('scheduled');
    const added = await scheduled.add('sweep', {}, jobOptionsOf('sweep'));
    await waitUntil(async () => ['completed', 'failed'].includes(await added.getState()), 15_000, 'the sweep');
    const done = await scheduled.getJob(added.id!);
    if ((await done?.getState()) !== 'completed') throw new Error(`sweep failed: ${done?.failedReason}`);
    return done!.returnvalue as SweepResult;
  };
  const ms = (d: Date | null | undefined) => d?.getTime() ?? NaN;

  it(`is tried ${SEND_ATTEMPTS} times over about 17 hours, given up on once, and never offered again`, async () => {
    expect(SEND_ATTEMPTS).toBe(12);
    expect(jobCatalog['send-notification'].policy.attempts).toBe(SEND_ATTEMPTS);
    const [person] = await db.insert(people).values({ name: 'Rektor Rønning', email: 'rektor@nordby.test' }).returning({ id: people.id });
    const [inserted] = await db
      .insert(notifications)
      .values({ subjectKey: `report-${randomUUID()}`, recipientId: person!.id, step: 'new', kind: 'new_report', sendAfter: clock.now })
      .returning({ id: notifications.id });
    const id = inserted!.id;
    const sends = worker.queues.queue('notifications');
    const job = () => sends.getJob(`n-${id}`);
    const row = async () => (await getNotification(db, id))!;
    const start = clock.now;

    let expectedSendAfter = start;
    for (let tries = 1; tries <= SEND_ATTEMPTS; tries += 1) {
      const before = await row();
      expect(ms(before.sendAfter)).toBe(ms(expectedSendAfter));
      if (tries > 1) {
        // Before the pushed-forward send_after, beyond the horizon: the sweep does not offer
        // the row, and the retrying job is left to its backoff.
        clock.now = new Date(ms(before.sendAfter) - SWEEP_HORIZON_MS - 1_000);
        expect(await sweep()).toMatchObject({ found: 0, givenUp: 0 });
        const retrying = await job();
        if (tries === 6) {
          // Redis loses the retrying job: the count goes on in the ledger, not in the job.
          await retrying!.remove();
          clock.now = new Date(ms(before.sendAfter) - 5 * 60_000);
          expect(await sweep()).toMatchObject({ found: 1, added: 1 });
          // Put back as a job due when the row is, not before.
          const again = await job();
          expect(await again?.getState()).toBe('delayed');
          expect(again!.delay).toBeGreaterThan(4 * 60_000);
          // Its time comes: the next sweep advances it to now.
          clock.now = before.sendAfter;
          expect(await sweep()).toMatchObject({ found: 1, advanced: 1 });
        } else {
          expect(await retrying?.getState()).toBe('delayed');
          expect(retrying!.attemptsMade).toBe(tries <= 6 ? tries - 1 : tries - 6);
          // The backoff is over: both clocks move on (the injected one, and BullMQ's delay).
          clock.now = before.sendAfter;
          await retrying!.promote();
        }
      } else {
        // The first try: Redis never had the job; the sweep puts it on the queue.
        expect(await sweep()).toMatchObject({ found: 1, added: 1 });
      }
      await waitUntil(async () => (await row()).attempts === tries && (await row()).claimedAt === null, 15_000, `try ${tries} to fail`);
      expect(smtp.rejected).toHaveLength(tries);
      const after = await row();
      expect(after.lastError).toContain('451');
      if (tries < SEND_ATTEMPTS) {
        // Not given up: send_after moves as far as the job's next retry.
        expect(after.failedPermanentlyAt).toBeNull();
        expectedSendAfter = new Date(ms(clock.now) + retryDelayMs('send-notification', tries));
        await waitUntil(async () => (await (await job())?.getState()) === 'delayed', 15_000, `the retry after try ${tries}`);
      } else {
        expect(after.failedPermanentlyAt).toEqual(clock.now);
        expect(after.sendAfter).toEqual(expectedSendAfter);
      }
    }
    // Roughly 17 hours from the first try to the last.
    expect((ms(clock.now) - ms(start)) / 3_600_000).toBeCloseTo(17.06, 1);

    // The job failed for good, with a reason the dashboard shows; the error is logged once.
    await waitUntil(async () => (await (await job())?.getState()) === 'failed', 15_000, 'the job to fail for good');
    expect((await job())?.failedReason).toBe(`gave up after ${SEND_ATTEMPTS} attempts: mail failed (SMTP 451)`);
    const errors = () => logged.filter((l) => l.level === 'error');
    expect(errors()).toEqual([
      {
        level: 'error',
        message: 'notification failed for good',
        fields: { notificationId: id, error: `gave up after ${SEND_ATTEMPTS} attempts: mail failed (SMTP 451)` },
      },
    ]);

    // Never offered again: not now, not tomorrow; nothing re-enqueued, tried or given up.
    const givenUpAt = (await row()).failedPermanentlyAt;
    for (const later of [0, 60_000, 24 * 3_600_000, 7 * 24 * 3_600_000]) {
      clock.now = new Date(ms(givenUpAt) + later);
      expect(await sweep()).toEqual({ found: 0, givenUp: 0, added: 0, exists: 0, replaced: 0, advanced: 0 });
    }
    expect(await (await job())?.getState()).toBe('failed');
    expect(await row()).toMatchObject({ attempts: SEND_ATTEMPTS, failedPermanentlyAt: givenUpAt, sentAt: null });
    expect(smtp.rejected).toHaveLength(SEND_ATTEMPTS);
    expect(smtp.messages).toEqual([]);
    expect(errors()).toHaveLength(1);
  }, 180_000);
});
