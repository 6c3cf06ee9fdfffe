import { and, asc, eq, getTableColumns, isNull, lte, sql } from 'drizzle-orm';
import { notifications } from '../schema';
import type { Db } from '../types';

export type Notification = typeof notifications.$inferSelect;

/** One message the domain wants sent: what (subjectKey), whom (recipientId), which step. */
export interface WantedNotification {
  subjectKey: string;
  recipientId: string;
  step: string;
  kind: string;
  sendAfter: Date;
  schoolId?: string | null;
  ownerId?: string | null;
  caseId?: string | null;
  /** Ids only — never names or free text. */
  payload?: Record<string, unknown>;
}

/** How long a claim holds before another sender may take over (the first one presumably died). */
export const DEFAULT_CLAIM_LEASE_MS = 10 * 60 * 1000;

const ledgerKey = (row: { subjectKey: string; recipientId: string; step: string }) =>
  `${row.subjectKey}\u0000${row.recipientId}\u0000${row.step}`;

/** Rows nobody has sent, cancelled or given up on. */
const pending = () =>
  and(
    isNull(notifications.sentAt),
    isNull(notifications.cancelledAt),
    isNull(notifications.failedPermanentlyAt),
  );

/**
 * Inserts ledger rows; for an existing (what, whom, step) it moves send_after (and revives a
 * cancelled row) only while the row is neither sent, claimed nor permanently failed — a sent
 * message is history, and a claimed one is being sent right now. Returns the rows inserted or
 * changed.
 */
export async function upsertNotifications(
  db: Db,
  rows: readonly WantedNotification[],
): Promise<Notification[]> {
  if (rows.length === 0) return [];
  const keys = new Set(rows.map(ledgerKey));
  if (keys.size !== rows.length) {
    throw new Error('upsertNotifications: the same (subject, recipient, step) appears twice');
  }
  return db
    .insert(notifications)
    .values(rows.map((row) => ({ ...row, payload: row.payload ?? {} })))
    .onConflictDoUpdate({
      target: [notifications.subjectKey, notifications.recipientId, notifications.step],
      set: {
        sendAfter: sql`excluded.send_after`,
        kind: sql`excluded.kind`,
        payload: sql`excluded.payload`,
        cancelledAt: null,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${notifications.sentAt} is null
        and ${notifications.claimedAt} is null
        and ${notifications.failedPermanentlyAt} is null`,
    })
    .returning();
}

/**
 * Makes the unsent ledger rows of one deadline exactly `wanted`: rows no longer computed get
 * cancelled_at = now, changed instants move, new ones are added. Sent rows are never touched
 * (and a recipient is never told twice at the same step, because the key stays). Atomic: runs
 * in a (nested) transaction under a lock on the deadline key, so two recomputations of the
 * same deadline cannot interleave.
 */
export async function replaceDeadlineNotifications(
  db: Db,
  deadlineKey: string,
  wanted: readonly Omit<WantedNotification, 'subjectKey'>[],
  now: Date,
): Promise<{ cancelled: number; upserted: Notification[] }> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`ledger:${deadlineKey}`}, 0))`,
    );
    const rows = wanted.map((row) => ({ ...row, subjectKey: deadlineKey }));
    const keep = new Set(rows.map(ledgerKey));
    const unsent = await tx
      .select({
        id: notifications.id,
        subjectKey: notifications.subjectKey,
        recipientId: notifications.recipientId,
        step: notifications.step,
      })
      .from(notifications)
      .where(
        and(
          eq(notifications.subjectKey, deadlineKey),
          isNull(notifications.sentAt),
          isNull(notifications.cancelledAt),
        ),
      );
    const unwanted = unsent.filter((row) => !keep.has(ledgerKey(row)));
    for (const row of unwanted) {
      await tx
        .update(notifications)
        .set({ cancelledAt: now, updatedAt: now })
        .where(and(eq(notifications.id, row.id), isNull(notifications.sentAt)));
    }
    const upserted = await upsertNotifications(tx, rows);
    return { cancelled: unwanted.length, upserted };
  });
}

