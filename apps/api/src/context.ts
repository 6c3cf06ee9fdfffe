// What every route module receives: the app's dependencies and the per-request variables.
import type { Context } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Db } from '@trygg/db';
import { appendRequestAudit, type AuditInput } from './audit';
import type { JobProducer, Queues } from '@trygg/jobs';
import { errorResponse } from '@trygg/contracts';
import type { z } from 'zod';
import { unauthenticated, type Caller } from './caller';
import type { Logger } from './engine';
import type { OidcClient, OidcConfig } from './oidc';
import type { SessionStore, SessionTimeouts } from './session';

export interface AppDeps {
  db: Db;
  /** Injectable clock: every rule takes "now" from here, so tests can move time. */
  clock: () => Date;
  /** The job producer for the fast path; without it the worker's sweep sends everything. */
  jobs?: JobProducer;
  /** The queues, for the admins' queue dashboard at /api/admin/queues (not mounted without). */
  queues?: Queues;
  /** HMAC key of the pending-login cookie (state, nonce, PKCE verifier); at least 32 characters in production. */
  sessionSecret: string;
  /** Login with Feide (OpenID Connect). Without it only tests can log in (sessionCookie, devLogin). */
  oidc?: OidcConfig | OidcClient;
  /** Idle and absolute session timeouts (defaults: 30 minutes, 10 hours). */
  sessionTimeouts?: Partial<SessionTimeouts>;
  /** The client's IP address, for the login rate limit (main.ts: the socket, or the trusted proxy's header). */
  clientIp?: (c: Context) => string | undefined;
  /** Login attempts per window and IP (default 10 a minute) on /api/auth/login and on /api/auth/callback. */
  loginRateLimit?: { max: number; windowMs: number };
  /** Development conveniences: the dev mailbox is open without login. Never in production. */
  devMode?: boolean;
  /** Base URL of the web app (links in emails; decides whether cookies are Secure). */
  appUrl: string;
  /** Where the development mailer writes .eml files (GET /api/dev/mailbox). */
  mailboxDir?: string;
  /** POST /api/dev/login: log in by email alone. For tests only: main.ts never sets it. */
  devLogin?: boolean;
  log?: Logger;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    caller: Caller | undefined;
    /** An audit entry was appended for this request (audit.ts). */
    audited: boolean | undefined;
  };
}

export type Api = OpenAPIHono<AppEnv>;
export type Ctx = Context<AppEnv>;

export interface RouteDeps extends Omit<AppDeps, 'oidc'> {
  log: Logger;
  secureCookies: boolean;
  sessions: SessionStore;
  oidc: OidcClient | null;
}

/** The authenticated caller (the auth middleware has already answered 401 without one). */
export function callerOf(c: Ctx): Caller {
  const caller = c.get('caller');
  if (!caller) throw unauthenticated();
  return caller;
}

/**
 * Every read and write of a case, and every refusal, is audited (DOMAIN "Privacy"): who, in
 * which roles (details.roles), the school, what, when, the request id — ids and codes only.
 * Inside a write's transaction, call it last (audit.ts says why).
 */
export async function audit(db: Db, c: Ctx, at: Date, entry: AuditInput): Promise<void> {
  await appendRequestAudit(db, c, at, entry);
}

// ---- OpenAPI helpers ----

export const jsonContent = <S extends z.ZodType>(schema: S, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonBody = <S extends z.ZodType>(schema: S, required = true) => ({
  body: { content: { 'application/json': { schema } }, required },
});

const err = (description: string) => jsonContent(errorResponse, description);

/** The error answers a route can give, for the OpenAPI document. */
export const errors = {
  400: err('Ugyldig forespørsel (VALIDATION_FAILED, INVALID_DATE): problems names the fields'),
  401: err('Ikke innlogget (UNAUTHENTICATED)'),
  403: err('Rollen gir ikke lov (FORBIDDEN)'),
  404: err('Finnes ikke, eller ikke synlig for deg (NOT_FOUND)'),
  409: err('Konflikt (CONFLICT, TRANSITION_REFUSED med reason fra domenet)'),
  413: err('Forespørselen er større enn 1 MB (PAYLOAD_TOO_LARGE)'),
  415: err('Forespørselen må være JSON (UNSUPPORTED_MEDIA_TYPE)'),
  422: err('Fristen er passert: skriv en begrunnelse (DELAY_REASON_REQUIRED)'),
} as const;
