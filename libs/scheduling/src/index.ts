export { loadCase, noticeSubject, type LoadedCase, type NoticeAbout } from './case-facts';
export { loadSchoolContext, type SchoolContext } from './school-context';
export { syncCaseDeadlines, UnknownCaseError } from './sync';
export { notifyNewReport, createOwnerNotice, NoOwnerContactError } from './notices';
export { composeNotification, claimForSending, UndeliverableError, ackTokenFor, hashAckToken, type CaseMessageFacts, type ClaimedForSending, type ComposedMessage, type ComposeOptions } from './compose';
export { afterSend } from './after-send';
export { toDate, toInstant } from './time';
export { digestFigures, digestFiguresForOwners, queueWeeklyDigests, digestSubject, reportedWeekStart, isoWeekId, isoWeekStart, halfYearOf, UnknownOwnerError } from './digest';
export {
  syncPupilConversations,
  runConversationSummary,
  outstandingPupils,
  conversationDue,
  termId,
  parseTermId,
  termOf,
  termOfDate,
  termDates,
  teacherReminderSubject,
  conversationSummarySubject,
  CONVERSATION_SUMMARY_STEP,
  UnknownSchoolError,
  type PupilConversationSync,
  type ConversationSummaryRun,
} from './conversations';
