// Reading a case: the facts routing needs (who may see it), the lifecycle state, and the views
// the API answers with.
import { and, asc, eq, inArray, isNotNull, min } from 'drizzle-orm';
import {
  caseTimeline,
  cases,
  deadlines,
  latestPlanVersion,
  measureResponsibleIdsOfCase,
  notifications,
  people,
  planMeasures,
  pupils,
  reports,
  roles,
  schools,
  type Db,
} from '@trygg/db';
import { availableActions, type CaseAccessFacts, type CaseState } from '@trygg/domain';
import type { FullCaseView } from '@trygg/contracts';
import { iso, isoOrNull } from './time';

export type CaseRow = typeof cases.$inferSelect;
export type DeadlineRow = typeof deadlines.$inferSelect;

/**
 * Whether the school owner has been told about the case: a ledger row about it was sent to
 * an official of the school's owner (a serious/§ 12-5 notice or an escalation).
 */
async function ownerWasNotified(db: Db, row: CaseRow): Promise<boolean> {
  const [told] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .innerJoin(roles, and(eq(roles.personId, notifications.recipientId), eq(roles.role, 'owner')))
    .innerJoin(schools, and(eq(schools.id, row.schoolId), eq(schools.ownerId, roles.ownerId)))
    .where(and(eq(notifications.caseId, row.id), isNotNull(notifications.sentAt)))
    .limit(1);
  return told !== undefined;
}

export async function accessFactsOf(db: Db, row: CaseRow): Promise<CaseAccessFacts> {
  const reporters = await db.select({ id: reports.filedById }).from(reports).where(eq(reports.caseId, row.id));
  return {
    schoolId: row.schoolId,
    section12_5: row.concernsEmployee,
    serious: row.serious,
    ...(row.accusedPersonId ? { accusedPersonId: row.accusedPersonId } : {}),
    accusedInLeadership: row.accusedInLeadership,
    reporterIds: [...new Set(reporters.map((r) => r.id))],
    // Staff carrying out a measure of the current plan see their own part of the case.
    measureResponsibleIds: await measureResponsibleIdsOfCase(db, row.id),
    delegatedLeaderIds: row.caseLeaderId ? [row.caseLeaderId] : [],
    ownerNotified: await ownerWasNotified(db, row),
  };
}

/** When the principal registered the report(s): the first registration counts. */
export async function acknowledgedAtOf(db: Db, caseId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(reports.registeredAt) })
    .from(reports)
    .where(and(eq(reports.caseId, caseId), isNotNull(reports.registeredAt)));
  return row?.at ?? null;
}

/** Whether a version of the activity plan exists (it survives closing, so a reopen knows). */
export async function hasPlanOf(db: Db, caseId: string): Promise<boolean> {
  return (await latestPlanVersion(db, caseId)) !== null;
}

export function stateOf(row: CaseRow, acknowledgedAt: Date | null, hasPlan: boolean): CaseState {
  return {
    status: row.status,
    acknowledged: acknowledgedAt !== null,
    investigationConcluded: row.investigationConcludedAt !== null,
    hasPlan,
    serious: row.serious,
  };
}

export type DeadlineViewState = 'open' | 'missed' | 'met' | 'met_late' | 'cancelled';

/** The database keeps open/met/cancelled; missed and met-late are read against the clock. */
export function deadlineState(d: DeadlineRow, now: Date): DeadlineViewState {
  if (d.state === 'open') return d.dueAt.getTime() <= now.getTime() ? 'missed' : 'open';
  if (d.state === 'met') return d.metAt && d.metAt.getTime() > d.dueAt.getTime() ? 'met_late' : 'met';
  return 'cancelled';
}

/** Keys of evaluation deadlines end in `evaluation-YYYY-MM-DD` (libs/domain computeCaseDeadlines). */
export const evaluationDateOfKey = (key: string): string | undefined => /evaluation-(\d{4}-\d{2}-\d{2})$/.exec(key)?.[1];

/**
 * § 12-4 (3) fifth item: the evaluation dates the case waits for (open or missed), earliest
 * first, each with the current plan's measures planned to be evaluated that day.
 */
