// Reading the school's work in a case (investigation, plan versions, evaluations) into the
// API's views, and the person lookups the rules need.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import {
  evaluationsOfCase,
  investigationOfCase,
  investigationRoundFacts,
  people,
  planVersionsOfCase,
  pupils,
  roles,
  type Db,
  type EvaluationWithMeasures,
  type PlanVersionWithParts,
} from '@trygg/db';
import type { PersonInfo } from '@trygg/domain';
import type { EvaluationView, InvestigationView, PlanVersionView } from '@trygg/contracts';
import type { CaseRow } from './case-data';
import { iso } from './time';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

type Names = Map<string, string>;

async function namesOf(db: Db, ids: Iterable<string>): Promise<Names> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

const personOf = (names: Names, id: string) => ({ id, name: names.get(id) ?? '' });

/**
 * Who a person id is, for § 12-4 (3) d ("kven som skal gjennomføre tiltaka"): staff of which
 * schools (a staff, leader or principal role there; a deactivated person works nowhere), a
 * pupil, or nobody we know. Parents are not stored in v1: an id we do not know is refused.
 */
export async function personLookup(db: Db, ids: readonly unknown[]): Promise<(personId: string) => PersonInfo | undefined> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  const known = new Map<string, PersonInfo>();
  if (wanted.length > 0) {
    const found = await db.select({ id: people.id, deactivatedAt: people.deactivatedAt }).from(people).where(inArray(people.id, wanted));
    const held = await db
      .select({ personId: roles.personId, schoolId: roles.schoolId })
      .from(roles)
      .where(and(inArray(roles.personId, wanted), inArray(roles.role, ['staff', 'leader', 'principal'])));
    for (const p of found) {
      const schoolIds = p.deactivatedAt ? [] : held.filter((r) => r.personId === p.id && r.schoolId).map((r) => r.schoolId as string);
      known.set(p.id, { kind: 'staff', schoolIds });
    }
    const pupilRows = await db.select({ id: pupils.id, schoolId: pupils.schoolId }).from(pupils).where(inArray(pupils.id, wanted));
    for (const p of pupilRows) known.set(p.id, { kind: 'pupil', schoolIds: [p.schoolId] });
  }
  return (personId) => (isUuid(personId) ? known.get(personId.toLowerCase()) : undefined);
}

