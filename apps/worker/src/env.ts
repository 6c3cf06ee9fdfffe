// The worker's configuration, parsed once in main.ts from process.env.
import { z } from 'zod';

const url = (protocols: readonly string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `expected a ${protocols.join(' or ')} URL`);

export const workerEnvSchema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  /** Absent: BullMQ's PostgreSQL backend on DATABASE_URL. */
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('trygg'),
  SMTP_URL: url(['smtp:', 'smtps:']),
  MAIL_FROM: z.string().min(3).default('Trygg <varsel@trygg.local>'),
  /** Base URL of the web app, for the links in emails. */
  APP_URL: url(['http:', 'https:']).default('http://127.0.0.1:5173/'),
  /** Send jobs run at once (scheduled jobs: 2). */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
});

export type WorkerEnv = z.output<typeof workerEnvSchema>;

/** Parses the environment; throws one error listing every bad variable (never their values). */
export function parseWorkerEnv(env: Record<string, string | undefined>): WorkerEnv {
  const parsed = workerEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid worker configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
