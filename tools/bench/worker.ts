/**
 * Worker benchmark: the deadline engine's send path, and what a national year costs Redis.
 *
 * 1. Throughput, "due" → "accepted by SMTP", for N due notifications through the real path
 *    (ledger rows and their delayed jobs, as the api writes them → the worker: claim → compose
 *    from the database → render → send with a fixed Message-ID → markSent), against a baseline
 *    of raw BullMQ jobs each sending the same, pre-rendered email with nodemailer to the same
 *    receiver. Same concurrency (the worker's default), same Redis, same receiver; both sets of
 *    jobs are enqueued as delayed jobs before they fall due, so enqueueing is not timed.
 *    Target: real ≥ 0.5 × baseline.
 * 2. Lateness (SMTP accepted − send_after) for 2,000 notifications due over 20 s, enqueued as
 *    the api does (a delayed job per row). Target p99 ≤ 250 ms.
 * 3. Redis memory with a national year in the ledger: ~2 M rows over the school year (mostly at
 *    07:30 on school days, the rest spread over the sending window), those before "now" sent.
 *    The sweep runs at a fixed now (a school day, 07:25: the 07:30 burst is inside its 10-minute
 *    horizon). Measured: the prefix's keys (sum of MEMORY USAGE — exact, whatever else uses this
 *    shared Redis) and the INFO used_memory delta (noisy here). Target ≤ 100 MB.
 *
 * The machine is shared: each timing figure carries the 1-minute load average next to it.
 * Run: `TZ=UTC npx tsx tools/bench/worker.ts [throughput|lateness|memory]`
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import nodemailer, { type SMTPTransportOptions } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { notifications, people } from '../../libs/db/src/index';
import { eq } from 'drizzle-orm';
import { localDateTimeToInstant } from '../../libs/domain/src/index';
import { createJobProducer, createQueues, type JobProducer, type Queues } from '../../libs/jobs/src/index';
import { renderMessage } from '../../libs/notifications/src/index';
import { composeNotification } from '../../libs/scheduling/src/index';
import { createTestDatabase, createTestRedis, seedSchool, type TestDatabase, type TestRedis } from '../../libs/testing/src/index';
import { createHandlers, type JobContext } from '../../apps/worker/src/handlers/index';
import { parseWorkerEnv } from '../../apps/worker/src/env';
import { ledgerSweep } from '../../apps/worker/src/ledger';
import { silentLogger, type Logger } from '../../apps/worker/src/log';
import { startWorker, type RunningWorker } from '../../apps/worker/src/worker';
import { createOffice, insertLedgerRows } from '../../apps/worker/src/test-support';

const N = 2_000;
const LATENESS_N = 2_000;
const LATENESS_SPREAD_MS = 20_000;
const YEAR_ROWS = 2_000_000;
const APP_URL = 'http://127.0.0.1:5173/';
const FROM = 'Trygg <varsel@trygg.local>';

const load = () => loadavg()[0]!.toFixed(1);
const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitUntil(probe: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A receiver that only notes when each Message-ID was accepted (no parsing beyond that header). */
async function startCountingReceiver() {
  const accepted = new Map<string, number[]>();
  let total = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // No reverse DNS of 127.0.0.1 per connection: that is the receiver's cost, not ours.
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const at = Date.now();
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '?';
        const list = accepted.get(id) ?? [];
        list.push(at);
        accepted.set(id, list);
        total += 1;
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port)));
  return { port, url: `smtp://127.0.0.1:${port}`, accepted, total: () => total, close: () => new Promise<void>((r) => server.close(() => r())) };
}
type Receiver = Awaited<ReturnType<typeof startCountingReceiver>>;

/** BENCH_DETAIL: the worker's own log (sweeps, warnings), without a line per message sent. */
const benchLogger: Logger = {
  info: (message, fields) => {
    if (message !== 'notification sent') console.log(new Date().toISOString(), message, JSON.stringify(fields ?? {}));
  },
  warn: (message, fields) => console.log(new Date().toISOString(), 'WARN', message, JSON.stringify(fields ?? {})),
  error: (message, fields) => console.log(new Date().toISOString(), 'ERROR', message, JSON.stringify(fields ?? {})),
};

