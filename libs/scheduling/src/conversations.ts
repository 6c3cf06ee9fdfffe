// § 12-4 (1) "følgje med": every pupil has a planned conversation each half-year, in which the
// school asks whether the pupil feels safe. The rules (libs/domain pupilConversationDeadlines)
// give one deadline per pupil; this module keeps the deadlines table and the ledger in step.
//
// THE LEDGER IS AGGREGATED. Each pupil's deadline is a row in `deadlines` (met when the
// conversation is held), but nobody gets a mail per pupil:
//  - a contact teacher gets ONE reminder per step (15 school days before, on the day) listing
//    their pupils still without a conversation: subject
//    `school-<id>.conversation-<year>-<half>.teacher-<personId>`, step `remind-15d-contact_teacher`
//    / `on-day-contact_teacher`. The ledger's unique (subject, recipient, step) makes it
//    exactly-once however often the school is synced; a teacher whose pupils have all been
//    seen has the unsent rows cancelled; the list itself is read when the mail is composed, so
//    a conversation held after the sync still shortens it.
//  - each leader gets ONE summary per school day while conversations are overdue, written by
//    the worker's daily job (runConversationSummary): subject
//    `school-<id>.conversation-summary-<YYYY-MM-DD>`, step `summary`.
import { deadlines, notifications, people, pupilConversations, pupils, replaceDeadlineNotifications, roles, schools, type Db, type Notification } from '@trygg/db';
import {
  collapseStaleSteps,
  deliveryInstant,
  pupilConversationDeadlines,
  pupilConversationDueDate,
  type Audience,
  type Deadline,
  type Term,
} from '@trygg/domain';
import { and, asc, eq, inArray, isNull, like, ne } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { activePeople, loadSchoolContext, type SchoolContext } from './school-context';
import { toDate, toInstant } from './time';

const OSLO = 'Europe/Oslo';

export class UnknownSchoolError extends Error {}

/** '2026-autumn'. */
export const termId = (term: Term): string => `${term.year}-${term.half}`;

/** '2026-autumn' → { year: 2026, half: 'autumn' }; null when it is not one. */
export function parseTermId(value: unknown): Term | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(autumn|spring)$/.exec(value);
  return m ? { year: Number(m[1]), half: m[2] as Term['half'] } : null;
}

/** The half-year of an Oslo date: autumn August–December, spring January–July. */
export const termOfDate = (date: Temporal.PlainDate): Term => ({ year: date.year, half: date.month >= 8 ? 'autumn' : 'spring' });

/** The half-year an instant falls in (Oslo wall clock). */
export const termOf = (at: Temporal.Instant): Term => termOfDate(at.toZonedDateTimeISO(OSLO).toPlainDate());

/** First and last Oslo date of a half-year. */
export function termDates(term: Term): { first: Temporal.PlainDate; last: Temporal.PlainDate } {
  return term.half === 'autumn'
    ? { first: Temporal.PlainDate.from({ year: term.year, month: 8, day: 1 }), last: Temporal.PlainDate.from({ year: term.year, month: 12, day: 31 }) }
    : { first: Temporal.PlainDate.from({ year: term.year, month: 1, day: 1 }), last: Temporal.PlainDate.from({ year: term.year, month: 7, day: 31 }) };
}

const termTag = (term: Term) => `conversation-${term.year}-${term.half}`;

/** The ledger subject of a contact teacher's reminders for a school and half-year. */
export const teacherReminderSubject = (schoolId: string, term: Term, teacherId: string) =>
  `school-${schoolId}.${termTag(term)}.teacher-${teacherId}`;

/** The ledger subject of a school's leader summary on one Oslo date ('YYYY-MM-DD'). */
export const conversationSummarySubject = (schoolId: string, date: string) => `school-${schoolId}.conversation-summary-${date}`;

export const CONVERSATION_SUMMARY_STEP = 'summary';

export interface PupilConversationSync {
  term: Term;
  dueAt: Temporal.Instant;
  pupils: number;
  outstanding: number;
  /** The leaders' summary deadline (its steps: one per school day after the due date). */
  summary: Deadline;
  /** Ledger rows inserted or moved (for the queue's fast path). */
  notifications: Pick<Notification, 'id' | 'sendAfter'>[];
}

