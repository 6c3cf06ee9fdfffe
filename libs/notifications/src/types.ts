import type { Audience, DeadlineKind } from '@trygg/domain';

/**
 * The messages trygg sends by email, one variant per `kind`.
 *
 * Each variant carries only what its template prints (DOMAIN.md "Privacy"): no free text, no
 * pupil names anywhere, pupil initials only in messages to school staff, and nothing about
 * the pupil at all in messages to the school owner — those variants have no field that could
 * hold it. Links are built from ids and the app's base URL, which the caller passes to
 * renderMessage, so a message can be stored and re-rendered against another host.
 *
 * Instants are ISO 8601 strings with an offset or `Z` (what `Temporal.Instant#toString()`
 * gives); they are printed in Europe/Oslo wall-clock time.
 */

/** Written standard: Bokmål by default, Nynorsk where the owner or school chooses it. */
export type Lang = 'nb' | 'nn';

/** An instant, e.g. '2026-04-06T05:30:00Z'. */
export type IsoInstant = string;
/** A wall-clock date, 'YYYY-MM-DD'. */
export type IsoDate = string;

/**
 * The deadlines a case can run late on (names as in @trygg/domain's DeadlineKind, so the
 * worker passes them through unchanged).
 */
export type CaseDeadline =
  | 'acknowledge_report'
  | 'investigation_start'
  | 'investigation_conclude'
  | 'plan'
  | 'evaluation'
  | 'measure_end'
  | 'serious_owner_notice';

/** Every deadline a reminder can be about. */
export type ReminderDeadline = CaseDeadline | 'pupil_conversation';

/** Who a reminder goes to (names as in @trygg/domain's Audience). */
export type ReminderRecipient = 'case_leader' | 'measure_owners' | 'principal' | 'contact_teacher';

/** Half of the school year a pupil conversation belongs to. */
export type Term = 'autumn' | 'spring';

// Compile-time guard: the names above must stay a subset of the domain's, or the worker would
// need a translation table that can drift.
type Assert<T extends true> = T;
export type _DeadlineNamesMatchDomain = Assert<ReminderDeadline extends DeadlineKind ? true : false>;
export type _RecipientNamesMatchDomain = Assert<ReminderRecipient extends Audience ? true : false>;

/** To the principal at once when a report is filed (§ 12-4 "melde frå"). */
export interface NewReportMessage {
  readonly kind: 'new_report';
  readonly caseId: string;
  readonly caseNumber: string;
  readonly pupilInitials: string;
  readonly schoolName: string;
  readonly reportedAt: IsoInstant;
  /** The reporter's basis: suspicion (mistanke) or knowledge (kjennskap). */
  readonly basis: 'suspicion' | 'knowledge';
  readonly serious: boolean;
  /** § 12-5: the suspicion is that an employee violated a pupil. */
  readonly s12_5?: boolean;
  /** When the principal must have registered the report (1 school day). */
  readonly acknowledgeBy?: IsoInstant;
}

interface ReminderBase {
  readonly kind: 'reminder';
  readonly recipient: ReminderRecipient;
  /** 'ahead': N school days before; 'on_the_day': 07:30 on the due date. */
  readonly step: 'ahead' | 'on_the_day';
  readonly dueAt: IsoInstant;
  readonly schoolName: string;
}

/** A reminder about one case's deadline, to school staff. */
export interface CaseReminderMessage extends ReminderBase {
  readonly deadline: CaseDeadline;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly pupilInitials: string;
}

/** A reminder to a contact teacher about this half-year's pupil conversations. */
export interface ConversationReminderMessage extends ReminderBase {
  readonly deadline: 'pupil_conversation';
  readonly schoolId: string;
  readonly term: Term;
  readonly pupilCount: number;
  /** Initials of the pupils still without a conversation (staff may see initials). */
  readonly pupilInitials: readonly string[];
}

export type ReminderMessage = CaseReminderMessage | ConversationReminderMessage;

interface EscalationBase {
  readonly kind: 'escalation';
  readonly deadline: CaseDeadline;
  /** The due instant that passed. */
  readonly overdueSince: IsoInstant;
  /** School days since the due date, when the worker knows it. */
  readonly schoolDaysOverdue?: number;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly schoolName: string;
}

/** An overdue item, to the principal. */
export interface PrincipalEscalationMessage extends EscalationBase {
  readonly audience: 'principal';
  readonly pupilInitials: string;
  /** The staff member the case is delegated to (a staff name, never a pupil's). */
  readonly caseLeaderName?: string;
}

/** An overdue item the principal let lapse, to the school owner: no pupil data at all. */
export interface OwnerEscalationMessage extends EscalationBase {
  readonly audience: 'owner';
}

