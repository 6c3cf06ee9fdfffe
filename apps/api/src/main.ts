// Composition root: the only place that reads process.env and builds clients.
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createDb, migrate, resolveAppRole } from '@trygg/db';
import { createJobProducer, createQueues, resolveQueueConnection } from '@trygg/jobs';
import { createApp } from './app';
import { parseApiEnv } from './env';

try {
  const env = parseApiEnv(process.env);
  if (env.sessionSecretIsDefault) {
    console.warn('trygg api: SESSION_SECRET is not set; using the development secret (never do this in production)');
  }
  // Migrations run as the login role (the worker migrates at start-up too; migrate() serialises
  // the two on an advisory lock); then the app's pool acts as the application role, which may
  // read and append the audit log but never change it (resolveAppRole says which, or why not).
  const migrator = createDb(env.DATABASE_URL, { max: 1 });
  const appRole = await (async () => {
    try {
      const { applied } = await migrate(migrator.db);
      if (applied > 0) console.log(`trygg api: database migrated (${applied})`);
      return await resolveAppRole(migrator.db, env.DATABASE_APP_ROLE);
    } finally {
      await migrator.close();
    }
  })();
  console.log(`trygg api: database ${appRole.note}`);
  const database = createDb(env.DATABASE_URL, { max: env.DATABASE_POOL_MAX, ...(appRole.role ? { role: appRole.role } : {}) });
  const queues = await createQueues(
    resolveQueueConnection({ redisUrl: env.REDIS_URL, databaseUrl: env.DATABASE_URL, prefix: env.REDIS_PREFIX }),
  );

  const app = createApp({
    db: database.db,
    clock: () => new Date(),
    jobs: createJobProducer(queues),
    queues,
    sessionSecret: env.SESSION_SECRET,
    appUrl: env.APP_URL,
    ...(env.oidc ? { oidc: env.oidc } : {}),
    sessionTimeouts: { idleMs: env.SESSION_IDLE_MINUTES * 60_000, absoluteMs: env.SESSION_MAX_HOURS * 3_600_000 },
    clientIp: (c) => {
      // Behind our own proxy the socket is the proxy; it appends the client as the last entry.
      if (env.TRUST_PROXY === 'true') {
        const last = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
        if (last) return last;
      }
      return getConnInfo(c).remote.address;
    },
    ...(env.MAILBOX_DIR ? { mailboxDir: env.MAILBOX_DIR } : {}),
    // The dev mailbox is open without login outside production. There is no dev login:
    // everyone logs in through OIDC (`npm start` runs a local identity provider).
    devMode: env.NODE_ENV !== 'production',
  });
  if (!env.oidc) console.warn('trygg api: OIDC_ISSUER is not set; nobody can log in');
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    console.log(`trygg api: http://${env.HOST}:${info.port}/api (docs: /api/docs)`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`trygg api: ${signal}, stopping`);
    // Requests in flight finish; a hung one does not keep the process alive past the timeout.
    setTimeout(() => process.exit(1), env.SHUTDOWN_TIMEOUT_MS).unref();
    server.close(async () => {
      await Promise.allSettled([queues.close(), database.close()]);
      process.exit(0);
    });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(signal));
} catch (error) {
  console.error('trygg api: failed to start:', error instanceof Error ? error.message : String(error));
  process.exit(1);
}
