import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { id, instant } from './columns';
import { evaluationDecisionEnum } from './enums';
import { people } from './people';
import { planMeasures, planVersions } from './plans';

// § 12-4 (3) fifth item, seeds/000: measures are evaluated on the planned dates, in two parts
// (how was each measure carried out since last time, what effect did it have for the pupil),
// with the pupil and the parents. Append-only (triggers, migration 0002).

export const evaluations = pgTable(
  'evaluations',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** The plan version in force when the evaluation was held. */
    planVersionId: uuid('plan_version_id')
      .notNull()
      .references(() => planVersions.id),
    /** The planned evaluation date this evaluation fulfils. */
    plannedOn: date('planned_on', { mode: 'string' }).notNull(),
    /** When the evaluation was held. */
    doneAt: instant('done_at').notNull(),
    /** § 10-2: the pupil's view. */
    pupilView: text('pupil_view').notNull(),
    parentsView: text('parents_view'),
    /** The school's assessment, with the pupil, that the pupil's situation is safe and good. */
    situationSafe: boolean('situation_safe').notNull(),
    decision: evaluationDecisionEnum('decision').notNull(),
    /** Every evaluation sets the next date unless the case closes. */
    nextEvaluationOn: date('next_evaluation_on', { mode: 'string' }),
    /** decision = adjust: the plan version made with it. */
    revisedPlanVersionId: uuid('revised_plan_version_id').references(() => planVersions.id),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => people.id),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [
    unique('evaluations_case_planned_unique').on(t.caseId, t.plannedOn),
    index('evaluations_case_done_idx').on(t.caseId, t.doneAt),
    check('evaluations_next_date', sql`(${t.decision} = 'close') = (${t.nextEvaluationOn} is null)`),
    check('evaluations_adjust_revises', sql`${t.decision} <> 'adjust' or ${t.revisedPlanVersionId} is not null`),
    check('evaluations_close_only_safe', sql`${t.decision} <> 'close' or ${t.situationSafe}`),
  ],
);

/** The two-part evaluation of one measure. */
export const evaluationMeasures = pgTable(
  'evaluation_measures',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id),
    /** The measure's row in the evaluated plan version. */
    planMeasureId: uuid('plan_measure_id')
      .notNull()
      .references(() => planMeasures.id),
    /** How it was carried out since last time. */
    howCarriedOut: text('how_carried_out').notNull(),
    /** What effect it had for the pupil. */
    effect: text('effect').notNull(),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.planMeasureId] })],
);
