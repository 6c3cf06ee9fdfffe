// Messages that are not deadline steps: a new report to the principal, and the principal's
// own notice to the school owner.
import { notifications, reports, upsertNotifications, type Db } from '@trygg/db';
import { and, eq } from 'drizzle-orm';
import type { Temporal } from 'temporal-polyfill';
import { loadCase, type NoticeAbout } from './case-facts';
import { loadSchoolContext } from './school-context';
import { UnknownCaseError } from './sync';
import { toDate } from './time';
import { filterRecipients } from '@trygg/domain';

/**
 * § 12-4: the principal learns of every report at once (within the sending window unless the
 * case is serious). § 12-5 reports go through the case's s12_5_notice deadline instead, which
 * also knows when the principal must not be told.
 */
export async function notifyNewReport(db: Db, reportId: string, now: Temporal.Instant): Promise<number> {
  const [report] = await db.select().from(reports).where(eq(reports.id, reportId));
  if (!report?.caseId) throw new UnknownCaseError(`report ${reportId} has no case`);
  if (report.concernsEmployee) return 0;
  const loaded = await loadCase(db, report.caseId);
  const school = await loadSchoolContext(db, report.schoolId);
  if (!loaded || !school) throw new UnknownCaseError(`report ${reportId} has no case`);
  const sendAfter = report.serious ? now : school.calendar.nextSendingInstant(now);
  const recipients = filterRecipients(school.principalIds, loaded.access, school.rolesOf);
  const rows = await upsertNotifications(
    db,
    recipients.map((recipientId) => ({
      subjectKey: `report-${report.id}.new`,
      recipientId,
      step: 'new-report',
      kind: 'new_report',
      sendAfter: toDate(sendAfter),
      schoolId: report.schoolId,
      ownerId: school.owner.id,
      caseId: report.caseId,
      payload: { reportId: report.id },
    })),
  );
  return rows.length;
}

export class NoOwnerContactError extends Error {
  constructor() {
    super('Skoleeieren har ingen kontaktperson registrert i trygg.');
  }
}

/**
 * § 12-4: the principal tells the school owner about a serious case (§ 12-5: at once). The
 * notice goes at once, holidays or not, and asks for acknowledgement. Idempotent: a second
 * click sends nothing new.
 */
export async function createOwnerNotice(db: Db, caseId: string, about: NoticeAbout, now: Temporal.Instant): Promise<number> {
  const loaded = await loadCase(db, caseId);
  if (!loaded) throw new UnknownCaseError(`unknown case ${caseId}`);
  const school = await loadSchoolContext(db, loaded.row.schoolId);
  if (!school) throw new UnknownCaseError(`case ${caseId} has no school`);
  const recipients = filterRecipients(school.ownerOfficialIds, loaded.access, school.rolesOf);
  if (recipients.length === 0) throw new NoOwnerContactError();
  const subjectKey = `case-${caseId}.owner_notice-${about}`;
  const existing = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.subjectKey, subjectKey), eq(notifications.step, 'notice')));
  if (existing.length > 0) return 0;
  const rows = await upsertNotifications(
    db,
    recipients.map((recipientId) => ({
      subjectKey,
      recipientId,
      step: 'notice',
      kind: 'owner_notice',
      sendAfter: toDate(now),
      schoolId: loaded.row.schoolId,
      ownerId: school.owner.id,
      caseId,
      payload: { about, by: 'principal', immediate: true },
    })),
  );
  return rows.length;
}
