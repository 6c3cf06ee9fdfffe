// SIGTERM handling, tested on the shutdown function (not the process): it must return within
// its timeout even when a job hangs for ever, and close promptly when nothing runs.
import { createJobProducer, createQueues, type Queues } from '@trygg/jobs';
import { createTestRedis, type TestRedis } from '@trygg/testing';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createShutdown } from './shutdown';

describe('shutdown', () => {
  let redis: TestRedis | undefined;
  let queues: Queues | undefined;

  afterEach(async () => {
    await queues?.close().catch(() => undefined);
    await redis?.close();
    queues = undefined;
    redis = undefined;
  });

  it('returns within its timeout when a job hangs', async () => {
    redis = await createTestRedis({ label: 'worker-shutdown' });
    queues = await createQueues({ kind: 'redis', url: redis.url, prefix: redis.prefix });
    let started = false;
    const worker = queues.createWorker('notifications', () => {
      started = true;
      return new Promise(() => undefined); // an SMTP socket that never answers
    });
    await createJobProducer(queues).enqueue('send-notification', { notificationId: randomUUID() });
    await expect.poll(() => started, { timeout: 10_000 }).toBe(true);

    const closedResources: string[] = [];
    const shutdown = createShutdown({
      workers: [worker],
      timeoutMs: 500,
      graceMs: 1_000,
      resources: [{ name: 'queues', close: async () => void closedResources.push('queues') }],
    });
    const t0 = Date.now();
    const result = await shutdown();
    const elapsed = Date.now() - t0;
    expect(result.workers).toBe('timed-out');
    expect(result.unclosed).toEqual([]);
    expect(closedResources).toEqual(['queues']);
    expect(elapsed).toBeGreaterThanOrEqual(500);
    expect(elapsed).toBeLessThan(1_500);
    // A second signal gets the same run, not a second one.
    expect(await shutdown()).toBe(result);
  });

  it('closes at once when no job is running', async () => {
    redis = await createTestRedis({ label: 'worker-shutdown-idle' });
    queues = await createQueues({ kind: 'redis', url: redis.url, prefix: redis.prefix });
    const worker = queues.createWorker('notifications', async () => 'done');
    await worker.waitUntilReady();
    const result = await createShutdown({ workers: [worker], timeoutMs: 5_000 })();
    expect(result.workers).toBe('closed');
    expect(result.elapsedMs).toBeLessThan(2_000);
  });

  it('reports a resource that does not close in its grace time, and still finishes', async () => {
    const result = await createShutdown({
      workers: [],
      timeoutMs: 100,
      graceMs: 200,
      resources: [
        { name: 'stuck', close: () => new Promise<void>(() => undefined) },
        { name: 'broken', close: () => Promise.reject(new Error('boom')) },
        { name: 'fine', close: () => undefined },
      ],
    })();
    expect(result).toMatchObject({ workers: 'closed', unclosed: ['stuck', 'broken'] });
  });
});
