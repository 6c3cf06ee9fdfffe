import type { Temporal } from 'temporal-polyfill';

/** 'YYYY-MM-DD' — a wall-clock date in the school's zone. */
type IsoDate = string;
/** 'HH:MM' — a wall-clock time in the school's zone. */
type IsoTime = string;

/** An owner's or school's extra non-school day: one date or an inclusive range. */
export type NonSchoolDay = IsoDate | { readonly from: IsoDate; readonly to: IsoDate };

/** Half-open window [start, end) on school days in which non-urgent mail may go. */
export interface SendingWindow {
  readonly start: IsoTime;
  readonly end: IsoTime;
}

export interface SchoolCalendarOptions {
  /** Only Europe/Oslo is supported: holidays are Norwegian and the law counts Oslo time. */
  readonly zone?: 'Europe/Oslo';
  readonly nonSchoolDays?: readonly NonSchoolDay[];
  readonly sendingWindow?: SendingWindow;
}

export interface SchoolCalendar {
  readonly zone: 'Europe/Oslo';
  readonly sendingWindow: SendingWindow;
  isSchoolDay(date: Temporal.PlainDate): boolean;
  /** n>0: nth school day after date; n<0: nth before; n=0: date if school day, else the next one. */
  addSchoolDays(date: Temporal.PlainDate, n: number): Temporal.PlainDate;
  /** Inverse of addSchoolDays: countSchoolDays(d, addSchoolDays(d, n)) === n for n ≠ 0. */
  countSchoolDays(from: Temporal.PlainDate, to: Temporal.PlainDate): number;
  nextSchoolDayOnOrAfter(date: Temporal.PlainDate): Temporal.PlainDate;
  lastSchoolDayOnOrBefore(date: Temporal.PlainDate): Temporal.PlainDate;
  /** Sending-window end (default 16:00) of date, as an instant. */
  endOfSchoolDay(date: Temporal.PlainDate): Temporal.Instant;
  /** Sending-window start (default 07:30) of date, as an instant. */
  windowStart(date: Temporal.PlainDate): Temporal.Instant;
  /** 23:59:59.999 of date (the "straks" clock's end of the calendar day). */
  endOfCalendarDay(date: Temporal.PlainDate): Temporal.Instant;
  /** The wall-clock date of an instant in the calendar's zone. */
  localDate(instant: Temporal.Instant): Temporal.PlainDate;
  isInSendingWindow(instant: Temporal.Instant): boolean;
  /** instant itself when inside the window, else the next window start. */
  nextSendingInstant(instant: Temporal.Instant): Temporal.Instant;
}

/** A role reference; the worker resolves it to people (routing.ts filters § 12-5 exclusions). */
export type Audience =
  | 'principal'
  | 'case_leader'
  | 'owner'
  | 'owner_second_contact'
  | 'measure_owners'
  | 'contact_teacher'
  | 'leader';

/**
 * When a step fires, relative to its deadline:
 * - school_days_before: 07:30 of the Nth school day before the due date
 * - on_day: 07:30 of the due date
 * - at_event: the instant of the event that started the deadline (serious marking)
 * - at_once: the due instant
 * - school_days_after: 07:30 of the Nth school day after the due date
 */
export type StepTiming =
  | { readonly at: 'school_days_before'; readonly days: number }
  | { readonly at: 'on_day' }
  | { readonly at: 'at_event' }
  | { readonly at: 'at_once' }
  | { readonly at: 'school_days_after'; readonly days: number };

export interface StepRule {
  readonly audience: Audience;
  readonly timing: StepTiming;
  /** 'resend' re-sends the original notice (owner acknowledgement); default is a normal message. */
  readonly action?: 'resend';
}

export interface DeadlineRule {
  /** 0 = "same school day"; N = "N school days after the event". Ignored for date-only rules. */
  readonly dueSchoolDays: number;
  readonly reminders: readonly StepRule[];
  readonly escalations: readonly StepRule[];
}

export type CaseDeadlineKind =
  | 'acknowledge_report'
  | 'investigation_start'
  | 'investigation_conclude'
  | 'plan'
  | 'evaluation'
  | 'measure_end'
  | 'serious_owner_notice'
  | 's12_5_notice'
  | 'owner_acknowledge'
  | 'enforcement_window';

export type DeadlineKind = CaseDeadlineKind | 'pupil_conversation' | 'pupil_conversation_summary';

export interface EnforcementWindowRule {
  /** § 12-6: default 7 calendar days; some county governors count 5 school days. */
  readonly unit: 'calendar_days' | 'school_days';
  readonly count: number;
  readonly escalations: readonly StepRule[];
}

export interface PupilConversationRule {
  /** 'MM-DD' due date in the autumn half (Aug–Dec). */
  readonly autumnDue: string;
  /** 'MM-DD' due date in the spring half (Jan–Jul). */
  readonly springDue: string;
  readonly reminders: readonly StepRule[];
  /** Escalation to the leader as one daily summary per school (not one mail per pupil). */
  readonly summaryAudience: Audience;
}

