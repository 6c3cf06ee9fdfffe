import type { ReactElement } from 'react';
import { EmailDocument } from '../components';
import { formatCount } from '../format';
import type { EscalationMessage, OwnerEscalationMessage, PrincipalEscalationMessage } from '../types';
import type { Block, EmailView, Fact } from '../view';
import { PREVIEW_APP_URL, type TemplateProps, type ViewContext, viewContext } from './shared';

function principalView(m: PrincipalEscalationMessage, ctx: ViewContext): EmailView {
  const { t } = ctx;
  const e = t.escalation;
  const d = t.deadlines[m.deadline];
  const since = ctx.dateTime(m.overdueSince);
  const intro = [e.intro(d.task, m.caseNumber, since), m.schoolDaysOverdue === undefined ? '' : e.schoolDaysSince(m.schoolDaysOverdue)]
    .filter(Boolean)
    .join(' ');

  const facts: Fact[] = [
    { label: t.common.caseNumber, value: m.caseNumber },
    { label: t.common.pupilInitials, value: m.pupilInitials },
    { label: t.common.school, value: m.schoolName },
    { label: e.overdueSince, value: since },
  ];
  if (m.schoolDaysOverdue !== undefined) facts.push({ label: e.schoolDaysOverdue, value: formatCount(m.schoolDaysOverdue) });
  if (m.caseLeaderName) facts.push({ label: e.caseLeader, value: m.caseLeaderName });

  const blocks: Block[] = [
    { type: 'paragraph', text: intro },
    { type: 'paragraph', text: d.why },
    { type: 'facts', caption: t.common.aboutTheCase, facts },
    { type: 'action', action: { href: ctx.links.caseUrl(m.caseId), label: t.common.openCase(m.caseNumber) } },
    { type: 'paragraph', text: e.principalWhy },
  ];
  return {
    lang: ctx.lang,
    subject: e.subject(d.overdue, m.caseNumber, m.schoolName),
    preview: intro,
    heading: d.overdue,
    blocks,
    footer: t.common.footer,
  };
}

// The owner gets figures and case numbers, never anything about the pupil (DOMAIN.md
// "Privacy"). Only the fields named here are read, so extra data on the message cannot leak.
function ownerView(m: OwnerEscalationMessage, ctx: ViewContext): EmailView {
  const { t } = ctx;
  const e = t.escalation;
  const d = t.deadlines[m.deadline];
  const since = ctx.dateTime(m.overdueSince);
  const intro = [
    e.ownerIntro(d.task, m.caseNumber, m.schoolName, since),
    m.schoolDaysOverdue === undefined ? '' : e.schoolDaysSince(m.schoolDaysOverdue),
  ]
    .filter(Boolean)
    .join(' ');

  const facts: Fact[] = [
    { label: t.common.caseNumber, value: m.caseNumber },
    { label: t.common.school, value: m.schoolName },
    { label: e.overdueSince, value: since },
  ];
  if (m.schoolDaysOverdue !== undefined) facts.push({ label: e.schoolDaysOverdue, value: formatCount(m.schoolDaysOverdue) });

  return {
    lang: ctx.lang,
    subject: e.subject(d.overdue, m.caseNumber, m.schoolName),
    preview: intro,
    heading: d.overdue,
    blocks: [
      { type: 'paragraph', text: intro },
      { type: 'facts', caption: t.common.aboutTheCase, facts },
      { type: 'action', action: { href: ctx.links.caseUrl(m.caseId), label: t.common.openCase(m.caseNumber) } },
      { type: 'paragraph', text: e.ownerWhy },
    ],
    footer: t.common.footer,
  };
}

/** An overdue item: to the principal (with initials) or to the owner (without). */
export function escalationView(m: EscalationMessage, ctx: ViewContext): EmailView {
  return m.audience === 'owner' ? ownerView(m, ctx) : principalView(m, ctx);
}

export const PreviewProps: TemplateProps<PrincipalEscalationMessage> = {
  lang: 'nb',
  appUrl: PREVIEW_APP_URL,
  message: {
    kind: 'escalation',
    audience: 'principal',
    deadline: 'investigation_start',
    overdueSince: '2026-04-15T14:00:00Z',
    caseId: '0b9f6a52-4c1e-4f43-9a53-2f7d1d6c8e21',
    caseNumber: '2026-014',
    pupilInitials: 'K.N.',
    schoolName: 'Nordby skole',
    caseLeaderName: 'Ingrid Solberg',
  },
};

/** The owner shape of the same kind: 5 school days after the plan deadline passed. */
export const ownerPreviewProps: TemplateProps<OwnerEscalationMessage> = {
  lang: 'nb',
  appUrl: PREVIEW_APP_URL,
  message: {
    kind: 'escalation',
    audience: 'owner',
    deadline: 'plan',
    overdueSince: '2026-05-05T14:00:00Z',
    schoolDaysOverdue: 5,
    caseId: '7c2e9d14-1b6f-4e0a-8d3c-5a4b2e1f9c07',
    caseNumber: '2026-009',
    schoolName: 'Nordby skole',
  },
};

export default function EscalationEmail({ message, lang, appUrl }: TemplateProps<EscalationMessage>): ReactElement {
  return <EmailDocument view={escalationView(message, viewContext(lang, appUrl))} />;
}
EscalationEmail.PreviewProps = PreviewProps;
