import type { ReactElement } from 'react';
import { EmailDocument } from '../components';
import { checkedCount, formatCount, formatDecimal, formatPercent, formatWeekRange, isoWeek, maskSensitiveCount } from '../format';
import type { DigestSchoolRow, WeeklyDigestMessage } from '../types';
import type { Block, EmailView, Fact } from '../view';
import { PREVIEW_APP_URL, type TemplateProps, type ViewContext, viewContext } from './shared';

/** "silent school": no report at all this half-year — the county governor reads it as a risk. */
export const isSilentSchool = (row: DigestSchoolRow): boolean => checkedCount(row.reportsThisHalfYear) === 0;

function schoolSection(row: DigestSchoolRow, ctx: ViewContext): Block {
  const { t } = ctx;
  const d = t.weeklyDigest;
  const r = d.row;
  const facts: Fact[] = [
    { label: r.newReports, value: formatCount(row.newReportsThisWeek) },
    { label: r.openReported, value: formatCount(row.openCases.reported) },
    { label: r.openInvestigating, value: formatCount(row.openCases.investigating) },
    { label: r.openMeasures, value: formatCount(row.openCases.measures) },
    { label: r.overdueInvestigations, value: formatCount(row.overdueInvestigations) },
    { label: r.overduePlans, value: formatCount(row.overduePlans) },
    { label: r.overdueEvaluations, value: formatCount(row.overdueEvaluations) },
    { label: r.seriousOpen, value: formatCount(row.seriousOpen) },
    // Sensitive kind: a "1" at a small school can point to a person.
    { label: r.s12_5Open, value: maskSensitiveCount(row.s12_5Open) },
    { label: r.closedThisWeek, value: formatCount(row.closedThisWeek) },
    { label: r.conversationsHeld, value: formatPercent(row.conversationsHeldPercent, ctx.lang) },
    { label: r.pastEnforcementWindow, value: formatCount(row.pastEnforcementWindowWithoutPlan) },
    { label: r.medianToInvestigation, value: formatDecimal(row.medianDaysReportToInvestigation, ctx.lang) },
    { label: r.medianToPlan, value: formatDecimal(row.medianDaysReportToPlan, ctx.lang) },
  ];
  const blocks: Block[] = [];
  if (isSilentSchool(row)) blocks.push({ type: 'notice', tone: 'warning', ...d.silent });
  blocks.push(
    { type: 'facts', caption: d.schoolCaption(row.schoolName), facts },
    { type: 'action', action: { href: ctx.links.schoolUrl(row.schoolId), label: d.openSchool(row.schoolName) } },
  );
  return { type: 'section', heading: row.schoolName, blocks };
}

/**
 * Monday to each owner: one section per school with every figure DOMAIN.md lists. Figures
 * and school names only — no case text, no pupil data; § 12-5 counts under 5 are "<5".
 */
export function weeklyDigestView(m: WeeklyDigestMessage, ctx: ViewContext): EmailView {
  const { t } = ctx;
  const d = t.weeklyDigest;
  const { year, week } = isoWeek(m.weekStart);
  const isoWeekId = `${year}-W${String(week).padStart(2, '0')}`;
  const intro = d.intro({ schools: m.schools.length, week, range: formatWeekRange(m.weekStart, ctx.lang) });

  const sum = (pick: (row: DigestSchoolRow) => number): number => m.schools.reduce((acc, row) => acc + checkedCount(pick(row)), 0);
  const summary: Fact[] = [
    { label: d.schoolsLabel, value: String(m.schools.length) },
    { label: d.row.newReports, value: String(sum((r) => r.newReportsThisWeek)) },
    { label: d.overdueTotal, value: String(sum((r) => r.overdueInvestigations + r.overduePlans + r.overdueEvaluations)) },
    { label: d.silentSchools, value: String(m.schools.filter(isSilentSchool).length) },
  ];

  const blocks: Block[] = [
    { type: 'paragraph', text: intro },
    { type: 'paragraph', text: d.privacy },
    { type: 'facts', caption: d.summaryCaption, facts: summary },
    { type: 'action', action: { href: ctx.links.ownerOverviewUrl(isoWeekId), label: d.openOverview(week) } },
  ];
  if (m.schools.length === 0) blocks.push({ type: 'paragraph', text: d.noSchools });
  // Every school appears, the silent ones included: silence is what the owner must see.
  for (const row of m.schools) blocks.push(schoolSection(row, ctx));

  return {
    lang: ctx.lang,
    subject: d.subject(week, year, m.ownerName),
    preview: intro,
    heading: d.heading(week, m.ownerName),
    blocks,
    footer: t.common.footer,
  };
}

export const PreviewProps: TemplateProps<WeeklyDigestMessage> = {
  lang: 'nb',
  appUrl: PREVIEW_APP_URL,
  message: {
    kind: 'weekly_digest',
    ownerName: 'Nordby kommune',
    weekStart: '2026-04-13',
    schools: [
      {
        schoolId: '5d7f0c1e-8a43-4b8e-a2a1-1c9e3f6b2d10',
        schoolName: 'Nordby skole',
        newReportsThisWeek: 3,
        openCases: { reported: 2, investigating: 4, measures: 7 },
        overdueInvestigations: 1,
        overduePlans: 1,
        overdueEvaluations: 2,
        seriousOpen: 2,
        s12_5Open: 1,
        closedThisWeek: 1,
        conversationsHeldPercent: 64,
        pastEnforcementWindowWithoutPlan: 1,
        medianDaysReportToInvestigation: 1.5,
        medianDaysReportToPlan: 9,
        reportsThisHalfYear: 19,
      },
      {
        schoolId: 'a1c3e5f7-2b4d-4f6a-8c0e-9d7b5a3c1e2f',
        schoolName: 'Vestbygda skole',
        newReportsThisWeek: 0,
        openCases: { reported: 0, investigating: 0, measures: 0 },
        overdueInvestigations: 0,
        overduePlans: 0,
        overdueEvaluations: 0,
        seriousOpen: 0,
        s12_5Open: 0,
        closedThisWeek: 0,
        conversationsHeldPercent: 41,
        pastEnforcementWindowWithoutPlan: 0,
        medianDaysReportToInvestigation: null,
        medianDaysReportToPlan: null,
        reportsThisHalfYear: 0,
      },
      {
        schoolId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
        schoolName: 'Sjøsiden ungdomsskole',
        newReportsThisWeek: 6,
        openCases: { reported: 3, investigating: 8, measures: 15 },
        overdueInvestigations: 2,
        overduePlans: 0,
        overdueEvaluations: 3,
        seriousOpen: 4,
        s12_5Open: 6,
        closedThisWeek: 4,
        conversationsHeldPercent: 88,
        pastEnforcementWindowWithoutPlan: 2,
        medianDaysReportToInvestigation: 2,
        medianDaysReportToPlan: 11.5,
        reportsThisHalfYear: 41,
      },
    ],
  },
};

export default function WeeklyDigestEmail({ message, lang, appUrl }: TemplateProps<WeeklyDigestMessage>): ReactElement {
  return <EmailDocument view={weeklyDigestView(message, viewContext(lang, appUrl))} />;
}
WeeklyDigestEmail.PreviewProps = PreviewProps;
