// Who is calling: a signed session cookie (HMAC-SHA256) holding the person id and an expiry.
// Stateless on purpose: nothing to store, and a person deactivated in the database loses access
// at the next request because every request loads the person again (caller.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'trygg_session';
/** A school day and then some: staff log in in the morning. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface Session {
  personId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/** The cookie value: base64url(JSON) '.' base64url(HMAC). */
export function signSession(secret: string, session: Session): string {
  const payload = b64(JSON.stringify({ p: session.personId, e: session.expiresAt }));
  return `${payload}.${mac(secret, payload)}`;
}

/** null: missing, forged, malformed or expired. */
export function verifySession(secret: string, value: string | undefined, now: Date): Session | null {
  if (!value || value.length > 512) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(mac(secret, payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p?: unknown; e?: unknown };
    if (typeof data.p !== 'string' || typeof data.e !== 'number') return null;
    if (data.e <= now.getTime()) return null;
    return { personId: data.p, expiresAt: data.e };
  } catch {
    return null;
  }
}

/**
 * For tests and scripts: a `Cookie` header value carrying a valid session for the person.
 *   app.request('/api/cases', { headers: { cookie: sessionCookie(secret, personId, now) } })
 */
export function sessionCookie(secret: string, personId: string, now: Date, ttlMs = SESSION_TTL_MS): string {
  return `${SESSION_COOKIE}=${signSession(secret, { personId, expiresAt: now.getTime() + ttlMs })}`;
}

/** Secure cookies everywhere except plain-http development on this machine. */
export function cookieIsSecure(appUrl: string): boolean {
  const url = new URL(appUrl);
  return !(url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
}

export function readSession(c: Context, secret: string, now: Date): Session | null {
  return verifySession(secret, getCookie(c, SESSION_COOKIE), now);
}

export function startSession(c: Context, opts: { secret: string; personId: string; now: Date; secure: boolean }): void {
  const expiresAt = opts.now.getTime() + SESSION_TTL_MS;
  setCookie(c, SESSION_COOKIE, signSession(opts.secret, { personId: opts.personId, expiresAt }), {
    httpOnly: true,
    sameSite: 'Lax',
    secure: opts.secure,
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function endSession(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
}
