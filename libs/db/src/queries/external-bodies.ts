// External bodies involved in a case (PPT, child welfare, BUP, …). Append-only (migration 0007):
// these functions insert and read, nothing here updates or deletes. `now` is the application's
// clock, passed in: it is the moment the entry was recorded.
import { asc, eq } from 'drizzle-orm';
import { caseExternalBodies } from '../schema';
import type { Db } from '../types';

export type ExternalBodyRow = typeof caseExternalBodies.$inferSelect;
export type ExternalBodyKind = ExternalBodyRow['kind'];
export type NewExternalBody = Omit<typeof caseExternalBodies.$inferInsert, 'id' | 'createdAt'>;

export async function insertExternalBody(db: Db, entry: NewExternalBody, now: Date): Promise<ExternalBodyRow> {
  const [row] = await db
    .insert(caseExternalBodies)
    .values({ ...entry, createdAt: now })
    .returning();
  if (!row) throw new Error('insertExternalBody: the insert returned no row');
  return row;
}

/** The case's external bodies in time order: by date of contact, then as they were recorded. */
export async function externalBodiesOfCase(db: Db, caseId: string): Promise<ExternalBodyRow[]> {
  return db
    .select()
    .from(caseExternalBodies)
    .where(eq(caseExternalBodies.caseId, caseId))
    .orderBy(asc(caseExternalBodies.contactedOn), asc(caseExternalBodies.createdAt), asc(caseExternalBodies.id));
}
