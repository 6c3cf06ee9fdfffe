import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { id, instant } from './columns';
import { measureLevelEnum } from './enums';
import { people } from './people';

// § 12-4 (3): the activity plan (aktivitetsplan). Plans are revised, never overwritten: every
// change is a new version with its own timestamp ("it must be clear when each document was
// made", seeds/002). All tables here are append-only (triggers, migration 0002).

export const planVersions = pgTable(
  'plan_versions',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** 1 for the first plan, +1 per revision. */
    version: integer('version').notNull(),
    /** When this version was made (the application's clock, not the database's). */
    createdAt: instant('created_at').notNull(),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => people.id),
    /** (a) the problem the measures shall solve. */
    problem: text('problem').notNull(),
    /** § 10-2: the pupil's own view of the measures. */
    pupilView: text('pupil_view'),
    parentsView: text('parents_view'),
  },
  (t) => [
    unique('plan_versions_case_version_unique').on(t.caseId, t.version),
    check('plan_versions_version_positive', sql`${t.version} > 0`),
  ],
);

/**
 * (b)–(e): each measure of a version. `measure_id` is stable across versions (a revision
 * carries a measure over); `id` is this version's row.
 */
export const planMeasures = pgTable(
  'plan_measures',
  {
    id: id(),
    planVersionId: uuid('plan_version_id')
      .notNull()
      .references(() => planVersions.id),
    measureId: uuid('measure_id').notNull(),
    /** Order in the plan (0-based, as the form listed them). */
    position: integer('position').notNull(),
    level: measureLevelEnum('level').notNull(),
    /** What is done, and how. */
    description: text('description').notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }).notNull(),
    evaluationOn: date('evaluation_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    unique('plan_measures_version_measure_unique').on(t.planVersionId, t.measureId),
    unique('plan_measures_version_position_unique').on(t.planVersionId, t.position),
    index('plan_measures_measure_idx').on(t.measureId),
    check('plan_measures_period', sql`${t.endOn} >= ${t.startOn}`),
    check('plan_measures_evaluation_after_start', sql`${t.evaluationOn} >= ${t.startOn}`),
  ],
);

/** (d) who carries the measure out: staff of the school, never a pupil or a parent. */
export const planMeasureResponsible = pgTable(
  'plan_measure_responsible',
  {
    planMeasureId: uuid('plan_measure_id')
      .notNull()
      .references(() => planMeasures.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.planMeasureId, t.personId] }), index('plan_measure_responsible_person_idx').on(t.personId)],
);

/** Measures the parents proposed, and why the school did not choose one (seeds/001). */
export const planParentProposals = pgTable(
  'plan_parent_proposals',
  {
    id: id(),
    planVersionId: uuid('plan_version_id')
      .notNull()
      .references(() => planVersions.id),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    chosen: boolean('chosen').notNull(),
    reasonNotChosen: text('reason_not_chosen'),
  },
  (t) => [
    unique('plan_parent_proposals_version_position_unique').on(t.planVersionId, t.position),
    check('plan_parent_proposals_reason', sql`${t.chosen} or ${t.reasonNotChosen} is not null`),
  ],
);
