// Builds the email of one claimed ledger row from the database. The row holds ids and codes;
// names, initials and numbers are read here, at send time, and only what the recipient's role
// may see goes into the message (no pupil names or initials to the owner).
import { createHash, createHmac } from 'node:crypto';
import { acknowledgements, cases, people, pupils, reports, roles, schools, schoolOwners, type Db, type Notification } from '@trygg/db';
import type { CaseDeadline, Lang, NotificationMessage, ReminderRecipient } from '@trygg/notifications';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { noticeSubject, type NoticeAbout } from './case-facts';
import { composeConversationMessage, isConversationRow } from './conversation-compose';
import { digestFigures, parseWeekStart } from './digest';
import { toInstant } from './time';

export interface ComposeOptions {
  appUrl: string;
  /** Keys the acknowledgement links; a retried send of the same row carries the same link. */
  ackSecret: string;
}

export interface ComposedMessage {
  to: string;
  lang: Lang;
  message: NotificationMessage;
}

/** The row can never be sent (recipient gone, case gone, unknown kind): do not retry. */
export class UndeliverableError extends Error {}

export const ackTokenFor = (notificationId: string, secret: string) =>
  createHmac('sha256', secret).update(`ack|${notificationId}`).digest('base64url');
export const hashAckToken = (token: string) => createHash('sha256').update(token).digest('hex');

const caseDeadlines: readonly string[] = [
  'acknowledge_report',
  'investigation_start',
  'investigation_conclude',
  'plan',
  'evaluation',
  'measure_end',
  'serious_owner_notice',
];