interface World {
  t: TestDatabase;
  redis: TestRedis;
  receiver: Receiver;
  worker: RunningWorker;
  jobs: JobProducer;
  api: Queues;
  rowsDue: (count: number, sendAfter: (i: number) => Date) => Promise<{ id: string; sendAfter: Date }[]>;
  close: () => Promise<void>;
}

async function startWorld(): Promise<World> {
  const t = await createTestDatabase({ max: 6 });
  const redis = await createTestRedis({ label: 'bench-worker' });
  const receiver = await startCountingReceiver();
  const env = parseWorkerEnv({ NODE_ENV: 'test', DATABASE_URL: t.url, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix, SMTP_URL: receiver.url, WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY });
  const worker = await startWorker(env, process.env.BENCH_DETAIL ? benchLogger : silentLogger);
  const api = await createQueues({ kind: 'redis', url: redis.url, prefix: redis.prefix });
  const jobs = createJobProducer(api);
  const s = await seedSchool(t.db);
  const { caseId, reportId } = await createOffice(t.db, jobs, () => new Date()).fileReport({ schoolId: s.schoolId, pupilId: s.pupil, filedById: s.teacher });
  return {
    t,
    redis,
    receiver,
    worker,
    jobs,
    api,
    rowsDue: (count, sendAfter) =>
      insertLedgerRows(t.db, { label: `bench-${randomUUID()}`, count, recipientId: s.principal, caseId, reportId, schoolId: s.schoolId, ownerId: s.ownerId, sendAfter }),
    close: async () => {
      await worker.shutdown();
      await api.close();
      await receiver.close();
      await redis.close();
      await t.drop();
    },
  };
}

/** Delayed jobs for the rows, as the api adds them (producer, deterministic id, `ensure`). */
async function enqueueAsApi(jobs: JobProducer, rows: readonly { id: string; sendAfter: Date }[]) {
  for (const row of rows) await jobs.enqueue('send-notification', { notificationId: row.id }, { delayMs: row.sendAfter.getTime() - Date.now(), ensure: true });
}

/** How long after `dueAt` the last of `ids` was accepted. */
async function drain(receiver: Receiver, ids: readonly string[], timeoutMs: number): Promise<number> {
  await waitUntil(() => ids.every((id) => receiver.accepted.has(id)), timeoutMs, `${ids.length} messages`);
  return Math.max(...ids.map((id) => receiver.accepted.get(id)![0]!));
}

