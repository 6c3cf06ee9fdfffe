// `npm start`: brings up the API, the worker and the web app for a newcomer, with prefixed logs.
// What is not configured is provided locally, so a fresh clone starts with no services at all:
// - no DATABASE_URL → PostgreSQL embedded (PGlite) in .data/pglite, served on 127.0.0.1
//   (see embedded-postgres.ts for why one server here and api/worker as separate processes),
//   filled with the demo world on first start (tools/demo; never on a DATABASE_URL you gave);
// - no REDIS_URL    → the queues use BullMQ's PostgreSQL backend in that same database (the
//   children simply get no REDIS_URL; the worker and api choose the backend from it);
// - no SMTP_URL     → a local SMTP receiver on 127.0.0.1:2525 stores every email as an .eml
//   file in .data/mailbox (MAILBOX_DIR), which the api's mail page shows;
// - no OIDC_ISSUER  → a local Feide-like identity provider (tools/idp) on 127.0.0.1:4000 with a
//   login for every demo person (password "demo"); the web app's "Logg inn med Feide" goes there.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { Temporal } from 'temporal-polyfill';
import { formatDemoSummary, seedDemo } from '../demo/seed';
import { startMailbox, type Mailbox } from './mailbox';
import { startLocalIdp, type LocalIdp } from './idp';

interface Service {
  name: string;
  command: string;
  args: string[];
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = join(root, '.data');
const shown = (path: string) => relative(root, path) || '.';

const services: Service[] = [
  { name: 'api', command: 'tsx', args: ['apps/api/src/main.ts'] },
  { name: 'worker', command: 'tsx', args: ['apps/worker/src/main.ts'] },
  { name: 'admin', command: 'vite', args: ['--config', 'apps/admin/vite.config.ts', 'apps/admin'] },
];

/** The worker's own shutdown waits up to SHUTDOWN_TIMEOUT_MS (10 s) for running jobs. */
const CHILD_EXIT_WAIT_MS = 15_000;

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
let stopping = false;

function say(nb: string, en: string): void {
  console.log(`[start]   ${nb}`);
  console.log(`[start]   (${en})`);
}

async function runCleanups(): Promise<void> {
  // Last started, first stopped: the mailbox, then PGlite (which must close to flush its files).
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error('[start]   cleanup failed:', error);
    }
  }
}

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const exited = Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)))));
  const timer = setTimeout(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }, CHILD_EXIT_WAIT_MS);
  void exited.then(async () => {
    clearTimeout(timer);
    await runCleanups();
    process.exit(code);
  });
}

async function provideServices(env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  const childEnv: NodeJS.ProcessEnv = { ...env, TZ: 'UTC' };

  if (!env.DATABASE_URL) {
    const pgliteDir = join(dataDir, 'pglite');
    say(`Ingen DATABASE_URL: bruker innebygd PostgreSQL (PGlite) i ${shown(pgliteDir)}`, `No DATABASE_URL: using embedded PostgreSQL (PGlite) in ${shown(pgliteDir)}`);
    let demo = '';
    const db: EmbeddedPostgres = await startEmbeddedPostgres({
      dataDir: pgliteDir,
      port: Number(env.PGLITE_PORT ?? 5433),
      // Demo data for a newcomer; does nothing once the database has a school owner.
      prepare: async (database) => {
        try {
          demo = formatDemoSummary(await seedDemo(database, Temporal.Now.instant()));
        } catch (error) {
          demo = `Demodata kunne ikke legges inn (demo data failed): ${error instanceof Error ? error.message : String(error)}`;
        }
      },
    });
    cleanups.push(db.close);
    childEnv.DATABASE_URL = db.url;
    console.log(
      `[start]   PGlite: started in ${db.timings.startMs} ms, ${db.migrationsApplied} migration(s) applied in ${db.timings.migrateMs} ms, demo data ${db.timings.prepareMs} ms; listening at ${db.url}`,
    );
    for (const line of demo.split('\n')) console.log(`[demo]    ${line}`);
  }

  if (!env.REDIS_URL) {
    say('Ingen REDIS_URL: køene bruker BullMQs PostgreSQL-backend i samme database', "No REDIS_URL: the queues use BullMQ's PostgreSQL backend in the same database");
  }

  if (!env.SMTP_URL) {
    const mailboxDir = join(dataDir, 'mailbox');
    let mailbox: Mailbox;
    try {
      mailbox = await startMailbox({ dir: mailboxDir, port: 2525 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      mailbox = await startMailbox({ dir: mailboxDir, port: 0 });
    }
    cleanups.push(mailbox.close);
    childEnv.SMTP_URL = mailbox.url;
    childEnv.MAILBOX_DIR = mailbox.dir;
    say(`Ingen SMTP_URL: e-post lagres som .eml-filer i ${shown(mailboxDir)} (lokal SMTP på ${mailbox.url})`, `No SMTP_URL: emails are stored as .eml files in ${shown(mailboxDir)} (local SMTP at ${mailbox.url})`);
  }

  if (!env.OIDC_ISSUER) {
    const appUrl = env.APP_URL ?? `http://127.0.0.1:${env.ADMIN_PORT ?? 5173}/`;
    const log = (line: string) => console.log(`[idp]     ${line}`);
    let local: LocalIdp;
    try {
      local = await startLocalIdp({ port: Number(env.IDP_PORT ?? 4000), appUrl, log });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      local = await startLocalIdp({ port: 0, appUrl, log });
    }
    cleanups.push(local.idp.close);
    Object.assign(childEnv, local.env, { APP_URL: appUrl });
    say(
      `Ingen OIDC_ISSUER: lokal Feide-lik innlogging på ${local.idp.issuer} — åpne ${appUrl} og velg «Logg inn med Feide»`,
      `No OIDC_ISSUER: a local Feide-like identity provider at ${local.idp.issuer} — open ${appUrl} and choose "Logg inn med Feide"`,
    );
    for (const line of local.logins) console.log(`[idp]     ${line}`);
  }
  return childEnv;
}

function startChildren(env: NodeJS.ProcessEnv): void {
  for (const service of services) {
    const child = spawn(service.command, service.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
    const prefix = `[${service.name}]`.padEnd(9);
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) if (line.trim()) console.log(`${prefix} ${line}`);
      });
    }
    child.on('exit', (code) => {
      if (!stopping) {
        console.error(`${prefix} stopped (exit ${code}); stopping the rest`);
        stopAll(code ?? 1);
      }
    });
    children.push(child);
  }
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

try {
  startChildren(await provideServices(process.env));
} catch (error) {
  console.error(`[start]   could not start: ${error instanceof Error ? error.message : String(error)}`);
  await runCleanups();
  process.exit(1);
}
