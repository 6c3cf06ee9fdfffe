import type { ReactElement } from 'react';
import { EmailDocument } from '../components';
import type { OwnerNoticeMessage } from '../types';
import type { Block, EmailView, Fact } from '../view';
import { PREVIEW_APP_URL, type TemplateProps, type ViewContext, viewContext } from './shared';

/**
 * To the owner: a serious case (§ 12-4) or an employee suspected of violating a pupil
 * (§ 12-5). No names, no initials — case number and school only, and a link to acknowledge.
 */
export function ownerNoticeView(m: OwnerNoticeMessage, ctx: ViewContext): EmailView {
  const { t } = ctx;
  const o = t.ownerNotice;
  const when = ctx.dateTime(m.occurredAt);
  const intro = o.intro({ noticeKind: m.noticeKind, caseNumber: m.caseNumber, schoolName: m.schoolName, when });

  const facts: Fact[] = [
    { label: t.common.caseNumber, value: m.caseNumber },
    { label: t.common.school, value: m.schoolName },
    { label: o.kindLabel, value: o.kind[m.noticeKind] },
    { label: o.occurredAt[m.noticeKind], value: when },
  ];
  if (m.resend && m.firstSentAt) facts.push({ label: o.firstSentAt, value: ctx.dateTime(m.firstSentAt) });
  if (m.acknowledgeBy) facts.push({ label: o.acknowledgeBy, value: ctx.dateTime(m.acknowledgeBy) });

  const blocks: Block[] = [];
  if (m.resend) {
    blocks.push({ type: 'notice', tone: 'warning', ...o.resend(m.firstSentAt ? ctx.dateTime(m.firstSentAt) : undefined) });
  }
  blocks.push({ type: 'paragraph', text: intro });
  // § 12-5: with the suspect in the school's leadership, the owner is the only one told.
  if (m.noticeKind === 's12_5' && m.leadershipSuspected) blocks.push({ type: 'notice', tone: 'warning', ...o.leadership });
  blocks.push(
    { type: 'facts', caption: t.common.aboutTheCase, facts },
    { type: 'paragraph', text: o.askAck },
    { type: 'action', action: { href: ctx.links.resolve(m.ackUrl), label: o.ackAction } },
  );

  return {
    lang: ctx.lang,
    subject: o.subject({ noticeKind: m.noticeKind, caseNumber: m.caseNumber, schoolName: m.schoolName, resend: m.resend }),
    preview: intro,
    heading: o.heading[m.noticeKind],
    blocks,
    footer: t.common.footer,
  };
}

export const PreviewProps: TemplateProps<OwnerNoticeMessage> = {
  lang: 'nb',
  appUrl: PREVIEW_APP_URL,
  message: {
    kind: 'owner_notice',
    noticeKind: 'serious',
    caseId: '0b9f6a52-4c1e-4f43-9a53-2f7d1d6c8e21',
    caseNumber: '2026-014',
    schoolName: 'Nordby skole',
    occurredAt: '2026-04-16T08:05:00Z',
    ackUrl: '/notices/3f1c2a9e-77b4-4d2a-9c61-0e8d5b4a7f32/acknowledge',
    resend: false,
    acknowledgeBy: '2026-04-17T14:00:00Z',
  },
};

/** § 12-5 with the suspect in leadership, sent again to the second contact. */
export const s12_5ResendPreviewProps: TemplateProps<OwnerNoticeMessage> = {
  lang: 'nn',
  appUrl: PREVIEW_APP_URL,
  message: {
    kind: 'owner_notice',
    noticeKind: 's12_5',
    caseId: 'c4a1e8b2-3d5f-4a6c-9e7b-8f0d1c2b3a45',
    caseNumber: '2026-021',
    schoolName: 'Vestbygda skule',
    occurredAt: '2026-04-20T17:20:00Z',
    ackUrl: 'https://trygg.nordby.kommune.no/notices/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/acknowledge',
    resend: true,
    firstSentAt: '2026-04-20T17:21:00Z',
    leadershipSuspected: true,
  },
};

export default function OwnerNoticeEmail({ message, lang, appUrl }: TemplateProps<OwnerNoticeMessage>): ReactElement {
  return <EmailDocument view={ownerNoticeView(message, viewContext(lang, appUrl))} />;
}
OwnerNoticeEmail.PreviewProps = PreviewProps;
