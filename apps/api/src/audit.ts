// The audit trail (DOMAIN.md "Privacy and documentation"): every read and write of a case —
// who, in which role, at which school, what, which case, when, in which request. Ids and codes
// only: no case text and no names ever go into the log (it is kept for good, and read by
// people who may not read the cases).
//
// Routes append their own, precise entries (`audit` in context.ts): writes inside their
// transaction, as its last statement — the chain's lock (libs/db appendAuditEntry) is held from
// the append until commit, so it must be short — and reads in a short transaction of their
// own. `auditTrail` below is the safety net for whatever a route forgets: every request to a
// case, report, acknowledgement or pupil address that did not append an entry gets a generic
// one after it is answered.
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { eq } from 'drizzle-orm';
import { appendAuditEntry, cases, type Db } from '@trygg/db';
import type { Caller } from './caller';
import type { AppEnv, Ctx } from './context';
import { ApiError, errorBody } from './errors';
import type { Logger } from './engine';
import { describeError } from './log-safe';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  schoolId?: string | null;
  /** Ids, codes, counts. Never free text or names. */
  details?: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The roles the caller acts in: those held at the school (all of them when there is none), and admin. */
export function auditRoles(caller: Caller | undefined, schoolId: string | null): string[] {
  if (!caller) return [];
  const held = new Set<string>();
  for (const g of caller.grants) if (schoolId === null || g.schoolId === schoolId) held.add(g.role);
  if (caller.isAdmin) held.add('admin');
  return [...held].sort();
}

/** Appends one entry for this request (and marks the request as audited). */
export async function appendRequestAudit(db: Db, c: Ctx, at: Date, entry: AuditInput): Promise<void> {
  const caller = c.get('caller');
  let schoolId = entry.schoolId ?? null;
  // A refused attempt names the case only; the log says whose school it was, all the same.
  if (schoolId === null && entry.entityType === 'case' && typeof entry.entityId === 'string' && UUID.test(entry.entityId)) {
    const [row] = await db.select({ schoolId: cases.schoolId }).from(cases).where(eq(cases.id, entry.entityId));
    schoolId = row?.schoolId ?? null;
  }
  await appendAuditEntry(db, {
    at,
    actorId: caller?.personId ?? null,
    requestId: c.get('requestId'),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    schoolId,
    details: { roles: auditRoles(caller, schoolId), ...entry.details },
  });
  c.set('audited', true);
}

/** The addresses whose every request is audited: cases, reports, acknowledgements, pupils and their conversations. */
const AUDITED = /^\/api\/(?:cases|reports|acknowledgements|pupils)(?:\/|$)|^\/api\/schools\/[^/]+\/(?:pupils|conversations)(?:\/|$)/;
const CASE_ID = /^\/api\/cases\/([^/]+)/;

function entityOf(path: string): { entityType: string; entityId: string | null } {
  const kind = /^\/api\/(?:schools\/[^/]+\/)?([a-z]+)/.exec(path)?.[1] ?? 'request';
  if (kind === 'cases') {
    const id = CASE_ID.exec(path)?.[1];
    // An id that is not one (a name typed into the address, say) is not written down.
    return { entityType: 'case', entityId: id && UUID.test(id) ? id.toLowerCase() : null };
  }
  return { entityType: kind.replace(/s$/, ''), entityId: null };
}

/**
 * The safety net: after the answer, a request to an audited address that appended no entry
 * gets one — `<entity>.<method>` with the route and the status. A route's own entry counts only
 * with an answer below 500: a server error may have rolled it back with everything else.
 * Requests with no caller that were refused (401, an unknown acknowledgement link) read
 * nothing and are not written down (nor could anyone fill the log with them).
 * Should the append fail, the answer becomes a 500: a read that cannot be audited is not given.
 */
export function auditTrail(deps: { db: Db; clock: () => Date; log: Logger }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!AUDITED.test(c.req.path)) return;
    const status = c.res.status;
    if (c.get('audited') && status < 500) return;
    if (!c.get('caller') && status >= 400) return;
    const { entityType, entityId } = entityOf(c.req.path);
    try {
      await appendRequestAudit(deps.db, c as Ctx, deps.clock(), {
        action: `${entityType}.${c.req.method.toLowerCase()}`,
        entityType,
        entityId,
        details: { route: `${c.req.method} ${routePath(c, -1)}`, status },
      });
    } catch (error) {
      deps.log.error('audit append failed', {
        requestId: c.get('requestId'),
        error: describeError(error),
      });
      const failure = new ApiError('INTERNAL', 'Noe gikk galt hos oss. Prøv igjen, og kontakt administrator hvis feilen fortsetter.');
      c.res = undefined; // replace, not merge (the route's headers do not belong to this answer)
      c.res = new Response(JSON.stringify(errorBody(failure, c.get('requestId') ?? '')), {
        status: 500,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      });
    }
  };
}
