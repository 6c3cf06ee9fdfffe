// Every job of the catalog mapped to exactly one handler. `Handlers` is a mapped type over the
// catalog's job names, so adding a job without a handler (or a handler without a job) does not
// compile.
import { createConversationSummaryHandler, type ConversationSummaryDeps } from './conversation-summary';
import { createSendNotificationHandler, type SendNotificationDeps } from './send-notification';
import { createSweepHandler, type SweepDeps } from './sweep';
import type { Handlers } from './types';
import { createWeeklyDigestHandler, type WeeklyDigestDeps } from './weekly-digest';

export type HandlerDeps = SendNotificationDeps & SweepDeps & WeeklyDigestDeps & ConversationSummaryDeps;

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'send-notification': createSendNotificationHandler(deps),
    sweep: createSweepHandler(deps),
    'weekly-digest': createWeeklyDigestHandler(deps),
    'conversation-summary': createConversationSummaryHandler(deps),
  };
}

export type { Handlers, JobContext, JobHandler } from './types';
export { PermanentDeliveryError, type DeliveryOutcome, type DeliveryResult, type SendNotificationDeps } from './send-notification';
export { SWEEP_HORIZON_MS, SWEEP_LIMIT, SWEEP_PAGE_SIZE, type DueNotification, type ExhaustedNotification, type SweepDeps, type SweepResult } from './sweep';
export type { WeeklyDigestDeps } from './weekly-digest';
export type { ConversationSummaryDeps } from './conversation-summary';