/** Cancels every unsent row of a subject (a deadline met or cancelled). Returns how many. */
export async function cancelUnsentNotifications(
  db: Db,
  subjectKey: string,
  now: Date,
): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ cancelledAt: now, updatedAt: now })
    .where(
      and(
        eq(notifications.subjectKey, subjectKey),
        isNull(notifications.sentAt),
        isNull(notifications.cancelledAt),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

/**
 * Atomically takes the right to send one message. Returns the row (with a fresh claim_token
 * and attempts + 1) to exactly one caller, or null: already sent, cancelled, given up on, not
 * due yet (a job enqueued before the deadline moved later fires early — refuse it), or
 * claimed by another sender within the lease. Two concurrent claims serialise on the row
 * lock; the loser re-checks the WHERE against the winner's row and matches nothing.
 */
export async function claimNotification(
  db: Db,
  id: string,
  now: Date,
  leaseMs: number = DEFAULT_CLAIM_LEASE_MS,
): Promise<Notification | null> {
  const leaseExpiredBefore = new Date(now.getTime() - leaseMs);
  // Hand-written: this and markSent run for every message sent, and the query builder cost
  // more CPU than PostgreSQL did (bench: tools/bench/worker.ts). Same conditions as pending().
  const rows = rowsOf<{ row: Record<string, unknown> }>(
    await db.execute(sql`
      update notifications
         set claimed_at = ${now.toISOString()}::timestamptz, claim_token = gen_random_uuid(),
             attempts = attempts + 1, updated_at = ${now.toISOString()}::timestamptz
       where id = ${id}
         and sent_at is null and cancelled_at is null and failed_permanently_at is null
         and send_after <= ${now.toISOString()}::timestamptz
         and (claimed_at is null or claimed_at < ${leaseExpiredBefore.toISOString()}::timestamptz)
      returning to_jsonb(notifications.*) as row`),
  );
  return rows[0] ? notificationFromJson(rows[0].row) : null;
}

/**
 * Records that the message went out. Idempotent: true only for the call that recorded it.
 * Deliberately not conditional on cancelled_at — if a cancel raced an in-flight send, the
 * email did go, and the ledger must say so.
 */
export async function markSent(
  db: Db,
  id: string,
  messageId: string,
  now: Date,
): Promise<boolean> {
  const rows = rowsOf(
    await db.execute(sql`
      update notifications
         set sent_at = ${now.toISOString()}::timestamptz, message_id = ${messageId}, last_error = null,
             updated_at = ${now.toISOString()}::timestamptz
       where id = ${id} and sent_at is null
      returning id`),
  );
  return rows.length === 1;
}

/** postgres.js answers `execute` with the rows, PGlite with `{ rows }`. */
function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const notificationColumns = Object.entries(getTableColumns(notifications)).map(([key, column]) => ({
  key,
  name: column.name,
  instant: column.dataType === 'date',
}));

/** A ledger row from `to_jsonb(notifications.*)`: snake_case keys, instants as ISO strings. */
function notificationFromJson(json: Record<string, unknown>): Notification {
  const row: Record<string, unknown> = {};
  for (const c of notificationColumns) {
    const value = json[c.name] ?? null;
    row[c.key] = c.instant && value !== null ? new Date(value as string) : value;
  }
  return row as Notification;
}

/**
 * Records a failed attempt and releases the claim. Permanent (5xx, no such address): the row
 * is given up on and the sweep stops offering it. Temporary: it stays pending; `retryAt`
 * (optional) moves send_after so the sweep does not offer it again before then.
 */
export async function markFailed(
  db: Db,
  id: string,
  error: string,
  permanent: boolean,
  now: Date,
  retryAt?: Date,
): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({
      lastError: error.slice(0, 2000),
      claimedAt: null,
      claimToken: null,
      failedPermanentlyAt: permanent ? now : null,
      ...(retryAt && !permanent ? { sendAfter: retryAt } : {}),
      updatedAt: now,
    })
    .where(and(eq(notifications.id, id), isNull(notifications.sentAt)))
    .returning({ id: notifications.id });
  return rows.length === 1;
}

/**
 * The sweep: pending rows due by `until`, oldest first (served by notifications_due_idx).
 * Includes rows claimed by a sender that may have died; claimNotification decides.
 */
export async function dueNotifications(
  db: Db,
  until: Date,
  limit: number,
): Promise<Notification[]> {
  return db
    .select()
    .from(notifications)
    .where(and(pending(), lte(notifications.sendAfter, until)))
    .orderBy(asc(notifications.sendAfter), asc(notifications.id))
    .limit(limit);
}

export async function getNotification(db: Db, id: string): Promise<Notification | null> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row ?? null;
}

export async function notificationsForSubject(
  db: Db,
  subjectKey: string,
): Promise<Notification[]> {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.subjectKey, subjectKey))
    .orderBy(asc(notifications.sendAfter), asc(notifications.step));
}
