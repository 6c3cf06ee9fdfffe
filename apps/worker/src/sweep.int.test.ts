// The database is the truth, the queue the fast path: after Redis loses everything (a FLUSH of
// the suite's prefix stands for a restart without persistence), one sweep puts back every job
// that is due or nearly due, and the worker then sends them.
import { randomUUID } from 'node:crypto';
import { createJobProducer, createQueues, upsertSchedulers, type JobProducer, type Queues } from '@trygg/jobs';
import { createTestRedis, type TestRedis } from '@trygg/testing';
import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, PermanentDeliveryError, type DueNotification, type HandlerDeps, type JobContext } from './handlers';
import { silentLogger } from './log';
import { createProcessor } from './processor';

interface Row extends DueNotification {
  sentAt?: Date;
}

describe('sweep after Redis lost everything', () => {
  let redis: TestRedis;
  let queues: Queues;
  let jobs: JobProducer;
  let worker: Worker | undefined;
  const ledger = new Map<string, Row>();
  const delivered: string[] = [];
  const context: JobContext = { jobId: 'sweep', attemptsMade: 0, attempts: 1, log: silentLogger };
  const now = () => new Date();
  const row = (offsetMs: number): Row => {
    const r = { id: randomUUID(), sendAfter: new Date(Date.now() + offsetMs) };
    ledger.set(r.id, r);
    return r;
  };
  let deps: HandlerDeps;

  beforeAll(async () => {
    redis = await createTestRedis({ label: 'worker-sweep' });
    queues = await createQueues({ kind: 'redis', url: redis.url, prefix: redis.prefix });
    jobs = createJobProducer(queues);
    deps = {
      clock: now,
      jobs,
      findDue: async (until, limit) =>
        [...ledger.values()]
          .filter((r) => !r.sentAt && r.sendAfter <= until)
          .sort((a, b) => a.sendAfter.getTime() - b.sendAfter.getTime())
          .slice(0, limit),
      deliver: async (id) => {
        const r = ledger.get(id);
        if (!r || r.sentAt || r.sendAfter > new Date()) return { outcome: 'skipped' };
        if (id === permanentId) throw new PermanentDeliveryError('mail refused (SMTP 550)');
        if (id === temporaryId) throw new Error('mail failed (SMTP 451)');
        r.sentAt = new Date();
        delivered.push(id);
        return { outcome: 'sent', messageId: `<${id}@trygg.local>` };
      },
      runWeeklyDigest: async () => 'ok',
      runConversationSummary: async () => 'ok',
    };
  });

  afterAll(async () => {
    await worker?.close(true);
    await queues?.close();
    await redis?.close();
  });

  let permanentId = '';
  let temporaryId = '';
  const overdue = row(-60_000);
  const inThreeSeconds = row(3_000);
  const inFiveMinutes = row(5 * 60_000);
  const inTwoHours = row(2 * 3_600_000);

  it('re-enqueues what is due within the horizon, once', async () => {
    // What the api did when the rows were written: one (delayed) job per row.
    for (const r of ledger.values()) {
      await jobs.enqueue('send-notification', { notificationId: r.id }, { delayMs: r.sendAfter.getTime() - Date.now() });
    }
    await upsertSchedulers(queues);
    expect(await queues.queue('notifications').getJobCountByTypes('waiting', 'delayed')).toBe(4);

    expect(await redis.flushPrefix()).toBeGreaterThan(0);
    const notifications = queues.queue('notifications');
    expect(await notifications.getJobCountByTypes('waiting', 'delayed', 'active')).toBe(0);
    expect(await queues.queue('scheduled').getJobSchedulersCount()).toBe(0);

    const sweep = createHandlers(deps).sweep;
    expect(await sweep({}, context)).toEqual({ found: 3, givenUp: 0, added: 3, exists: 0, replaced: 0, advanced: 0 });
    expect(await (await notifications.getJob(`n-${overdue.id}`))?.getState()).toBe('waiting');
    const soon = await notifications.getJob(`n-${inThreeSeconds.id}`);
    expect(await soon?.getState()).toBe('delayed');
    expect(soon?.delay).toBeGreaterThan(2_000);
    const later = await notifications.getJob(`n-${inFiveMinutes.id}`);
    expect(later?.delay).toBeGreaterThan(4 * 60_000);
    expect(await notifications.getJob(`n-${inTwoHours.id}`)).toBeUndefined();

    // A second sweep (the next minute) adds nothing.
    expect(await sweep({}, context)).toMatchObject({ found: 3, added: 0, exists: 3 });
    // The worker's start-up puts the schedulers back too.
    await upsertSchedulers(queues);
    expect(await queues.queue('scheduled').getJobSchedulersCount()).toBe(3);
  });

  it('lets the worker send them: the overdue one at once, the next one on time', async () => {
    worker = queues.createWorker('notifications', createProcessor(createHandlers(deps), silentLogger), { concurrency: 2 });
    worker.on('error', () => undefined);
    await expect.poll(() => delivered.includes(overdue.id), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => delivered.includes(inThreeSeconds.id), { timeout: 10_000 }).toBe(true);
    expect((ledger.get(inThreeSeconds.id)?.sentAt?.getTime() ?? 0) >= inThreeSeconds.sendAfter.getTime()).toBe(true);
    expect(delivered).not.toContain(inFiveMinutes.id);
  });

  it('does not retry a permanent failure; retries a temporary one with backoff, which the sweep leaves alone', async () => {
    permanentId = row(-1_000).id;
    temporaryId = row(-1_000).id;
    const sweep = createHandlers(deps).sweep;
    await sweep({}, context);
    const notifications = queues.queue('notifications');
    await expect.poll(async () => (await notifications.getJob(`n-${permanentId}`))?.getState(), { timeout: 10_000 }).toBe('failed');
    const permanent = await notifications.getJob(`n-${permanentId}`);
    expect(permanent?.attemptsMade).toBe(1);
    expect(permanent?.failedReason).toBe('mail refused (SMTP 550)');

    await expect.poll(async () => (await notifications.getJob(`n-${temporaryId}`))?.getState(), { timeout: 10_000 }).toBe('delayed');
    const temporary = await notifications.getJob(`n-${temporaryId}`);
    expect(temporary?.attemptsMade).toBe(1);
    // Backoff of the first retry: 30 s.
    expect(temporary?.delay).toBe(30_000);
    // The next sweep finds both rows still unsent: it replaces the one that failed for good
    // (in production deliver marked that row failed, so the sweep no longer finds it) and
    // leaves the retrying one to its backoff.
    const result = await sweep({}, context);
    expect(result).toMatchObject({ replaced: 1, advanced: 0 });
    expect((await notifications.getJob(`n-${temporaryId}`))?.attemptsMade).toBe(1);
  });
});
