// Builds and starts the worker from its configuration. main.ts reads the environment and calls
// this; nothing here touches process.env.
import { createDb, dueNotifications, migrate } from '@trygg/db';
import { createJobProducer, createQueues, resolveQueueConnection, upsertSchedulers, type Queues } from '@trygg/jobs';
import { createMailer } from '@trygg/notifications';
import type { Worker } from 'bullmq';
import { createDeliver, type Compose } from './deliver';
import type { WorkerEnv } from './env';
import { createHandlers, type HandlerDeps } from './handlers';
import type { Logger } from './log';
import { createProcessor, startWorkers } from './processor';
import { createShutdown, type ShutdownResult } from './shutdown';

export interface WorkerOverrides {
  clock?: () => Date;
  compose?: Compose;
  runWeeklyDigest?: HandlerDeps['runWeeklyDigest'];
  runConversationSummary?: HandlerDeps['runConversationSummary'];
}

export interface RunningWorker {
  queues: Queues;
  workers: Worker[];
  shutdown: () => Promise<ShutdownResult>;
}

export async function startWorker(env: WorkerEnv, log: Logger, overrides: WorkerOverrides = {}): Promise<RunningWorker> {
  const clock = overrides.clock ?? (() => new Date());
  const database = createDb(env.DATABASE_URL);
  // Safe when the api migrates at the same moment: migrate() serialises on an advisory lock.
  const { applied } = await migrate(database.db);
  if (applied > 0) log.info('database migrated', { applied });

  const connection = resolveQueueConnection({ redisUrl: env.REDIS_URL, databaseUrl: env.DATABASE_URL, prefix: env.REDIS_PREFIX });
  const queues = await createQueues(connection);
  const jobs = createJobProducer(queues);
  const mailer = createMailer({ from: env.MAIL_FROM, smtpUrl: env.SMTP_URL });

  const handlers = createHandlers({
    clock,
    jobs,
    deliver: createDeliver({ db: database.db, mailer, compose: overrides.compose ?? composeNotReady, clock, appUrl: env.APP_URL }),
    findDue: async (until, limit) =>
      (await dueNotifications(database.db, until, limit)).map((row) => ({ id: row.id, sendAfter: row.sendAfter })),
    runWeeklyDigest: overrides.runWeeklyDigest ?? (async (isoWeek) => notReady(log, 'weekly digest', { isoWeek })),
    runConversationSummary: overrides.runConversationSummary ?? (async (date) => notReady(log, 'conversation summary', { date })),
  });

  const schedulers = await upsertSchedulers(queues);
  const workers = startWorkers(queues, createProcessor(handlers, log), {
    concurrency: { notifications: env.WORKER_CONCURRENCY, scheduled: 2 },
    log,
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  log.info('started', {
    queueBackend: connection.kind,
    namespace: queues.namespace,
    schedulers: schedulers.upserted,
    removedSchedulers: schedulers.removed,
    concurrency: env.WORKER_CONCURRENCY,
  });

  const shutdown = createShutdown({
    workers,
    timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    resources: [
      { name: 'queues', close: () => queues.close() },
      { name: 'mailer', close: () => mailer.close() },
      { name: 'database', close: () => database.close() },
    ],
    log,
  });
  return { queues, workers, shutdown };
}

/**
 * No composer for ledger rows exists yet (which message a row's kind/step/payload stands for
 * is the deadline engine's contract). Thrown as a temporary failure: the row stays pending and
 * is sent once a composer is wired in — nothing is marked failed that could still be sent.
 */
const composeNotReady: Compose = async (row) => {
  throw new Error(`no message composer for ledger kind "${row.kind}" yet`);
};

function notReady(log: Logger, what: string, fields: Record<string, unknown>): { skipped: string } {
  log.warn(`${what}: no runner wired in this build; skipped`, fields);
  return { skipped: `${what} runner not wired` };
}