export async function composeNotification(db: Db, row: Notification, options: ComposeOptions): Promise<ComposedMessage> {
  const [recipient] = await db.select().from(people).where(eq(people.id, row.recipientId));
  if (!recipient || recipient.deactivatedAt) throw new UndeliverableError('recipient is gone');
  // The owner's digest is about the owner's schools, not about a case.
  if (row.kind === 'weekly_digest') return composeWeeklyDigest(db, row, recipient.email);
  // Pupil conversations are about a school's pupils, not a case.
  if (isConversationRow(row)) return composeConversationMessage(db, row, recipient.email);
  if (!row.caseId) throw new UndeliverableError(`kind ${row.kind} needs a case`);

  const [found] = await db
    .select({ c: cases, pupil: pupils, school: schools, owner: schoolOwners })
    .from(cases)
    .innerJoin(pupils, eq(pupils.id, cases.pupilId))
    .innerJoin(schools, eq(schools.id, cases.schoolId))
    .innerJoin(schoolOwners, eq(schoolOwners.id, schools.ownerId))
    .where(eq(cases.id, row.caseId));
  if (!found) throw new UndeliverableError('case is gone');
  const { c, school, owner } = found;
  // Initials are for the school's staff. Anyone else told about the case — the owner, standing
  // in for the leadership in a § 12-5 case about it — gets the case number, not the initials.
  const [staffThere] = await db
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.personId, recipient.id), eq(roles.schoolId, c.schoolId), inArray(roles.role, ['staff', 'leader', 'principal'])))
    .limit(1);
  const pupil = { initials: staffThere ? found.pupil.initials : '' };
  const p = row.payload as Record<string, string | boolean | undefined>;
  const lang: Lang = owner.language;
  const base = { caseId: c.id, caseNumber: c.number, schoolName: school.name };
  const deadline = String(p.deadlineKind ?? '');
  const dueAt = String(p.dueAt ?? '');

  let message: NotificationMessage;
  switch (row.kind) {
    case 'new_report': {
      const reportId = typeof p.reportId === 'string' ? p.reportId : undefined;
      const [report] = await db
        .select()
        .from(reports)
        .where(reportId ? eq(reports.id, reportId) : eq(reports.caseId, c.id))
        .orderBy(asc(reports.filedAt))
        .limit(1);
      if (!report) throw new UndeliverableError('report is gone');
      message = {
        kind: 'new_report',
        ...base,
        pupilInitials: pupil.initials,
        reportedAt: report.asOf.toISOString(),
        basis: report.basis,
        serious: report.serious || c.serious,
        s12_5: c.concernsEmployee,
      };
      break;
    }
    case 'reminder': {
      if (!caseDeadlines.includes(deadline)) throw new UndeliverableError(`no reminder for ${deadline}`);
      message = {
        kind: 'reminder',
        ...base,
        deadline: deadline as CaseDeadline,
        recipient: reminderRecipient(String(p.audience)),
        step: row.step.startsWith('remind-') ? 'ahead' : 'on_the_day',
        dueAt,
        pupilInitials: pupil.initials,
      };
      break;
    }
    case 'escalation': {
      if (!caseDeadlines.includes(deadline)) throw new UndeliverableError(`no escalation for ${deadline}`);
      const toOwner = p.audience === 'owner' || p.audience === 'owner_second_contact';
      message = toOwner
        ? { kind: 'escalation', audience: 'owner', ...base, deadline: deadline as CaseDeadline, overdueSince: dueAt }
        : {
            kind: 'escalation',
            audience: 'principal',
            ...base,
            deadline: deadline as CaseDeadline,
            overdueSince: dueAt,
            pupilInitials: pupil.initials,
            caseLeaderName: await nameOf(db, c.caseLeaderId),
          };
      break;
    }
    case 'owner_notice': {
      const about: NoticeAbout = p.about === 's12_5' ? 's12_5' : 'serious';
      const token = ackTokenFor(row.id, options.ackSecret);
      // The link's token is derived from the row, so a crash-and-retry sends the same link.
      await db
        .insert(acknowledgements)
        .values({ notificationId: row.id, subjectKey: noticeSubject(c.id, about), personId: row.recipientId, tokenHash: hashAckToken(token) })
        .onConflictDoNothing();
      const occurred = about === 'serious' ? (c.seriousMarkedAt ?? c.openedAt) : c.openedAt;
      message = {
        kind: 'owner_notice',
        ...base,
        noticeKind: about,
        occurredAt: occurred.toISOString(),
        ackUrl: `${options.appUrl.replace(/\/$/, '')}/kvittering/${token}`,
        resend: p.resend === true,
        ...(about === 's12_5' ? { leadershipSuspected: c.accusedInLeadership } : {}),
      };
      break;
    }
    case 'enforcement_window': {
      if (!c.principalKnewAt) throw new UndeliverableError('the principal never knew');
      message = {
        kind: 'enforcement_window',
        ...base,
        pupilInitials: pupil.initials,
        principalAwareAt: c.principalKnewAt.toISOString(),
        windowOpensAt: dueAt,
      };
      break;
    }
    default:
      throw new UndeliverableError(`unknown kind ${row.kind}`);
  }
  return { to: recipient.email, lang, message };
}

/**
 * The figures are computed now, at send time, for the week named in the payload: the open and
 * overdue counts are as of the instant the sender claimed the row (its clock, not the
 * machine's), so a retry an hour later reports the hour-later state.
 */
async function composeWeeklyDigest(db: Db, row: Notification, to: string): Promise<ComposedMessage> {
  const p = row.payload as Record<string, unknown>;
  const ownerId = row.ownerId ?? (typeof p.ownerId === 'string' ? p.ownerId : null);
  const weekStart = parseWeekStart(p.weekStart);
  if (!ownerId || !weekStart) throw new UndeliverableError('digest row without owner or week');
  const [owner] = await db.select({ language: schoolOwners.language }).from(schoolOwners).where(eq(schoolOwners.id, ownerId));
  if (!owner) throw new UndeliverableError('school owner is gone');
  const now = toInstant(row.claimedAt ?? row.sendAfter);
  return { to, lang: owner.language, message: await digestFigures(db, ownerId, weekStart, now) };
}

function reminderRecipient(audience: string): ReminderRecipient {
  return audience === 'measure_owners' || audience === 'principal' || audience === 'contact_teacher' ? audience : 'case_leader';
}

async function nameOf(db: Db, personId: string | null): Promise<string | undefined> {
  if (!personId) return undefined;
  const [row] = await db.select({ name: people.name }).from(people).where(eq(people.id, personId));
  return row?.name;
}
