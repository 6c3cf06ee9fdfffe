import * as conversationSummary from './templates/conversation_summary';
import * as enforcementWindow from './templates/enforcement_window';
import * as escalation from './templates/escalation';
import * as newReport from './templates/new_report';
import * as ownerNotice from './templates/owner_notice';
import * as reminder from './templates/reminder';
import type { TemplateProps } from './templates/shared';
import * as weeklyDigest from './templates/weekly_digest';
import type { MessageKind, NotificationMessage } from './types';

export interface PreviewEntry {
  readonly kind: MessageKind;
  /** Stable id for a preview route, e.g. 'reminder' or 'reminder.pupil_conversation'. */
  readonly name: string;
  readonly props: TemplateProps<NotificationMessage>;
}

/**
 * Every message kind with its sample data (each template's PreviewProps), plus the other
 * shapes some kinds take, for the app's offline preview page: render each with
 * renderMessage(entry.props.message, { lang, appUrl }).
 */
export function previewMessages(): readonly PreviewEntry[] {
  return [
    { kind: 'new_report', name: 'new_report', props: newReport.PreviewProps },
    { kind: 'reminder', name: 'reminder', props: reminder.PreviewProps },
    { kind: 'reminder', name: 'reminder.pupil_conversation', props: reminder.conversationPreviewProps },
    { kind: 'escalation', name: 'escalation', props: escalation.PreviewProps },
    { kind: 'escalation', name: 'escalation.owner', props: escalation.ownerPreviewProps },
    { kind: 'owner_notice', name: 'owner_notice', props: ownerNotice.PreviewProps },
    { kind: 'owner_notice', name: 'owner_notice.s12_5_resend', props: ownerNotice.s12_5ResendPreviewProps },
    { kind: 'conversation_summary', name: 'conversation_summary', props: conversationSummary.PreviewProps },
    { kind: 'enforcement_window', name: 'enforcement_window', props: enforcementWindow.PreviewProps },
    { kind: 'weekly_digest', name: 'weekly_digest', props: weeklyDigest.PreviewProps },
  ];
}
