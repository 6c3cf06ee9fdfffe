// Builds the email of one claimed ledger row from the database. The row holds ids and codes;
// names, initials and numbers are read here, at send time, and only what the recipient's role
// may see goes into the message (no pupil names or initials to the owner).
import { createHash, createHmac } from 'node:crypto';
import { acknowledgements, claimStatement, executeHotPath, notificationFromJson, people, rowsOf, schoolOwners, type Db, type Notification } from '@trygg/db';
import type { CaseDeadline, Lang, NotificationMessage, ReminderRecipient } from '@trygg/notifications';
import { eq, sql, type SQL } from 'drizzle-orm';
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

/**
 * Builds the message of a ledger row. `prefetched`: the case facts claimForSending read with
 * the claim (null: the case or the recipient was not found then); without it they are read now.
 */
export async function composeNotification(
  db: Db,
  row: Notification,
  options: ComposeOptions,
  prefetched?: CaseMessageFacts | null,
): Promise<ComposedMessage> {
  if (row.kind === 'weekly_digest' || isConversationRow(row) || !row.caseId) {
    const [recipient] = await db.select({ email: people.email, deactivatedAt: people.deactivatedAt }).from(people).where(eq(people.id, row.recipientId));
    if (!recipient || recipient.deactivatedAt) throw new UndeliverableError('recipient is gone');
    // The owner's digest is about the owner's schools, not about a case.
    if (row.kind === 'weekly_digest') return composeWeeklyDigest(db, row, recipient.email);
    // Pupil conversations are about a school's pupils, not a case.
    if (isConversationRow(row)) return composeConversationMessage(db, row, recipient.email);
    throw new UndeliverableError(`kind ${row.kind} needs a case`);
  }

  const p = row.payload as Record<string, string | boolean | undefined>;
  const found = prefetched !== undefined ? prefetched : await loadCaseMessageFacts(db, row);
  if (!found) {
    const [recipient] = await db.select({ id: people.id }).from(people).where(eq(people.id, row.recipientId));
    throw new UndeliverableError(recipient ? 'case is gone' : 'recipient is gone');
  }
  if (found.deactivated) throw new UndeliverableError('recipient is gone');
  const c = {
    ...found.c,
    seriousMarkedAt: found.c.seriousMarkedAt ? new Date(found.c.seriousMarkedAt) : null,
    openedAt: new Date(found.c.openedAt),
    principalKnewAt: found.c.principalKnewAt ? new Date(found.c.principalKnewAt) : null,
  };
  const recipient = { email: found.email };
  const school = { name: found.schoolName };
  const pupil = { initials: found.staffThere ? found.pupilInitials : '' };
  const lang: Lang = found.language;
  const base = { caseId: c.id, caseNumber: c.number, schoolName: school.name };
  const deadline = String(p.deadlineKind ?? '');
  const dueAt = String(p.dueAt ?? '');

  let message: NotificationMessage;
  switch (row.kind) {
    case 'new_report': {
      const report = found.report ? { ...found.report, asOf: new Date(found.report.asOf) } : null;
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
            caseLeaderName: found.caseLeaderName ?? undefined,
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

/** What a case message is built from; instants as ISO strings (the row comes as JSON). */
export interface CaseMessageFacts {
  email: string;
  deactivated: boolean;
  c: {
    id: string;
    number: string;
    schoolId: string;
    serious: boolean;
    seriousMarkedAt: string | null;
    openedAt: string;
    concernsEmployee: boolean;
    accusedInLeadership: boolean;
    principalKnewAt: string | null;
  };
  pupilInitials: string;
  schoolName: string;
  language: Lang;
  caseLeaderName: string | null;
  /** The recipient works at the case's school (initials are for the school's staff). */
  staffThere: boolean;
  /** new_report only: the report named in the payload, else the case's first. */
  report: { asOf: string; basis: 'suspicion' | 'knowledge'; serious: boolean } | null;
}

/** A claimed ledger row, with the facts its message is made of when it is about a case. */
export interface ClaimedForSending {
  row: Notification;
  facts: CaseMessageFacts | null;
}

/**
 * Claims a ledger row (claimNotification's rules) and reads what its message needs in the
 * same round trip: this runs for every message sent, and each round trip costs the worker
 * more CPU (socket writes, protocol) than PostgreSQL spends answering (tools/bench/worker.ts).
 */
export async function claimForSending(db: Db, id: string, now: Date, leaseMs?: number): Promise<ClaimedForSending | null> {
  const rows = await executeHotPath<{ row: Record<string, unknown>; facts: CaseMessageFacts | null }>(db, caseMessageFactsQuery(claimStatement(id, now, leaseMs)));
  const found = rows[0];
  return found ? { row: notificationFromJson(found.row), facts: found.facts } : null;
}

async function loadCaseMessageFacts(db: Db, row: Notification): Promise<CaseMessageFacts | null> {
  const source = sql`select ${row.caseId}::uuid as case_id, ${row.recipientId}::uuid as recipient_id,
                            ${row.kind}::text as kind, ${JSON.stringify(row.payload ?? {})}::jsonb as payload`;
  return rowsOf<{ facts: CaseMessageFacts | null }>(await db.execute(caseMessageFactsQuery(source)))[0]?.facts ?? null;
}

/**
 * The facts of a case message, for the one ledger row `source` yields (as `n`: case_id,
 * recipient_id, kind, payload); null when the case or the recipient is not there. Hand-written
 * rather than built with drizzle: building and mapping the query cost more than running it.
 */
function caseMessageFactsQuery(source: SQL): SQL {
  return sql`
    with n as (${source})
    select to_jsonb(n.*) as row,
      case when c.id is not null and r.id is not null then jsonb_build_object(
        'email', r.email,
        'deactivated', r.deactivated_at is not null,
        'c', jsonb_build_object(
          'id', c.id, 'number', c.number, 'schoolId', c.school_id, 'serious', c.serious,
          'seriousMarkedAt', c.serious_marked_at, 'openedAt', c.opened_at,
          'concernsEmployee', c.concerns_employee, 'accusedInLeadership', c.accused_in_leadership,
          'principalKnewAt', c.principal_knew_at),
        'pupilInitials', pu.initials,
        'schoolName', s.name,
        'language', o.language,
        'caseLeaderName', l.name,
        -- Anyone else told about the case (the owner, standing in for the leadership in a
        -- § 12-5 case about it) gets the case number, not the initials.
        'staffThere', exists (select 1 from roles g
                               where g.person_id = r.id and g.school_id = c.school_id
                                 and g.role in ('staff', 'leader', 'principal')),
        -- new_report: the report the row names, else the case's first.
        'report', case when n.kind = 'new_report' then (
          select jsonb_build_object('asOf', rp.as_of, 'basis', rp.basis, 'serious', rp.serious)
            from reports rp
           where rp.case_id = c.id and (n.payload->>'reportId' is null or rp.id::text = n.payload->>'reportId')
           order by rp.filed_at limit 1) end
      ) end as facts
      from n
      left join cases c on c.id = n.case_id
      left join people r on r.id = n.recipient_id
      left join pupils pu on pu.id = c.pupil_id
      left join schools s on s.id = c.school_id
      left join school_owners o on o.id = s.owner_id
      left join people l on l.id = c.case_leader_id`;
}
