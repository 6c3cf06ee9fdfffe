import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { id, instant } from './columns';
import { investigationAssessmentKindEnum, investigationStepKindEnum } from './enums';
import { people } from './people';
import { pupils } from './pupils';

// § 12-4 "undersøkje", § 10-1 (the child's best) and § 10-2 (the pupil is heard). Every table
// here is append-only (triggers, migration 0002): the case file must show what was known and
// when; a correction is a new row.

/**
 * One thing the school did to investigate: a conversation with the pupil, other pupils or the
 * parents, an observation, a survey, a sociogram. `recorded_at` comes from the application's
 * clock: it decides which investigation round the step belongs to (a reopened case is
 * investigated anew and the pupil heard again).
 */
export const investigationSteps = pgTable(
  'investigation_steps',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: investigationStepKindEnum('kind').notNull(),
    /** When it happened. */
    at: instant('at').notNull(),
    /** The staff member who did it. */
    performedById: uuid('performed_by_id')
      .notNull()
      .references(() => people.id),
    summary: text('summary').notNull(),
    /**
     * The summary holds information about other pupils: the parents' copy of the case file
     * leaves it out (taushetsplikt; seeds/001: no sensitive information about other pupils).
     */
    concernsOtherPupils: boolean('concerns_other_pupils').notNull().default(false),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => people.id),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [
    index('investigation_steps_case_idx').on(t.caseId, t.at),
    // A conversation with other pupils is always about other pupils.
    check('investigation_steps_other_pupils_flagged', sql`${t.kind} <> 'other_pupils' or ${t.concernsOtherPupils}`),
  ],
);

/** The other pupils a step names (redacted in the parents' copy). */
export const investigationStepPupils = pgTable(
  'investigation_step_pupils',
  {
    stepId: uuid('step_id')
      .notNull()
      .references(() => investigationSteps.id),
    pupilId: uuid('pupil_id')
      .notNull()
      .references(() => pupils.id),
  },
  (t) => [primaryKey({ columns: [t.stepId, t.pupilId] }), index('investigation_step_pupils_pupil_idx').on(t.pupilId)],
);

/**
 * The findings of the investigation and the child's-best assessment (§ 10-1). Written again
 * as the picture changes: the latest of each kind in the current round counts, the earlier
 * ones stay in the case file.
 */
export const investigationAssessments = pgTable(
  'investigation_assessments',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: investigationAssessmentKindEnum('kind').notNull(),
    text: text('text').notNull(),
    concernsOtherPupils: boolean('concerns_other_pupils').notNull().default(false),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => people.id),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [index('investigation_assessments_case_idx').on(t.caseId, t.kind, t.recordedAt)],
);

/** Each investigation round's conclusion: were measures needed, and why. */
export const investigationConclusions = pgTable(
  'investigation_conclusions',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    measuresNeeded: boolean('measures_needed').notNull(),
    reasoning: text('reasoning').notNull(),
    concludedAt: instant('concluded_at').notNull(),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => people.id),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [index('investigation_conclusions_case_idx').on(t.caseId, t.concludedAt)],
);
