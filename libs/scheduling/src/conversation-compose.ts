// The two pupil-conversation emails, built at send time from the ledger row's ids: the contact
// teacher's reminder (count + initials of their pupils still without a conversation) and the
// leaders' daily summary (per contact teacher). Reading the pupils now, not at sync time, means
// a conversation held between the sync and 07:30 is already off the list. Initials only — the
// recipients are school staff; the conversation's note never leaves the app.
import { schoolOwners, schools, type Db, type Notification } from '@trygg/db';
import type { ConversationReminderMessage, ConversationSummaryMessage, Lang } from '@trygg/notifications';
import { eq } from 'drizzle-orm';
// compose.ts imports this module too; UndeliverableError is only used at call time, so the cycle is harmless.
import { UndeliverableError, type ComposedMessage } from './compose';
import { outstandingPupils, parseTermId } from './conversations';

/** Is this ledger row one of the pupil-conversation emails? */
export function isConversationRow(row: Notification): boolean {
  const p = row.payload as Record<string, unknown>;
  return row.kind === 'conversation_summary' || (row.kind === 'reminder' && p.deadlineKind === 'pupil_conversation');
}

export async function composeConversationMessage(db: Db, row: Notification, to: string): Promise<ComposedMessage> {
  const p = row.payload as Record<string, unknown>;
  const term = parseTermId(p.term);
  const dueAt = typeof p.dueAt === 'string' ? p.dueAt : null;
  if (!row.schoolId || !term || !dueAt) throw new UndeliverableError('conversation row without school, term or due instant');
  const [found] = await db
    .select({ name: schools.name, language: schoolOwners.language })
    .from(schools)
    .innerJoin(schoolOwners, eq(schoolOwners.id, schools.ownerId))
    .where(eq(schools.id, row.schoolId));
  if (!found) throw new UndeliverableError('school is gone');
  const lang: Lang = found.language;

  if (row.kind === 'reminder') {
    const mine = await outstandingPupils(db, row.schoolId, term, row.recipientId);
    // The sync cancels a teacher's reminder once all their pupils are seen; this catches a
    // conversation recorded in the same minute the row was claimed.
    if (mine.length === 0) throw new UndeliverableError('every pupil of this contact teacher has had the conversation');
    const message: ConversationReminderMessage = {
      kind: 'reminder',
      deadline: 'pupil_conversation',
      recipient: 'contact_teacher',
      step: row.step.startsWith('remind-') ? 'ahead' : 'on_the_day',
      dueAt,
      schoolId: row.schoolId,
      schoolName: found.name,
      term: term.half,
      pupilCount: mine.length,
      pupilInitials: mine.map((m) => m.initials),
    };
    return { to, lang, message };
  }

  const all = await outstandingPupils(db, row.schoolId, term);
  if (all.length === 0) throw new UndeliverableError('no pupil conversation is outstanding');
  const byTeacher = new Map<string | null, { name: string | null; initials: string[] }>();
  for (const pupil of all) {
    const key = pupil.contactTeacherId;
    const entry = byTeacher.get(key) ?? { name: pupil.contactTeacherName, initials: [] };
    entry.initials.push(pupil.initials);
    byTeacher.set(key, entry);
  }
  // Teachers by name; pupils without a contact teacher last.
  const groups = [...byTeacher.values()].sort((a, b) =>
    a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name, 'nb'),
  );
  const message: ConversationSummaryMessage = {
    kind: 'conversation_summary',
    schoolId: row.schoolId,
    schoolName: found.name,
    term: term.half,
    asOf: typeof p.asOf === 'string' ? p.asOf : row.sendAfter.toISOString(),
    dueAt,
    byContactTeacher: groups.map((g) => ({ contactTeacherName: g.name, count: g.initials.length, pupilInitials: g.initials })),
  };
  return { to, lang, message };
}
