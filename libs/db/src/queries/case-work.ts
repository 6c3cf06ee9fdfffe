// The school's work in a case: the investigation record, the activity plan's versions and the
// evaluations. Every table is append-only (migration 0002): these functions insert and read,
// nothing here updates or deletes.
import { and, asc, desc, eq, gte, inArray } from 'drizzle-orm';
import {
  evaluationMeasures,
  evaluations,
  investigationAssessments,
  investigationConclusions,
  investigationStepPupils,
  investigationSteps,
  planMeasureResponsible,
  planMeasures,
  planParentProposals,
  planVersions,
} from '../schema';
import type { Db } from '../types';

export type InvestigationStep = typeof investigationSteps.$inferSelect;
export type InvestigationAssessment = typeof investigationAssessments.$inferSelect;
export type InvestigationConclusion = typeof investigationConclusions.$inferSelect;
export type PlanVersionRow = typeof planVersions.$inferSelect;
export type PlanMeasureRow = typeof planMeasures.$inferSelect;
export type PlanParentProposalRow = typeof planParentProposals.$inferSelect;
export type EvaluationRow = typeof evaluations.$inferSelect;
export type EvaluationMeasureRow = typeof evaluationMeasures.$inferSelect;

// ---- investigation ----

export interface NewInvestigationStep extends Omit<typeof investigationSteps.$inferInsert, 'id'> {
  /** Other pupils the step names (their ids; the parents' copy redacts them). */
  otherPupilIds?: readonly string[];
}

export interface InvestigationStepWithPupils extends InvestigationStep {
  otherPupilIds: string[];
}

export async function insertInvestigationStep(db: Db, step: NewInvestigationStep): Promise<InvestigationStepWithPupils> {
  const { otherPupilIds = [], ...values } = step;
  const [row] = await db.insert(investigationSteps).values(values).returning();
  if (!row) throw new Error('insertInvestigationStep: the insert returned no row');
  const ids = [...new Set(otherPupilIds)];
  if (ids.length > 0) await db.insert(investigationStepPupils).values(ids.map((pupilId) => ({ stepId: row.id, pupilId })));
  return { ...row, otherPupilIds: ids };
}

export async function insertInvestigationAssessment(
  db: Db,
  entry: Omit<typeof investigationAssessments.$inferInsert, 'id'>,
): Promise<InvestigationAssessment> {
  const [row] = await db.insert(investigationAssessments).values(entry).returning();
  if (!row) throw new Error('insertInvestigationAssessment: the insert returned no row');
  return row;
}

export async function insertInvestigationConclusion(
  db: Db,
  entry: Omit<typeof investigationConclusions.$inferInsert, 'id'>,
): Promise<InvestigationConclusion> {
  const [row] = await db.insert(investigationConclusions).values(entry).returning();
  if (!row) throw new Error('insertInvestigationConclusion: the insert returned no row');
  return row;
}

export interface InvestigationRecord {
  steps: InvestigationStepWithPupils[];
  /** Every assessment, oldest first (the latest of each kind is the current one). */
  assessments: InvestigationAssessment[];
  conclusions: InvestigationConclusion[];
}

export async function investigationOfCase(db: Db, caseId: string): Promise<InvestigationRecord> {
  const steps = await db
    .select()
    .from(investigationSteps)
    .where(eq(investigationSteps.caseId, caseId))
    .orderBy(asc(investigationSteps.at), asc(investigationSteps.recordedAt));
  const named = steps.length
    ? await db
        .select()
        .from(investigationStepPupils)
        .where(inArray(investigationStepPupils.stepId, steps.map((s) => s.id)))
    : [];
  const assessments = await db
    .select()
    .from(investigationAssessments)
    .where(eq(investigationAssessments.caseId, caseId))
    .orderBy(asc(investigationAssessments.recordedAt));
  const conclusions = await db
    .select()
    .from(investigationConclusions)
    .where(eq(investigationConclusions.caseId, caseId))
    .orderBy(asc(investigationConclusions.concludedAt));
  return {
    steps: steps.map((s) => ({ ...s, otherPupilIds: named.filter((n) => n.stepId === s.id).map((n) => n.pupilId) })),
    assessments,
    conclusions,
  };
}

