// Who is calling: a server-side session. The cookie holds only a random id (256 bits); the
// sessions table holds its SHA-256, the person, and two clocks — an idle timeout (no request
// for a while) and an absolute one (however active). Logging out deletes the row, so a copied
// cookie stops working at once; a refused login deletes every session of the person.
// Every request still loads the person and their roles afresh (caller.ts), so a removed role or
// a deactivated person takes effect at the next request.
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { eq, lt, or } from 'drizzle-orm';
import { sessions, type Db } from '@trygg/db';

/**
 * On https the cookie carries the `__Host-` prefix: the browser then only accepts it when it is
 * Secure, for path /, and set by this very host (a sibling subdomain cannot plant one).
 */
export const SESSION_COOKIE = 'trygg_session';
export const sessionCookieName = (secure: boolean) => (secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);

export interface SessionTimeouts {
  /** No request for this long ends the session. */
  idleMs: number;
  /** The session ends this long after login, however active. */
  absoluteMs: number;
}

export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = {
  idleMs: 30 * 60 * 1000,
  // A school day: staff log in in the morning. Membership (Feide affiliation and organisation)
  // is re-checked at each login, so the absolute limit bounds how long a change can go unseen.
  absoluteMs: 10 * 60 * 60 * 1000,
};

/** last_seen_at is written at most this often (one write per minute, not per request). */
const TOUCH_EVERY_MS = 60 * 1000;

export type SessionMethod = 'oidc' | 'test';

export interface Session {
  personId: string;
  method: SessionMethod;
  acr: string | null;
  createdAt: Date;
  expiresAt: Date;
}

const hashOf = (id: string) => createHash('sha256').update(id).digest('hex');
const newId = () => randomBytes(32).toString('base64url');
/** 32 random bytes in base64url: 43 characters. Anything else is not ours. */
const ID_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Secure cookies everywhere except plain-http development on this machine. */
export function cookieIsSecure(appUrl: string): boolean {
  const url = new URL(appUrl);
  return !(url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
}

/** Writes a session row and returns the cookie value (the only copy of the id). */
export async function createSessionRow(
  db: Db,
  opts: { personId: string; method: SessionMethod; acr?: string | null; now: Date; timeouts: SessionTimeouts },
): Promise<string> {
  const id = newId();
  await db.insert(sessions).values({
    idHash: hashOf(id),
    personId: opts.personId,
    method: opts.method,
    acr: opts.acr ?? null,
    createdAt: opts.now,
    lastSeenAt: opts.now,
    expiresAt: new Date(opts.now.getTime() + opts.timeouts.absoluteMs),
  });
  return id;
}

/**
 * For tests and scripts: a `Cookie` header value carrying a valid session for the person,
 * stored in the database the app reads.
 *   app.request('/api/cases', { headers: { cookie: await sessionCookie(db, personId, now) } })
 * `secure: true` for an app whose appUrl is https (the cookie is then `__Host-trygg_session`).
 */
export async function sessionCookie(
  db: Db,
  personId: string,
  now: Date,
  opts: { secure?: boolean; timeouts?: SessionTimeouts } = {},
): Promise<string> {
  const id = await createSessionRow(db, { personId, method: 'test', now, timeouts: opts.timeouts ?? DEFAULT_SESSION_TIMEOUTS });
  return `${sessionCookieName(opts.secure ?? false)}=${id}`;
}

export interface SessionStore {
  /** The caller's session, or null (none, unknown, idle too long, past its end: the row is deleted). */
  read(c: Context): Promise<Session | null>;
  /** A new session (a fresh id: never the one the browser came with) and its cookie. */
  start(c: Context, opts: { personId: string; method: SessionMethod; acr?: string | null }): Promise<void>;
  /** Deletes the caller's session and clears the cookie. */
  end(c: Context): Promise<void>;
  /** Deletes every session of a person (their access ended); returns how many. */
  endAllFor(personId: string): Promise<number>;
  readonly timeouts: SessionTimeouts;
}

export function createSessionStore(deps: { db: Db; clock: () => Date; secure: boolean; timeouts?: Partial<SessionTimeouts> }): SessionStore {
  const { db, clock, secure } = deps;
  const timeouts: SessionTimeouts = { ...DEFAULT_SESSION_TIMEOUTS, ...deps.timeouts };
  const name = sessionCookieName(secure);
  const cookieOptions = { httpOnly: true, sameSite: 'Lax', secure, path: '/' } as const;

  const idOf = (c: Context): string | null => {
    const value = getCookie(c, name);
    return value && ID_SHAPE.test(value) ? value : null;
  };

  return {
    timeouts,

    async read(c) {
      const id = idOf(c);
      if (!id) return null;
      const now = clock();
      const idHash = hashOf(id);
      const [row] = await db.select().from(sessions).where(eq(sessions.idHash, idHash));
      if (!row) return null;
      const idleSince = now.getTime() - row.lastSeenAt.getTime();
      if (row.expiresAt.getTime() <= now.getTime() || idleSince >= timeouts.idleMs) {
        await db.delete(sessions).where(eq(sessions.idHash, idHash));
        return null;
      }
      if (idleSince >= TOUCH_EVERY_MS) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
      }
      return {
        personId: row.personId,
        method: row.method as SessionMethod,
        acr: row.acr,
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
      };
    },

    async start(c, opts) {
      const now = clock();
      // Session fixation: whatever id the browser had is dropped, never upgraded.
      const previous = idOf(c);
      if (previous) await db.delete(sessions).where(eq(sessions.idHash, hashOf(previous)));
      // Housekeeping: sessions that have ended by either clock.
      await db
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - timeouts.idleMs))));
      const id = await createSessionRow(db, { ...opts, now, timeouts });
      setCookie(c, name, id, { ...cookieOptions, maxAge: Math.floor(timeouts.absoluteMs / 1000) });
    },

    async end(c) {
      const id = idOf(c);
      if (id) await db.delete(sessions).where(eq(sessions.idHash, hashOf(id)));
      deleteCookie(c, name, cookieOptions);
    },

    async endAllFor(personId) {
      const deleted = await db.delete(sessions).where(eq(sessions.personId, personId)).returning({ idHash: sessions.idHash });
      return deleted.length;
    },
  };
}
