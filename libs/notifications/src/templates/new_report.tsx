import type { ReactElement } from 'react';
import { EmailDocument } from '../components';
import type { NewReportMessage } from '../types';
import type { Block, EmailView, Fact } from '../view';
import { PREVIEW_APP_URL, type TemplateProps, type ViewContext, viewContext } from './shared';

/** To the principal at once: a staff member reported (§ 12-4 "melde frå"). */
export function newReportView(m: NewReportMessage, ctx: ViewContext): EmailView {
  const { t } = ctx;
  const w = t.newReport;
  const s12_5 = m.s12_5 === true;

  const facts: Fact[] = [
    { label: t.common.caseNumber, value: m.caseNumber },
    { label: t.common.pupilInitials, value: m.pupilInitials },
    { label: t.common.school, value: m.schoolName },
    { label: w.reportedAt, value: ctx.dateTime(m.reportedAt) },
    { label: w.basisLabel, value: w.basis[m.basis] },
    { label: w.seriousLabel, value: m.serious ? t.common.yes : t.common.no },
  ];
  if (s12_5) facts.push({ label: w.s12_5Label, value: t.common.yes });
  if (m.acknowledgeBy) facts.push({ label: w.acknowledgeBy, value: ctx.dateTime(m.acknowledgeBy) });

  const blocks: Block[] = [
    { type: 'paragraph', text: w.intro({ basis: m.basis, schoolName: m.schoolName }) },
  ];
  // § 12-5 first: it is the more urgent of the two ("straks", holidays or not).
  if (s12_5) blocks.push({ type: 'notice', tone: 'warning', ...w.s12_5Notice });
  if (m.serious) blocks.push({ type: 'notice', tone: 'warning', ...w.seriousNotice });
  blocks.push(
    { type: 'facts', caption: t.common.aboutTheCase, facts },
    { type: 'paragraph', text: w.experienceDecides },
    { type: 'action', action: { href: ctx.links.caseUrl(m.caseId), label: t.common.openCase(m.caseNumber) } },
  );

  return {
    lang: ctx.lang,
    subject: w.subject({ caseNumber: m.caseNumber, schoolName: m.schoolName, serious: m.serious, s12_5 }),
    preview: w.intro({ basis: m.basis, schoolName: m.schoolName }),
    heading: w.heading(m.caseNumber),
    blocks,
    footer: t.common.footer,
  };
}

export const PreviewProps: TemplateProps<NewReportMessage> = {
  lang: 'nb',
  appUrl: PREVIEW_APP_URL,
  message: {
    kind: 'new_report',
    caseId: '0b9f6a52-4c1e-4f43-9a53-2f7d1d6c8e21',
    caseNumber: '2026-014',
    pupilInitials: 'K.N.',
    schoolName: 'Nordby skole',
    reportedAt: '2026-04-13T11:42:00Z',
    basis: 'suspicion',
    serious: false,
    acknowledgeBy: '2026-04-14T14:00:00Z',
  },
};

export default function NewReportEmail({ message, lang, appUrl }: TemplateProps<NewReportMessage>): ReactElement {
  return <EmailDocument view={newReportView(message, viewContext(lang, appUrl))} />;
}
NewReportEmail.PreviewProps = PreviewProps;