/**
 * Brings a school's pupil-conversation deadlines for one half-year, and the contact teachers'
 * reminders, in line with the pupils and the conversations held. Idempotent and cheap for a
 * school (a handful of queries plus one per contact teacher); run it in the transaction that
 * changed pupils or conversations, and daily.
 */
export async function syncPupilConversations(db: Db, schoolId: string, term: Term, now: Temporal.Instant): Promise<PupilConversationSync> {
  const school = await loadSchoolContext(db, schoolId);
  if (!school) throw new UnknownSchoolError(`unknown school ${schoolId}`);
  return syncWith(db, school, term, now);
}

async function syncWith(db: Db, school: SchoolContext, term: Term, now: Temporal.Instant): Promise<PupilConversationSync> {
  const schoolId = school.school.id;
  const nowDate = toDate(now);
  const rows = await db
    .select({ id: pupils.id, contactTeacherId: pupils.contactTeacherId, heldAt: pupilConversations.heldAt })
    .from(pupils)
    .leftJoin(
      pupilConversations,
      and(eq(pupilConversations.pupilId, pupils.id), eq(pupilConversations.termYear, term.year), eq(pupilConversations.termHalf, term.half)),
    )
    .where(eq(pupils.schoolId, schoolId));

  const { deadlines: computed, summary } = pupilConversationDeadlines({
    schoolId,
    term,
    pupils: rows.map((r) => (r.heldAt ? { pupilId: r.id, heldAt: toInstant(r.heldAt) } : { pupilId: r.id })),
    policy: school.policy,
    calendar: school.calendar,
    now,
  });
  const dueAt = toDate(summary.dueAt);
  await persistDeadlines(db, schoolId, computed, summary, dueAt, nowDate);

  // Outstanding pupils per contact teacher (pupils without one are in the leaders' summary only).
  const outstandingBy = new Map<string, number>();
  let outstanding = 0;
  for (const r of rows) {
    if (r.heldAt) continue;
    outstanding += 1;
    if (r.contactTeacherId) outstandingBy.set(r.contactTeacherId, (outstandingBy.get(r.contactTeacherId) ?? 0) + 1);
  }
  const teachers = await activePeople(db, [...outstandingBy.keys()]);
  // Every outstanding pupil's deadline carries the same steps (the domain shares them).
  const steps = computed.find((d) => d.state === 'open' || d.state === 'missed')?.steps ?? [];
  // Once the due instant has passed, the leaders' daily summary takes over: a teacher is not
  // told "the deadline is today" the day after (an unsent on-day reminder is cancelled).
  // Before it, steps already past collapse to the latest one per teacher (sent at once).
  const { keep } = Temporal.Instant.compare(now, summary.dueAt) >= 0 ? { keep: [] } : collapseStaleSteps(steps, now);

  const upserted: Pick<Notification, 'id' | 'sendAfter'>[] = [];
  const wantedSubjects = new Set<string>();
  for (const teacherId of teachers) {
    const subject = teacherReminderSubject(schoolId, term, teacherId);
    wantedSubjects.add(subject);
    const wanted = keep.map((step) => ({
      recipientId: teacherId,
      step: step.key,
      kind: 'reminder',
      sendAfter: toDate(deliveryInstant(step, school.calendar, now)),
      schoolId,
      ownerId: school.owner.id,
      // Ids and codes only; the pupils' initials are read when the mail is composed.
      payload: {
        deadlineKind: 'pupil_conversation',
        term: termId(term),
        teacherId,
        stepKind: step.kind,
        audience: step.audience,
        fireAt: step.fireAt.toString(),
        dueAt: summary.dueAt.toString(),
      },
    }));
    const { upserted: rowsOut } = await replaceDeadlineNotifications(db, subject, wanted, nowDate);
    upserted.push(...rowsOut.map((r) => ({ id: r.id, sendAfter: r.sendAfter })));
  }

  // Teachers whose pupils have all been seen (or who are no longer anyone's contact teacher):
  // their unsent reminders go. Candidates are the school's staff and the pupils' teachers,
  // which keeps the look-up on the ledger's recipient index.
  const staff = await db.selectDistinct({ id: roles.personId }).from(roles).where(eq(roles.schoolId, schoolId));
  const candidates = [...new Set([...staff.map((s) => s.id), ...rows.flatMap((r) => (r.contactTeacherId ? [r.contactTeacherId] : []))])];
  if (candidates.length > 0) {
    const prefix = `school-${schoolId}.${termTag(term)}.teacher-`;
    const stale = await db
      .select({ id: notifications.id, subjectKey: notifications.subjectKey })
      .from(notifications)
      .where(
        and(
          inArray(notifications.recipientId, candidates),
          like(notifications.subjectKey, `${prefix}%`),
          isNull(notifications.sentAt),
          isNull(notifications.cancelledAt),
        ),
      );
    const unwanted = stale.filter((r) => !wantedSubjects.has(r.subjectKey)).map((r) => r.id);
    if (unwanted.length > 0) {
      await db
        .update(notifications)
        .set({ cancelledAt: nowDate, updatedAt: nowDate })
        .where(and(inArray(notifications.id, unwanted), isNull(notifications.sentAt)));
    }
  }

  // Every conversation held: today's leader summary, if not yet sent, has nothing to say.
  if (outstanding === 0) {
    const today = now.toZonedDateTimeISO(OSLO).toPlainDate().toString();
    await db
      .update(notifications)
      .set({ cancelledAt: nowDate, updatedAt: nowDate })
      .where(
        and(
          eq(notifications.subjectKey, conversationSummarySubject(schoolId, today)),
          isNull(notifications.sentAt),
          isNull(notifications.cancelledAt),
          isNull(notifications.claimedAt),
        ),
      );
  }

  return { term, dueAt: summary.dueAt, pupils: rows.length, outstanding, summary, notifications: upserted };
}

