// The sweep: the database is the truth, the queue the fast path. Every minute it enqueues a
// send job for every unsent ledger row due within the horizon, so whatever the queue lost (a
// Redis restart, a crash between commit and enqueue, a moved send_after) is sent minutes late
// at worst — never lost. Re-enqueueing is idempotent (deterministic job ids).
import type { EnqueueOutcome, JobProducer } from '@trygg/jobs';
import { NEAR_TERM_HORIZON_MS } from '@trygg/jobs';
import type { JobHandler } from './types';

export interface DueNotification {
  id: string;
  sendAfter: Date;
}

export interface SweepDeps {
  /** Unsent, uncancelled, not-given-up rows with send_after ≤ until, oldest first. */
  findDue(until: Date, limit: number): Promise<readonly DueNotification[]>;
  jobs: JobProducer;
  clock: () => Date;
  /** How far ahead to enqueue (as delayed jobs). Default 10 minutes. */
  horizonMs?: number;
  /** Most rows per run. Default 1000. */
  limit?: number;
}

export const SWEEP_HORIZON_MS = NEAR_TERM_HORIZON_MS;
export const SWEEP_LIMIT = 1_000;

export type SweepResult = { found: number } & Record<EnqueueOutcome, number>;

export function createSweepHandler(deps: SweepDeps): JobHandler<'sweep'> {
  const horizonMs = deps.horizonMs ?? SWEEP_HORIZON_MS;
  const limit = deps.limit ?? SWEEP_LIMIT;
  return async (_payload, context): Promise<SweepResult> => {
    const now = deps.clock();
    const due = await deps.findDue(new Date(now.getTime() + horizonMs), limit);
    const result: SweepResult = { found: due.length, added: 0, exists: 0, replaced: 0, advanced: 0 };
    for (const row of due) {
      const { outcome } = await deps.jobs.enqueue(
        'send-notification',
        { notificationId: row.id },
        // `ensure`: a job that failed for good (SMTP down for over an hour) or one due later
        // than the row now says is replaced; a waiting, running or retrying one is left alone.
        { delayMs: row.sendAfter.getTime() - now.getTime(), ensure: true },
      );
      result[outcome] += 1;
    }
    if (due.length === limit) context.log.warn('sweep hit its limit; the rest follow next run', { limit });
    if (result.added + result.replaced + result.advanced > 0) context.log.info('sweep enqueued', result);
    return result;
  };
}
