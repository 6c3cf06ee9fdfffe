// Every recurring job, upserted from this one place (concurrent upserts from several places
// have produced duplicate schedulers). Cron patterns are Oslo wall-clock time.
import { jobCatalog, jobOptionsOf, type JobName, type JobPayload } from './catalog';
import type { Queues } from './queues';

export const SCHEDULE_TIME_ZONE = 'Europe/Oslo';

export interface Schedule<N extends JobName = JobName> {
  /** Scheduler id (no ':'); also the name it has in the dashboard. */
  id: string;
  job: N;
  /** Cron pattern (minute hour day-of-month month day-of-week) in Europe/Oslo time. */
  pattern: string;
  payload: JobPayload<N>;
}

// Daily schedules never fall between 02:00 and 03:00 Oslo time: on the last Sunday of March
// that hour does not exist and on the last Sunday of October it happens twice. The per-minute
// sweep runs through it on purpose — it is idempotent, a skipped or doubled minute is harmless.
export const schedules: readonly Schedule[] = [
  { id: 'sweep', job: 'sweep', pattern: '* * * * *', payload: {} },
  // DOMAIN.md: the weekly digest goes Monday 07:00.
  { id: 'weekly-digest', job: 'weekly-digest', pattern: '0 7 * * 1', payload: {} },
  // Start of the sending window (07:30) on weekdays; the handler skips days that are not
  // school days (holidays), which a cron pattern cannot know.
  { id: 'conversation-summary', job: 'conversation-summary', pattern: '30 7 * * 1-5', payload: {} },
];

export interface UpsertSchedulersResult {
  upserted: string[];
  /** Schedulers found that are no longer in the table, now removed. */
  removed: string[];
}

/**
 * Brings the job schedulers in line with `schedules`: upserts each (idempotent — same id,
 * same pattern) and removes any scheduler the table no longer has. Call it from one process
 * (the worker) at start-up.
 */
export async function upsertSchedulers(queues: Queues): Promise<UpsertSchedulersResult> {
  const upserted: string[] = [];
  for (const schedule of schedules) {
    const queue = queues.queue(jobCatalog[schedule.job].queue);
    const { attempts, backoff, removeOnComplete, removeOnFail } = jobOptionsOf(schedule.job);
    await queue.upsertJobScheduler(
      schedule.id,
      { pattern: schedule.pattern, tz: SCHEDULE_TIME_ZONE },
      {
        name: schedule.job,
        data: schedule.payload,
        opts: { attempts, removeOnComplete, removeOnFail, ...(backoff === undefined ? {} : { backoff }) },
      },
    );
    upserted.push(schedule.id);
  }
  const wanted = new Set(schedules.map((s) => s.id));
  const removed: string[] = [];
  for (const queue of queues.all()) {
    for (const scheduler of await queue.getJobSchedulers(0, -1)) {
      const id = scheduler.id ?? scheduler.key;
      if (!wanted.has(id)) {
        await queue.removeJobScheduler(id);
        removed.push(id);
      }
    }
  }
  return { upserted, removed };
}

/**
 * How far ahead send jobs are put on the queue. Redis holds only this near-term horizon, so its
 * memory stays bounded at national scale; the per-minute sweep enqueues the rest as they come near.
 */
export const NEAR_TERM_HORIZON_MS = 10 * 60_000;
