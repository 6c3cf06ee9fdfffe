import { asc, eq, sql } from 'drizzle-orm';
import { caseCounters, caseTimeline } from '../schema';
import type { Db } from '../types';

export type TimelineEntry = typeof caseTimeline.$inferSelect;
export type NewTimelineEntry = Omit<typeof caseTimeline.$inferInsert, 'id' | 'recordedAt'>;

/**
 * The next human case number of a school in a year, '2026-0042'. One atomic upsert, so two
 * reports registered at once never get the same number (the counter row is locked until the
 * surrounding transaction ends — a rolled-back registration leaves no gap).
 */
export async function nextCaseNumber(db: Db, schoolId: string, year: number): Promise<string> {
  const [row] = await db
    .insert(caseCounters)
    .values({ schoolId, year, last: 1 })
    .onConflictDoUpdate({
      target: [caseCounters.schoolId, caseCounters.year],
      set: { last: sql`${caseCounters.last} + 1` },
    })
    .returning({ last: caseCounters.last });
  if (!row) throw new Error('nextCaseNumber: the counter upsert returned no row');
  return `${year}-${String(row.last).padStart(4, '0')}`;
}

/** Timeline entries are append-only (the database refuses UPDATE/DELETE). */
export async function appendTimeline(db: Db, entry: NewTimelineEntry): Promise<TimelineEntry> {
  const [row] = await db.insert(caseTimeline).values(entry).returning();
  if (!row) throw new Error('appendTimeline: the insert returned no row');
  return row;
}

export async function timelineOfCase(db: Db, caseId: string): Promise<TimelineEntry[]> {
  return db
    .select()
    .from(caseTimeline)
    .where(eq(caseTimeline.caseId, caseId))
    .orderBy(asc(caseTimeline.at), asc(caseTimeline.recordedAt));
}