/** CPU ms used so far by this database's PostgreSQL backends (from /proc; 0 when not local). */
async function pgCpuMs(t: TestDatabase): Promise<number> {
  const rows = await t.sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database()`;
  let sum = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      sum += (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, 100 Hz ticks
    } catch {
      // a backend that has gone, or a server elsewhere
    }
  }
  return sum;
}

interface Run {
  wallMs: number;
  nodeCpuMs: number;
  pgCpuMs: number;
}

/**
 * Waits for `dueAt`, then times until the last of `ids` is accepted: wall time, this process's
 * CPU (worker, receiver and BullMQ client alike for both paths) and PostgreSQL's.
 */
async function timeFromDue(w: World, dueAt: number, ids: readonly string[]): Promise<Run> {
  await sleep(Math.max(0, dueAt - Date.now()));
  const cpu0 = process.cpuUsage();
  const pg0 = await pgCpuMs(w.t);
  const last = await drain(w.receiver, ids, 600_000);
  const cpu = process.cpuUsage(cpu0);
  return { wallMs: last - dueAt, nodeCpuMs: Math.round((cpu.user + cpu.system) / 1000), pgCpuMs: (await pgCpuMs(w.t)) - pg0 };
}

const ROUNDS = 4;
type Path = 'real' | 'baseline' | 'baselineUnpooled';

export async function benchThroughput(world?: World): Promise<Record<string, string | number>> {
  const w = world ?? (await startWorld());
  const env = parseWorkerEnv({ DATABASE_URL: w.t.url, SMTP_URL: w.receiver.url, WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY });
  const concurrency = env.WORKER_CONCURRENCY;
  const chunk = N / ROUNDS;
  const lead = 5_000;
  // The baselines: raw BullMQ jobs on a prefix of their own, each sending the same email — the
  // one the real path renders for these rows, rendered once here — with nodemailer, at the same
  // concurrency: once over a connection pool as the worker sends (SMTP_POOL, default), once with
  // nodemailer's default of a connection per message.
  const [one] = await w.rowsDue(1, () => new Date());
  const [oneRow] = await w.t.db.select().from(notifications).where(eq(notifications.id, one!.id));
  const composed = await composeNotification(w.t.db, oneRow!, { appUrl: APP_URL, ackSecret: 'x'.repeat(32) });
  const rendered = await renderMessage(composed.message, { lang: composed.lang, appUrl: APP_URL });
  await w.t.db.update(notifications).set({ cancelledAt: new Date() }).where(eq(notifications.id, one!.id));
  const baselines = (['baseline', 'baselineUnpooled'] as const).map((name) => {
    const prefix = `${w.redis.prefix}-${name}`;
    const connection = new Redis(w.redis.url, { maxRetriesPerRequest: null });
    const workerConnection = new Redis(w.redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(name, { connection, prefix });
    const options: SMTPTransportOptions & { maxConnections?: number } = { url: w.receiver.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 };
    const transport = nodemailer.createTransport(name === 'baseline' ? { ...options, pool: true, maxConnections: concurrency } : options);
    const worker = new Worker(
      name,
      async (job) => {
        await transport.sendMail({
          from: FROM,
          to: composed.to,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          messageId: `<${name}-${job.data.i}@bench.local>`,
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All', 'Content-Language': composed.lang },
        });
      },
      { connection: workerConnection, prefix, concurrency },
    );
    return {
      name,
      queue,
      worker,
      close: async () => {
        await worker.close();
        await queue.obliterate({ force: true });
        await queue.close();
        transport.close();
        connection.disconnect();
        workerConnection.disconnect();
      },
    };
  });
  await Promise.all(baselines.map((b) => b.worker.waitUntilReady()));

  const paths: Path[] = ['baseline', 'real', 'baselineUnpooled'];
  const runs: Record<Path, Run[]> = { real: [], baseline: [], baselineUnpooled: [] };
  const loads: string[] = [];
  let enqueueMs = 0;
  let n = 0;
  try {
    // Rotating chunks, so that the load other engineers put on this machine falls on all alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < paths.length; k++) {
        const path = paths[(round + k) % paths.length]!;
        loads.push(load());
        const dueAt = Date.now() + lead;
        let ids: string[];
        if (path === 'real') {
          const rows = await w.rowsDue(chunk, () => new Date(dueAt));
          const start = performance.now();
          await enqueueAsApi(w.jobs, rows);
          enqueueMs += performance.now() - start;
          ids = rows.map((r) => `<${r.id}@trygg.local>`);
        } else {
          const b = baselines.find((x) => x.name === path)!;
          ids = [];
          for (let i = 0; i < chunk; i++, n++) {
            ids.push(`<${path}-${n}@bench.local>`);
            await b.queue.add('send', { i: n }, { jobId: `b-${n}`, delay: Math.max(0, dueAt - Date.now()), removeOnComplete: true, attempts: 8, backoff: { type: 'exponential', delay: 30_000 } });
          }
        }
        if (Date.now() > dueAt) throw new Error(`enqueueing ${chunk} took longer than the ${lead} ms lead`);
        runs[path].push(await timeFromDue(w, dueAt, ids));
      }
    }
  } finally {
    for (const b of baselines) await b.close();
    if (!world) await w.close();
  }
  loads.push(load());

  const total = (path: Path, pick: (r: Run) => number) => runs[path].reduce((acc, r) => acc + pick(r), 0);
  const rate = (path: Path) => N / (total(path, (r) => r.wallMs) / 1000);
  const cpu = (path: Path) => total(path, (r) => r.nodeCpuMs + r.pgCpuMs) / N;
  const cpuText = (path: Path) =>
    `${cpu(path).toFixed(1)} (node ${(total(path, (r) => r.nodeCpuMs) / N).toFixed(1)}, postgres ${(total(path, (r) => r.pgCpuMs) / N).toFixed(1)})`;
  const ratio = rate('real') / rate('baseline');
  return {
    notifications: `${N} per path, in ${ROUNDS} rotating chunks of ${chunk}`,
    concurrency,
    smtpPool: env.SMTP_POOL ? `yes (${concurrency} connections)` : 'no',
    loadAverage: loads.join(' '),
    realPathPerSecond: Number(rate('real').toFixed(1)),
    baselinePooledPerSecond: Number(rate('baseline').toFixed(1)),
    baselineUnpooledPerSecond: Number(rate('baselineUnpooled').toFixed(1)),
    realPathChunksMs: runs.real.map((r) => r.wallMs).join(', '),
    baselinePooledChunksMs: runs.baseline.map((r) => r.wallMs).join(', '),
    baselineUnpooledChunksMs: runs.baselineUnpooled.map((r) => r.wallMs).join(', '),
    ratioToPooledBaseline: Number(ratio.toFixed(2)),
    'target ≥ 0.5 × baseline (pooled)': ratio >= 0.5 ? 'met' : 'NOT met',
    ratioToUnpooledBaseline: Number((rate('real') / rate('baselineUnpooled')).toFixed(2)),
    realPathCpuMsPerMessage: cpuText('real'),
    baselinePooledCpuMsPerMessage: cpuText('baseline'),
    baselineUnpooledCpuMsPerMessage: cpuText('baselineUnpooled'),
    enqueueAsApiMsPer1000: Math.round((enqueueMs / N) * 1000),
  };
}

export async function benchLateness(world?: World, count = LATENESS_N, spreadMs = LATENESS_SPREAD_MS): Promise<Record<string, string | number>> {
  const w = world ?? (await startWorld());
  try {
    // A worker that has been running (the 07:30 burst meets one that swept every minute and
    // sent yesterday's mail), not one started a second ago: run alone, this warms it first
    // with 500 messages. In `npm run bench` the throughput runs have done so.
    if (!world) {
      const warm = await w.rowsDue(500, () => new Date());
      await enqueueAsApi(w.jobs, warm);
      await drain(w.receiver, warm.map((r) => `<${r.id}@trygg.local>`), 120_000);
    }
    const lead = 30_000;
    const t0 = Date.now() + lead;
    const rows = await w.rowsDue(count, (i) => new Date(t0 + Math.floor((i * spreadMs) / count)));
    const enqueueStart = performance.now();
    await enqueueAsApi(w.jobs, rows);
    const enqueueMs = Math.round(performance.now() - enqueueStart);
    if (Date.now() > t0) throw new Error(`enqueueing took ${enqueueMs} ms, longer than the ${lead} ms lead`);
    const loadBefore = load();
    if (process.env.BENCH_DETAIL) console.log(new Date().toISOString(), 'burst starts at', new Date(t0).toISOString());
    await drain(w.receiver, rows.map((r) => `<${r.id}@trygg.local>`), 600_000);
    const loadAfter = load();
    const late = rows.map((r) => w.receiver.accepted.get(`<${r.id}@trygg.local>`)![0]! - r.sendAfter.getTime()).sort((a, b) => a - b);
    const p99 = percentile(late, 99);
    if (process.env.BENCH_DETAIL) {
      // Lateness per second of the spread: is the tail spread out or bunched?
      const bySecond = new Map<number, number[]>();
      for (const r of rows) {
        const second = Math.floor((r.sendAfter.getTime() - t0) / 1000);
        bySecond.set(second, [...(bySecond.get(second) ?? []), w.receiver.accepted.get(`<${r.id}@trygg.local>`)![0]! - r.sendAfter.getTime()]);
      }
      for (const [second, list] of bySecond) console.log(`  second ${second}: max ${Math.max(...list)} ms, p50 ${list.sort((a, b) => a - b)[Math.floor(list.length / 2)]} ms`);
    }
    return {
      notifications: count,
      dueOverMs: spreadMs,
      enqueueAsApiMs: enqueueMs,
      lateP50Ms: percentile(late, 50),
      lateP95Ms: percentile(late, 95),
      lateP99Ms: p99,
      lateMaxMs: late[late.length - 1]!,
      earliestMs: late[0]!,
      loadAverage: `${loadBefore} → ${loadAfter}`,
      'target p99 ≤ 250 ms': p99 <= 250 ? 'met' : 'NOT met',
    };
  } finally {
    if (!world) await w.close();
  }
}

/** Sum of MEMORY USAGE over the prefix's keys, and how many keys. */
async function prefixMemory(redis: Redis, prefix: string): Promise<{ bytes: number; keys: number }> {
  let cursor = '0';
  let bytes = 0;
  let keys = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of batch) {
      bytes += Number((await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
      keys += 1;
    }
  } while (cursor !== '0');
  return { bytes, keys };
}

const usedMemory = async (redis: Redis) => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);

export async function benchMemory(): Promise<Record<string, string | number>> {
  const t = await createTestDatabase({ max: 4 });
  const redis = await createTestRedis({ label: 'bench-memory' });
  let queues: Queues | undefined;
  try {
    const [person] = await t.db.insert(people).values({ name: 'Rektor Benk', email: `benk-${randomUUID()}@example.test` }).returning({ id: people.id });
    // A national school year: 2026-08-17 … 2027-06-18, Monday to Friday. 85 % of the rows at
    // 07:30 (reminders and escalations fire at the start of the sending window), the rest spread
    // over 07:30–16:00. Rows before NOW were sent (sent_at = send_after).
    const now = localDateTimeToInstant('2027-02-03T07:25');
    const nowIso = now.toString();
    const loadStart = performance.now();
    await t.sql.begin(async (tx) => {
      await tx.unsafe(`set local synchronous_commit = off`);
      await tx.unsafe(`set local work_mem = '256MB'`);
      await tx.unsafe(`
        with days as (
          select d::date as day, (row_number() over (order by d) - 1)::int as n
          from generate_series('2026-08-17'::date, '2027-06-18'::date, interval '1 day') d
          where extract(isodow from d) < 6
        ), rows as (
          select i, (i % (select count(*) from days))::int as n from generate_series(0::bigint, ${YEAR_ROWS - 1}) i
        ), timed as (
          select i, ((day + time '07:30' + case when i % 100 < 85 then interval '0' else ((i * 7919) % 510) * interval '1 minute' end)
                     at time zone 'Europe/Oslo') as send_after
          from rows join days using (n)
        )
        insert into notifications (subject_key, recipient_id, step, kind, send_after, sent_at, message_id, payload)
        select 'year-' || i, '${person!.id}', 'on-day', 'reminder', send_after,
               case when send_after < '${nowIso}'::timestamptz then send_after end,
               case when send_after < '${nowIso}'::timestamptz then '<year-' || i || '@trygg.local>' end,
               '{}'::jsonb
        from timed`);
    });
    await t.sql.unsafe(`vacuum (analyze) notifications`);
    const loadMs = Math.round(performance.now() - loadStart);
    const [counts] = await t.sql<{ total: number; pending: number; horizon: number }[]>`
      select count(*)::int as total,
             count(*) filter (where sent_at is null)::int as pending,
             count(*) filter (where sent_at is null and send_after <= ${nowIso}::timestamptz + interval '10 minutes')::int as horizon
      from notifications where subject_key like 'year-%'`;

    queues = await createQueues({ kind: 'redis', url: redis.url, prefix: redis.prefix });
    const before = await usedMemory(redis.redis);
    const handlers = createHandlers({
      clock: () => new Date(now.epochMilliseconds),
      jobs: createJobProducer(queues),
      // The worker's own reads of the ledger (apps/worker/src/worker.ts).
      ...ledgerSweep(t.db),
      deliver: async () => ({ outcome: 'skipped' }),
      runWeeklyDigest: async () => 'no',
      runConversationSummary: async () => 'no',
    });
    const context: JobContext = { jobId: 'bench', attemptsMade: 0, attempts: 1, log: silentLogger };
    const sweepStart = performance.now();
    const first = (await handlers.sweep({}, context)) as { found: number; added: number };
    const sweepMs = Math.round(performance.now() - sweepStart);
    // The next minutes' sweeps at the same "now" add nothing (deterministic ids).
    const second = (await handlers.sweep({}, context)) as { found: number; added: number };
    const sweepLoad = load();
    const jobsInRedis = await queues.queue('notifications').getJobCountByTypes('waiting', 'delayed', 'active');
    const after = await usedMemory(redis.redis);
    const measured = await prefixMemory(redis.redis, redis.prefix);

    // For comparison: what one more delayed job costs, as the api adds one for every pending row
    // of a case it writes (apps/api/src/engine.ts enqueueCaseNotifications has no horizon).
    const sample = 10_000;
    const jobs = createJobProducer(queues);
    const farIds = (
      await t.sql<{ id: string; send_after: Date | string }[]>`
        select id, send_after from notifications where sent_at is null and send_after > ${nowIso}::timestamptz + interval '10 minutes'
        order by send_after limit ${sample}`
    ).map((r) => ({ id: r.id, sendAfter: new Date(r.send_after) }));
    for (const row of farIds) await jobs.enqueue('send-notification', { notificationId: row.id }, { delayMs: row.sendAfter.getTime() - now.epochMilliseconds, ensure: true });
    const withSample = await prefixMemory(redis.redis, redis.prefix);
    const perJob = (withSample.bytes - measured.bytes) / farIds.length;

    return {
      ledgerRows: counts!.total,
      loadMs,
      pendingRows: counts!.pending,
      dueWithinHorizon: counts!.horizon,
      sweepFound: first.found,
      sweepAdded: first.added,
      sweepMs,
      sweepLoadAverage: sweepLoad,
      secondSweepAdded: second.added,
      jobsInRedis,
      prefixKeys: measured.keys,
      prefixMemoryMB: mb(measured.bytes),
      usedMemoryDeltaMB: mb(after - before),
      'target ≤ 100 MB': mb(measured.bytes) <= 100 ? 'met' : 'NOT met',
      bytesPerDelayedJob: Math.round(perJob),
      ifEveryPendingRowHadAJobMB: mb(perJob * counts!.pending),
    };
  } finally {
    await queues?.close();
    await redis.close();
    await t.drop();
  }
}

export async function benchWorker(): Promise<Record<string, string | number>> {
  const out: Record<string, string | number> = {};
  const world = await startWorld();
  try {
    for (const [k, v] of Object.entries(await benchThroughput(world))) out[`throughput.${k}`] = v;
    for (const [k, v] of Object.entries(await benchLateness(world))) out[`lateness.${k}`] = v;
  } finally {
    await world.close();
  }
  for (const [k, v] of Object.entries(await benchMemory())) out[`redis.${k}`] = v;
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const which = process.argv[2];
  const run =
    which === 'throughput'
      ? () => benchThroughput()
      : which === 'lateness'
        ? () => benchLateness(undefined, Number(process.argv[3] ?? LATENESS_N), Number(process.argv[4] ?? LATENESS_SPREAD_MS))
        : which === 'memory' ? benchMemory : benchWorker;
  const figures = await run();
  for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(44)} ${value}`);
  process.exit(0);
}
