// The worker's configuration, parsed once in main.ts from process.env.
import { DEFAULT_CLAIM_LEASE_MS } from '@trygg/db';
import { z } from 'zod';

const url = (protocols: readonly string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `expected a ${protocols.join(' or ')} URL`);

/** Development only: a fixed, public secret. Refused in production (below). */
export const DEV_ACK_SECRET = 'trygg-dev-ack-secret-not-for-production-use';

export const workerEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: url(['postgres:', 'postgresql:']),
    /** Absent: BullMQ's PostgreSQL backend on DATABASE_URL. */
    REDIS_URL: url(['redis:', 'rediss:']).optional(),
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('trygg'),
    SMTP_URL: url(['smtp:', 'smtps:']),
    MAIL_FROM: z.string().min(3).default('Trygg <varsel@trygg.local>'),
    /**
     * Keep SMTP connections open and reuse them (nodemailer's pool, one connection per send
     * slot). Without it every message opens a connection and waits for the server's greeting —
     * 100 ms from smtp-server (its early-talker check), often more from a relay — which caps a
     * worker of concurrency 5 at about 45 messages a second. 'false' opens one per message.
     */
    SMTP_POOL: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /** Base URL of the web app, for the links in emails. */
    APP_URL: url(['http:', 'https:']).default('http://127.0.0.1:5173/'),
    /**
     * Send jobs run at once (scheduled jobs: 2), and SMTP connections in the pool. A send mostly
     * waits (PostgreSQL, SMTP): at 5 the bench's worker idled a third of the time, at 10 it
     * kept up with 2,000 due over 20 s.
     */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /**
     * How long a claimed ledger row stays claimed before another sender may take it over (the
     * first presumably died between claim and markSent). Production keeps the ledger's default
     * (10 minutes); the crash tests shorten it so they need not wait ten minutes per kill.
     */
    CLAIM_LEASE_MS: z.coerce.number().int().min(1_000).default(DEFAULT_CLAIM_LEASE_MS),
    /**
     * How often the worker checks that its job schedulers (the per-minute sweep among them)
     * still exist in the queue backend. A Redis restart without persistence (or a FLUSHALL)
     * deletes them while the worker keeps running; without this check nothing would sweep again
     * until the next restart.
     */
    SCHEDULER_CHECK_MS: z.coerce.number().int().min(1_000).default(30_000),
    /** Keys the acknowledgement links of owner notices (HMAC of the ledger row id). */
    ACK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  })
  .superRefine((env, ctx) => {
    // A known secret would let anyone who learns a notification id acknowledge a notice.
    if (env.NODE_ENV === 'production' && !env.ACK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['ACK_SECRET'], message: 'required in production' });
    }
  });

export type WorkerEnv = z.output<typeof workerEnvSchema> & { ACK_SECRET: string; ackSecretIsDefault: boolean };

/** Parses the environment; throws one error listing every bad variable (never their values). */
export function parseWorkerEnv(env: Record<string, string | undefined>): WorkerEnv {
  const parsed = workerEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid worker configuration:\n  ${problems.join('\n  ')}`);
  }
  return { ...parsed.data, ACK_SECRET: parsed.data.ACK_SECRET ?? DEV_ACK_SECRET, ackSecretIsDefault: parsed.data.ACK_SECRET === undefined };
}
