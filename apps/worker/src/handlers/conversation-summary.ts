// Weekdays 07:30 Oslo: one summary a day per leader of the overdue pupil conversations at their
// school (DOMAIN.md: "one summary a day, not a mail per pupil"). Whether the day is a school
// day depends on each school's calendar, so the runner decides per school.
import { osloDate } from '../oslo-time';
import type { JobHandler } from './types';

export interface ConversationSummaryDeps {
  clock: () => Date;
  /** Sends the summaries for an Oslo date ('YYYY-MM-DD'), skipping schools without school that day. */
  runConversationSummary(date: string): Promise<unknown>;
}

export function createConversationSummaryHandler(deps: ConversationSummaryDeps): JobHandler<'conversation-summary'> {
  return async (_payload, context) => {
    const date = osloDate(deps.clock());
    context.log.info('conversation summary', { date });
    return { date, result: await deps.runConversationSummary(date) };
  };
}
