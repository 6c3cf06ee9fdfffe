export type {
  CaseDeadline,
  CaseReminderMessage,
  ConversationReminderMessage,
  ConversationSummaryMessage,
  DigestSchoolRow,
  EnforcementWindowMessage,
  EscalationMessage,
  IsoDate,
  IsoInstant,
  Lang,
  MessageKind,
  NewReportMessage,
  NotificationMessage,
  OwnerEscalationMessage,
  OwnerNoticeMessage,
  PrincipalEscalationMessage,
  ReminderDeadline,
  ReminderMessage,
  ReminderRecipient,
  RenderedMessage,
  RenderOptions,
  Term,
  WeeklyDigestMessage,
} from './types';
export { MESSAGE_KINDS } from './types';
export { renderMessage } from './render';
export {
  classifyMailFailure,
  createMailer,
  MailError,
  messageIdFor,
  normaliseMessageId,
  type MailFailure,
  type Mailer,
  type MailerConfig,
  type SendInput,
  type SendResult,
} from './mailer';
export { previewMessages, type PreviewEntry } from './preview';
export { appLinks, type AppLinks } from './links';
export {
  formatDate,
  formatDateTime,
  formatWeekRange,
  isoWeek,
  maskSensitiveCount,
  SENSITIVE_COUNT_THRESHOLD,
} from './format';
export { isSilentSchool } from './templates/weekly_digest';
export type { TemplateProps } from './templates/shared';