export type EscalationMessage = PrincipalEscalationMessage | OwnerEscalationMessage;

/** To the owner: a serious case (§ 12-4) or a § 12-5 case. Asks for acknowledgement. */
export interface OwnerNoticeMessage {
  readonly kind: 'owner_notice';
  readonly noticeKind: 'serious' | 's12_5';
  readonly caseId: string;
  readonly caseNumber: string;
  readonly schoolName: string;
  /** When the case was marked serious, or the § 12-5 suspicion was reported. */
  readonly occurredAt: IsoInstant;
  /** Absolute http(s) URL, or a path resolved against appUrl. */
  readonly ackUrl: string;
  /** Sent again (and widened to the owner's second contact): unacknowledged after 1 school day. */
  readonly resend: boolean;
  /** When the first notice went, for a re-send. */
  readonly firstSentAt?: IsoInstant;
  /** When acknowledgement is due (1 school day after sending). */
  readonly acknowledgeBy?: IsoInstant;
  /** § 12-5 with the suspect in the school's leadership: the school's leadership does not see it. */
  readonly leadershipSuspected?: boolean;
}

/** To a leader: one summary a school day of overdue pupil conversations at their school. */
export interface ConversationSummaryMessage {
  readonly kind: 'conversation_summary';
  readonly schoolId: string;
  readonly schoolName: string;
  readonly term: Term;
  /** The school day the summary is for. */
  readonly asOf: IsoInstant;
  /** The half-year's conversation deadline that passed. */
  readonly dueAt: IsoInstant;
  readonly byContactTeacher: readonly {
    /** null: pupils without a contact teacher. */
    readonly contactTeacherName: string | null;
    readonly count: number;
    readonly pupilInitials?: readonly string[];
  }[];
}

/** To the case leader: the § 12-6 enforcement window opened and the case still has no plan. */
export interface EnforcementWindowMessage {
  readonly kind: 'enforcement_window';
  readonly caseId: string;
  readonly caseNumber: string;
  readonly pupilInitials: string;
  readonly schoolName: string;
  /** When the principal personally became aware of the case. */
  readonly principalAwareAt: IsoInstant;
  /** From when the pupil or parents can take the case to the county governor. */
  readonly windowOpensAt: IsoInstant;
}

/** One school's figures in the weekly digest (DOMAIN.md "Weekly digest to the school owner"). */
export interface DigestSchoolRow {
  readonly schoolId: string;
  readonly schoolName: string;
  readonly newReportsThisWeek: number;
  readonly openCases: {
    readonly reported: number;
    readonly investigating: number;
    readonly measures: number;
  };
  readonly overdueInvestigations: number;
  readonly overduePlans: number;
  readonly overdueEvaluations: number;
  readonly seriousOpen: number;
  /** Sensitive: shown as "<5" below 5. */
  readonly s12_5Open: number;
  readonly closedThisWeek: number;
  /** Pupil conversations held this half-year, 0–100; null when none are due yet. */
  readonly conversationsHeldPercent: number | null;
  readonly pastEnforcementWindowWithoutPlan: number;
  /** null when no case has reached the step. */
  readonly medianDaysReportToInvestigation: number | null;
  readonly medianDaysReportToPlan: number | null;
  /** 0 flags a "silent school". */
  readonly reportsThisHalfYear: number;
}

/** Monday 07:00 to each owner: figures only. */
export interface WeeklyDigestMessage {
  readonly kind: 'weekly_digest';
  /** The owner's name, e.g. "Nordby kommune". */
  readonly ownerName: string;
  /** Monday of the ISO week the figures cover. */
  readonly weekStart: IsoDate;
  readonly schools: readonly DigestSchoolRow[];
}

export type NotificationMessage =
  | NewReportMessage
  | ReminderMessage
  | EscalationMessage
  | OwnerNoticeMessage
  | ConversationSummaryMessage
  | EnforcementWindowMessage
  | WeeklyDigestMessage;

export type MessageKind = NotificationMessage['kind'];

export const MESSAGE_KINDS = [
  'new_report',
  'reminder',
  'escalation',
  'owner_notice',
  'conversation_summary',
  'enforcement_window',
  'weekly_digest',
] as const satisfies readonly MessageKind[];
export type _EveryKindListed = Assert<MessageKind extends (typeof MESSAGE_KINDS)[number] ? true : false>;

export interface RenderOptions {
  readonly lang: Lang;
  /** Base URL of the web app, e.g. 'https://trygg.nordby.kommune.no/'. */
  readonly appUrl: string;
}

export interface RenderedMessage {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}