/**
 * One deadline row per pupil and half-year, plus the leaders' summary deadline. Written in
 * bulk (a school of 500 pupils is one insert), and only what changed is updated: a held
 * conversation meets its pupil's deadline (late if after the due instant: met_at tells).
 */
async function persistDeadlines(db: Db, schoolId: string, computed: readonly Deadline[], summary: Deadline, dueAt: Date, now: Date) {
  const all = [...computed, summary];
  const keys = all.map((d) => d.key);
  const existing = new Map<string, { state: string; dueAt: Date }>();
  for (let i = 0; i < keys.length; i += 5000) {
    const found = await db
      .select({ key: deadlines.key, state: deadlines.state, dueAt: deadlines.dueAt })
      .from(deadlines)
      .where(inArray(deadlines.key, keys.slice(i, i + 5000)));
    for (const row of found) existing.set(row.key, { state: row.state, dueAt: row.dueAt });
  }

  const isMet = (d: Deadline) => (d.state === 'met' || d.state === 'met_late') && d.metAt !== undefined;
  const fresh = all
    .filter((d) => !existing.has(d.key))
    .map((d) => ({
      key: d.key,
      kind: d.kind,
      schoolId,
      pupilId: d.pupilId ?? null,
      dueAt,
      ...(isMet(d) ? { state: 'met' as const, metAt: toDate(d.metAt!) } : {}),
    }));
  for (let i = 0; i < fresh.length; i += 1000) {
    await db.insert(deadlines).values(fresh.slice(i, i + 1000)).onConflictDoNothing({ target: deadlines.key });
  }

  // A new due date (the school changed it): every deadline of the half-year not yet met moves.
  const moved = all.filter((d) => {
    const row = existing.get(d.key);
    return row && row.state !== 'met' && row.dueAt.getTime() !== dueAt.getTime();
  });
  if (moved.length > 0) {
    await db
      .update(deadlines)
      .set({ dueAt, updatedAt: now })
      .where(and(inArray(deadlines.key, moved.map((d) => d.key)), ne(deadlines.state, 'met')));
  }

  for (const d of all) {
    const row = existing.get(d.key);
    if (!row) continue;
    if (isMet(d) && row.state !== 'met') {
      await db
        .update(deadlines)
        .set({ state: 'met', metAt: toDate(d.metAt!), cancelledAt: null, updatedAt: now })
        .where(and(eq(deadlines.key, d.key), ne(deadlines.state, 'met')));
    } else if (!isMet(d) && row.state === 'cancelled') {
      await db.update(deadlines).set({ state: 'open', cancelledAt: null, updatedAt: now }).where(eq(deadlines.key, d.key));
    }
  }
}

