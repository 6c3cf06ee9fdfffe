// Reads what the rules need to know about one case from the database.
import {
  acknowledgements,
  cases,
  evaluationsOfCase,
  notifications,
  planVersionsOfCase,
  reports,
  type Db,
  type EvaluationWithMeasures,
  type PlanVersionWithParts,
} from '@trygg/db';
import type { CaseAccessFacts, CaseFacts, EvaluationFacts, OwnerNoticeFacts, PlanVersionFacts } from '@trygg/domain';
import { and, eq, isNotNull, isNull, min, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { optInstant, toInstant } from './time';

export type CaseRow = typeof cases.$inferSelect;
export type NoticeAbout = 'serious' | 's12_5';

/** The acknowledgement subject of a case's owner notice; every link of that notice points at it. */
export const noticeSubject = (caseId: string, about: NoticeAbout) => `case-${caseId}.notice-${about}`;

export interface LoadedCase {
  row: CaseRow;
  facts: CaseFacts;
  access: CaseAccessFacts;
}

export async function loadCase(db: Db, caseId: string): Promise<LoadedCase | null> {
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  if (!row) return null;

  const [registered] = await db
    .select({ at: min(reports.registeredAt) })
    .from(reports)
    .where(eq(reports.caseId, caseId));
  const reporterRows = await db.selectDistinct({ id: reports.filedById }).from(reports).where(eq(reports.caseId, caseId));

  const notices = await ownerNotices(db, caseId);
  const told = await ownerToldAt(db, caseId);
  const versions = await planVersionsOfCase(db, caseId);
  const evaluations = await evaluationsOfCase(db, caseId);

  const facts: CaseFacts = {
    caseId: row.id,
    schoolId: row.schoolId,
    reportedAt: toInstant(row.openedAt),
    acknowledgedAt: optInstant(registered?.at ?? null),
    principalKnewAt: optInstant(row.principalKnewAt),
    caseLeaderId: row.caseLeaderId ?? undefined,
    status: row.status,
    closedAt: optInstant(row.closedAt),
    serious: row.seriousMarkedAt
      ? { markedAt: toInstant(row.seriousMarkedAt), ownerNotifiedAt: told.get('serious') }
      : undefined,
    s12_5:
      row.concernsEmployee && row.accusedPersonId
        ? {
            // § 12-5 "straks" counts from when the suspicion was reported.
            markedAt: toInstant(row.openedAt),
            accusedPersonId: row.accusedPersonId,
            accusedInLeadership: row.accusedInLeadership,
            ownerNotifiedAt: told.get('s12_5'),
          }
        : undefined,
    investigation: {
      startedAt: optInstant(row.investigationStartedAt),
      concludedAt: optInstant(row.investigationConcludedAt),
      // No measures needed → no plan is owed (null: not concluded yet, or concluded before this was recorded).
      ...(row.investigationMeasuresNeeded !== null ? { measuresNeeded: row.investigationMeasuresNeeded } : {}),
    },
    planVersions: versions.map(planVersionFacts),
    evaluations: evaluations.map(evaluationFacts),
    ownerNotices: notices,
  };
  const access: CaseAccessFacts = {
    schoolId: row.schoolId,
    section12_5: row.concernsEmployee,
    serious: row.serious,
    accusedPersonId: row.accusedPersonId ?? undefined,
    accusedInLeadership: row.accusedInLeadership,
    reporterIds: reporterRows.map((r) => r.id),
    // Staff carrying out a measure of the newest plan version see their own part of the case.
    measureResponsibleIds: [...new Set(versions.at(-1)?.measures.flatMap((m) => m.responsibleIds) ?? [])],
    delegatedLeaderIds: row.caseLeaderId ? [row.caseLeaderId] : [],
    ownerNotified: notices.length > 0,
  };
  return { row, facts, access };
}

/**
 * § 12-4 (3): a plan version as the rules read it — each measure's period and staff (measure
 * ends become deadlines), and the version's evaluation dates (the measures' own dates).
 */
function planVersionFacts(v: PlanVersionWithParts): PlanVersionFacts {
  const dates = [...new Set(v.measures.map((m) => m.evaluationOn))].sort();
  return {
    version: v.version,
    createdAt: toInstant(v.createdAt),
    measures: v.measures.map((m) => ({
      measureId: m.measureId,
      responsibleIds: m.responsibleIds,
      start: Temporal.PlainDate.from(m.startOn),
      end: Temporal.PlainDate.from(m.endOn),
    })),
    evaluationDates: dates.map((d) => Temporal.PlainDate.from(d)),
  };
}

/** An evaluation meets the deadline of the date it fulfils and sets the next one. */
function evaluationFacts(e: EvaluationWithMeasures): EvaluationFacts {
  return {
    evaluationId: e.id,
    plannedDate: Temporal.PlainDate.from(e.plannedOn),
    doneAt: toInstant(e.doneAt),
    ...(e.nextEvaluationOn ? { nextEvaluationOn: Temporal.PlainDate.from(e.nextEvaluationOn) } : {}),
  };
}

/**
 * When the owner was told of the case, per kind: the first owner notice put in the ledger —
 * by the principal's own action or the system's escalation. The principal's duty is met when
 * they act, not when the mail server accepts the message.
 */
async function ownerToldAt(db: Db, caseId: string): Promise<Map<NoticeAbout, Temporal.Instant>> {
  const rows = await db
    .select({
      about: sql<NoticeAbout>`${notifications.payload}->>'about'`,
      // The principal's own notice is stamped with the moment they acted (its send_after, from
      // the injected clock); the system's escalation tells the owner when it is sent.
      at: sql<Date | null>`min(case when ${notifications.payload}->>'by' = 'principal' then ${notifications.sendAfter} else ${notifications.sentAt} end)`.mapWith(notifications.sendAfter),
    })
    .from(notifications)
    .where(and(eq(notifications.caseId, caseId), eq(notifications.kind, 'owner_notice'), isNull(notifications.cancelledAt)))
    .groupBy(sql`${notifications.payload}->>'about'`);
  const out = new Map<NoticeAbout, Temporal.Instant>();
  for (const r of rows) if (r.at && (r.about === 'serious' || r.about === 's12_5')) out.set(r.about, toInstant(r.at));
  return out;
}

/**
 * Owner notices of the case that have gone out (first send per kind), with the first
 * acknowledgement of any of their links (the owner's or the second contact's).
 */
async function ownerNotices(db: Db, caseId: string): Promise<OwnerNoticeFacts[]> {
  const sent = await db
    .select({ about: sql<NoticeAbout>`${notifications.payload}->>'about'`, at: min(notifications.sentAt) })
    .from(notifications)
    .where(and(eq(notifications.caseId, caseId), eq(notifications.kind, 'owner_notice'), isNotNull(notifications.sentAt)))
    .groupBy(sql`${notifications.payload}->>'about'`);
  const out: OwnerNoticeFacts[] = [];
  for (const s of sent) {
    if (!s.at || (s.about !== 'serious' && s.about !== 's12_5')) continue;
    const [ack] = await db
      .select({ at: min(acknowledgements.acknowledgedAt) })
      .from(acknowledgements)
      .where(eq(acknowledgements.subjectKey, noticeSubject(caseId, s.about)));
    out.push({
      noticeId: s.about,
      about: s.about,
      sentAt: toInstant(s.at),
      acknowledgedAt: optInstant(ack?.at ?? null),
    });
  }
  return out;
}
