// The queue's fast path for ledger rows that belong to no case (pupil-conversation reminders):
// one delayed send job per row, with the row's deterministic job id. A queue outage is logged,
// not returned: the rows are committed and the worker's sweep sends them.
import type { Notification } from '@trygg/db';
import type { JobProducer } from '@trygg/jobs';
import type { Logger } from './engine';

export async function enqueueNotificationRows(
  jobs: JobProducer | undefined,
  rows: readonly Pick<Notification, 'id' | 'sendAfter'>[],
  now: Date,
  log: Logger,
): Promise<void> {
  if (!jobs || rows.length === 0) return;
  try {
    for (const row of rows) {
      await jobs.enqueue('send-notification', { notificationId: row.id }, { delayMs: row.sendAfter.getTime() - now.getTime(), ensure: true });
    }
  } catch (error) {
    log.error('enqueue failed; the sweep will pick the rows up', { rows: rows.length, error: error instanceof Error ? error.message : String(error) });
  }
}
