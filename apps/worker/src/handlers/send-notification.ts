// Sends one row of the notifications ledger. The exactly-once effect lives in `deliver`
// (claim → send with a fixed Message-ID → mark sent); this handler maps its failures onto
// BullMQ: a temporary one is thrown (retried with the catalog's backoff), a permanent one
// becomes an UnrecoverableError (no retry — the same message would be refused again).
import { UnrecoverableError } from 'bullmq';
import type { JobHandler } from './types';

export type DeliveryOutcome =
  /** Sent now, and recorded in the ledger. */
  | 'sent'
  /** Not claimable: already sent, cancelled, given up on, not due yet, or being sent by another. */
  | 'skipped';

export interface DeliveryResult {
  outcome: DeliveryOutcome;
  messageId?: string;
}

/** Thrown by `deliver` when retrying cannot help (5xx, unrenderable, no address). */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

export interface SendNotificationDeps {
  deliver(notificationId: string): Promise<DeliveryResult>;
}

export function createSendNotificationHandler(deps: SendNotificationDeps): JobHandler<'send-notification'> {
  return async ({ notificationId }, context) => {
    try {
      const result = await deps.deliver(notificationId);
      if (result.outcome === 'sent') context.log.info('notification sent', { notificationId, messageId: result.messageId });
      return result;
    } catch (error) {
      if (error instanceof PermanentDeliveryError) {
        context.log.error('notification failed for good', { notificationId, error: error.message });
        throw new UnrecoverableError(error.message);
      }
      context.log.warn('notification failed, will retry', {
        notificationId,
        attempt: context.attemptsMade + 1,
        of: context.attempts,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  };
}
