// The api's configuration, parsed once in main.ts from process.env.
import { z } from 'zod';
import { FEIDE_MFA_ACR } from './feide';
import type { OidcConfig } from './oidc';

const url = (protocols: readonly string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `expected a ${protocols.join(' or ')} URL`,
  );

/** Development only: a fixed, public secret. Refused in production (below). */
export const DEV_SESSION_SECRET = 'trygg-dev-session-secret-not-for-production-use';

export const apiEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: url(['postgres:', 'postgresql:']),
    /** Absent: BullMQ's PostgreSQL backend on DATABASE_URL (as the worker does). */
    /** Pool size. 1 when the database is one shared session (PGlite over pglite-socket). */
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    /**
     * The role the app's connections act as (migration 0005: trygg_app may not UPDATE or
     * DELETE the audit log). Unset: trygg_app when the login role may take it; 'none': off.
     */
    DATABASE_APP_ROLE: z.string().max(63).optional(),
    REDIS_URL: url(['redis:', 'rediss:']).optional(),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('trygg'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Base URL of the web app. */
    APP_URL: url(['http:', 'https:']).default('http://127.0.0.1:5173/'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** The development mailer's .eml directory, shown at /api/dev/mailbox. */
    MAILBOX_DIR: z.string().min(1).optional(),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),

    // ---- login with Feide (OpenID Connect); `npm start` points these at tools/idp ----
    /** Feide: https://auth.dataporten.no. Absent: nobody can log in (required in production). */
    OIDC_ISSUER: url(['http:', 'https:']).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** Default: APP_URL + api/auth/callback (the web app proxies /api). */
    OIDC_REDIRECT_URI: url(['http:', 'https:']).optional(),
    OIDC_SCOPES: z.string().min(1).default('openid profile email groups-org'),
    /** The authentication level required in the ID token: Feide's two-factor level. */
    OIDC_ACR: z.string().min(1).default(FEIDE_MFA_ACR),
    /** Trust the provider's email addresses as verified when linking a first login (Feide: yes). */
    OIDC_TRUST_EMAIL: z.enum(['true', 'false']).default('false'),
    FEIDE_GROUPS_API: url(['http:', 'https:']).default('https://groups-api.dataporten.no'),
    /** Comma-separated Feide organisation ids (fc:org:…) or organisation numbers (NO…) trygg serves. */
    FEIDE_ORGS: z.string().default(''),

    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    SESSION_MAX_HOURS: z.coerce.number().min(0.1).max(7 * 24).default(10),
    /** Behind a reverse proxy that sets X-Forwarded-For: take the client IP from its last entry. */
    TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'required in production' });
    }
    if (env.NODE_ENV === 'production' && !env.OIDC_ISSUER) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'required in production (nobody could log in)' });
    }
    if (env.OIDC_ISSUER) {
      for (const key of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required with OIDC_ISSUER' });
      }
      if (!env.FEIDE_ORGS.trim()) {
        ctx.addIssue({ code: 'custom', path: ['FEIDE_ORGS'], message: 'required with OIDC_ISSUER (the organisations whose employees may log in)' });
      }
      if (env.NODE_ENV === 'production' && !env.OIDC_ISSUER.startsWith('https:')) {
        ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'must be https in production' });
      }
    }
  });

export type ApiEnv = z.output<typeof apiEnvSchema> & { SESSION_SECRET: string; sessionSecretIsDefault: boolean; oidc: OidcConfig | null };

/** Parses the environment; throws one error listing every bad variable (never their values). */
export function parseApiEnv(env: Record<string, string | undefined>): ApiEnv {
  const parsed = apiEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid api configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    ...e,
    SESSION_SECRET: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
    sessionSecretIsDefault: e.SESSION_SECRET === undefined,
    oidc: e.OIDC_ISSUER
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID!,
          clientSecret: e.OIDC_CLIENT_SECRET!,
          redirectUri: e.OIDC_REDIRECT_URI ?? new URL('api/auth/callback', e.APP_URL).href,
          scopes: e.OIDC_SCOPES,
          requiredAcr: e.OIDC_ACR,
          groupsApiUrl: e.FEIDE_GROUPS_API,
          servedOrganisations: e.FEIDE_ORGS.split(',').map((s) => s.trim()).filter(Boolean),
          trustEmail: e.OIDC_TRUST_EMAIL === 'true',
        }
      : null,
  };
}
