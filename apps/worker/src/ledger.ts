// The worker's side of the ledger's retry rules. A send job and the ledger row count the same
// tries: the job retries as often as the catalog says, with its backoff; the row records each
// try (attempts), moves send_after as far as the job's next retry (so a sweep after Redis lost
// the job does not try early), and is given up on after the last one.
import { dueNotifications, giveUpExhaustedNotifications, type Db } from '@trygg/db';
import { jobCatalog, retryDelayMs } from '@trygg/jobs';
import type { SweepDeps } from './handlers';

/** Tries a row gets (claims), across jobs: the catalog's send-notification attempts. */
export const SEND_ATTEMPTS = jobCatalog['send-notification'].policy.attempts;

/** When a row that failed its `attempts`-th try may be tried again: the job's own backoff. */
export function retryAtAfter(attempts: number, now: Date): Date {
  return new Date(now.getTime() + retryDelayMs('send-notification', attempts));
}

/** The sweep's reads and writes of the ledger. */
export function ledgerSweep(db: Db, options: { claimLeaseMs?: number } = {}): Pick<SweepDeps, 'findDue' | 'giveUpExhausted'> {
  return {
    findDue: async (until, limit, after) =>
      (await dueNotifications(db, until, limit, after)).map((row) => ({ id: row.id, sendAfter: row.sendAfter })),
    giveUpExhausted: (until, now) =>
      giveUpExhaustedNotifications(db, {
        until,
        now,
        maxAttempts: SEND_ATTEMPTS,
        ...(options.claimLeaseMs === undefined ? {} : { leaseMs: options.claimLeaseMs }),
      }),
  };
}
