import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant, updatedAt } from './columns';
import { caseStatusEnum, reportBasisEnum, reporterKindEnum } from './enums';
import { schools } from './organisation';
import { people } from './people';
import { pupils } from './pupils';

export const cases = pgTable(
  'cases',
  {
    id: id(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    pupilId: uuid('pupil_id')
      .notNull()
      .references(() => pupils.id),
    /** Human case number, unique per school: '2026-0042' (see nextCaseNumber). */
    number: text('number').notNull(),
    status: caseStatusEnum('status').notNull().default('reported'),
    /** The leader the principal delegated the case to; null = the principal leads it. */
    caseLeaderId: uuid('case_leader_id').references(() => people.id),
    serious: boolean('serious').notNull().default(false),
    seriousMarkedAt: instant('serious_marked_at'),
    /** § 12-5: an employee is suspected of violating the pupil. */
    concernsEmployee: boolean('concerns_employee').notNull().default(false),
    /** The accused never sees the case (§ 12-5). */
    accusedPersonId: uuid('accused_person_id').references(() => people.id),
    /** § 12-5 second sentence: the school's leadership does not see the case; the owner does. */
    accusedInLeadership: boolean('accused_in_leadership').notNull().default(false),
    /** § 12-6: the enforcement window counts from when the principal personally knew. */
    principalKnewAt: instant('principal_knew_at'),
    /** The instant the first report counts from (its as_of). */
    openedAt: instant('opened_at').notNull(),
    investigationStartedAt: instant('investigation_started_at'),
    investigationConcludedAt: instant('investigation_concluded_at'),
    /**
     * What the investigation of the current round concluded: were measures needed? null until
     * it concludes. No measures needed → no plan deadline (history: investigation_conclusions).
     */
    investigationMeasuresNeeded: boolean('investigation_measures_needed'),
    closedAt: instant('closed_at'),
    /** Denormalised min(due_at) of the case's open deadlines, for sorting lists. */
    nextDeadlineAt: instant('next_deadline_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('cases_school_number_unique').on(t.schoolId, t.number),
    index('cases_school_status_idx').on(t.schoolId, t.status),
    index('cases_school_next_deadline_idx').on(t.schoolId, t.nextDeadlineAt),
    index('cases_pupil_idx').on(t.pupilId),
    // The owner's weekly digest: cases reported this half-year, and closed this week, per school
    // (cases are kept for good, so a school's whole history must not be read for either).
    index('cases_school_opened_idx').on(t.schoolId, t.openedAt),
    index('cases_school_closed_idx')
      .on(t.schoolId, t.closedAt)
      .where(sql`${t.closedAt} is not null`),
    check('cases_serious_marked', sql`not ${t.serious} or ${t.seriousMarkedAt} is not null`),
    check('cases_accused_only_12_5', sql`${t.accusedPersonId} is null or ${t.concernsEmployee}`),
    check('cases_closed_has_closed_at', sql`${t.status} <> 'closed' or ${t.closedAt} is not null`),
  ],
);

/** Per school and year, the last case number handed out (allocated by nextCaseNumber). */
export const caseCounters = pgTable(
  'case_counters',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.year] })],
);

/** § 12-4 "melde frå": a staff member's report to the principal. No evidence required. */
export const reports = pgTable(
  'reports',
  {
    id: id(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    pupilId: uuid('pupil_id')
      .notNull()
      .references(() => pupils.id),
    /** Set when the principal registers the report into a (new or existing) case. */
    caseId: uuid('case_id').references(() => cases.id),
    filedById: uuid('filed_by_id')
      .notNull()
      .references(() => people.id),
    reporterKind: reporterKindEnum('reporter_kind').notNull(),
    basis: reportBasisEnum('basis').notNull(),
    category: text('category').notNull(),
    /** § 12-4 "gripe inn": did the reporter intervene, and how. */
    intervened: boolean('intervened').notNull(),
    intervention: text('intervention'),
    serious: boolean('serious').notNull().default(false),
    /** § 12-5: the report concerns an employee violating the pupil. */
    concernsEmployee: boolean('concerns_employee').notNull().default(false),
    accusedPersonId: uuid('accused_person_id').references(() => people.id),
    description: text('description').notNull(),
    /** When the form was submitted. */
    filedAt: instant('filed_at').notNull(),
    /** When it happened, if known. */
    occurredAt: instant('occurred_at'),
    /**
     * The instant the report's clocks count from: filed_at, or earlier when a report is
     * registered after the fact (its past reminder steps are then sent at once).
     */
    asOf: instant('as_of').notNull(),
    registeredAt: instant('registered_at'),
    registeredById: uuid('registered_by_id').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('reports_school_filed_idx').on(t.schoolId, t.filedAt),
    index('reports_case_idx').on(t.caseId),
    index('reports_filed_by_idx').on(t.filedById),
    check('reports_accused_only_12_5', sql`${t.accusedPersonId} is null or ${t.concernsEmployee}`),
    check('reports_as_of_not_after_filed', sql`${t.asOf} <= ${t.filedAt}`),
  ],
);

/**
 * Every transition, document and notification of a case, with who and when. Append-only:
 * a trigger (migration 0001) rejects UPDATE, DELETE and TRUNCATE.
 */
export const caseTimeline = pgTable(
  'case_timeline',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** When the event happened (may be earlier than recorded_at). */
    at: instant('at').notNull(),
    /** null = the system itself. */
    actorId: uuid('actor_id').references(() => people.id),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    recordedAt: instant('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('case_timeline_case_at_idx').on(t.caseId, t.at)],
);
