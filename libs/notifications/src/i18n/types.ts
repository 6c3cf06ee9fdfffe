import type { Lang, ReminderDeadline, ReminderRecipient, Term } from '../types';

/** How a deadline is spoken of. */
export interface DeadlineWords {
  /** After "for å": "starte undersøkelsen". */
  readonly task: string;
  /** For subjects and headings: "Start undersøkelsen". */
  readonly imperative: string;
  /** What is missing once it is overdue: "Undersøkelsen er ikke startet". */
  readonly overdue: string;
  /** Why it matters, in one or two sentences (the law paragraph where it helps). */
  readonly why: string;
}

/**
 * Every word an email prints, per written standard. Dates, numbers and ids are passed in
 * already formatted; the dictionary only arranges them.
 */
export interface Dictionary {
  readonly lang: Lang;
  readonly common: {
    readonly caseNumber: string;
    readonly pupilInitials: string;
    readonly school: string;
    readonly due: string;
    readonly aboutTheCase: string;
    readonly yes: string;
    readonly no: string;
    readonly openCase: (caseNumber: string) => string;
    readonly pupils: (count: number) => string;
    readonly andMore: (count: number) => string;
    readonly term: Record<Term, string>;
    readonly footer: readonly string[];
  };
  readonly deadlines: Readonly<Record<ReminderDeadline, DeadlineWords>>;
  readonly newReport: {
    readonly subject: (p: { caseNumber: string; schoolName: string; serious: boolean; s12_5: boolean }) => string;
    readonly heading: (caseNumber: string) => string;
    readonly intro: (p: { basis: 'suspicion' | 'knowledge'; schoolName: string }) => string;
    readonly experienceDecides: string;
    readonly reportedAt: string;
    readonly basisLabel: string;
    readonly basis: Readonly<Record<'suspicion' | 'knowledge', string>>;
    readonly seriousLabel: string;
    readonly s12_5Label: string;
    readonly acknowledgeBy: string;
    readonly seriousNotice: { readonly title: string; readonly text: string };
    readonly s12_5Notice: { readonly title: string; readonly text: string };
  };
  readonly reminder: {
    readonly subjectAhead: (what: string, dueDate: string) => string;
    readonly subjectToday: (what: string) => string;
    readonly caseWhat: (imperative: string, caseNumber: string) => string;
    readonly caseHeading: (imperative: string, caseNumber: string) => string;
    readonly caseIntroAhead: (task: string, caseNumber: string, due: string) => string;
    readonly caseIntroToday: (task: string, caseNumber: string, due: string) => string;
    readonly clockRuns: string;
    readonly because: Readonly<Record<ReminderRecipient, string>>;
    readonly conversationsWhat: (pupils: string) => string;
    readonly conversationsHeading: string;
    readonly conversationsIntro: (p: { pupils: string; schoolName: string; term: string; due: string }) => string;
    readonly todayPrefix: string;
    readonly pupilsWithout: string;
    readonly pupilsInitials: string;
    readonly openConversations: (schoolName: string) => string;
  };
  readonly escalation: {
    readonly subject: (overdue: string, caseNumber: string, schoolName: string) => string;
    readonly intro: (task: string, caseNumber: string, since: string) => string;
    readonly ownerIntro: (task: string, caseNumber: string, schoolName: string, since: string) => string;
    readonly schoolDaysSince: (days: number) => string;
    readonly principalWhy: string;
    readonly ownerWhy: string;
    readonly overdueSince: string;
    readonly schoolDaysOverdue: string;
    readonly caseLeader: string;
  };
  readonly ownerNotice: {
    readonly subject: (p: { noticeKind: 'serious' | 's12_5'; caseNumber: string; schoolName: string; resend: boolean }) => string;
    readonly heading: Readonly<Record<'serious' | 's12_5', string>>;
    readonly intro: (p: { noticeKind: 'serious' | 's12_5'; caseNumber: string; schoolName: string; when: string }) => string;
    readonly leadership: { readonly title: string; readonly text: string };
    readonly resend: (firstSent: string | undefined) => { readonly title: string; readonly text: string };
    readonly askAck: string;
    readonly kindLabel: string;
    readonly kind: Readonly<Record<'serious' | 's12_5', string>>;
    readonly occurredAt: Readonly<Record<'serious' | 's12_5', string>>;
    readonly acknowledgeBy: string;
    readonly firstSentAt: string;
    readonly ackAction: string;
  };
  readonly conversationSummary: {
    readonly subject: (pupils: string, schoolName: string) => string;
    readonly heading: string;
    readonly intro: (p: { asOf: string; pupils: string; schoolName: string; term: string; due: string }) => string;
    readonly daily: string;
    readonly perTeacher: string;
    readonly caption: string;
    readonly total: string;
    readonly noTeacher: string;
    readonly open: (schoolName: string) => string;
  };
  readonly enforcementWindow: {
    readonly subject: (caseNumber: string) => string;
    readonly heading: string;
    readonly intro: (p: { caseNumber: string; aware: string; opens: string }) => string;
    readonly noPlan: string;
    readonly principalAwareAt: string;
    readonly windowOpensAt: string;
  };
  readonly weeklyDigest: {
    readonly subject: (week: number, year: number, ownerName: string) => string;
    readonly heading: (week: number, ownerName: string) => string;
    readonly intro: (p: { schools: number; week: number; range: string }) => string;
    readonly privacy: string;
    readonly summaryCaption: string;
    readonly schoolsLabel: string;
    readonly overdueTotal: string;
    readonly silentSchools: string;
    readonly noSchools: string;
    readonly schoolCaption: (schoolName: string) => string;
    readonly row: {
      readonly newReports: string;
      readonly openReported: string;
      readonly openInvestigating: string;
      readonly openMeasures: string;
      readonly overdueInvestigations: string;
      readonly overduePlans: string;
      readonly overdueEvaluations: string;
      readonly seriousOpen: string;
      readonly s12_5Open: string;
      readonly closedThisWeek: string;
      readonly conversationsHeld: string;
      readonly pastEnforcementWindow: string;
      readonly medianToInvestigation: string;
      readonly medianToPlan: string;
    };
    readonly silent: { readonly title: string; readonly text: string };
    readonly openSchool: (schoolName: string) => string;
    readonly openOverview: (week: number) => string;
  };
}
