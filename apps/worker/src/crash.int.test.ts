// The worker is killed (SIGKILL: no shutdown, no cleanup) five times while 500 notifications are
// due, and restarted each time — as production's process, `main.ts` with its environment. Every
// notification must arrive, and the ledger must record each as sent exactly once.
//
// What "none twice" can and cannot mean: SMTP has no two-phase commit. A worker killed after the
// mail server accepted a message but before markSent committed leaves the row claimed and unsent;
// once the claim's lease lapses the row is sent again — with the same Message-ID, which is how
// mail systems and people recognise it as the same message. That window is a few milliseconds
// per send; this test measures how often it was hit, asserts it is bounded by what was in
// flight at the kills, and asserts the ledger's exactly-once.
import { randomUUID } from 'node:crypto';
import { notifications } from '@trygg/db';
import { createJobProducer, createQueues, type Queues } from '@trygg/jobs';
import {
  createTestDatabase,
  createTestRedis,
  seedSchool,
  startSmtpReceiver,
  type SmtpReceiver,
  type TestDatabase,
  type TestRedis,
} from '@trygg/testing';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countByMessageId, createOffice, enqueueRows, insertLedgerRows, sleep, spawnWorker, waitUntil, type WorkerProcess } from './test-support';

const KILLS = 5;
const CONCURRENCY = 5;

let t: TestDatabase;
let redis: TestRedis;
let smtp: SmtpReceiver;
let api: Queues;
const processes: WorkerProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  redis = await createTestRedis({ label: 'crash' });
  smtp = await startSmtpReceiver();
  api = await createQueues({ kind: 'redis', url: redis.url, prefix: redis.prefix });
}, 60_000);

afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await api?.close();
  await smtp?.stop();
  await redis?.close();
  await t?.drop();
});

describe('SIGKILL the worker 5 times while 500 notifications are due', () => {
  it('delivers every notification; the ledger records each once; duplicates only from the crash window, counted', async () => {
    const jobs = createJobProducer(api);
    const s = await seedSchool(t.db);
    const { caseId, reportId } = await createOffice(t.db, jobs, () => new Date()).fileReport({ schoolId: s.schoolId, pupilId: s.pupil, filedById: s.teacher });
    const rows = await insertLedgerRows(t.db, {
      label: `crash-${randomUUID()}`,
      count: 500,
      recipientId: s.principal,
      caseId,
      reportId,
      schoolId: s.schoolId,
      ownerId: s.ownerId,
      sendAfter: () => new Date(Date.now() - 1_000),
    });
    await enqueueRows(jobs, rows);
    const ids = new Set(rows.map((r) => `<${r.id}@trygg.local>`));
    const arrived = () => countByMessageId(smtp.messages, ids);

    const env = {
      DATABASE_URL: t.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: redis.prefix,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      WORKER_CONCURRENCY: String(CONCURRENCY),
      SHUTDOWN_TIMEOUT_MS: '3000',
      // Production holds a claim 10 minutes before another sender may take the row over; the
      // test shortens it so the rows in flight at a kill are retried within a minute.
      CLAIM_LEASE_MS: '15000',
    };

    const perLife: number[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      const before = arrived().total;
      const w = spawnWorker(env);
      processes.push(w);
      await w.started;
      // Kill it mid-stream: once it is sending, at a random moment.
      await waitUntil(() => arrived().total >= before + 10 || arrived().distinct === 500, 30_000, `worker ${kill} to send`);
      await sleep(Math.random() * 300);
      process.kill(w.child.pid!, 'SIGKILL');
      const { signal } = await w.exited;
      expect(signal).toBe('SIGKILL');
      perLife.push(arrived().total - before);
    }
    expect(arrived().distinct, 'the kills came while there was work').toBeLessThan(500);

    // The last restart: what was in flight at the kills is taken up again once BullMQ sees the
    // jobs stalled (lock 30 s) or the per-minute sweep offers the rows, and the claim's lease
    // has lapsed.
    const last = spawnWorker(env);
    processes.push(last);
    await last.started;
    await waitUntil(() => arrived().distinct === 500, 180_000, 'all 500 to arrive after the last restart');
    // Let any late re-send show itself before counting.
    await sleep(3_000);

    const ledger = await t.db
      .select({ id: notifications.id, sentAt: notifications.sentAt, messageId: notifications.messageId, attempts: notifications.attempts })
      .from(notifications)
      .where(inArray(notifications.id, rows.map((r) => r.id)));
    expect(ledger).toHaveLength(500);
    expect(ledger.filter((r) => r.sentAt === null)).toEqual([]);
    expect(ledger.every((r) => r.messageId === `<${r.id}@trygg.local>`)).toBe(true);

    const counted = arrived();
    expect(counted.distinct).toBe(500);
    // A duplicate is only possible for a row the ledger shows taken over after a crash…
    const attemptsOf = new Map(ledger.map((r) => [`<${r.id}@trygg.local>`, r.attempts]));
    for (const [id, n] of counted.duplicated) {
      expect(n).toBe(2);
      expect(attemptsOf.get(id)).toBeGreaterThanOrEqual(2);
    }
    // …and at most what was in flight when the worker died.
    expect(counted.duplicated.length).toBeLessThanOrEqual(KILLS * CONCURRENCY);
    expect(counted.total).toBe(500 + counted.duplicated.length);
    console.info(
      `[crash] ${KILLS} SIGKILLs; mails sent per killed worker: ${perLife.join(', ')}; 500 distinct Message-IDs, ${counted.total} messages in all — ` +
        `${counted.duplicated.length} duplicate(s) from the crash window (same Message-ID); ledger: 500 sent once, ` +
        `${ledger.filter((r) => r.attempts > 1).length} taken over after a crash`,
    );

    // And the last worker still stops cleanly on SIGTERM.
    last.child.kill('SIGTERM');
    expect((await last.exited).code).toBe(0);
  }, 300_000);
});
