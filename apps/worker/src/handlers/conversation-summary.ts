// Weekdays 07:30 Oslo: one summary a day per leader of the overdue pupil conversations at their
// school (DOMAIN.md: "one summary a day, not a mail per pupil"). Whether the day is a school
// day depends on each school's calendar, so the runner decides per school: libs/scheduling's
// runConversationSummary syncs every school's half-year (new pupils, held conversations) and
// writes one ledger row per leader — subject `school-<id>.conversation-summary-<date>`, so a
// retried or doubled job writes nothing new — which the sweep sends; the email is composed at
// send time with the per-contact-teacher counts.
import { osloDate } from '../oslo-time';
import type { JobHandler } from './types';

export interface ConversationSummaryDeps {
  clock: () => Date;
  /** Writes the summaries for an Oslo date ('YYYY-MM-DD'), skipping schools without school that day. */
  runConversationSummary(date: string): Promise<unknown>;
}

export function createConversationSummaryHandler(deps: ConversationSummaryDeps): JobHandler<'conversation-summary'> {
  return async (_payload, context) => {
    const date = osloDate(deps.clock());
    const result = await deps.runConversationSummary(date);
    // Counts only (schools, summaries, rows queued): no names in the logs.
    context.log.info('conversation summary', { date, ...(result && typeof result === 'object' ? (result as Record<string, unknown>) : {}) });
    return { date, result };
  };
}
