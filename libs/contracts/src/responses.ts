// Response shapes of the API (the web app reads them; the API's OpenAPI document shows them).
// Instants are ISO 8601 strings in UTC ('2026-04-06T05:30:00.000Z').
import { z } from 'zod';

const instant = z.string();

export const problemView = z.object({ field: z.string(), code: z.string().optional(), message: z.string() });

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    /** A domain code (e.g. PUPIL_NOT_HEARD) when a rule of the case lifecycle refused. */
    reason: z.string().optional(),
    problems: z.array(problemView).optional(),
  }),
});

export const personSummary = z.object({ id: z.string(), name: z.string() });

export const roleView = z.object({
  role: z.enum(['staff', 'leader', 'principal', 'owner', 'admin']),
  schoolId: z.string().nullable(),
  ownerId: z.string().nullable(),
});

export const personView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  kind: z.string(),
  roles: z.array(roleView),
});

export const ownerView = z.object({
  id: z.string(),
  name: z.string(),
  language: z.enum(['nb', 'nn']),
  digestRecipientIds: z.array(z.string()),
  secondContactId: z.string().nullable(),
  createdAt: instant,
});

export const schoolView = z.object({
  id: z.string(),
  ownerId: z.string(),
  name: z.string(),
  /** The caller's roles at this school ('owner' when the caller is an official of its owner). */
  myRoles: z.array(z.string()),
});

export const pupilView = z.object({
  id: z.string(),
  schoolId: z.string(),
  name: z.string(),
  initials: z.string(),
  birthYear: z.number(),
  /** The class or base group from the administration system's export ("5A"); null: not known. */
  className: z.string().nullable(),
  contactTeacherId: z.string().nullable(),
  heightenedAttention: z.boolean(),
});

export const reportCreated = z.object({ caseId: z.string(), number: z.string() });

export const deadlineView = z.object({
  key: z.string(),
  kind: z.string(),
  dueAt: instant,
  /** open · missed (not met, due has passed — stays missed) · met · met_late · cancelled */
  state: z.enum(['open', 'missed', 'met', 'met_late', 'cancelled']),
  metAt: instant.nullable(),
  delayReason: z.string().nullable(),
});

export const timelineView = z.object({
  id: z.string(),
  at: instant,
  kind: z.string(),
  actor: personSummary.nullable(),
  payload: z.record(z.string(), z.unknown()),
});

export const reportView = z.object({
  id: z.string(),
  filedBy: personSummary,
  reporterKind: z.string(),
  filedAt: instant,
  asOf: instant,
  occurredAt: instant.nullable(),
  basis: z.string(),
  category: z.string(),
  description: z.string(),
  intervened: z.boolean(),
  intervention: z.string().nullable(),
  serious: z.boolean(),
  concernsEmployee: z.boolean(),
  registeredAt: instant.nullable(),
});

/**
 * § 12-4 (3) fifth item: an evaluation date the case waits for (its deadline open or missed),
 * with the current plan's measures planned to be evaluated that day — none for a date an
 * evaluation set as the next one (it covers every measure under way).
 */
export const plannedEvaluationView = z.object({
  /** YYYY-MM-DD */
  date: z.string(),
  dueAt: instant,
  state: z.enum(['open', 'missed']),
  measureIds: z.array(z.string()),
});

/** The whole case file: principal, the delegated leader, the owner once told. */
export const fullCaseView = z.object({
  access: z.literal('case'),
  id: z.string(),
  number: z.string(),
  status: z.enum(['reported', 'investigating', 'measures', 'closed']),
  school: personSummary,
  pupil: z.object({ id: z.string(), name: z.string(), initials: z.string() }),
  serious: z.boolean(),
  seriousMarkedAt: instant.nullable(),
  section125: z.boolean(),
  accusedInLeadership: z.boolean(),
  accused: personSummary.nullable(),
  caseLeader: personSummary.nullable(),
  openedAt: instant,
  acknowledgedAt: instant.nullable(),
  principalKnewAt: instant.nullable(),
  /** § 12-6: from this instant the pupil or parents may take the case to the county governor. */
  enforcementWindowOpensAt: instant.nullable(),
  investigationStartedAt: instant.nullable(),
  investigationConcludedAt: instant.nullable(),
  closedAt: instant.nullable(),
  nextDeadlineAt: instant.nullable(),
  availableActions: z.array(z.string()),
  reports: z.array(reportView),
  deadlines: z.array(deadlineView),
  /** The evaluation dates still waiting, earliest first (read from the deadlines, not their keys). */
  plannedEvaluations: z.array(plannedEvaluationView),
  timeline: z.array(timelineView),
});

