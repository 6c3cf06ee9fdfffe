// Sends one ledger row, exactly once in effect (BullMQ only promises at-least-once):
//   1. claim the row (UPDATE … WHERE unsent, uncancelled, due, unclaimed RETURNING) — of two
//      jobs (a delayed job and the sweep's, or a retry racing a stalled run) only one gets it;
//   2. compose and send it with the row's fixed Message-ID <notification-id@trygg.local>;
//   3. mark it sent.
// Should the process die between 2 and 3, the claim's lease runs out and the row is sent again
// with the same Message-ID, which receiving systems and people recognise as the same message.
import { claimNotification, getNotification, markFailed, markSent, type Db, type Notification } from '@trygg/db';
import { MailError, messageIdFor, type Lang, type Mailer, type NotificationMessage } from '@trygg/notifications';
import type { CaseMessageFacts } from '@trygg/scheduling';
import { PermanentDeliveryError, type DeliveryResult } from './handlers';
import { retryAtAfter, SEND_ATTEMPTS } from './ledger';

export interface ComposedMessage {
  /** The recipient's address. */
  to: string;
  lang: Lang;
  message: NotificationMessage;
}

/**
 * Builds the message of a claimed ledger row from the database (the row holds ids only), or
 * from what the claim read with it (`prefetched`). Throws PermanentDeliveryError when it never
 * can (recipient gone, kind unknown); anything else thrown is taken as temporary.
 */
export type Compose = (row: Notification, prefetched?: CaseMessageFacts | null) => Promise<ComposedMessage>;

/**
 * Takes the right to send one row (claimNotification's rules), optionally reading what its
 * message needs in the same round trip. Default: claimNotification, nothing prefetched.
 */
export type Claim = (db: Db, notificationId: string, now: Date, leaseMs?: number) => Promise<{ row: Notification; facts?: CaseMessageFacts | null } | null>;

const claimRow: Claim = async (db, id, now, leaseMs) => {
  const row = await claimNotification(db, id, now, leaseMs);
  return row ? { row } : null;
};

export interface DeliverDeps {
  db: Db;
  mailer: Pick<Mailer, 'send'>;
  compose: Compose;
  claim?: Claim;
  clock: () => Date;
  /** Base URL of the web app, for links. */
  appUrl: string;
  /**
   * What a sent message changes (an owner notice starts its acknowledgement clock). Must be
   * idempotent: should it fail, the job is retried, finds the row sent, and runs it again.
   */
  afterSent?: (row: Notification) => Promise<void>;
  /** How long a claim holds (default: the ledger's DEFAULT_CLAIM_LEASE_MS, 10 minutes). */
  claimLeaseMs?: number;
}

/** Error text for BullMQ (stored in clear text and shown on the dashboard): no addresses. */
function publicReason(error: unknown): string {
  if (error instanceof MailError) {
    return `mail ${error.permanent ? 'refused' : 'failed'}${error.responseCode ? ` (SMTP ${error.responseCode})` : error.code ? ` (${error.code})` : ''}`;
  }
  if (error instanceof PermanentDeliveryError) return error.message;
  return error instanceof Error ? error.name : 'error';
}

export function createDeliver(deps: DeliverDeps): (notificationId: string) => Promise<DeliveryResult> {
  return async (notificationId) => {
    const claimed = await (deps.claim ?? claimRow)(deps.db, notificationId, deps.clock(), deps.claimLeaseMs);
    if (!claimed) {
      // Already sent, cancelled, given up on, not due yet (the job fired before a moved
      // send_after — the sweep enqueues it again in time) or being sent by someone else.
      // Sent: finish what a run that failed after sending left undone.
      if (deps.afterSent) {
        const current = await getNotification(deps.db, notificationId);
        if (current?.sentAt) await deps.afterSent(current);
      }
      return { outcome: 'skipped' };
    }
    const { row } = claimed;
    const messageId = messageIdFor(row.id);
    try {
      const composed = await deps.compose(row, claimed.facts);
      await deps.mailer.send({ to: composed.to, lang: composed.lang, message: composed.message, messageId, appUrl: deps.appUrl });
    } catch (error) {
      const permanent = error instanceof PermanentDeliveryError || (error instanceof MailError && error.permanent);
      // Releases the claim. Permanent: the row leaves the sweep for good. Temporary: it stays
      // pending, send_after moves to the job's next retry and BullMQ retries with backoff (the
      // sweep leaves a retrying job alone) — until the last try allowed, which gives it up.
      const now = deps.clock();
      const failed = await markFailed(deps.db, row.id, error instanceof Error ? error.message : String(error), permanent, now, retryAtAfter(row.attempts, now), SEND_ATTEMPTS);
      const reason = publicReason(error);
      if (failed?.givenUp && !permanent) throw new PermanentDeliveryError(`gave up after ${failed.attempts} attempts: ${reason}`);
      throw permanent ? new PermanentDeliveryError(reason) : new Error(reason, { cause: error });
    }
    await markSent(deps.db, row.id, messageId, deps.clock());
    await deps.afterSent?.(row);
    return { outcome: 'sent', messageId };
  };
}
