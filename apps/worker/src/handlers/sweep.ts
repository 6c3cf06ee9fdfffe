// The sweep: the database is the truth, the queue the fast path. Every minute it enqueues a
// send job for every unsent ledger row due within the horizon, so whatever the queue lost (a
// Redis restart, a crash between commit and enqueue, a moved send_after) is sent minutes late
// at worst — never lost. Re-enqueueing is idempotent (deterministic job ids).
//
// It reads the due rows in pages (keyset on (send_after, id)), so a Redis restart at the 07:30
// peak — thousands of rows due at once — puts them all back in one run with bounded memory,
// rather than a page a minute.
import type { EnqueueOutcome, JobProducer } from '@trygg/jobs';
import { NEAR_TERM_HORIZON_MS } from '@trygg/jobs';
import type { JobHandler } from './types';

export interface DueNotification {
  id: string;
  sendAfter: Date;
}

/** A row given up on because its tries were spent (see SweepDeps.giveUpExhausted). */
export interface ExhaustedNotification {
  id: string;
  attempts: number;
}

export interface SweepDeps {
  /**
   * Unsent, uncancelled, not-given-up rows with send_after ≤ until, oldest first in
   * (send_after, id) order, at most `limit`, and only those after `after` (the last row of
   * the previous page) when given.
   */
  findDue(until: Date, limit: number, after?: DueNotification): Promise<readonly DueNotification[]>;
  /**
   * Gives up on the rows due by `until` whose tries are spent and that nobody holds (their
   * sender died after claiming); returns them. Optional (tests of the queue side leave it out).
   */
  giveUpExhausted?(until: Date, now: Date): Promise<readonly ExhaustedNotification[]>;
  jobs: JobProducer;
  clock: () => Date;
  /** How far ahead to enqueue (as delayed jobs). Default 10 minutes. */
  horizonMs?: number;
  /** Rows read per page. Default 1,000. */
  pageSize?: number;
  /** Most rows per run; the rest follow next run. Default 50,000. */
  limit?: number;
}

export const SWEEP_HORIZON_MS = NEAR_TERM_HORIZON_MS;
export const SWEEP_PAGE_SIZE = 1_000;
export const SWEEP_LIMIT = 50_000;
/** Jobs added at once (each is a few Redis round trips). */
const ENQUEUE_CONCURRENCY = 20;

export type SweepResult = { found: number; givenUp: number } & Record<EnqueueOutcome, number>;

export function createSweepHandler(deps: SweepDeps): JobHandler<'sweep'> {
  const horizonMs = deps.horizonMs ?? SWEEP_HORIZON_MS;
  const pageSize = deps.pageSize ?? SWEEP_PAGE_SIZE;
  const limit = deps.limit ?? SWEEP_LIMIT;
  return async (_payload, context): Promise<SweepResult> => {
    const now = deps.clock();
    const until = new Date(now.getTime() + horizonMs);
    const result: SweepResult = { found: 0, givenUp: 0, added: 0, exists: 0, replaced: 0, advanced: 0 };

    // First, so that a row whose tries are spent is not offered once more.
    const exhausted = (await deps.giveUpExhausted?.(until, now)) ?? [];
    result.givenUp = exhausted.length;
    if (exhausted.length > 0) {
      // Someone must learn that these never went out (DOMAIN.md: the admins are told of
      // system failures): error level, as for every notification given up on.
      context.log.error('notifications given up: their tries are spent and no sender finished them', {
        count: exhausted.length,
        notifications: exhausted.slice(0, 50).map((row) => ({ id: row.id, attempts: row.attempts })),
      });
    }

    const enqueue = async (row: DueNotification) => {
      const { outcome } = await deps.jobs.enqueue(
        'send-notification',
        { notificationId: row.id },
        // The delay holds a row whose send_after a failed try pushed forward (markFailed's
        // retryAt) until then. `ensure` (a job that failed for good, or one due later than
        // the row now says, is replaced; a waiting, running or retrying one is left alone)
        // only for rows due by now: it reads each job's state, and at 07:30 the sweep meets
        // every reminder of the day at once. A row not yet due only needs a job to exist —
        // the api advances a job when it moves a row earlier, and should that add be lost,
        // the row is due by the next sweep or the one after, which ensures it.
        { delayMs: row.sendAfter.getTime() - now.getTime(), ensure: row.sendAfter.getTime() <= now.getTime() },
      );
      result[outcome] += 1;
    };

    let after: DueNotification | undefined;
    while (result.found < limit) {
      const page = await deps.findDue(until, Math.min(pageSize, limit - result.found), after);
      if (page.length === 0) break;
      const last = page[page.length - 1] as DueNotification;
      if (after && !isAfter(last, after)) {
        // A findDue that ignores `after` would hand back the same page for ever.
        context.log.error('sweep stopped: the due rows did not advance past the last page', { after: after.id });
        break;
      }
      for (let i = 0; i < page.length; i += ENQUEUE_CONCURRENCY) {
        await Promise.all(page.slice(i, i + ENQUEUE_CONCURRENCY).map(enqueue));
      }
      result.found += page.length;
      after = last;
      if (page.length < pageSize) break;
    }
    if (result.found >= limit) context.log.warn('sweep hit its limit; the rest follow next run', { limit });
    if (result.added + result.replaced + result.advanced > 0) context.log.info('sweep enqueued', result);
    return result;
  };
}

/** (send_after, id) order, as the ledger pages: is `row` after `cursor`? */
function isAfter(row: DueNotification, cursor: DueNotification): boolean {
  const a = row.sendAfter.getTime();
  const b = cursor.sendAfter.getTime();
  return a > b || (a === b && row.id > cursor.id);
}