/** What a reporter sees of the case their report started. */
export const limitedCaseView = z.object({
  access: z.literal('own_part'),
  id: z.string(),
  number: z.string(),
  status: z.enum(['reported', 'investigating', 'measures', 'closed']),
});

// ---- a staff member's own measures (DOMAIN "People and roles": staff see the measures they carry out) ----

/** The next planned evaluation of a measure (§ 12-4 (3) fifth item): the earliest not yet held. */
export const nextEvaluationView = z.object({
  /** YYYY-MM-DD, the planned evaluation date. */
  date: z.string(),
  /** The deadline: 16:00 Oslo of that date, or of the last school day before it. */
  dueAt: instant,
  /** The deadline has passed and the evaluation is not recorded (it stays missed). */
  overdue: z.boolean(),
});

/** One measure the caller carries out, in the current plan version — nothing of the rest of the plan. */
export const ownMeasureSummary = z.object({
  /** Stable across plan versions. */
  id: z.string(),
  level: z.enum(['individual', 'class', 'school', 'after_school']),
  /** What is done, and how. */
  description: z.string(),
  start: z.string(),
  end: z.string(),
  /** null when no evaluation is waiting (the case is closed, or every date is held). */
  nextEvaluation: nextEvaluationView.nullable(),
});

/** What the measure owner brings to an evaluation: how their measure was carried out, and its effect. */
export const ownMeasureEvaluationEntry = z.object({
  plannedDate: z.string(),
  doneAt: instant,
  howCarriedOut: z.string(),
  effect: z.string(),
});

export const ownMeasureView = ownMeasureSummary.extend({
  /** This measure's part of each evaluation held, oldest first (not the pupil's or parents' views). */
  evaluations: z.array(ownMeasureEvaluationEntry),
});

/**
 * What a staff member sees of a case they took part in: number and status (a reporter); a
 * measure owner also their own measures, with the pupil's initials only (as the emails do).
 */
export const ownPartCaseView = limitedCaseView.extend({
  pupilInitials: z.string().optional(),
  ownMeasures: z.array(ownMeasureView).optional(),
});

export const caseView = z.discriminatedUnion('access', [fullCaseView, ownPartCaseView]);

/** GET /api/my-measures: the open cases where the caller carries out a measure. */
export const myMeasuresItem = z.object({
  caseId: z.string(),
  number: z.string(),
  status: z.enum(['reported', 'investigating', 'measures', 'closed']),
  schoolId: z.string(),
  pupilInitials: z.string(),
  /** The earliest next evaluation of the caller's measures in the case. */
  nextEvaluation: nextEvaluationView.nullable(),
  measures: z.array(ownMeasureSummary),
});

export const myMeasuresList = z.object({ items: z.array(myMeasuresItem) });

export const caseListItem = z.discriminatedUnion('access', [
  z.object({
    access: z.literal('case'),
    id: z.string(),
    number: z.string(),
    status: z.enum(['reported', 'investigating', 'measures', 'closed']),
    schoolId: z.string(),
    pupilInitials: z.string(),
    serious: z.boolean(),
    section125: z.boolean(),
    caseLeaderId: z.string().nullable(),
    openedAt: instant,
    nextDeadlineAt: instant.nullable(),
    overdue: z.boolean(),
  }),
  limitedCaseView,
]);

export const caseList = z.object({
  items: z.array(caseListItem),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
});

export const acknowledgementView = z.object({
  about: z.enum(['serious', 's12_5']).nullable(),
  caseNumber: z.string().nullable(),
  schoolName: z.string().nullable(),
  sentAt: instant.nullable(),
  acknowledgedAt: instant.nullable(),
});

export const mailboxEntry = z.object({ file: z.string(), date: instant.nullable(), to: z.string(), subject: z.string() });
export const mailboxMessage = mailboxEntry.extend({ from: z.string(), messageId: z.string().nullable(), text: z.string() });

export type FullCaseView = z.infer<typeof fullCaseView>;
export type CaseView = z.infer<typeof caseView>;
export type CaseListItem = z.infer<typeof caseListItem>;
export type OwnPartCaseView = z.infer<typeof ownPartCaseView>;
export type PlannedEvaluation = z.infer<typeof plannedEvaluationView>;
export type OwnMeasureView = z.infer<typeof ownMeasureView>;
export type NextEvaluation = z.infer<typeof nextEvaluationView>;
export type MyMeasuresItem = z.infer<typeof myMeasuresItem>;