/** Staff (staff, leader or principal role) of the school, and not deactivated. */
export async function isStaffAt(db: Db, personId: string, schoolId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: roles.id })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .where(
      and(
        eq(roles.personId, personId),
        eq(roles.schoolId, schoolId),
        inArray(roles.role, ['staff', 'leader', 'principal']),
        isNull(people.deactivatedAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}

// ---- investigation ----

export async function investigationView(db: Db, row: CaseRow): Promise<InvestigationView> {
  const record = await investigationOfCase(db, row.id);
  const round = await investigationRoundFacts(db, row.id, row.investigationStartedAt ?? row.openedAt);
  const names = await namesOf(db, [
    ...record.steps.flatMap((s) => [s.performedById, s.recordedById]),
    ...record.assessments.map((a) => a.recordedById),
    ...record.conclusions.map((c) => c.recordedById),
  ]);
  const pupilIds = [...new Set(record.steps.flatMap((s) => s.otherPupilIds))];
  const named = pupilIds.length
    ? await db.select({ id: pupils.id, name: pupils.name, initials: pupils.initials }).from(pupils).where(inArray(pupils.id, pupilIds))
    : [];
  const text = (kind: 'findings' | 'best_interest') =>
    record.assessments
      .filter((a) => a.kind === kind)
      .map((a) => ({
        id: a.id,
        text: a.text,
        concernsOtherPupils: a.concernsOtherPupils,
        recordedBy: personOf(names, a.recordedById),
        recordedAt: iso(a.recordedAt),
      }));
  return {
    steps: record.steps.map((s) => ({
      id: s.id,
      kind: s.kind,
      at: iso(s.at),
      performedBy: personOf(names, s.performedById),
      summary: s.summary,
      concernsOtherPupils: s.concernsOtherPupils,
      otherPupils: s.otherPupilIds.map((id) => named.find((p) => p.id === id) ?? { id, name: '', initials: '' }),
      recordedBy: personOf(names, s.recordedById),
      recordedAt: iso(s.recordedAt),
    })),
    findings: text('findings'),
    bestInterest: text('best_interest'),
    conclusions: record.conclusions.map((c) => ({
      id: c.id,
      measuresNeeded: c.measuresNeeded,
      reasoning: c.reasoning,
      concludedAt: iso(c.concludedAt),
      recordedBy: personOf(names, c.recordedById),
    })),
    pupilHeard: round.pupilHeard,
    bestInterestAssessed: round.bestInterestAssessed,
  };
}

// ---- plans ----

function planView(v: PlanVersionWithParts, names: Names, onlyFor?: string): PlanVersionView {
  const measures = onlyFor === undefined ? v.measures : v.measures.filter((m) => m.responsibleIds.includes(onlyFor));
  return {
    id: v.id,
    version: v.version,
    createdAt: iso(v.createdAt),
    createdBy: personOf(names, v.createdById),
    // A measure owner sees what they carry out, not the case's description or the family's views.
    problem: onlyFor === undefined ? v.problem : null,
    pupilView: onlyFor === undefined ? v.pupilView : null,
    parentsView: onlyFor === undefined ? v.parentsView : null,
    measures: measures.map((m) => ({
      id: m.measureId,
      level: m.level,
      description: m.description,
      start: m.startOn,
      end: m.endOn,
      evaluationDate: m.evaluationOn,
      responsible: m.responsibleIds.map((id) => personOf(names, id)),
    })),
    parentProposals:
      onlyFor === undefined ? v.parentProposals.map((p) => ({ text: p.text, chosen: p.chosen, reasonNotChosen: p.reasonNotChosen })) : [],
  };
}

const peopleOfPlans = (versions: readonly PlanVersionWithParts[]) =>
  versions.flatMap((v) => [v.createdById, ...v.measures.flatMap((m) => m.responsibleIds)]);

export async function planViews(db: Db, versions: readonly PlanVersionWithParts[], onlyFor?: string): Promise<PlanVersionView[]> {
  const names = await namesOf(db, peopleOfPlans(versions));
  return versions
    .map((v) => planView(v, names, onlyFor))
    .filter((v) => onlyFor === undefined || v.measures.length > 0);
}

export async function planViewsOfCase(db: Db, caseId: string, onlyFor?: string): Promise<PlanVersionView[]> {
  return planViews(db, await planVersionsOfCase(db, caseId), onlyFor);
}

// ---- evaluations ----

function evaluationView(e: EvaluationWithMeasures, versions: readonly PlanVersionWithParts[], names: Names): EvaluationView {
  const evaluated = versions.find((v) => v.id === e.planVersionId);
  const revised = e.revisedPlanVersionId ? versions.find((v) => v.id === e.revisedPlanVersionId) : undefined;
  return {
    id: e.id,
    planVersion: evaluated?.version ?? 0,
    plannedDate: e.plannedOn,
    doneAt: iso(e.doneAt),
    recordedBy: personOf(names, e.recordedById),
    recordedAt: iso(e.recordedAt),
    pupilView: e.pupilView,
    parentsView: e.parentsView,
    situationSafe: e.situationSafe,
    decision: e.decision,
    nextEvaluationOn: e.nextEvaluationOn,
    revisedPlanVersion: revised?.version ?? null,
    measures: (evaluated?.measures ?? [])
      .map((m) => ({ m, entry: e.measures.find((x) => x.planMeasureId === m.id) }))
      .filter((x) => x.entry !== undefined)
      .map(({ m, entry }) => ({ measureId: m.measureId, description: m.description, howCarriedOut: entry!.howCarriedOut, effect: entry!.effect })),
  };
}

export async function evaluationViewsOfCase(db: Db, caseId: string, only?: string): Promise<EvaluationView[]> {
  const versions = await planVersionsOfCase(db, caseId);
  const rows = (await evaluationsOfCase(db, caseId)).filter((e) => only === undefined || e.id === only);
  const names = await namesOf(db, rows.map((e) => e.recordedById));
  return rows.map((e) => evaluationView(e, versions, names));
}
