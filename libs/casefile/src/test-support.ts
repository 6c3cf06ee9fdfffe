// Test and benchmark support: a case with rich content written straight into the database (as
// the API writes it), on the school @trygg/testing seeds. Not exported from the library.
import { randomUUID } from 'node:crypto';
import {
  acknowledgements,
  caseTimeline,
  cases,
  deadlines,
  insertEvaluation,
  insertExternalBody,
  insertInvestigationAssessment,
  insertInvestigationConclusion,
  insertInvestigationStep,
  insertPlanVersion,
  notifications,
  pupilConversations,
  pupils,
  reports,
  type Db,
  type NewTimelineEntry,
} from '@trygg/db';
import { localDateTimeToInstant } from '@trygg/domain';
import type { SeededSchool } from '@trygg/testing';

/** Oslo wall-clock 'YYYY-MM-DDTHH:MM' → Date. */
export const oslo = (local: string) => new Date(localDateTimeToInstant(local).epochMilliseconds);

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export interface RichCaseOptions {
  /** Plan versions (each after an evaluation that adjusts the one before). Default 2. */
  planVersions?: number;
  /** Extra timeline entries beyond those the case's actions write, to reach a total. */
  timelineEntries?: number;
  /** Case number. Default '2026-0007'. */
  number?: string;
}

export interface RichCase {
  caseId: string;
  number: string;
  /** The plan versions' creation instants, oldest first. */
  planCreatedAt: Date[];
  /** The second other pupil of the school, mentioned by full name in a free text only. */
  mentionedPupilName: string;
}

export const SCRIPT_DESCRIPTION = 'Eleven ble kalt <script>alert("x")</script> & «stygge ting» i garderoben – æøå ÆØÅ.';

/**
 * Nora Nilsen's case at the seeded school: a report (with markup in its text), an investigation
 * that talks to her and to Emil Berg (named, marked as about other pupils), findings that name
 * "Emil" and "Sara Holm" in free text, the child's-best assessment, a conclusion, `planVersions`
 * plan versions with evaluations between them, deadlines (the start was late and has no written
 * reason), notices sent to the principal and the owner, and the owner's acknowledgement.
 */
