import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import { auditLog } from '../schema';
import type { Db } from '../types';

export type AuditEntry = typeof auditLog.$inferSelect;

export interface NewAuditEntry {
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  schoolId?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level (jsonb reorders keys; the hash must not care). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function entryHash(prevHash: string, entry: Required<NewAuditEntry>): string {
  const body = canonicalJson({
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    schoolId: entry.schoolId,
    requestId: entry.requestId,
    details: entry.details,
  });
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

function normalise(entry: NewAuditEntry): Required<NewAuditEntry> {
  return {
    ...entry,
    entityId: entry.entityId ?? null,
    schoolId: entry.schoolId ?? null,
    requestId: entry.requestId ?? null,
    // What jsonb will hand back: Dates become strings, undefined disappears.
    details: JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>,
  };
}

/**
 * Appends one audit entry chained to the previous one. Appends are serialised by a
 * transaction-scoped advisory lock so that two writers cannot chain to the same predecessor.
 */
export async function appendAuditEntry(db: Db, entry: NewAuditEntry): Promise<AuditEntry> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('trygg.audit', 0))`);
    const [last] = await tx
      .select({ hash: auditLog.hash })
      .from(auditLog)
      .orderBy(desc(auditLog.seq))
      .limit(1);
    const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
    const values = normalise(entry);
    const [row] = await tx
      .insert(auditLog)
      .values({ ...values, prevHash, hash: entryHash(prevHash, values) })
      .returning();
    if (!row) throw new Error('appendAuditEntry: the insert returned no row');
    return row;
  });
}

/**
 * Recomputes the chain. Returns the seq of the first entry that does not match (edited,
 * removed or inserted out of turn), or null when the whole log is intact.
 */
export async function verifyAuditChain(db: Db): Promise<number | null> {
  const rows = await db.select().from(auditLog).orderBy(asc(auditLog.seq));
  let prevHash = AUDIT_GENESIS_HASH;
  for (const row of rows) {
    const expected = entryHash(prevHash, normalise(row));
    if (row.prevHash !== prevHash || row.hash !== expected) return row.seq;
    prevHash = row.hash;
  }
  return null;
}


export interface AuditChainBreak {
  /** The first entry that does not hold: edited, or chained to something that is no longer there. */
  entry: AuditEntry;
  /**
   * `edited`: its contents (or its hash) no longer match its hash — changed after it was written.
   * `link`: its prev_hash is not the hash of the entry before it — that entry was edited and
   * re-hashed, or entries between them were removed or slipped in.
   */
  problem: 'edited' | 'link';
  /** The entry before it (null when it is the first). */
  previous: AuditEntry | null;
}

export interface AuditChainReport {
  /** Entries read, up to and including the first break. */
  checked: number;
  /** The last intact entry read: anchor its seq and hash outside the database, a removed tail shows. */
  head: { seq: number; hash: string } | null;
  broken: AuditChainBreak | null;
}

/**
 * Walks the whole chain in seq order, in pages (the log grows for ever), and names the first
 * entry that does not hold. A removed tail cannot show in the chain itself: compare `head`
 * with a copy kept elsewhere.
 */
export async function checkAuditChain(db: Db, options: { pageSize?: number } = {}): Promise<AuditChainReport> {
  const pageSize = options.pageSize ?? 2000;
  let previous: AuditEntry | null = null;
  let checked = 0;
  let after = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(pageSize);
    for (const row of page) {
      checked += 1;
      const prevHash = previous?.hash ?? AUDIT_GENESIS_HASH;
      if (row.prevHash !== prevHash) {
        return { checked, head: previous && { seq: previous.seq, hash: previous.hash }, broken: { entry: row, problem: 'link', previous } };
      }
      if (row.hash !== entryHash(row.prevHash, normalise(row))) {
        return { checked, head: previous && { seq: previous.seq, hash: previous.hash }, broken: { entry: row, problem: 'edited', previous } };
      }
      previous = row;
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.seq;
  }
  return { checked, head: previous && { seq: previous.seq, hash: previous.hash }, broken: null };
}
