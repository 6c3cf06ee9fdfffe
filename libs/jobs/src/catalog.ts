// The job catalog: one typed table of every job trygg runs (after trigger.dev's workerCatalog).
// The api only produces, the worker only consumes, and both go through this table, so a job
// name, its queue, its payload and its retry policy are defined exactly once.
//
// Payloads carry ids only, never names or case text: BullMQ stores job data in clear text
// (Redis keys, PostgreSQL rows, the dashboard, logs). Every schema is a strict object of ids,
// so a stray field is a validation error rather than a leak.
import type { KeepJobs } from 'bullmq';
import { z } from 'zod';

/** The queues. Sending has its own queue so a slow digest never delays a reminder. */
export const queueNames = ['notifications', 'scheduled'] as const;
export type QueueName = (typeof queueNames)[number];

/** Retry and retention policy, passed to BullMQ as default job options of the job. */
export interface JobPolicy {
  attempts: number;
  backoff?: { type: 'exponential' | 'fixed'; delay: number };
  /** `true` removes at once; `{ age, count }` keeps for at most `age` seconds / `count` jobs. */
  removeOnComplete: boolean | KeepJobs;
  removeOnFail: boolean | KeepJobs;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  queue: QueueName;
  payload: S;
  policy: JobPolicy;
  /**
   * Deterministic job id for the payload (BullMQ ignores an add whose id exists, which is what
   * makes enqueueing idempotent). Undefined = BullMQ assigns one.
   */
  jobId?(payload: z.output<S>): string | undefined;
}

interface BaseDefinition<S extends z.ZodType> {
  queue: QueueName;
  payload: S;
  policy: JobPolicy;
}

/** Keeps the exact payload schema, and whether a job always has a deterministic id, in the type. */
function defineJob<S extends z.ZodType>(
  d: BaseDefinition<S> & { jobId: (payload: z.output<S>) => string },
): BaseDefinition<S> & { jobId: (payload: z.output<S>) => string };
function defineJob<S extends z.ZodType>(
  d: BaseDefinition<S> & { jobId: (payload: z.output<S>) => string | undefined },
): BaseDefinition<S> & { jobId: (payload: z.output<S>) => string | undefined };
function defineJob<S extends z.ZodType>(d: BaseDefinition<S>): BaseDefinition<S> & { jobId?: undefined };
function defineJob(d: JobDefinition): JobDefinition {
  return d;
}

const DAY_S = 24 * 3600;

/** ISO week as used by digest_runs: '2026-W47'. */
export const isoWeekSchema = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'expected an ISO week like 2026-W47');

export const jobCatalog = {
  /** Send one row of the notifications ledger (claim → render → send → mark sent). */
  'send-notification': defineJob({
    queue: 'notifications',
    payload: z.strictObject({ notificationId: z.uuid() }),
    policy: {
      // 30 s, 1 min, 2 min … 8.5 h: 12 tries over about 17 hours, so a mail server down for a
      // night is ridden out. The ledger counts the same tries (notifications.attempts, across
      // jobs: a job Redis lost does not start the count again), moves send_after by the same
      // backoff (retryDelayMs) so the sweep does not offer the row early, and gives the row up
      // after the last one (deliver), which then fails this job for good — on the dashboard.
      attempts: 12,
      backoff: { type: 'exponential', delay: 30_000 },
      // The ledger is the record of what was sent. A kept completed job would also block a
      // later re-enqueue with the same id (e.g. a job that fired before a moved send_after).
      removeOnComplete: true,
      removeOnFail: { age: 14 * DAY_S },
    },
    jobId: (p) => `n-${p.notificationId}`,
  }),
  /** Re-enqueue whatever is due (or nearly) and unsent: the queue is the fast path, the DB the truth. */
  sweep: defineJob({
    queue: 'scheduled',
    payload: z.strictObject({}),
    policy: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 500, age: 7 * DAY_S } },
  }),
  /** Monday 07:00 Oslo: one digest per school owner. `isoWeek` set = a manual re-run of that week. */
  'weekly-digest': defineJob({
    queue: 'scheduled',
    payload: z.strictObject({ isoWeek: isoWeekSchema.optional() }),
    policy: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: { age: 60 * DAY_S },
      removeOnFail: { age: 60 * DAY_S },
    },
    jobId: (p) => (p.isoWeek === undefined ? undefined : `digest-${p.isoWeek}`),
  }),
  /** School days 07:30 Oslo: one summary per leader of the pupil conversations falling due. */
  'conversation-summary': defineJob({
    queue: 'scheduled',
    payload: z.strictObject({}),
    policy: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: { age: 30 * DAY_S },
      removeOnFail: { age: 30 * DAY_S },
    },
  }),
} as const satisfies Record<string, JobDefinition>;

export type JobCatalog = typeof jobCatalog;
export type JobName = keyof JobCatalog;
export type JobPayload<N extends JobName> = z.output<JobCatalog[N]['payload']>;

export const jobNames = Object.keys(jobCatalog) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobCatalog, name);
}

/** The jobs a queue carries. */
export function jobsOfQueue(queue: QueueName): JobName[] {
  return jobNames.filter((name) => jobCatalog[name].queue === queue);
}

/** Parses a payload against the catalog; throws a ZodError naming the bad field. */
export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  return jobCatalog[name].payload.parse(data) as JobPayload<N>;
}

/**
 * Custom BullMQ job ids must not contain ':' (its key separator) and must not be all digits
 * (those collide with its own incrementing ids).
 */
export function assertValidJobId(id: string): void {
  if (id === '' || id.includes(':') || /^\d+$/.test(id)) {
    throw new Error(`invalid job id ${JSON.stringify(id)}: must be non-empty, without ':' and not all digits`);
  }
}

/**
 * How long BullMQ waits before the next try after `attemptsMade` tries have failed (its own
 * formula for the policy's backoff, without jitter); 0 for a job without backoff. The ledger
 * uses it to push a row's send_after as far as the job's retry.
 */
export function retryDelayMs(name: JobName, attemptsMade: number): number {
  const { backoff } = jobCatalog[name].policy as JobPolicy;
  if (backoff === undefined) return 0;
  if (backoff.type === 'fixed') return backoff.delay;
  return Math.round(2 ** (Math.max(1, attemptsMade) - 1) * backoff.delay);
}

/** BullMQ job options of a job from its policy. */
export function jobOptionsOf(name: JobName): JobPolicy {
  const { attempts, backoff, removeOnComplete, removeOnFail } = jobCatalog[name].policy as JobPolicy;
  return backoff === undefined ? { attempts, removeOnComplete, removeOnFail } : { attempts, backoff, removeOnComplete, removeOnFail };
}
