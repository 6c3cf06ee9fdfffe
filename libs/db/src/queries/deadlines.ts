import { and, eq, min, ne, sql } from 'drizzle-orm';
import { cases, deadlines } from '../schema';
import type { Db } from '../types';
import { cancelUnsentNotifications } from './notifications';

export type Deadline = typeof deadlines.$inferSelect;

/** Whose deadlines: a case's, or (pupil conversations) a school's pupil's. */
export interface DeadlineScope {
  schoolId: string;
  caseId?: string | null;
  pupilId?: string | null;
}

export interface WantedDeadline {
  key: string;
  kind: string;
  dueAt: Date;
}

/**
 * Inserts deadlines or moves existing ones (same key) to the newly computed due_at. A met
 * deadline is history and is left alone; a cancelled one that is wanted again reopens.
 * Keeps cases.next_deadline_at in step. Move the deadline's notifications with
 * replaceDeadlineNotifications in the same transaction.
 */
export async function upsertDeadlines(
  db: Db,
  scope: DeadlineScope,
  wanted: readonly WantedDeadline[],
): Promise<Deadline[]> {
  if (wanted.length === 0) return [];
  const rows = await db
    .insert(deadlines)
    .values(
      wanted.map((d) => ({
        ...d,
        schoolId: scope.schoolId,
        caseId: scope.caseId ?? null,
        pupilId: scope.pupilId ?? null,
      })),
    )
    .onConflictDoUpdate({
      target: deadlines.key,
      set: {
        dueAt: sql`excluded.due_at`,
        kind: sql`excluded.kind`,
        state: 'open',
        cancelledAt: null,
        updatedAt: sql`now()`,
      },
      setWhere: ne(deadlines.state, 'met'),
    })
    .returning();
  if (scope.caseId) await refreshNextDeadline(db, scope.caseId);
  return rows;
}

/** A deadline met (at `metAt`, possibly late): its unsent reminders and escalations are cancelled. */
export async function markDeadlineMet(
  db: Db,
  key: string,
  metAt: Date,
  now: Date,
): Promise<Deadline | null> {
  const [row] = await db
    .update(deadlines)
    .set({ state: 'met', metAt, updatedAt: now })
    .where(and(eq(deadlines.key, key), eq(deadlines.state, 'open')))
    .returning();
  if (!row) return null;
  await cancelUnsentNotifications(db, key, now);
  if (row.caseId) await refreshNextDeadline(db, row.caseId);
  return row;
}

/** A deadline that no longer applies (the case closed, a step became moot). */
export async function cancelDeadline(db: Db, key: string, now: Date): Promise<Deadline | null> {
  const [row] = await db
    .update(deadlines)
    .set({ state: 'cancelled', cancelledAt: now, updatedAt: now })
    .where(and(eq(deadlines.key, key), eq(deadlines.state, 'open')))
    .returning();
  if (!row) return null;
  await cancelUnsentNotifications(db, key, now);
  if (row.caseId) await refreshNextDeadline(db, row.caseId);
  return row;
}

/** "snarast": a delay must be justified in writing. Record it on the timeline too. */
export async function recordDelayReason(
  db: Db,
  key: string,
  reason: string,
  byPersonId: string,
  now: Date,
): Promise<Deadline | null> {
  const [row] = await db
    .update(deadlines)
    .set({ delayReason: reason, delayReasonAt: now, delayReasonById: byPersonId, updatedAt: now })
    .where(eq(deadlines.key, key))
    .returning();
  return row ?? null;
}

/** cases.next_deadline_at = the earliest open deadline of the case (null when none). */
export async function refreshNextDeadline(db: Db, caseId: string): Promise<void> {
  const next = db
    .select({ at: min(deadlines.dueAt) })
    .from(deadlines)
    .where(and(eq(deadlines.caseId, caseId), eq(deadlines.state, 'open')));
  await db
    .update(cases)
    .set({ nextDeadlineAt: sql`(${next})` })
    .where(eq(cases.id, caseId));
}

export async function deadlinesOfCase(db: Db, caseId: string): Promise<Deadline[]> {
  return db.select().from(deadlines).where(eq(deadlines.caseId, caseId)).orderBy(deadlines.dueAt);
}

export async function getDeadline(db: Db, key: string): Promise<Deadline | null> {
  const [row] = await db.select().from(deadlines).where(eq(deadlines.key, key));
  return row ?? null;
}
