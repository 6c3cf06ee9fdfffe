import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { acknowledgements, digestRuns } from '../schema';
import type { Db } from '../types';

export type Acknowledgement = typeof acknowledgements.$inferSelect;
export type DigestRun = typeof digestRuns.$inferSelect;

/** Stores the hash of the link token sent with a serious/§ 12-5 notice (never the token). */
export async function createAcknowledgement(
  db: Db,
  row: { notificationId: string; subjectKey: string; personId: string; tokenHash: string },
): Promise<Acknowledgement> {
  const [created] = await db.insert(acknowledgements).values(row).returning();
  if (!created) throw new Error('createAcknowledgement: the insert returned no row');
  return created;
}

/**
 * The owner clicked the link. The first click records the time; later clicks (mail scanners
 * open links too) change nothing. null = unknown token.
 */
export async function acknowledge(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<{ acknowledgement: Acknowledgement; firstTime: boolean } | null> {
  const [updated] = await db
    .update(acknowledgements)
    .set({ acknowledgedAt: now })
    .where(and(eq(acknowledgements.tokenHash, tokenHash), isNull(acknowledgements.acknowledgedAt)))
    .returning();
  if (updated) return { acknowledgement: updated, firstTime: true };
  const [existing] = await db
    .select()
    .from(acknowledgements)
    .where(eq(acknowledgements.tokenHash, tokenHash));
  return existing ? { acknowledgement: existing, firstTime: false } : null;
}

/** Has anyone (the owner or the second contact) acknowledged this notice? */
export async function isAcknowledged(db: Db, subjectKey: string): Promise<boolean> {
  const [row] = await db
    .select({ id: acknowledgements.id })
    .from(acknowledgements)
    .where(and(eq(acknowledgements.subjectKey, subjectKey), isNotNull(acknowledgements.acknowledgedAt)))
    .limit(1);
  return row !== undefined;
}

/**
 * Takes the weekly digest of an owner for an ISO week: the row is returned to exactly one
 * caller (a repeated or duplicated scheduler tick gets null), so one digest per owner and week.
 */
export async function startDigestRun(
  db: Db,
  ownerId: string,
  isoWeek: string,
  now: Date,
): Promise<DigestRun | null> {
  const [row] = await db
    .insert(digestRuns)
    .values({ ownerId, isoWeek, startedAt: now })
    .onConflictDoNothing({ target: [digestRuns.ownerId, digestRuns.isoWeek] })
    .returning();
  return row ?? null;
}

export async function completeDigestRun(
  db: Db,
  id: string,
  figures: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await db.update(digestRuns).set({ completedAt: now, figures }).where(eq(digestRuns.id, id));
}
