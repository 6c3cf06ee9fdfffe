import type { Db, Notification } from '@trygg/db';
import type { Temporal } from 'temporal-polyfill';
import { syncCaseDeadlines } from './sync';

/**
 * What a sent message changes: an owner notice that went out starts its acknowledgement clock
 * (unacknowledged after 1 school day → sent again, and to the second contact).
 */
export async function afterSend(db: Db, row: Notification, now: Temporal.Instant): Promise<void> {
  if (row.kind === 'owner_notice' && row.caseId) await syncCaseDeadlines(db, row.caseId, now);
}
