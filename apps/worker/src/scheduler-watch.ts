// Job schedulers (the per-minute sweep, the Monday digest…) live in the queue backend. A Redis
// restart without persistence, or a FLUSHALL, deletes them while this worker keeps running and
// simply reconnects — and from then on nothing sweeps: the ledger would still hold the truth,
// but nobody would read it until the worker happened to restart. So the worker checks at an
// interval that its schedulers exist; when one is missing it upserts them all again and runs a
// sweep at once (the delayed send jobs Redis held are gone too).
//
// Only on Redis: on BullMQ's PostgreSQL backend the schedulers are rows of the same database
// as the ledger, lost only together with it.
import { jobCatalog, schedules, upsertSchedulers, type JobProducer, type Queues } from '@trygg/jobs';
import type { Logger } from './log';

export interface SchedulerWatch {
  /** Checks once; true when the schedulers had to be restored. */
  check(): Promise<boolean>;
  stop(): void;
}

export function watchSchedulers(deps: { queues: Queues; jobs: JobProducer; intervalMs: number; log: Logger }): SchedulerWatch {
  const queueNames = [...new Set(schedules.map((s) => jobCatalog[s.job].queue))];
  let running: Promise<boolean> | undefined;
  let failing = false;

  const checkOnce = async (): Promise<boolean> => {
    let present = 0;
    for (const name of queueNames) present += await deps.queues.queue(name).getJobSchedulersCount();
    if (present >= schedules.length) return false;
    // Two workers may both get here; upserting the same ids twice is harmless, and so is a
    // second sweep (deterministic send-job ids).
    const { upserted } = await upsertSchedulers(deps.queues);
    await deps.jobs.enqueue('sweep', {});
    deps.log.warn('job schedulers were missing (the queue backend lost its data?); restored them and swept at once', {
      found: present,
      upserted,
    });
    return true;
  };

  const check = () => {
    running ??= checkOnce()
      .then((restored) => {
        if (failing) deps.log.info('scheduler check works again');
        failing = false;
        return restored;
      })
      .catch((error: unknown) => {
        // Redis away: BullMQ reports that itself; say it once, and try again next time.
        if (!failing) deps.log.warn('scheduler check failed', { error: error instanceof Error ? error.message : String(error) });
        failing = true;
        return false;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  if (deps.queues.kind !== 'redis') return { check: async () => false, stop: () => undefined };
  const timer = setInterval(() => void check(), deps.intervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