export async function seedRichCase(db: Db, s: SeededSchool, options: RichCaseOptions = {}): Promise<RichCase> {
  const versions = options.planVersions ?? 2;
  const number = options.number ?? '2026-0007';
  await db.insert(pupils).values({ schoolId: s.schoolId, name: 'Sara Holm', initials: 'SH', birthYear: 2015 });

  // § 12-4 følgje med: her spring conversation, before the case.
  await db.insert(pupilConversations).values({
    schoolId: s.schoolId,
    pupilId: s.pupil,
    termYear: 2026,
    termHalf: 'spring',
    heldAt: oslo('2026-03-10T10:00'),
    heldById: s.teacher,
    answer: 'unsure',
    note: 'Nora er usikker; nevner at Emil Berg erter henne.',
    createdAt: oslo('2026-03-10T10:05'),
  });

  const reportedAt = oslo('2026-04-13T09:00');
  const [kase] = await db
    .insert(cases)
    .values({
      schoolId: s.schoolId,
      pupilId: s.pupil,
      number,
      status: 'measures',
      caseLeaderId: s.leader,
      principalKnewAt: oslo('2026-04-13T11:00'),
      openedAt: reportedAt,
      investigationStartedAt: oslo('2026-04-16T10:00'),
      investigationConcludedAt: oslo('2026-04-22T14:00'),
      investigationMeasuresNeeded: true,
    })
    .returning({ id: cases.id });
  const caseId = kase!.id;
  const timeline: NewTimelineEntry[] = [];
  const event = (local: string, actorId: string | null, kind: string, payload: Record<string, unknown> = {}) =>
    timeline.push({ caseId, at: oslo(local), actorId, kind, payload });

  const [report] = await db
    .insert(reports)
    .values({
      schoolId: s.schoolId,
      pupilId: s.pupil,
      caseId,
      filedById: s.teacher,
      reporterKind: 'staff',
      basis: 'knowledge',
      category: 'bullying',
      intervened: true,
      intervention: 'Stoppet det og snakket med Emil Berg og Nora.',
      description: SCRIPT_DESCRIPTION,
      filedAt: reportedAt,
      asOf: reportedAt,
      registeredAt: oslo('2026-04-13T11:00'),
      registeredById: s.principal,
      createdAt: reportedAt,
    })
    .returning({ id: reports.id });
  event('2026-04-13T09:00', s.teacher, 'report_filed', { reportId: report!.id, basis: 'knowledge', category: 'bullying', intervened: true });
  event('2026-04-13T11:00', s.principal, 'acknowledged');
  event('2026-04-13T11:00', s.principal, 'principal_knew');
  event('2026-04-13T11:05', s.principal, 'delegated', { leaderId: s.leader });
  event('2026-04-16T10:00', s.leader, 'investigation_started');

  const step = async (kind: 'conversation_with_pupil' | 'other_pupils' | 'observation', local: string, summary: string, otherPupilIds: string[] = []) => {
    const row = await insertInvestigationStep(db, {
      caseId,
      kind,
      at: oslo(local),
      performedById: s.teacher,
      summary,
      concernsOtherPupils: kind === 'other_pupils' || otherPupilIds.length > 0,
      otherPupilIds,
      recordedById: s.leader,
      recordedAt: oslo(local),
    });
    event(local, s.leader, 'investigation_step_recorded', { stepId: row.id, stepKind: kind, performedById: s.teacher });
  };
  await step('conversation_with_pupil', '2026-04-16T12:00', 'Nora sier at hun gruer seg til friminuttene og vil ha en voksen i nærheten.');
  await step('other_pupils', '2026-04-17T09:15', 'Emil Berg forteller at en gruppe bestemmer hvem som får være med.', [s.otherPupil]);
  await step('observation', '2026-04-20T10:30', 'Observasjon i friminuttet: Nora står alene ved gjerdet; Emil og to andre ler.');

  const assess = async (kind: 'findings' | 'best_interest', local: string, text: string, concernsOtherPupils = false) => {
    const row = await insertInvestigationAssessment(db, { caseId, kind, text, concernsOtherPupils, recordedById: s.leader, recordedAt: oslo(local) });
    event(local, s.leader, kind === 'findings' ? 'investigation_findings_recorded' : 'best_interest_assessed', { assessmentId: row.id });
  };
  await assess('findings', '2026-04-21T13:00', 'Emils vennegjeng og Sara Holm holder Nora utenfor i friminuttene.');
  await assess('findings', '2026-04-21T13:30', 'Emil har fått en samtale med sine foreldre om dette.', true);
  await assess('best_interest', '2026-04-22T09:00', 'Det beste for Nora er å bli i klassen, med en trygg voksen i friminuttene.');
  const conclusion = await insertInvestigationConclusion(db, {
    caseId,
    measuresNeeded: true,
    reasoning: 'Nora har ikke et trygt og godt skolemiljø. Tiltak settes inn.',
    concludedAt: oslo('2026-04-22T14:00'),
    recordedById: s.leader,
    recordedAt: oslo('2026-04-22T14:00'),
  });
  event('2026-04-22T14:00', s.leader, 'investigation_concluded', {
    conclusionId: conclusion.id,
    measuresNeeded: true,
    conclusion: 'Nora har ikke et trygt og godt skolemiljø. Tiltak settes inn.',
  });

  // Plan versions: version 1 on 23 April, each next one at an evaluation two weeks later.
  const m1 = randomUUID();
  const m2 = randomUUID();
  const planCreatedAt: Date[] = [];
  let previousVersionId: string | null = null;
  let previousMeasureRows: { id: string; measureId: string }[] = [];
  let day = '2026-04-23';
  for (let v = 1; v <= versions; v++) {
    const createdAt = oslo(`${day}T09:00`);
    const evaluationOn = addDays(day, 14);
    if (previousVersionId) {
      // The evaluation that adjusts the plan comes first; the new version is made with it.
      const plannedOn = day;
      planCreatedAt.push(createdAt);
      const plan = await insertPlanVersion(db, planInput(v, createdAt, day, evaluationOn));
      const evaluation = await insertEvaluation(db, {
        caseId,
        planVersionId: previousVersionId,
        plannedOn,
        doneAt: oslo(`${day}T08:30`),
        pupilView: `Nora sier det er litt bedre (evaluering ${v - 1}).`,
        parentsView: 'Foreldrene ser bedring, men vil ha mer på AKS.',
        situationSafe: false,
        decision: 'adjust',
        nextEvaluationOn: evaluationOn,
        revisedPlanVersionId: plan.id,
        recordedById: s.leader,
        recordedAt: oslo(`${day}T08:30`),
        measures: previousMeasureRows.map((m) => ({
          planMeasureId: m.id,
          howCarriedOut: 'Gjennomført som planlagt i friminuttene.',
          effect: 'Nora leker mer med andre, men er utrygg på AKS.',
        })),
      });
      event(`${day}T08:30`, s.leader, 'evaluation_recorded', {
        evaluationId: evaluation.id,
        planVersion: v - 1,
        plannedDate: plannedOn,
        decision: 'adjust',
        nextEvaluationOn: evaluationOn,
        revisedPlanVersion: v,
      });
      event(`${day}T09:00`, s.leader, 'plan_revised', { planVersionId: plan.id, version: v, evaluationId: evaluation.id });
      previousVersionId = plan.id;
      previousMeasureRows = plan.measures;
    } else {
      planCreatedAt.push(createdAt);
      const plan = await insertPlanVersion(db, planInput(v, createdAt, day, evaluationOn));
      event(`${day}T09:00`, s.leader, 'plan_created', { planVersionId: plan.id, version: v });
      previousVersionId = plan.id;
      previousMeasureRows = plan.measures;
    }
    day = evaluationOn;
  }
  // The last version's evaluation date (`day`) is never held: the completeness check says so.

  function planInput(v: number, createdAt: Date, start: string, evaluationOn: string) {
    return {
      caseId,
      version: v,
      createdAt,
      createdById: s.leader,
      problem: `Nora blir holdt utenfor i friminuttene og er utrygg på skolen (versjon ${v}).`,
      pupilView: 'Nora vil ha en voksen i nærheten, men ikke at alle skal se det.',
      parentsView: 'Foreldrene ønsker at klassen får tiltak, ikke bare Nora.',
      measures: [
        {
          measureId: m1,
          level: 'individual' as const,
          description: `Trygg voksen i friminuttene (plan ${v}).`,
          startOn: start,
          endOn: addDays(start, 40),
          evaluationOn,
          responsibleIds: [s.teacher],
        },
        {
          measureId: m2,
          level: 'class' as const,
          description: `Klassen arbeider med inkludering i klassens time (plan ${v}).`,
          startOn: start,
          endOn: addDays(start, 40),
          evaluationOn,
          responsibleIds: [s.sfo, s.leader],
        },
      ],
      parentProposals: [{ text: 'Bytte klasse.', chosen: false, reasonNotChosen: 'Nora vil bli i klassen; det er ikke til hennes beste å flytte.' }],
    };
  }

  // Deadlines: the start was late, with no written reason; the rest met on time.
  await db.insert(deadlines).values([
    { key: `case-${caseId}.acknowledge_report`, kind: 'acknowledge_report', schoolId: s.schoolId, caseId, dueAt: oslo('2026-04-14T16:00'), state: 'met', metAt: oslo('2026-04-13T11:00') },
    { key: `case-${caseId}.investigation_start`, kind: 'investigation_start', schoolId: s.schoolId, caseId, dueAt: oslo('2026-04-15T16:00'), state: 'met', metAt: oslo('2026-04-16T10:00') },
    { key: `case-${caseId}.investigation_conclude`, kind: 'investigation_conclude', schoolId: s.schoolId, caseId, dueAt: oslo('2026-04-30T16:00'), state: 'met', metAt: oslo('2026-04-22T14:00') },
    { key: `case-${caseId}.plan`, kind: 'plan', schoolId: s.schoolId, caseId, dueAt: oslo('2026-04-24T16:00'), state: 'met', metAt: oslo('2026-04-23T09:00') },
    { key: `case-${caseId}.enforcement_window`, kind: 'enforcement_window', schoolId: s.schoolId, caseId, dueAt: oslo('2026-04-20T11:00'), state: 'met', metAt: oslo('2026-04-20T11:00') },
  ]);
  // Notices sent: the new report to the principal, a reminder to the leader, one to the owner.
  const notice = async (subjectKey: string, recipientId: string, step: string, kind: string, local: string) => {
    const [row] = await db
      .insert(notifications)
      .values({ subjectKey, recipientId, step, kind, schoolId: s.schoolId, caseId, sendAfter: oslo(local), sentAt: oslo(local), messageId: `<${randomUUID()}@trygg.test>` })
      .returning({ id: notifications.id });
    return row!.id;
  };
  await notice(`report-${report!.id}.new`, s.principal, 'new-report', 'new_report', '2026-04-13T09:01');
  await notice(`case-${caseId}.investigation_start`, s.leader, 'on-day-case_leader', 'reminder', '2026-04-15T07:30');
  const ownerNotice = await notice(`case-${caseId}.serious_owner_notice`, s.ownerOfficial, 'notice-owner', 'owner_notice', '2026-04-17T10:00');
  await db.insert(acknowledgements).values({
    notificationId: ownerNotice,
    subjectKey: `case-${caseId}.serious_owner_notice`,
    personId: s.ownerOfficial,
    tokenHash: randomUUID().replaceAll('-', '').padEnd(64, '0'),
    acknowledgedAt: oslo('2026-04-17T12:00'),
    createdAt: oslo('2026-04-17T10:00'),
  });
  event('2026-04-17T12:00', s.ownerOfficial, 'owner_acknowledged', { about: 'serious', notificationId: ownerNotice });

  // External bodies: PPT (named), child welfare (contacted before PPT, recorded after it; the
  // text names Emil Berg), and the police about other pupils (taken out of the parents' copy).
  const external = async (
    local: string,
    recordedBy: string,
    body: { kind: 'ppt' | 'child_welfare' | 'police'; name?: string; involvement: string; contactedOn: string; concernsOtherPupils?: boolean },
  ) => {
    const row = await insertExternalBody(
      db,
      { caseId, kind: body.kind, name: body.name ?? null, involvement: body.involvement, contactedOn: body.contactedOn, concernsOtherPupils: body.concernsOtherPupils ?? false, recordedById: recordedBy },
      oslo(local),
    );
    event(local, recordedBy, 'external_body_recorded', { externalBodyId: row.id, bodyKind: row.kind, contactedOn: row.contactedOn });
  };
  await external('2026-04-20T13:00', s.principal, { kind: 'ppt', name: 'PPT for Bjørk', involvement: 'Drøftet saken anonymt med PPT; råd om tiltak i klassen.', contactedOn: '2026-04-20' });
  await external('2026-04-21T09:00', s.leader, { kind: 'child_welfare', involvement: 'Bekymringsmelding sendt. Emil Berg er nevnt i meldingen.', contactedOn: '2026-04-17' });
  await external('2026-05-04T12:00', s.principal, {
    kind: 'police',
    involvement: 'Politiet kontaktet om bilder som deles mellom elevene på 6. trinn.',
    contactedOn: '2026-05-04',
    concernsOtherPupils: true,
  });

  // More observations, each with its timeline entry, up to the requested total of entries
  // (the benchmark's 200): real documents, so the whole file grows, not just one table.
  const more = Math.max(0, (options.timelineEntries ?? 0) - timeline.length);
  for (let i = 0; i < more; i++) {
    const at = new Date(oslo('2026-04-16T13:00').getTime() + i * 17 * 60_000);
    const row = await insertInvestigationStep(db, {
      caseId,
      kind: 'observation',
      at,
      performedById: i % 2 ? s.leader : s.teacher,
      summary: `Observasjon ${i + 1}: Nora i friminuttet, hvem hun er sammen med og hvordan hun har det. Skrevet ned samme dag.`,
      concernsOtherPupils: false,
      recordedById: s.leader,
      recordedAt: at,
    });
    timeline.push({ caseId, at, actorId: s.leader, kind: 'investigation_step_recorded', payload: { stepId: row.id, stepKind: 'observation' } });
  }
  // Written as they happened (recorded_at = at), as the API does for actions taken now.
  await db.insert(caseTimeline).values(timeline.map((entry) => ({ ...entry, recordedAt: entry.at })));
  return { caseId, number, planCreatedAt, mentionedPupilName: 'Sara Holm' };
}