/**
 * What the lifecycle needs from the record of the current investigation round (everything
 * recorded since `roundStartedAt`, the investigation's start — a reopened case starts a new
 * round, and the pupil is heard again): § 10-2 a conversation with the pupil, § 10-1 the
 * child's-best assessment.
 */
export async function investigationRoundFacts(
  db: Db,
  caseId: string,
  roundStartedAt: Date,
): Promise<{ pupilHeard: boolean; bestInterestAssessed: boolean }> {
  const [heard] = await db
    .select({ id: investigationSteps.id })
    .from(investigationSteps)
    .where(
      and(
        eq(investigationSteps.caseId, caseId),
        eq(investigationSteps.kind, 'conversation_with_pupil'),
        gte(investigationSteps.recordedAt, roundStartedAt),
      ),
    )
    .limit(1);
  const [assessed] = await db
    .select({ id: investigationAssessments.id })
    .from(investigationAssessments)
    .where(
      and(
        eq(investigationAssessments.caseId, caseId),
        eq(investigationAssessments.kind, 'best_interest'),
        gte(investigationAssessments.recordedAt, roundStartedAt),
      ),
    )
    .limit(1);
  return { pupilHeard: heard !== undefined, bestInterestAssessed: assessed !== undefined };
}

// ---- activity plan ----

export interface NewPlanMeasure {
  /** Stable across versions. */
  measureId: string;
  level: PlanMeasureRow['level'];
  description: string;
  startOn: string;
  endOn: string;
  evaluationOn: string;
  responsibleIds: readonly string[];
}

export interface NewPlanVersion {
  caseId: string;
  version: number;
  createdAt: Date;
  createdById: string;
  problem: string;
  pupilView?: string | null;
  parentsView?: string | null;
  measures: readonly NewPlanMeasure[];
  parentProposals: readonly { text: string; chosen: boolean; reasonNotChosen?: string | null }[];
}

export interface PlanMeasureWithResponsible extends PlanMeasureRow {
  responsibleIds: string[];
}

export interface PlanVersionWithParts extends PlanVersionRow {
  measures: PlanMeasureWithResponsible[];
  parentProposals: PlanParentProposalRow[];
}

/** Writes one version of a case's plan with its measures, responsible staff and proposals. */
export async function insertPlanVersion(db: Db, plan: NewPlanVersion): Promise<PlanVersionWithParts> {
  const [version] = await db
    .insert(planVersions)
    .values({
      caseId: plan.caseId,
      version: plan.version,
      createdAt: plan.createdAt,
      createdById: plan.createdById,
      problem: plan.problem,
      pupilView: plan.pupilView ?? null,
      parentsView: plan.parentsView ?? null,
    })
    .returning();
  if (!version) throw new Error('insertPlanVersion: the insert returned no row');
  const measures = plan.measures.length
    ? await db
        .insert(planMeasures)
        .values(
          plan.measures.map((m, position) => ({
            planVersionId: version.id,
            measureId: m.measureId,
            position,
            level: m.level,
            description: m.description,
            startOn: m.startOn,
            endOn: m.endOn,
            evaluationOn: m.evaluationOn,
          })),
        )
        .returning()
    : [];
  measures.sort((a, b) => a.position - b.position);
  const responsible = measures.flatMap((row) =>
    [...new Set(plan.measures[row.position]!.responsibleIds)].map((personId) => ({ planMeasureId: row.id, personId })),
  );
  if (responsible.length > 0) await db.insert(planMeasureResponsible).values(responsible);
  const proposals = plan.parentProposals.length
    ? await db
        .insert(planParentProposals)
        .values(
          plan.parentProposals.map((p, position) => ({
            planVersionId: version.id,
            position,
            text: p.text,
            chosen: p.chosen,
            reasonNotChosen: p.reasonNotChosen ?? null,
          })),
        )
        .returning()
    : [];
  proposals.sort((a, b) => a.position - b.position);
  return {
    ...version,
    measures: measures.map((m) => ({ ...m, responsibleIds: [...new Set(plan.measures[m.position]!.responsibleIds)] })),
    parentProposals: proposals,
  };
}