/** Who the leaders' summary goes to: the policy's audience at the school (leaders; the principal when the school has none). */
function summaryRecipients(school: SchoolContext, audience: Audience): string[] {
  if (audience === 'principal') return school.principalIds;
  return school.leaderIds.length > 0 ? school.leaderIds : school.principalIds;
}

export interface ConversationSummaryRun {
  date: string;
  schools: number;
  /** Schools whose leaders get a summary today. */
  summaries: number;
  /** Ledger rows written (a second run the same day writes none). */
  queued: number;
}

/**
 * The worker's daily job (07:30 Oslo on weekdays): for every school, sync the current
 * half-year's conversations and — on a school day after the due date, while any pupil is
 * still without a conversation — write ONE ledger row per leader, not a mail per pupil. The
 * rows are sent by the sweep within the minute; the per-teacher counts are read when each
 * email is composed. One transaction per school, so one broken school does not stop the rest.
 */
export async function runConversationSummary(db: Db, date: string, now: Temporal.Instant): Promise<ConversationSummaryRun> {
  const day = Temporal.PlainDate.from(date);
  const term = termOfDate(day);
  const all = await db.select({ id: schools.id }).from(schools).orderBy(asc(schools.id));
  let summaries = 0;
  let queued = 0;
  for (const { id } of all) {
    const written = await db.transaction(async (tx) => {
      const school = await loadSchoolContext(tx, id);
      if (!school) return -1;
      const result = await syncWith(tx, school, term, now);
      // The domain lists a summary step for each school day after the due date (none when
      // every conversation is held, none on days without school).
      const step = result.summary.steps.find((s) => s.key === `summary-${date}-${s.audience}`);
      if (!step || result.outstanding === 0) return -1;
      const recipients = summaryRecipients(school, step.audience);
      if (recipients.length === 0) return 0;
      const rows = await tx
        .insert(notifications)
        .values(
          recipients.map((recipientId) => ({
            subjectKey: conversationSummarySubject(id, date),
            recipientId,
            step: CONVERSATION_SUMMARY_STEP,
            kind: 'conversation_summary',
            sendAfter: toDate(deliveryInstant(step, school.calendar, now)),
            schoolId: id,
            ownerId: school.owner.id,
            payload: { term: termId(term), date, asOf: step.fireAt.toString(), dueAt: result.dueAt.toString() },
          })),
        )
        // Already written today (a retried job, a second worker): it stays as it is.
        .onConflictDoNothing({ target: [notifications.subjectKey, notifications.recipientId, notifications.step] })
        .returning({ id: notifications.id });
      return rows.length;
    });
    if (written >= 0) summaries += 1;
    if (written > 0) queued += written;
  }
  return { date, schools: all.length, summaries, queued };
}

/** The outstanding pupils of a school and half-year, optionally of one contact teacher. */
export async function outstandingPupils(db: Db, schoolId: string, term: Term, contactTeacherId?: string) {
  return db
    .select({ id: pupils.id, initials: pupils.initials, contactTeacherId: pupils.contactTeacherId, contactTeacherName: people.name })
    .from(pupils)
    .leftJoin(
      pupilConversations,
      and(eq(pupilConversations.pupilId, pupils.id), eq(pupilConversations.termYear, term.year), eq(pupilConversations.termHalf, term.half)),
    )
    .leftJoin(people, eq(people.id, pupils.contactTeacherId))
    .where(
      and(
        eq(pupils.schoolId, schoolId),
        isNull(pupilConversations.id),
        contactTeacherId === undefined ? undefined : eq(pupils.contactTeacherId, contactTeacherId),
      ),
    )
    .orderBy(asc(pupils.initials), asc(pupils.id));
}

/** The due date and instant of a school's half-year (for lists and emails). */
export async function conversationDue(db: Db, schoolId: string, term: Term): Promise<{ dueDate: Temporal.PlainDate; dueAt: Temporal.Instant }> {
  const school = await loadSchoolContext(db, schoolId);
  if (!school) throw new UnknownSchoolError(`unknown school ${schoolId}`);
  const dueDate = pupilConversationDueDate(school.policy, term);
  const dueDay = school.calendar.lastSchoolDayOnOrBefore(dueDate);
  return { dueDate, dueAt: school.calendar.endOfSchoolDay(dueDay) };
}
