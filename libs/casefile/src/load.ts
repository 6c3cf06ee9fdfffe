// Reads everything a case holds into the case file, in time order. Read-only: call it inside a
// (repeatable-read) transaction for one consistent snapshot of the case.
import { and, asc, eq, inArray, isNotNull, ne, or } from 'drizzle-orm';
import {
  acknowledgements,
  caseExternalBodies,
  caseTimeline,
  cases,
  deadlines,
  evaluationMeasures,
  evaluations,
  investigationAssessments,
  investigationConclusions,
  investigationStepPupils,
  investigationSteps,
  notifications,
  people,
  planMeasureResponsible,
  planMeasures,
  planParentProposals,
  planVersions,
  pupilConversations,
  pupils,
  reports,
  roles,
  schoolOwners,
  schools,
  type Db,
} from '@trygg/db';
import { freeTexts } from './free-text';
import { namesMentioned } from './names';
import type { CaseFile, DeadlineFileState, PersonRef, PersonRole } from './types';

export class CaseNotFoundError extends Error {
  constructor(readonly caseId: string) {
    super(`No case ${caseId}`);
    this.name = 'CaseNotFoundError';
  }
}

export interface LoadCaseFileOptions {
  /** The instant the file is assembled at (deadline states and the completeness check read it). */
  now?: Date;
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const byTime = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** The order of timeline entries that happened at the same instant: cause before effect. */
const KIND_RANK: Readonly<Record<string, number>> = {
  report_filed: 0,
  acknowledged: 1,
  principal_knew: 2,
  delegated: 3,
  marked_serious: 4,
  owner_notice_sent: 5,
  owner_acknowledged: 6,
  investigation_started: 7,
  investigation_step_recorded: 8,
  investigation_findings_recorded: 9,
  best_interest_assessed: 10,
  investigation_concluded: 11,
  // An evaluation that adjusts the plan makes the new version.
  evaluation_recorded: 12,
  plan_created: 13,
  plan_revised: 13,
  delay_reason_recorded: 14,
  external_body_recorded: 14,
  closed: 15,
  reopened: 16,
};

/** Keys of timeline payloads that hold a person's id. */
const PERSON_PAYLOAD_KEYS = ['leaderId', 'performedById', 'personId'];

function deadlineState(d: { state: string; dueAt: Date; metAt: Date | null }, now: Date): DeadlineFileState {
  if (d.state === 'open') return d.dueAt.getTime() <= now.getTime() ? 'missed' : 'open';
  if (d.state === 'met') return d.metAt && d.metAt.getTime() > d.dueAt.getTime() ? 'met_late' : 'met';
  return 'cancelled';
}

export async function loadCaseFile(db: Db, caseId: string, options: LoadCaseFileOptions = {}): Promise<CaseFile> {
  const now = options.now ?? new Date();
  const [row] = await db
    .select({ kase: cases, school: schools, owner: schoolOwners, pupil: pupils })
    .from(cases)
    .innerJoin(schools, eq(schools.id, cases.schoolId))
    .innerJoin(schoolOwners, eq(schoolOwners.id, schools.ownerId))
    .innerJoin(pupils, eq(pupils.id, cases.pupilId))
    .where(eq(cases.id, caseId));
  if (!row) throw new CaseNotFoundError(caseId);
  const { kase, school, owner, pupil } = row;

  // One query per table, in one round of requests (a transaction runs them one after another).
  const [
    reportRows,
    timelineRows,
    stepRows,
    assessmentRows,
    conclusionRows,
    versionRows,
    evaluationRows,
    noticeRows,
    ackRows,
    deadlineRows,
    schoolPupils,
    conversationRows,
    externalRows,
  ] = await Promise.all([
    db.select().from(reports).where(eq(reports.caseId, caseId)).orderBy(asc(reports.asOf), asc(reports.filedAt)),
    db.select().from(caseTimeline).where(eq(caseTimeline.caseId, caseId)).orderBy(asc(caseTimeline.at), asc(caseTimeline.recordedAt)),
    db
      .select()
      .from(investigationSteps)
      .where(eq(investigationSteps.caseId, caseId))
      .orderBy(asc(investigationSteps.at), asc(investigationSteps.recordedAt)),
    db
      .select()
      .from(investigationAssessments)
      .where(eq(investigationAssessments.caseId, caseId))
      .orderBy(asc(investigationAssessments.recordedAt)),
    db
      .select()
      .from(investigationConclusions)
      .where(eq(investigationConclusions.caseId, caseId))
      .orderBy(asc(investigationConclusions.concludedAt), asc(investigationConclusions.recordedAt)),
    db.select().from(planVersions).where(eq(planVersions.caseId, caseId)).orderBy(asc(planVersions.version)),
    db.select().from(evaluations).where(eq(evaluations.caseId, caseId)).orderBy(asc(evaluations.doneAt), asc(evaluations.recordedAt)),
    db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, caseId), isNotNull(notifications.sentAt)))
      .orderBy(asc(notifications.sentAt), asc(notifications.createdAt)),
    db
      .select({ ack: acknowledgements })
      .from(acknowledgements)
      .innerJoin(notifications, eq(notifications.id, acknowledgements.notificationId))
      .where(eq(notifications.caseId, caseId))
      .orderBy(asc(acknowledgements.createdAt)),
    db.select().from(deadlines).where(eq(deadlines.caseId, caseId)).orderBy(asc(deadlines.dueAt), asc(deadlines.key)),
    db
      .select({ id: pupils.id, name: pupils.name })
      .from(pupils)
      .where(and(eq(pupils.schoolId, kase.schoolId), ne(pupils.id, kase.pupilId))),
    db.select().from(pupilConversations).where(eq(pupilConversations.pupilId, kase.pupilId)).orderBy(asc(pupilConversations.heldAt)),
    db
      .select()
      .from(caseExternalBodies)
      .where(eq(caseExternalBodies.caseId, caseId))
      .orderBy(asc(caseExternalBodies.contactedOn), asc(caseExternalBodies.createdAt), asc(caseExternalBodies.id)),
  ]);

  const stepIds = stepRows.map((s) => s.id);
  const versionIds = versionRows.map((v) => v.id);
  const evaluationIds = evaluationRows.map((e) => e.id);
  const [namedRows, measureRows, proposalRows, evaluationMeasureRows] = await Promise.all([
    stepIds.length
      ? db
          .select({ stepId: investigationStepPupils.stepId, pupilId: pupils.id, name: pupils.name })
          .from(investigationStepPupils)
          .innerJoin(pupils, eq(pupils.id, investigationStepPupils.pupilId))
          .where(inArray(investigationStepPupils.stepId, stepIds))
          .orderBy(asc(pupils.name))
      : [],
    versionIds.length
      ? db.select().from(planMeasures).where(inArray(planMeasures.planVersionId, versionIds)).orderBy(asc(planMeasures.position))
      : [],
    versionIds.length
      ? db
          .select()
          .from(planParentProposals)
          .where(inArray(planParentProposals.planVersionId, versionIds))
          .orderBy(asc(planParentProposals.position))
      : [],
    evaluationIds.length ? db.select().from(evaluationMeasures).where(inArray(evaluationMeasures.evaluationId, evaluationIds)) : [],
  ]);
  const measureIds = measureRows.map((m) => m.id);
  const responsibleRows = measureIds.length
    ? await db.select().from(planMeasureResponsible).where(inArray(planMeasureResponsible.planMeasureId, measureIds))
    : [];

  // ---- people: names, and their role at the case's school (or the owner's) ----
  const personIds = new Set<string>();
  const add = (id: string | null | undefined) => {
    if (id) personIds.add(id);
  };
  add(kase.accusedPersonId);
  add(kase.caseLeaderId);
  for (const r of reportRows) [r.filedById, r.registeredById].forEach(add);
  for (const t of timelineRows) {
    add(t.actorId);
    for (const key of PERSON_PAYLOAD_KEYS) {
      const value = t.payload[key];
      if (typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value)) add(value);
    }
  }
  for (const s of stepRows) [s.performedById, s.recordedById].forEach(add);
  for (const a of assessmentRows) add(a.recordedById);
  for (const c of conclusionRows) add(c.recordedById);
  for (const v of versionRows) add(v.createdById);
  for (const r of responsibleRows) add(r.personId);
  for (const e of evaluationRows) add(e.recordedById);
  for (const n of noticeRows) add(n.recipientId);
  for (const a of ackRows) add(a.ack.personId);
  for (const d of deadlineRows) add(d.delayReasonById);
  for (const c of conversationRows) add(c.heldById);
  for (const b of externalRows) add(b.recordedById);
  const ids = [...personIds];
  const [personRows, roleRows] = ids.length
    ? await Promise.all([
        db.select({ id: people.id, name: people.name, kind: people.kind }).from(people).where(inArray(people.id, ids)),
        db
          .select({ personId: roles.personId, role: roles.role })
          .from(roles)
          .where(and(inArray(roles.personId, ids), or(eq(roles.schoolId, kase.schoolId), eq(roles.ownerId, school.ownerId)))),
      ])
    : [[], []];
  const ROLE_ORDER: PersonRole[] = ['principal', 'leader', 'staff', 'owner'];
  const directory = new Map<string, PersonRef>();
  for (const p of personRows) {
    const held = roleRows.filter((r) => r.personId === p.id).map((r) => r.role as PersonRole);
    const role = ROLE_ORDER.find((r) => held.includes(r)) ?? (p.kind === 'owner_official' ? 'owner' : null);
    directory.set(p.id, { id: p.id, name: p.name, role });
  }
  const person = (id: string): PersonRef => directory.get(id) ?? { id, name: '(ukjent person)', role: null };
  const personOrNull = (id: string | null) => (id ? person(id) : null);

  const versionNumber = new Map(versionRows.map((v) => [v.id, v.version]));
  const measureById = new Map(measureRows.map((m) => [m.id, m]));

  const file: CaseFile = {
    assembledAt: iso(now),
    case: {
      id: kase.id,
      number: kase.number,
      status: kase.status,
      openedAt: iso(kase.openedAt),
      principalKnewAt: isoOrNull(kase.principalKnewAt),
      investigationStartedAt: isoOrNull(kase.investigationStartedAt),
      investigationConcludedAt: isoOrNull(kase.investigationConcludedAt),
      investigationMeasuresNeeded: kase.investigationMeasuresNeeded,
      closedAt: isoOrNull(kase.closedAt),
      serious: kase.serious,
      seriousMarkedAt: isoOrNull(kase.seriousMarkedAt),
      section12_5: kase.concernsEmployee,
      accusedInLeadership: kase.accusedInLeadership,
      accused: personOrNull(kase.accusedPersonId),
      caseLeader: personOrNull(kase.caseLeaderId),
      createdAt: iso(kase.createdAt),
    },
    school: { id: school.id, name: school.name },
    owner: { id: owner.id, name: owner.name },
    pupil: { id: pupil.id, name: pupil.name, initials: pupil.initials, birthYear: pupil.birthYear },
    reports: reportRows.map((r) => ({
      id: r.id,
      filedBy: person(r.filedById),
      reporterKind: r.reporterKind,
      basis: r.basis,
      category: r.category,
      description: r.description,
      intervened: r.intervened,
      intervention: r.intervention,
      serious: r.serious,
      concernsEmployee: r.concernsEmployee,
      filedAt: iso(r.filedAt),
      occurredAt: isoOrNull(r.occurredAt),
      asOf: iso(r.asOf),
      registeredAt: isoOrNull(r.registeredAt),
      registeredBy: personOrNull(r.registeredById),
      createdAt: iso(r.createdAt),
    })),
    timeline: timelineRows.map((t) => ({
      id: t.id,
      at: iso(t.at),
      recordedAt: iso(t.recordedAt),
      actor: personOrNull(t.actorId),
      kind: t.kind,
      payload: t.payload,
    })),
    investigation: {
      steps: stepRows.map((s) => ({
        id: s.id,
        kind: s.kind,
        at: iso(s.at),
        performedBy: person(s.performedById),
        summary: s.summary,
        concernsOtherPupils: s.concernsOtherPupils,
        otherPupils: namedRows.filter((n) => n.stepId === s.id).map((n) => ({ id: n.pupilId, name: n.name })),
        recordedBy: person(s.recordedById),
        recordedAt: iso(s.recordedAt),
      })),
      assessments: assessmentRows.map((a) => ({
        id: a.id,
        kind: a.kind,
        text: a.text,
        concernsOtherPupils: a.concernsOtherPupils,
        recordedBy: person(a.recordedById),
        recordedAt: iso(a.recordedAt),
      })),
      conclusions: conclusionRows.map((c) => ({
        id: c.id,
        measuresNeeded: c.measuresNeeded,
        reasoning: c.reasoning,
        concludedAt: iso(c.concludedAt),
        recordedBy: person(c.recordedById),
        recordedAt: iso(c.recordedAt),
      })),
    },
    plans: versionRows.map((v) => ({
      id: v.id,
      version: v.version,
      createdAt: iso(v.createdAt),
      createdBy: person(v.createdById),
      problem: v.problem,
      pupilView: v.pupilView,
      parentsView: v.parentsView,
      measures: measureRows
        .filter((m) => m.planVersionId === v.id)
        .map((m) => ({
          id: m.id,
          measureId: m.measureId,
          position: m.position,
          level: m.level,
          description: m.description,
          startOn: m.startOn,
          endOn: m.endOn,
          evaluationOn: m.evaluationOn,
          responsible: responsibleRows
            .filter((r) => r.planMeasureId === m.id)
            .map((r) => person(r.personId))
            .sort((a, b) => a.name.localeCompare(b.name, 'nb')),
        })),
      parentProposals: proposalRows
        .filter((p) => p.planVersionId === v.id)
        .map((p) => ({ id: p.id, position: p.position, text: p.text, chosen: p.chosen, reasonNotChosen: p.reasonNotChosen })),
    })),
    evaluations: evaluationRows.map((e) => ({
      id: e.id,
      planVersionId: e.planVersionId,
      planVersion: versionNumber.get(e.planVersionId) ?? null,
      plannedOn: e.plannedOn,
      doneAt: iso(e.doneAt),
      pupilView: e.pupilView,
      parentsView: e.parentsView,
      situationSafe: e.situationSafe,
      decision: e.decision,
      nextEvaluationOn: e.nextEvaluationOn,
      revisedPlanVersion: e.revisedPlanVersionId ? (versionNumber.get(e.revisedPlanVersionId) ?? null) : null,
      measures: evaluationMeasureRows
        .filter((m) => m.evaluationId === e.id)
        .map((m) => {
          const measure = measureById.get(m.planMeasureId);
          return {
            planMeasureId: m.planMeasureId,
            measureId: measure?.measureId ?? null,
            description: measure?.description ?? null,
            howCarriedOut: m.howCarriedOut,
            effect: m.effect,
            position: measure?.position ?? Number.MAX_SAFE_INTEGER,
          };
        })
        .sort((a, b) => a.position - b.position)
        .map(({ position: _position, ...m }) => m),
      recordedBy: person(e.recordedById),
      recordedAt: iso(e.recordedAt),
    })),
    pupilConversations: conversationRows.map((c) => ({
      id: c.id,
      termYear: c.termYear,
      termHalf: c.termHalf,
      heldAt: iso(c.heldAt),
      heldBy: person(c.heldById),
      answer: c.answer,
      note: c.note,
      filedThisCase: c.reportId !== null && reportRows.some((r) => r.id === c.reportId),
      createdAt: iso(c.createdAt),
    })),
    notices: noticeRows.map((n) => ({
      id: n.id,
      kind: n.kind,
      step: n.step,
      subjectKey: n.subjectKey,
      sentAt: iso(n.sentAt!),
      recipient: person(n.recipientId),
      createdAt: iso(n.createdAt),
    })),
    acknowledgements: ackRows.map(({ ack: a }) => ({
      id: a.id,
      notificationId: a.notificationId,
      subjectKey: a.subjectKey,
      person: person(a.personId),
      requestedAt: iso(a.createdAt),
      acknowledgedAt: isoOrNull(a.acknowledgedAt),
    })),
    deadlines: deadlineRows.map((d) => ({
      key: d.key,
      kind: d.kind,
      dueAt: iso(d.dueAt),
      state: deadlineState(d, now),
      metAt: isoOrNull(d.metAt),
      cancelledAt: isoOrNull(d.cancelledAt),
      delayReason: d.delayReason,
      delayReasonAt: isoOrNull(d.delayReasonAt),
      delayReasonBy: personOrNull(d.delayReasonById),
      createdAt: iso(d.createdAt),
    })),
    externalBodies: externalRows.map((b) => ({
      id: b.id,
      kind: b.kind,
      name: b.name,
      involvement: b.involvement,
      contactedOn: b.contactedOn,
      concernsOtherPupils: b.concernsOtherPupils,
      recordedBy: person(b.recordedById),
      recordedAt: iso(b.createdAt),
    })),
    people: [...directory.values()].sort((a, b) => a.name.localeCompare(b.name, 'nb')),
    otherPupils: [],
    redacted: false,
  };
  // Entries of one instant (one request writes several; the database's clock is the same for
  // a whole transaction) in the order one causes the other, then by id: the same file every time.
  file.timeline.sort(
    (a, b) =>
      byTime<typeof a>((t) => t.at)(a, b) ||
      byTime<typeof a>((t) => t.recordedAt)(a, b) ||
      (KIND_RANK[a.kind] ?? 50) - (KIND_RANK[b.kind] ?? 50) ||
      byTime<typeof a>((t) => t.id)(a, b),
  );

  // Other pupils: those an investigation step names, and any pupil of the school whose full
  // name appears in the case's free text (the parents' copy redacts both).
  const named = new Map(namedRows.map((n) => [n.pupilId, n.name]));
  const mentioned = namesMentioned(
    schoolPupils.map((p) => p.name),
    freeTexts(file).map((t) => t.value),
  );
  file.otherPupils = schoolPupils
    .filter((p) => named.has(p.id) || mentioned.has(p.name))
    .map((p) => ({ id: p.id, name: p.name, namedInInvestigation: named.has(p.id), mentionedInText: mentioned.has(p.name) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  // A named pupil of another school (should not happen; the API refuses it) is still redacted.
  for (const [id, name] of named) {
    if (!file.otherPupils.some((p) => p.id === id)) {
      file.otherPupils.push({ id, name, namedInInvestigation: true, mentionedInText: false });
    }
  }
  return file;
}
