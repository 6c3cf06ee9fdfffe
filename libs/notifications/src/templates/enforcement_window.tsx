import type { ReactElement } from 'react';
import { EmailDocument } from '../components';
import type { EnforcementWindowMessage } from '../types';
import type { EmailView } from '../view';
import { PREVIEW_APP_URL, type TemplateProps, type ViewContext, viewContext } from './shared';

/**
 * To the case leader: § 12-6 — a week after the principal personally knew, the pupil or the
 * parents can take the case to the county governor, and this case still has no plan.
 */
export function enforcementWindowView(m: EnforcementWindowMessage, ctx: ViewContext): EmailView {
  const { t } = ctx;
  const w = t.enforcementWindow;
  const intro = w.intro({ caseNumber: m.caseNumber, aware: ctx.date(m.principalAwareAt), opens: ctx.date(m.windowOpensAt) });

  return {
    lang: ctx.lang,
    subject: w.subject(m.caseNumber),
    preview: intro,
    heading: w.heading,
    blocks: [
      { type: 'paragraph', text: intro },
      { type: 'paragraph', text: w.noPlan },
      { type: 'paragraph', text: t.deadlines.plan.why },
      {
        type: 'facts',
        caption: t.common.aboutTheCase,
        facts: [
          { label: t.common.caseNumber, value: m.caseNumber },
          { label: t.common.pupilInitials, value: m.pupilInitials },
          { label: t.common.school, value: m.schoolName },
          { label: w.principalAwareAt, value: ctx.dateTime(m.principalAwareAt) },
          { label: w.windowOpensAt, value: ctx.date(m.windowOpensAt) },
        ],
      },
      { type: 'action', action: { href: ctx.links.caseUrl(m.caseId), label: t.common.openCase(m.caseNumber) } },
    ],
    footer: t.common.footer,
  };
}

export const PreviewProps: TemplateProps<EnforcementWindowMessage> = {
  lang: 'nb',
  appUrl: PREVIEW_APP_URL,
  message: {
    kind: 'enforcement_window',
    caseId: '0b9f6a52-4c1e-4f43-9a53-2f7d1d6c8e21',
    caseNumber: '2026-014',
    pupilInitials: 'K.N.',
    schoolName: 'Nordby skole',
    principalAwareAt: '2026-04-13T12:10:00Z',
    windowOpensAt: '2026-04-20T12:10:00Z',
  },
};

export default function EnforcementWindowEmail({ message, lang, appUrl }: TemplateProps<EnforcementWindowMessage>): ReactElement {
  return <EmailDocument view={enforcementWindowView(message, viewContext(lang, appUrl))} />;
}
EnforcementWindowEmail.PreviewProps = PreviewProps;
