// What the queues must do on either backend; run by queues.redis.int.test.ts and
// queues.postgres.int.test.ts against real Redis / real PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { Job, Worker } from 'bullmq';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountQueueDashboard } from './dashboard';
import { createJobProducer, type JobProducer } from './producer';
import { createQueues, type QueueConnection, type Queues } from './queues';
import { SCHEDULE_TIME_ZONE, upsertSchedulers } from './schedulers';
import { sleep, waitFor } from './test-support';

export interface ContractFixture {
  connection: QueueConnection;
  teardown: () => Promise<void>;
}

const osloWeekdayTime = (at: number) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Oslo',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));

export function queueContract(label: string, setup: () => Promise<ContractFixture>): void {
  describe(`queues on ${label}`, () => {
    let fixture: ContractFixture;
    let queues: Queues;
    let producer: JobProducer;
    let worker: Worker;
    /** job id → instants (ms) at which the worker ran it */
    const runs = new Map<string, number[]>();
    /** job ids whose processor shall throw */
    const failing = new Set<string>();

    beforeAll(async () => {
      fixture = await setup();
      queues = await createQueues(fixture.connection);
      producer = createJobProducer(queues);
      worker = queues.createWorker(
        'notifications',
        async (job: Job) => {
          const id = job.id as string;
          runs.set(id, [...(runs.get(id) ?? []), Date.now()]);
          if (failing.has(id)) throw new Error('SMTP 451 try again later');
        },
        { concurrency: 4, drainDelay: 1 },
      );
      worker.on('error', () => undefined);
      await worker.waitUntilReady();
    }, 30_000);

    afterAll(async () => {
      await worker?.close(true);
      await queues?.close();
      await fixture?.teardown();
    }, 30_000);

    it('fires a delayed job after its delay, not before', async () => {
      const notificationId = randomUUID();
      const added = Date.now();
      const result = await producer.enqueue('send-notification', { notificationId }, { delayMs: 1_500 });
      expect(result).toEqual({ jobId: `n-${notificationId}`, outcome: 'added' });
      await sleep(1_000);
      expect(runs.get(`n-${notificationId}`)).toBeUndefined();
      const [ranAt] = await waitFor(() => runs.get(`n-${notificationId}`), 15_000, 'the delayed job');
      expect((ranAt as number) - added).toBeGreaterThanOrEqual(1_500);
    }, 30_000);

    it('runs a job once when the same deterministic id is added twice', async () => {
      const notificationId = randomUUID();
      const first = await producer.enqueue('send-notification', { notificationId }, { delayMs: 300 });
      const second = await producer.enqueue('send-notification', { notificationId }, { delayMs: 300 });
      expect(first.outcome).toBe('added');
      expect(second).toEqual({ jobId: `n-${notificationId}`, outcome: 'exists' });
      await waitFor(() => runs.get(`n-${notificationId}`), 15_000, 'the job');
      await sleep(1_500);
      expect(runs.get(`n-${notificationId}`)).toHaveLength(1);
    }, 30_000);

    it('removes a completed send job, so a later enqueue of the same id runs again', async () => {
      const notificationId = randomUUID();
      await producer.enqueue('send-notification', { notificationId });
      await waitFor(() => runs.get(`n-${notificationId}`), 15_000, 'the first run');
      await waitFor(async () => (await queues.queue('notifications').getJob(`n-${notificationId}`)) === undefined || undefined, 5_000, 'removal');
      expect((await producer.enqueue('send-notification', { notificationId })).outcome).toBe('added');
      await waitFor(() => (runs.get(`n-${notificationId}`)?.length === 2 ? true : undefined), 15_000, 'the second run');
    }, 30_000);

    it('ensure: replaces a job that failed for good, advances a delayed one due too late', async () => {
      const failed = randomUUID();
      failing.add(`n-${failed}`);
      const queue = queues.queue('notifications');
      // One attempt, so it fails for good at once (the catalog's 12 would take 17 hours).
      await queue.add('send-notification', { notificationId: failed }, { jobId: `n-${failed}`, attempts: 1 });
      await waitFor(async () => ((await (await queue.getJob(`n-${failed}`))?.getState()) === 'failed' ? true : undefined), 15_000, 'failed state');
      failing.delete(`n-${failed}`);
      // A plain enqueue is silently ignored…
      expect((await producer.enqueue('send-notification', { notificationId: failed })).outcome).toBe('exists');
      // …ensure replaces it, and it runs.
      const before = runs.get(`n-${failed}`)?.length ?? 0;
      expect((await producer.enqueue('send-notification', { notificationId: failed }, { ensure: true })).outcome).toBe('replaced');
      await waitFor(() => ((runs.get(`n-${failed}`)?.length ?? 0) > before ? true : undefined), 15_000, 'the replaced run');

      const late = randomUUID();
      await producer.enqueue('send-notification', { notificationId: late }, { delayMs: 3_600_000 });
      expect((await producer.enqueue('send-notification', { notificationId: late }, { delayMs: 3_700_000, ensure: true })).outcome).toBe('exists');
      expect((await producer.enqueue('send-notification', { notificationId: late }, { delayMs: 200, ensure: true })).outcome).toBe('advanced');
      await waitFor(() => runs.get(`n-${late}`), 15_000, 'the advanced job');
    }, 60_000);

    it('refuses a bad payload or job id at the producer', async () => {
      await expect(producer.enqueue('send-notification', { notificationId: 'Kari Nordmann' })).rejects.toThrow();
      await expect(producer.enqueue('sweep', {}, { jobId: '42' })).rejects.toThrow(/digits/);
      await expect(producer.enqueue('sweep', {}, { jobId: 'a:b' })).rejects.toThrow(/':'/);
    });

    it('upserts the schedulers once, in Europe/Oslo time, and removes stale ones', async () => {
      const scheduled = queues.queue('scheduled');
      await scheduled.upsertJobScheduler('retired-job', { every: 3_600_000 }, { name: 'sweep', data: {} });
      const first = await upsertSchedulers(queues);
      expect(first.removed).toEqual(['retired-job']);
      const second = await upsertSchedulers(queues);
      expect(second).toEqual({ upserted: first.upserted, removed: [] });

      const found = await scheduled.getJobSchedulers(0, -1, true);
      expect(found.map((s) => s.id ?? s.key).sort()).toEqual(['conversation-summary', 'sweep', 'weekly-digest']);
      expect(await queues.queue('notifications').getJobSchedulersCount()).toBe(0);
      for (const s of found) expect(s.tz).toBe(SCHEDULE_TIME_ZONE);
      const byId = Object.fromEntries(found.map((s) => [s.id ?? s.key, s]));
      expect(byId['weekly-digest']).toMatchObject({ pattern: '0 7 * * 1', name: 'weekly-digest' });
      expect(osloWeekdayTime(byId['weekly-digest']?.next as number)).toBe('Mon 07:00');
      expect(osloWeekdayTime(byId['conversation-summary']?.next as number)).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 07:30$/);
      expect((byId.sweep?.next as number) - Date.now()).toBeLessThanOrEqual(60_000);
      // One pending job per scheduler, not one per upsert.
      expect(await scheduled.getDelayedCount()).toBe(3);
    }, 30_000);

    it('serves the dashboard on a Hono app', async () => {
      const app = new Hono();
      mountQueueDashboard(app, queues, '/admin/queues');
      const page = await app.request('/admin/queues');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const api = await app.request('/admin/queues/api/queues');
      expect(api.status).toBe(200);
      const body = (await api.json()) as { queues: { name: string }[] };
      expect(body.queues.map((q) => q.name).sort()).toEqual(['notifications', 'scheduled']);
    }, 30_000);
  });
}