/** Every version of a case's plan, oldest first, each with its measures and proposals. */
export async function planVersionsOfCase(db: Db, caseId: string): Promise<PlanVersionWithParts[]> {
  const versions = await db.select().from(planVersions).where(eq(planVersions.caseId, caseId)).orderBy(asc(planVersions.version));
  if (versions.length === 0) return [];
  const ids = versions.map((v) => v.id);
  const measures = await db
    .select()
    .from(planMeasures)
    .where(inArray(planMeasures.planVersionId, ids))
    .orderBy(asc(planMeasures.position));
  const responsible = measures.length
    ? await db
        .select()
        .from(planMeasureResponsible)
        .where(inArray(planMeasureResponsible.planMeasureId, measures.map((m) => m.id)))
    : [];
  const proposals = await db
    .select()
    .from(planParentProposals)
    .where(inArray(planParentProposals.planVersionId, ids))
    .orderBy(asc(planParentProposals.position));
  return versions.map((v) => ({
    ...v,
    measures: measures
      .filter((m) => m.planVersionId === v.id)
      .map((m) => ({ ...m, responsibleIds: responsible.filter((r) => r.planMeasureId === m.id).map((r) => r.personId) })),
    parentProposals: proposals.filter((p) => p.planVersionId === v.id),
  }));
}

/** The newest version of a case's plan (without its parts), or null when there is no plan. */
export async function latestPlanVersion(db: Db, caseId: string): Promise<PlanVersionRow | null> {
  const [row] = await db
    .select()
    .from(planVersions)
    .where(eq(planVersions.caseId, caseId))
    .orderBy(desc(planVersions.version))
    .limit(1);
  return row ?? null;
}

/** Staff responsible for a measure in the newest plan version (they see their own part). */
export async function measureResponsibleIdsOfCase(db: Db, caseId: string): Promise<string[]> {
  const latest = await latestPlanVersion(db, caseId);
  if (!latest) return [];
  const rows = await db
    .selectDistinct({ personId: planMeasureResponsible.personId })
    .from(planMeasureResponsible)
    .innerJoin(planMeasures, eq(planMeasures.id, planMeasureResponsible.planMeasureId))
    .where(eq(planMeasures.planVersionId, latest.id));
  return rows.map((r) => r.personId);
}

// ---- evaluations ----

export interface NewEvaluation extends Omit<typeof evaluations.$inferInsert, 'id'> {
  measures: readonly Omit<typeof evaluationMeasures.$inferInsert, 'evaluationId'>[];
}

export interface EvaluationWithMeasures extends EvaluationRow {
  measures: EvaluationMeasureRow[];
}

export async function insertEvaluation(db: Db, evaluation: NewEvaluation): Promise<EvaluationWithMeasures> {
  const { measures, ...values } = evaluation;
  const [row] = await db.insert(evaluations).values(values).returning();
  if (!row) throw new Error('insertEvaluation: the insert returned no row');
  const parts = measures.length
    ? await db
        .insert(evaluationMeasures)
        .values(measures.map((m) => ({ ...m, evaluationId: row.id })))
        .returning()
    : [];
  return { ...row, measures: parts };
}

/** A case's evaluations, in the order they were held, each with its per-measure entries. */
export async function evaluationsOfCase(db: Db, caseId: string): Promise<EvaluationWithMeasures[]> {
  const rows = await db
    .select()
    .from(evaluations)
    .where(eq(evaluations.caseId, caseId))
    .orderBy(asc(evaluations.doneAt), asc(evaluations.recordedAt));
  if (rows.length === 0) return [];
  const parts = await db
    .select()
    .from(evaluationMeasures)
    .where(inArray(evaluationMeasures.evaluationId, rows.map((r) => r.id)));
  return rows.map((r) => ({ ...r, measures: parts.filter((p) => p.evaluationId === r.id) }));
}
