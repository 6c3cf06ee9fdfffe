import type { ReactElement } from 'react';
import { EmailDocument } from '../components';
import { formatCount, osloYear } from '../format';
import type { CaseReminderMessage, ConversationReminderMessage, ReminderMessage } from '../types';
import type { Block, EmailView } from '../view';
import { initialsList, PREVIEW_APP_URL, type TemplateProps, type ViewContext, viewContext } from './shared';

function caseReminderView(m: CaseReminderMessage, ctx: ViewContext): EmailView {
  const { t } = ctx;
  const r = t.reminder;
  const d = t.deadlines[m.deadline];
  const due = ctx.dateTime(m.dueAt);
  const what = r.caseWhat(d.imperative, m.caseNumber);
  const intro =
    m.step === 'on_the_day' ? r.caseIntroToday(d.task, m.caseNumber, due) : r.caseIntroAhead(d.task, m.caseNumber, due);

  const blocks: Block[] = [
    { type: 'paragraph', text: intro },
    { type: 'paragraph', text: d.why },
    {
      type: 'facts',
      caption: t.common.aboutTheCase,
      facts: [
        { label: t.common.caseNumber, value: m.caseNumber },
        { label: t.common.pupilInitials, value: m.pupilInitials },
        { label: t.common.school, value: m.schoolName },
        { label: t.common.due, value: due },
      ],
    },
    { type: 'action', action: { href: ctx.links.caseUrl(m.caseId), label: t.common.openCase(m.caseNumber) } },
    // Clocks do not pause (DOMAIN.md): waiting for parents does not stop a deadline.
    { type: 'paragraph', text: r.clockRuns },
    { type: 'paragraph', text: r.because[m.recipient] },
  ];

  return {
    lang: ctx.lang,
    subject: m.step === 'on_the_day' ? r.subjectToday(what) : r.subjectAhead(what, ctx.shortDate(m.dueAt)),
    preview: intro,
    heading: r.caseHeading(d.imperative, m.caseNumber),
    blocks,
    footer: t.common.footer,
  };
}

function conversationReminderView(m: ConversationReminderMessage, ctx: ViewContext): EmailView {
  const { t } = ctx;
  const r = t.reminder;
  const due = ctx.dateTime(m.dueAt);
  const count = formatCount(m.pupilCount);
  const pupils = t.common.pupils(m.pupilCount);
  const term = `${t.common.term[m.term]} ${osloYear(m.dueAt)}`;
  const intro = r.conversationsIntro({ pupils, schoolName: m.schoolName, term, due });
  const what = r.conversationsWhat(pupils);

  const blocks: Block[] = [
    { type: 'paragraph', text: m.step === 'on_the_day' ? `${r.todayPrefix} ${intro}` : intro },
    { type: 'paragraph', text: t.deadlines.pupil_conversation.why },
    {
      type: 'facts',
      caption: r.conversationsHeading,
      facts: [
        { label: t.common.school, value: m.schoolName },
        { label: t.common.due, value: due },
        { label: r.pupilsWithout, value: count },
        ...(m.pupilInitials.length > 0 ? [{ label: r.pupilsInitials, value: initialsList(m.pupilInitials, t) }] : []),
      ],
    },
    { type: 'action', action: { href: ctx.links.conversationsUrl(m.schoolId), label: r.openConversations(m.schoolName) } },
    { type: 'paragraph', text: r.because[m.recipient] },
  ];

  return {
    lang: ctx.lang,
    subject: m.step === 'on_the_day' ? r.subjectToday(what) : r.subjectAhead(what, ctx.shortDate(m.dueAt)),
    preview: intro,
    heading: r.conversationsHeading,
    blocks,
    footer: t.common.footer,
  };
}

/** To case leader, measure owners, principal or contact teacher before and on a due date. */
export function reminderView(m: ReminderMessage, ctx: ViewContext): EmailView {
  return m.deadline === 'pupil_conversation' ? conversationReminderView(m, ctx) : caseReminderView(m, ctx);
}

export const PreviewProps: TemplateProps<CaseReminderMessage> = {
  lang: 'nb',
  appUrl: PREVIEW_APP_URL,
  message: {
    kind: 'reminder',
    deadline: 'investigation_conclude',
    recipient: 'case_leader',
    step: 'ahead',
    dueAt: '2026-04-29T14:00:00Z',
    caseId: '0b9f6a52-4c1e-4f43-9a53-2f7d1d6c8e21',
    caseNumber: '2026-014',
    pupilInitials: 'K.N.',
    schoolName: 'Nordby skole',
  },
};

/** The pupil-conversation shape of the same kind. */
export const conversationPreviewProps: TemplateProps<ConversationReminderMessage> = {
  lang: 'nb',
  appUrl: PREVIEW_APP_URL,
  message: {
    kind: 'reminder',
    deadline: 'pupil_conversation',
    recipient: 'contact_teacher',
    step: 'on_the_day',
    dueAt: '2026-12-01T15:00:00Z',
    schoolId: '5d7f0c1e-8a43-4b8e-a2a1-1c9e3f6b2d10',
    schoolName: 'Nordby skole',
    term: 'autumn',
    pupilCount: 3,
    pupilInitials: ['A.B.', 'E.H.', 'S.M.'],
  },
};

export default function ReminderEmail({ message, lang, appUrl }: TemplateProps<ReminderMessage>): ReactElement {
  return <EmailDocument view={reminderView(message, viewContext(lang, appUrl))} />;
}
ReminderEmail.PreviewProps = PreviewProps;
