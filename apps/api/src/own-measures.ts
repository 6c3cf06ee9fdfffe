// A staff member's own part of a case as a measure owner (DOMAIN "People and roles": staff see
// "measures they are responsible for"; libs/domain's caseAccess says `own_part`). They get what
// carrying the measure out needs — what and how, level, period, the next evaluation date, and
// how their measure was carried out and what effect it had at each evaluation — and nothing
// else: no pupil name (initials and case number, as the emails do), no investigation, no other
// measures, no problem description, no pupil's or parents' views.
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  cases,
  deadlines,
  evaluationsOfCase,
  planMeasureResponsible,
  planMeasures,
  planVersions,
  planVersionsOfCase,
  type Db,
} from '@trygg/db';
import type { NextEvaluation, OwnMeasureView } from '@trygg/contracts';
import { evaluationDateOfKey } from './case-data';
import { iso } from './time';

/** The newest plan version of its case (a measure owner is who the current plan names). */
const isLatestVersion = sql`${planVersions.version} = (select max(pv.version) from plan_versions pv where pv.case_id = ${planVersions.caseId})`;

/**
 * Who carries out a measure of the current plan, per case, for the cases of these schools —
 * optionally only the cases where `personId` is one of them. One query for a whole list.
 */
export async function measureOwnersByCase(db: Db, schoolIds: readonly string[], personId?: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (schoolIds.length === 0) return out;
  const conds = [inArray(cases.schoolId, [...schoolIds]), isLatestVersion];
  if (personId !== undefined) {
    conds.push(
      sql`${planVersions.id} in (select m.plan_version_id from plan_measures m join plan_measure_responsible r on r.plan_measure_id = m.id where r.person_id = ${personId})`,
    );
  }
  const rows = await db
    .selectDistinct({ caseId: planVersions.caseId, personId: planMeasureResponsible.personId })
    .from(planMeasureResponsible)
    .innerJoin(planMeasures, eq(planMeasures.id, planMeasureResponsible.planMeasureId))
    .innerJoin(planVersions, eq(planVersions.id, planMeasures.planVersionId))
    .innerJoin(cases, eq(cases.id, planVersions.caseId))
    .where(and(...conds));
  for (const r of rows) out.set(r.caseId, [...(out.get(r.caseId) ?? []), r.personId]);
  return out;
}

/** The evaluation dates the case still waits for (open or missed deadlines), earliest first. */
async function waitingEvaluations(db: Db, caseId: string, now: Date): Promise<NextEvaluation[]> {
  const rows = await db
    .select({ key: deadlines.key, dueAt: deadlines.dueAt })
    .from(deadlines)
    .where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, 'evaluation'), eq(deadlines.state, 'open')));
  return rows
    .flatMap((d) => {
      const date = evaluationDateOfKey(d.key);
      return date ? [{ date, dueAt: iso(d.dueAt), overdue: d.dueAt.getTime() <= now.getTime() }] : [];
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The measures `personId` carries out in the case's current plan version, or null when they
 * carry out none. A measure's next evaluation is the earliest waiting date on or after its
 * start: an evaluation covers the measures under way by then (routes/evaluations.ts).
 */
export async function ownMeasuresOf(
  db: Db,
  kase: { id: string; status: string },
  personId: string,
  now: Date,
): Promise<OwnMeasureView[] | null> {
  const caseId = kase.id;
  const versions = await planVersionsOfCase(db, caseId);
  const current = versions.at(-1);
  const mine = current?.measures.filter((m) => m.responsibleIds.includes(personId)) ?? [];
  if (mine.length === 0) return null;
  // A closed case waits for no evaluation (a date missed before closing stays missed on the
  // case's own deadline list, which is the case leader's).
  const waiting = kase.status === 'closed' ? [] : await waitingEvaluations(db, caseId, now);
  // Evaluation entries point at a version's measure row; the stable measure id spans versions.
  const measureIdOfRow = new Map(versions.flatMap((v) => v.measures.map((m) => [m.id, m.measureId] as const)));
  const evaluations = await evaluationsOfCase(db, caseId);
  return mine.map((m) => ({
    id: m.measureId,
    level: m.level,
    description: m.description,
    start: m.startOn,
    end: m.endOn,
    nextEvaluation: waiting.find((w) => w.date >= m.startOn) ?? null,
    evaluations: evaluations.flatMap((e) =>
      e.measures
        .filter((entry) => measureIdOfRow.get(entry.planMeasureId) === m.measureId)
        .map((entry) => ({ plannedDate: e.plannedOn, doneAt: iso(e.doneAt), howCarriedOut: entry.howCarriedOut, effect: entry.effect })),
    ),
  }));
}

/** Earliest first; a measure with no evaluation waiting comes last. */
export function byNextEvaluation(a: NextEvaluation | null, b: NextEvaluation | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.date.localeCompare(b.date);
}