export interface DeadlinePolicy {
  readonly sendingWindow: SendingWindow;
  readonly deadlines: { readonly [K in Exclude<CaseDeadlineKind, 'enforcement_window'>]: DeadlineRule };
  readonly enforcementWindow: EnforcementWindowRule;
  readonly pupilConversation: PupilConversationRule;
}

/** Partial override: objects merge deeply, arrays replace wholesale. */
export type DeadlinePolicyOverride = DeepPartial<DeadlinePolicy>;
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;

// ---- case facts (input) ----

export interface MeasureFacts {
  readonly measureId: string;
  /** Staff person ids (§ 12-4 (3): never a pupil or parent). */
  readonly responsibleIds: readonly string[];
  readonly start: Temporal.PlainDate;
  readonly end: Temporal.PlainDate;
}

export interface PlanVersionFacts {
  readonly version: number;
  readonly createdAt: Temporal.Instant;
  readonly measures: readonly MeasureFacts[];
  readonly evaluationDates: readonly Temporal.PlainDate[];
}

export interface EvaluationFacts {
  readonly evaluationId: string;
  /** The planned evaluation date this evaluation fulfils. */
  readonly plannedDate: Temporal.PlainDate;
  readonly doneAt: Temporal.Instant;
  /** Every evaluation sets the next date unless the case closes. */
  readonly nextEvaluationOn?: Temporal.PlainDate;
}

export interface OwnerNoticeFacts {
  readonly noticeId: string;
  readonly about: 'serious' | 's12_5';
  readonly sentAt: Temporal.Instant;
  readonly acknowledgedAt?: Temporal.Instant;
}

export interface CaseFacts {
  readonly caseId: string;
  readonly schoolId: string;
  readonly reportedAt: Temporal.Instant;
  readonly acknowledgedAt?: Temporal.Instant;
  /** § 12-6: when the principal personally became aware. */
  readonly principalKnewAt?: Temporal.Instant;
  /** Leader the case is delegated to; undefined → the principal is case leader. */
  readonly caseLeaderId?: string;
  readonly status: 'reported' | 'investigating' | 'measures' | 'closed';
  readonly closedAt?: Temporal.Instant;
  readonly serious?: { readonly markedAt: Temporal.Instant; readonly ownerNotifiedAt?: Temporal.Instant };
  readonly s12_5?: {
    readonly markedAt: Temporal.Instant;
    readonly accusedPersonId: string;
    readonly accusedInLeadership: boolean;
    readonly ownerNotifiedAt?: Temporal.Instant;
  };
  readonly investigation?: {
    readonly startedAt?: Temporal.Instant;
    readonly concludedAt?: Temporal.Instant;
    /**
     * What the concluded investigation found: were measures needed? `false` → no activity plan
     * is due (no plan deadline); absent is read as "needed" (the plan deadline runs).
     */
    readonly measuresNeeded?: boolean;
  };
  readonly planVersions?: readonly PlanVersionFacts[];
  readonly evaluations?: readonly EvaluationFacts[];
  readonly ownerNotices?: readonly OwnerNoticeFacts[];
}

// ---- deadlines (output) ----

/**
 * open: not met, due in the future · missed: not met, due has passed (stays missed) ·
 * met: met on time · met_late: met after due (a written reason is asked for) ·
 * cancelled: the case closed before it was met and before it was due.
 */
export type DeadlineState = 'open' | 'missed' | 'met' | 'met_late' | 'cancelled';

export interface NotificationStep {
  /** Deterministic within its deadline, no ':' (e.g. 'remind-3d-case_leader'). */
  readonly key: string;
  readonly kind: 'reminder' | 'escalation' | 'notice';
  readonly audience: Audience;
  /** Known people for the audience (case leader, measure owners); absent → resolve by role. */
  readonly personIds?: readonly string[];
  /** The ideal instant per DOMAIN's "How to count"; deliveryInstant applies the window. */
  readonly fireAt: Temporal.Instant;
  /** true: ignores the sending window (§ 12-5 and serious-case notices). */
  readonly immediate: boolean;
  readonly action?: 'resend';
}

export interface Deadline {
  /** Stable, deterministic, no ':' (e.g. 'case-42.investigation_start'). */
  readonly key: string;
  readonly kind: DeadlineKind;
  readonly schoolId: string;
  readonly caseId?: string;
  readonly pupilId?: string;
  readonly dueAt: Temporal.Instant;
  readonly metAt?: Temporal.Instant;
  readonly state: DeadlineState;
  /** Empty once met or cancelled. */
  readonly steps: readonly NotificationStep[];
}

export interface ComputeContext {
  readonly policy: DeadlinePolicy;
  readonly calendar: SchoolCalendar;
  readonly now: Temporal.Instant;
}

// ---- pupil conversations ----

export interface Term {
  readonly half: 'autumn' | 'spring';
  /** Calendar year of the half (autumn 2026 = Aug–Dec 2026, spring 2027 = Jan–Jul 2027). */
  readonly year: number;
}

export interface PupilConversationFacts {
  readonly pupilId: string;
  readonly heldAt?: Temporal.Instant;
}
