// Builds and starts the worker from its configuration. main.ts reads the environment and calls
// this; nothing here touches process.env.
import { createDb, migrate } from '@trygg/db';
import { createJobProducer, createQueues, resolveQueueConnection, upsertSchedulers, type Queues } from '@trygg/jobs';
import { createMailer } from '@trygg/notifications';
import { afterSend, claimForSending, composeNotification, isoWeekStart, queueWeeklyDigests, runConversationSummary, toInstant, UndeliverableError } from '@trygg/scheduling';
import type { Worker } from 'bullmq';
import type { SMTPTransportOptions } from 'nodemailer';
import { createDeliver, type Compose } from './deliver';
import type { WorkerEnv } from './env';
import { ledgerSweep } from './ledger';
import { createHandlers, PermanentDeliveryError, type HandlerDeps } from './handlers';
import type { Logger } from './log';
import { createProcessor, startWorkers } from './processor';
import { watchSchedulers, type SchedulerWatch } from './scheduler-watch';
import { createShutdown, type ShutdownResult } from './shutdown';
import { warmUp } from './warm-up';

export interface WorkerOverrides {
  clock?: () => Date;
  compose?: Compose;
  runWeeklyDigest?: HandlerDeps['runWeeklyDigest'];
  runConversationSummary?: HandlerDeps['runConversationSummary'];
}

export interface RunningWorker {
  queues: Queues;
  workers: Worker[];
  /** Restores the job schedulers should the queue backend lose them (Redis only). */
  schedulerWatch: SchedulerWatch;
  shutdown: () => Promise<ShutdownResult>;
}

/** Connections to PostgreSQL besides the send path's: scheduled jobs, the sweep, after-send. */
const DB_POOL_SIZE = 4;

export async function startWorker(env: WorkerEnv, log: Logger, overrides: WorkerOverrides = {}): Promise<RunningWorker> {
  const clock = overrides.clock ?? (() => new Date());
  const database = createDb(env.DATABASE_URL, { max: DB_POOL_SIZE });
  // The send path's own connections (claim, compose, mark sent): their commits do not wait for
  // the disk. At a 07:30 burst every send commits twice; waiting for each flush stalled the
  // bench's worker for seconds at a time. What a PostgreSQL crash could lose is the last
  // fraction of a second of claims (claimed again) and mark-sents (the message goes again with
  // the same Message-ID) — the outcome the ledger already accepts for a worker crash.
  const sending = createDb(env.DATABASE_URL, { max: env.WORKER_CONCURRENCY, synchronousCommit: false });
  // Safe when the api migrates at the same moment: migrate() serialises on an advisory lock.
  const { applied } = await migrate(database.db);
  if (applied > 0) log.info('database migrated', { applied });

  const connection = resolveQueueConnection({ redisUrl: env.REDIS_URL, databaseUrl: env.DATABASE_URL, prefix: env.REDIS_PREFIX });
  const queues = await createQueues(connection);
  const jobs = createJobProducer(queues);
  const pooled: SMTPTransportOptions & { maxConnections: number } = { url: env.SMTP_URL, pool: true, maxConnections: env.WORKER_CONCURRENCY };
  const mailer = createMailer(env.SMTP_POOL ? { from: env.MAIL_FROM, transportOptions: pooled } : { from: env.MAIL_FROM, smtpUrl: env.SMTP_URL });

  const db = database.db;
  const sendDb = sending.db;
  if (env.ackSecretIsDefault) log.warn('ACK_SECRET is not set; using the development secret (never do this in production)');
  // libs/scheduling builds a row's message at send time (names and numbers are read then,
  // not stored in the ledger); a row it can never build is a permanent failure.
  const compose: Compose = async (row, prefetched) => {
    try {
      return await composeNotification(sendDb, row, { appUrl: env.APP_URL, ackSecret: env.ACK_SECRET }, prefetched);
    } catch (error) {
      if (error instanceof UndeliverableError) throw new PermanentDeliveryError(error.message);
      throw error;
    }
  };

  const handlers = createHandlers({
    clock,
    jobs,
    deliver: createDeliver({
      db: sendDb,
      mailer,
      compose: overrides.compose ?? compose,
      // The claim reads the case facts of the message in the same round trip.
      claim: claimForSending,
      clock,
      appUrl: env.APP_URL,
      afterSent: (row) => afterSend(db, row, toInstant(clock())),
      claimLeaseMs: env.CLAIM_LEASE_MS,
    }),
    ...ledgerSweep(db, { claimLeaseMs: env.CLAIM_LEASE_MS }),
    // Writes one ledger row per owner recipient (once per owner and week, via digest_runs);
    // the sweep sends them within the minute.
    runWeeklyDigest:
      overrides.runWeeklyDigest ??
      (async (isoWeek) => ({ queued: await queueWeeklyDigests(db, toInstant(clock()), { weekStart: isoWeekStart(isoWeek) }) })),
    // Syncs every school's conversations for the half-year and writes one ledger row per leader
    // of a school with overdue ones; the sweep sends them within the minute.
    runConversationSummary: overrides.runConversationSummary ?? ((date) => runConversationSummary(db, date, toInstant(clock()))),
  });

  const warm = await warmUp({ sql: sending.sql, connections: env.WORKER_CONCURRENCY, appUrl: env.APP_URL });
  const schedulers = await upsertSchedulers(queues);
  const workers = startWorkers(queues, createProcessor(handlers, log), {
    concurrency: { notifications: env.WORKER_CONCURRENCY, scheduled: 2 },
    log,
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  const schedulerWatch = watchSchedulers({ queues, jobs, intervalMs: env.SCHEDULER_CHECK_MS, log });
  log.info('started', {
    queueBackend: connection.kind,
    namespace: queues.namespace,
    schedulers: schedulers.upserted,
    removedSchedulers: schedulers.removed,
    concurrency: env.WORKER_CONCURRENCY,
    templatesChecked: warm.templates,
  });

  const shutdown = createShutdown({
    workers,
    timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    resources: [
      { name: 'scheduler-watch', close: () => schedulerWatch.stop() },
      { name: 'queues', close: () => queues.close() },
      { name: 'mailer', close: () => mailer.close() },
      { name: 'database', close: () => database.close() },
      { name: 'database (sending)', close: () => sending.close() },
    ],
    log,
  });
  return { queues, workers, schedulerWatch, shutdown };
}
