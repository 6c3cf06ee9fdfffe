import { and, asc, eq, getTableColumns, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { notifications } from '../schema';
import type { Db } from '../types';
import { executeHotPath } from './hot-path';

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
  // Hand-written: this and markSent run for every message sent, and the query builder cost
  // more CPU than PostgreSQL did (bench: tools/bench/worker.ts).
  const rows = await executeHotPath<{ row: Record<string, unknown> }>(
    db,
    sql`with claimed as (${claimStatement(id, now, leaseMs)}) select to_jsonb(claimed.*) as row from claimed`,
  );
  return rows[0] ? notificationFromJson(rows[0].row) : null;
}

/**
 * The claim as a statement (UPDATE … RETURNING the row) to use as a CTE, for a caller that
 * reads what it needs to send in the same round trip. Same conditions as pending().
 */
export function claimStatement(id: string, now: Date, leaseMs: number = DEFAULT_CLAIM_LEASE_MS): SQL {
  const at = now.toISOString();
  const leaseExpiredBefore = new Date(now.getTime() - leaseMs).toISOString();
  return sql`
    update notifications
       set claimed_at = ${at}::timestamptz, claim_token = gen_random_uuid(),
           attempts = attempts + 1, updated_at = ${at}::timestamptz
     where id = ${id}
       and sent_at is null and cancelled_at is null and failed_permanently_at is null
       and send_after <= ${at}::timestamptz
       and (claimed_at is null or claimed_at < ${leaseExpiredBefore}::timestamptz)
    returning *`;
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
  const rows = await executeHotPath(
    db,
    sql`
      update notifications
         set sent_at = ${now.toISOString()}::timestamptz, message_id = ${messageId}, last_error = null,
             updated_at = ${now.toISOString()}::timestamptz
       where id = ${id} and sent_at is null
      returning id`,
  );
  return rows.length === 1;
}

const notificationColumns = Object.entries(getTableColumns(notifications)).map(([key, column]) => ({
  key,
  name: column.name,
  instant: column.dataType === 'date',
}));

/** A ledger row from `to_jsonb(notifications.*)`: snake_case keys, instants as ISO strings. */
export function notificationFromJson(json: Record<string, unknown>): Notification {
  const row: Record<string, unknown> = {};
  for (const c of notificationColumns) {
    const value = json[c.name] ?? null;
    row[c.key] = c.instant && value !== null ? new Date(value as string) : value;
  }
  return row as Notification;
}

/**
 * How many tries (claims) a row gets before it is given up on. The worker's send job retries
 * as often (the catalog's send-notification attempts, with its backoff spanning about 17 hours).
 */
export const MAX_NOTIFICATION_ATTEMPTS = 12;

/** What markFailed recorded. */
export interface FailedAttempt {
  /** Tries so far (claims), the failed one included. */
  attempts: number;
  /** This call gave the row up: a permanent failure, or the last try allowed failed. */
  givenUp: boolean;
}

/**
 * Records a failed attempt and releases the claim. Permanent (5xx, no such address): the row
 * is given up on and the sweep stops offering it. Temporary: it stays pending and `retryAt`
 * (optional) moves send_after so the sweep does not offer it again before then — unless it
 * was the row's `maxAttempts`-th try, when it is given up on too (last_error kept; send_after
 * left where it was). Null when there was nothing to record: sent, or already given up on
 * (so a row is given up exactly once).
 */
export async function markFailed(
  db: Db,
  id: string,
  error: string,
  permanent: boolean,
  now: Date,
  retryAt?: Date,
  maxAttempts: number = MAX_NOTIFICATION_ATTEMPTS,
): Promise<FailedAttempt | null> {
  const at = now.toISOString();
  const spent = sql`${notifications.attempts} >= ${maxAttempts}::int`;
  const rows = await db
    .update(notifications)
    .set({
      lastError: error.slice(0, 2000),
      claimedAt: null,
      claimToken: null,
      failedPermanentlyAt: permanent ? now : sql`case when ${spent} then ${at}::timestamptz end`,
      ...(retryAt && !permanent
        ? { sendAfter: sql`case when ${spent} then ${notifications.sendAfter} else ${retryAt.toISOString()}::timestamptz end` }
        : {}),
      updatedAt: now,
    })
    .where(and(eq(notifications.id, id), isNull(notifications.sentAt), isNull(notifications.failedPermanentlyAt)))
    .returning({ attempts: notifications.attempts, failedPermanentlyAt: notifications.failedPermanentlyAt });
  const [row] = rows;
  return row ? { attempts: row.attempts, givenUp: row.failedPermanentlyAt !== null } : null;
}

/**
 * Gives up on the pending rows due by `until` whose tries are spent (attempts ≥ maxAttempts)
 * and that nobody holds (no claim, or its lease ran out): their last sender died after
 * claiming — a message that crashes the worker, say — or they were tried before the bound
 * existed. Without this, each expired lease would buy another try, without end. The sweep
 * calls it; returns the rows given up on (last_error kept).
 */
export async function giveUpExhaustedNotifications(
  db: Db,
  options: { until: Date; now: Date; maxAttempts?: number; leaseMs?: number },
): Promise<Pick<Notification, 'id' | 'attempts' | 'lastError'>[]> {
  const maxAttempts = options.maxAttempts ?? MAX_NOTIFICATION_ATTEMPTS;
  const leaseExpiredBefore = new Date(options.now.getTime() - (options.leaseMs ?? DEFAULT_CLAIM_LEASE_MS));
  return db
    .update(notifications)
    .set({
      failedPermanentlyAt: options.now,
      lastError: sql`coalesce(${notifications.lastError}, ${`no outcome recorded after ${maxAttempts} attempts`})`,
      updatedAt: options.now,
    })
    .where(
      and(
        pending(),
        lte(notifications.sendAfter, options.until),
        sql`${notifications.attempts} >= ${maxAttempts}::int`,
        sql`(${notifications.claimedAt} is null or ${notifications.claimedAt} < ${leaseExpiredBefore.toISOString()}::timestamptz)`,
      ),
    )
    .returning({ id: notifications.id, attempts: notifications.attempts, lastError: notifications.lastError });
}

/** Where a page of dueNotifications ended: the last row's (send_after, id). */
export interface DueCursor {
  sendAfter: Date;
  id: string;
}

/**
 * The sweep: pending rows due by `until`, oldest first — (send_after, id) order — at most
 * `limit`, after `after` (keyset paging: pass the last row of the previous page). Served by
 * notifications_due_idx (send_after >= the cursor bounds the index scan). Includes rows claimed
 * by a sender that may have died; claimNotification decides. The cursor has the millisecond
 * precision of a Date; the ledger's instants come from Dates too, so none is skipped or
 * repeated (a sub-millisecond send_after written by hand could be offered twice, which the
 * deterministic job ids make harmless).
 */
export async function dueNotifications(
  db: Db,
  until: Date,
  limit: number,
  after?: DueCursor,
): Promise<Notification[]> {
  const from = after?.sendAfter.toISOString();
  return db
    .select()
    .from(notifications)
    .where(
      and(
        pending(),
        lte(notifications.sendAfter, until),
        after
          ? sql`${notifications.sendAfter} >= ${from}::timestamptz
              and (${notifications.sendAfter} > ${from}::timestamptz or ${notifications.id} > ${after.id}::uuid)`
          : undefined,
      ),
    )
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
