import type { ReactElement } from 'react';
import { EmailDocument } from '../components';
import { checkedCount, osloYear } from '../format';
import type { ConversationSummaryMessage } from '../types';
import type { EmailView, Fact } from '../view';
import { initialsList, PREVIEW_APP_URL, type TemplateProps, type ViewContext, viewContext } from './shared';

/** To a leader: one summary per school day, not one mail per pupil (DOMAIN.md deadline table). */
export function conversationSummaryView(m: ConversationSummaryMessage, ctx: ViewContext): EmailView {
  const { t } = ctx;
  const c = t.conversationSummary;
  const total = m.byContactTeacher.reduce((sum, row) => sum + checkedCount(row.count), 0);
  const pupils = t.common.pupils(total);
  const term = `${t.common.term[m.term]} ${osloYear(m.dueAt)}`;
  const intro = c.intro({ asOf: ctx.date(m.asOf), pupils, schoolName: m.schoolName, term, due: ctx.dateTime(m.dueAt) });

  const perTeacher: Fact[] = m.byContactTeacher.map((row) => ({
    label: row.contactTeacherName ?? c.noTeacher,
    value: row.pupilInitials && row.pupilInitials.length > 0 ? `${row.count} (${initialsList(row.pupilInitials, t)})` : String(row.count),
  }));

  return {
    lang: ctx.lang,
    subject: c.subject(pupils, m.schoolName),
    preview: intro,
    heading: c.heading,
    blocks: [
      { type: 'paragraph', text: intro },
      { type: 'paragraph', text: t.deadlines.pupil_conversation.why },
      {
        type: 'facts',
        caption: c.heading,
        facts: [
          { label: t.common.school, value: m.schoolName },
          { label: t.common.due, value: ctx.dateTime(m.dueAt) },
          { label: c.total, value: String(total) },
        ],
      },
      { type: 'section', heading: c.perTeacher, blocks: [{ type: 'facts', caption: c.caption, facts: perTeacher }] },
      { type: 'action', action: { href: ctx.links.conversationsUrl(m.schoolId), label: c.open(m.schoolName) } },
      { type: 'paragraph', text: c.daily },
    ],
    footer: t.common.footer,
  };
}

export const PreviewProps: TemplateProps<ConversationSummaryMessage> = {
  lang: 'nb',
  appUrl: PREVIEW_APP_URL,
  message: {
    kind: 'conversation_summary',
    schoolId: '5d7f0c1e-8a43-4b8e-a2a1-1c9e3f6b2d10',
    schoolName: 'Nordby skole',
    term: 'autumn',
    asOf: '2026-12-03T06:30:00Z',
    dueAt: '2026-12-01T15:00:00Z',
    byContactTeacher: [
      { contactTeacherName: 'Ola Haugen', count: 3, pupilInitials: ['A.B.', 'E.H.', 'S.M.'] },
      { contactTeacherName: 'Kari Lie', count: 1, pupilInitials: ['T.R.'] },
      { contactTeacherName: null, count: 1, pupilInitials: ['J.V.'] },
    ],
  },
};

export default function ConversationSummaryEmail({ message, lang, appUrl }: TemplateProps<ConversationSummaryMessage>): ReactElement {
  return <EmailDocument view={conversationSummaryView(message, viewContext(lang, appUrl))} />;
}
ConversationSummaryEmail.PreviewProps = PreviewProps;
