// The typed producer: the only way the api and the sweep put jobs on a queue.
import type { Job } from 'bullmq';
import { assertValidJobId, jobCatalog, jobOptionsOf, parsePayload, type JobDefinition, type JobName, type JobPayload } from './catalog';
import type { Queues } from './queues';

export interface EnqueueOptions {
  /** Run no earlier than this many ms from now (negative = now). */
  delayMs?: number;
  /** Overrides the catalog's deterministic id (must not contain ':' nor be all digits). */
  jobId?: string;
  /**
   * Make sure a job with this id runs no later than `delayMs` from now. Without it, an id that
   * exists in any state makes the add a no-op (BullMQ's dedupe) — including a job that already
   * failed for good, or a delayed one due later than now wanted. With it: a finished
   * (completed/failed) job is replaced, a delayed one due later is replaced by one due on
   * time (unless it is a retry waiting out its backoff); a waiting or active one is kept.
   * The sweep uses this.
   */
  ensure?: boolean;
}

export type EnqueueOutcome =
  /** No job had this id (or the job has no fixed id). */
  | 'added'
  /** A job with this id exists and was left alone. */
  | 'exists'
  /** A finished job with this id was removed and the job added again (`ensure`). */
  | 'replaced'
  /** A delayed job with this id due later was replaced by one due on time (`ensure`). */
  | 'advanced';

export interface EnqueueResult {
  jobId: string | undefined;
  outcome: EnqueueOutcome;
}

export interface JobProducer {
  enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options?: EnqueueOptions): Promise<EnqueueResult>;
}

/** A delayed job due less than this much later than wanted is left alone. */
const EARLY_ENOUGH_MS = 1_000;

export function createJobProducer(queues: Queues): JobProducer {
  return {
    async enqueue(name, payload, options = {}) {
      // Validate at the producer too: a bad payload is the caller's bug, found at its call.
      const data = parsePayload(name, payload);
      const definition: JobDefinition = jobCatalog[name];
      const jobId = options.jobId ?? definition.jobId?.(data);
      if (jobId !== undefined) assertValidJobId(jobId);
      const delay = Math.max(0, Math.round(options.delayMs ?? 0));
      const queue = queues.queue(definition.queue);
      const add = () => queue.add(name, data, { ...jobOptionsOf(name), ...(jobId === undefined ? {} : { jobId }), delay });

      if (jobId === undefined) {
        await add();
        return { jobId: undefined, outcome: 'added' };
      }
      const existing = (await queue.getJob(jobId)) as Job | undefined;
      if (!existing) {
        await add();
        return { jobId, outcome: 'added' };
      }
      if (!options.ensure) return { jobId, outcome: 'exists' };

      const state = await existing.getState();
      // BullMQ stamps jobs with the real clock, so compare on it (not an injected one).
      const wantedBy = Date.now() + delay;
      let outcome: EnqueueOutcome;
      if (state === 'completed' || state === 'failed' || state === 'unknown') outcome = 'replaced';
      // A delayed job that has already run (attemptsMade > 0) is waiting out its retry backoff:
      // it is not lost, and advancing it would defeat the backoff (and reset its attempts).
      else if (
        state === 'delayed' &&
        existing.attemptsMade === 0 &&
        existing.timestamp + existing.delay > wantedBy + EARLY_ENOUGH_MS
      )
        outcome = 'advanced';
      else return { jobId, outcome: 'exists' };
      try {
        await existing.remove();
      } catch {
        // It was taken by a worker in the meantime (a locked job cannot be removed): it runs now.
        return { jobId, outcome: 'exists' };
      }
      await add();
      return { jobId, outcome };
    },
  };
}
