// The deadline engine, as the api sees it: libs/scheduling computes deadlines and writes the
// notification ledger inside the caller's transaction; after commit the api puts the new rows
// on the queue (the fast path — the worker's sweep finds any row this misses).
import { and, eq, isNull, lte } from 'drizzle-orm';
import { NEAR_TERM_HORIZON_MS } from '@trygg/jobs';
import { notifications, type Db } from '@trygg/db';
import type { JobProducer } from '@trygg/jobs';
import { NoOwnerContactError, createOwnerNotice, hashAckToken, notifyNewReport, syncCaseDeadlines } from '@trygg/scheduling';

export { NoOwnerContactError, createOwnerNotice, hashAckToken, notifyNewReport, syncCaseDeadlines };

export interface Logger {
  error: (message: string, meta?: Record<string, unknown>) => void;
}

/**
 * Enqueues a send job for every pending ledger row of the case. Job ids are deterministic
 * (`n-<row id>`), so rows already on the queue are not duplicated; `ensure` advances a job
 * whose row was moved earlier. A queue outage is logged, not returned to the user: the rows
 * are committed and the sweep will send them.
 */
export async function enqueueCaseNotifications(
  db: Db,
  jobs: JobProducer | undefined,
  caseId: string,
  now: Date,
  log: Logger,
): Promise<void> {
  if (!jobs) return;
  try {
    const rows = await db
      .select({ id: notifications.id, sendAfter: notifications.sendAfter })
      .from(notifications)
      .where(
        and(
          eq(notifications.caseId, caseId),
          isNull(notifications.sentAt),
          isNull(notifications.cancelledAt),
          isNull(notifications.failedPermanentlyAt),
          // Only the near term: a reminder three days out is the sweep's to enqueue when it is near.
          lte(notifications.sendAfter, new Date(now.getTime() + NEAR_TERM_HORIZON_MS)),
        ),
      );
    for (const row of rows) {
      await jobs.enqueue(
        'send-notification',
        { notificationId: row.id },
        { delayMs: row.sendAfter.getTime() - now.getTime(), ensure: true },
      );
    }
  } catch (error) {
    log.error('enqueue failed; the sweep will pick the rows up', {
      caseId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