async function plannedEvaluationsOf(db: Db, row: CaseRow, deadlineRows: readonly DeadlineRow[], now: Date): Promise<FullCaseView['plannedEvaluations']> {
  // A closed case waits for nothing; a date it missed stays missed in its deadlines.
  if (row.status === 'closed') return [];
  const latest = await latestPlanVersion(db, row.id);
  const measures = latest
    ? await db
        .select({ measureId: planMeasures.measureId, evaluationOn: planMeasures.evaluationOn })
        .from(planMeasures)
        .where(eq(planMeasures.planVersionId, latest.id))
        .orderBy(asc(planMeasures.position))
    : [];
  return deadlineRows
    .filter((d) => d.kind === 'evaluation')
    .flatMap((d) => {
      const state = deadlineState(d, now);
      const date = evaluationDateOfKey(d.key);
      if (date === undefined || (state !== 'open' && state !== 'missed')) return [];
      const measureIds = measures.filter((m) => m.evaluationOn === date).map((m) => m.measureId);
      return [{ date, dueAt: iso(d.dueAt), state, measureIds }];
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

export async function fullCaseView(db: Db, row: CaseRow, now: Date): Promise<FullCaseView> {
  const [school] = await db.select({ id: schools.id, name: schools.name }).from(schools).where(eq(schools.id, row.schoolId));
  const [pupil] = await db
    .select({ id: pupils.id, name: pupils.name, initials: pupils.initials })
    .from(pupils)
    .where(eq(pupils.id, row.pupilId));
  const personIds = [row.accusedPersonId, row.caseLeaderId].filter((id): id is string => id !== null);
  const named = personIds.length
    ? await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, personIds))
    : [];
  const person = (id: string | null) => (id ? (named.find((p) => p.id === id) ?? { id, name: '' }) : null);

  const reportRows = await db
    .select({ report: reports, filerName: people.name })
    .from(reports)
    .innerJoin(people, eq(people.id, reports.filedById))
    .where(eq(reports.caseId, row.id))
    .orderBy(asc(reports.asOf));
  const deadlineRows = await db.select().from(deadlines).where(eq(deadlines.caseId, row.id)).orderBy(asc(deadlines.dueAt));
  const timelineRows = await db
    .select({ entry: caseTimeline, actorName: people.name })
    .from(caseTimeline)
    .leftJoin(people, eq(people.id, caseTimeline.actorId))
    .where(eq(caseTimeline.caseId, row.id))
    .orderBy(asc(caseTimeline.at), asc(caseTimeline.recordedAt));

  const registered = reportRows.map((r) => r.report.registeredAt).filter((d): d is Date => d !== null);
  const acknowledgedAt = registered.length ? new Date(Math.min(...registered.map((d) => d.getTime()))) : null;
  const enforcement = deadlineRows.find((d) => d.kind === 'enforcement_window');

  return {
    access: 'case',
    id: row.id,
    number: row.number,
    status: row.status,
    school: school ?? { id: row.schoolId, name: '' },
    pupil: pupil ?? { id: row.pupilId, name: '', initials: '' },
    serious: row.serious,
    seriousMarkedAt: isoOrNull(row.seriousMarkedAt),
    section125: row.concernsEmployee,
    accusedInLeadership: row.accusedInLeadership,
    accused: person(row.accusedPersonId),
    caseLeader: person(row.caseLeaderId),
    openedAt: iso(row.openedAt),
    acknowledgedAt: isoOrNull(acknowledgedAt),
    principalKnewAt: isoOrNull(row.principalKnewAt),
    enforcementWindowOpensAt: isoOrNull(enforcement?.dueAt),
    investigationStartedAt: isoOrNull(row.investigationStartedAt),
    investigationConcludedAt: isoOrNull(row.investigationConcludedAt),
    closedAt: isoOrNull(row.closedAt),
    nextDeadlineAt: isoOrNull(row.nextDeadlineAt),
    availableActions: availableActions(stateOf(row, acknowledgedAt, await hasPlanOf(db, row.id))),
    reports: reportRows.map(({ report: r, filerName }) => ({
      id: r.id,
      filedBy: { id: r.filedById, name: filerName },
      reporterKind: r.reporterKind,
      filedAt: iso(r.filedAt),
      asOf: iso(r.asOf),
      occurredAt: isoOrNull(r.occurredAt),
      basis: r.basis,
      category: r.category,
      description: r.description,
      intervened: r.intervened,
      intervention: r.intervention,
      serious: r.serious,
      concernsEmployee: r.concernsEmployee,
      registeredAt: isoOrNull(r.registeredAt),
    })),
    deadlines: deadlineRows.map((d) => ({
      key: d.key,
      kind: d.kind,
      dueAt: iso(d.dueAt),
      state: deadlineState(d, now),
      metAt: isoOrNull(d.metAt),
      delayReason: d.delayReason,
    })),
    plannedEvaluations: await plannedEvaluationsOf(db, row, deadlineRows, now),
    timeline: timelineRows.map(({ entry: t, actorName }) => ({
      id: t.id,
      at: iso(t.at),
      kind: t.kind,
      actor: t.actorId ? { id: t.actorId, name: actorName ?? '' } : null,
      payload: t.payload,
    })),
  };
}

export async function getCaseRow(db: Db, caseId: string, forUpdate = false): Promise<CaseRow | null> {
  const query = db.select().from(cases).where(eq(cases.id, caseId));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}
