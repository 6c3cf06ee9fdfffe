// The api's configuration, parsed once in main.ts from process.env.
import { z } from 'zod';

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
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'required in production' });
    }
  });

export type ApiEnv = z.output<typeof apiEnvSchema> & { SESSION_SECRET: string; sessionSecretIsDefault: boolean };

/** Parses the environment; throws one error listing every bad variable (never their values). */
export function parseApiEnv(env: Record<string, string | undefined>): ApiEnv {
  const parsed = apiEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid api configuration:\n  ${problems.join('\n  ')}`);
  }
  return {
    ...parsed.data,
    SESSION_SECRET: parsed.data.SESSION_SECRET ?? DEV_SESSION_SECRET,
    sessionSecretIsDefault: parsed.data.SESSION_SECRET === undefined,
  };
}
