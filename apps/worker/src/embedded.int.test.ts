// Smoke test of the embedded mode (`npm start` with no DATABASE_URL, no REDIS_URL, no SMTP_URL):
// PostgreSQL is PGlite in a data folder, served on 127.0.0.1 by tools/start; the queues are
// BullMQ's PostgreSQL backend in that same database; mail goes to tools/start's local mailbox,
// one .eml file per message. Everything in a temporary folder.
//
// tools/start/index.ts keeps its data in the repository's `.data` and also starts the api and
// the web app, so this test runs its two building blocks (startEmbeddedPostgres, startMailbox)
// in a process of their own — the process `npm start` is — and the worker as `npm start` runs
// it: main.ts with DATABASE_URL pointing at PGlite and no REDIS_URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, notifications, type DbHandle } from '@trygg/db';
import { and, eq, isNull } from 'drizzle-orm';
import { createJobProducer, createQueues, type Queues } from '@trygg/jobs';
import { parseMessage, seedSchool } from '@trygg/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createOffice, enqueueRows, osloDate, spawnWorker, waitUntil, workspaceRoot, type WorkerProcess } from './test-support';

const services = `
import { startEmbeddedPostgres } from ${JSON.stringify(join(workspaceRoot, 'tools/start/embedded-postgres.ts'))};
import { startMailbox } from ${JSON.stringify(join(workspaceRoot, 'tools/start/mailbox.ts'))};
const dir = process.env.TRYGG_TEST_DATA;
const db = await startEmbeddedPostgres({ dataDir: dir + '/pglite', port: 0 });
const mailbox = await startMailbox({ dir: dir + '/mailbox', port: 0 });
console.log('READY ' + JSON.stringify({ databaseUrl: db.url, smtpUrl: mailbox.url, timings: db.timings }));
process.on('SIGTERM', async () => { await mailbox.close(); await db.close(); process.exit(0); });
`;

describe('embedded mode: PGlite, BullMQ on PostgreSQL, the local mailbox', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'trygg-embedded-'));
  let host: ChildProcess | undefined;
  let worker: WorkerProcess | undefined;
  let db: DbHandle | undefined;
  let queues: Queues | undefined;

  afterAll(async () => {
    await queues?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    for (const child of [worker?.child, host]) {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve(null);
          }, 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve(null);
          });
        });
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('starts and sends a reminder to the mailbox folder', async () => {
    const t0 = Date.now();
    host = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', services], {
      cwd: workspaceRoot,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', TZ: 'UTC', TRYGG_TEST_DATA: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const ready = new Promise<{ databaseUrl: string; smtpUrl: string }>((resolve, reject) => {
      for (const stream of [host!.stdout!, host!.stderr!]) {
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          output += chunk;
          const line = /READY (.*)/.exec(output);
          if (line) resolve(JSON.parse(line[1]!));
        });
      }
      host!.once('exit', (code) => reject(new Error(`embedded services exited (${code}): ${output}`)));
    });
    const { databaseUrl, smtpUrl } = await ready;
    const marks: string[] = [];
    const mark = (what: string) => marks.push(`${what} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    mark('PGlite and mailbox up');
    expect(databaseUrl).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);

    // No REDIS_URL: the worker puts its queues in PGlite.
    worker = spawnWorker({ DATABASE_URL: databaseUrl, SMTP_URL: smtpUrl, SHUTDOWN_TIMEOUT_MS: '3000' });
    await worker.started;
    mark('worker started');
    expect(worker.output.join('')).toContain('"queueBackend":"postgres"');

    // The school, and a report the api filed on Monday 16 November 2026 at 09:00 — as if the
    // worker had been down since: its reminders (acknowledge on Tuesday 07:30, start the
    // investigation on Wednesday 07:30…) are all due now, whatever the time of day this runs.
    // One connection: PGlite is one session (a pool would only queue behind itself).
    db = createDb(databaseUrl, { max: 1 });
    const s = await seedSchool(db.db);
    queues = await createQueues({ kind: 'postgres', databaseUrl, poolMax: 1 });
    const jobs = createJobProducer(queues);
    const { caseId, number } = await createOffice(db.db, jobs, () => osloDate('2026-11-16T09:00')).fileReport({
      schoolId: s.schoolId,
      pupilId: s.pupil,
      filedById: s.teacher,
    });
    // The delayed jobs the api added then would have come due by now (BullMQ's clock is the
    // machine's); without this the worker's per-minute sweep would find the rows all the same.
    const pending = await db.db
      .select({ id: notifications.id, sendAfter: notifications.sendAfter })
      .from(notifications)
      .where(and(eq(notifications.caseId, caseId), isNull(notifications.sentAt)));
    await enqueueRows(jobs, pending.filter((r) => r.sendAfter.getTime() <= Date.now()));

    mark('report filed');
    const mailboxDir = join(dataDir, 'mailbox');
    const subjects = () =>
      readdirSync(mailboxDir)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => parseMessage(readFileSync(join(mailboxDir, f))).subject ?? '');
    await waitUntil(() => subjects().some((subject) => subject.startsWith('Frist i dag: Registrer meldingen')), 60_000, 'the reminder in the mailbox').catch(
      async (error: Error) => {
        const ledger = await db!.sql`select kind, step, send_after, sent_at, attempts, last_error from notifications`.catch((e: Error) => e.message);
        throw new Error(
          `${error.message}\nmailbox: ${JSON.stringify(subjects())}\nledger: ${JSON.stringify(ledger)}\nworker: ${worker!.output.join('').slice(-3000)}\nservices: ${output.slice(-2000)}`,
        );
      },
    );
    expect(subjects().find((subject) => subject.startsWith('Frist i dag'))).toContain(number);
    mark('reminder in the mailbox folder');
    console.info(`[embedded] PGlite + BullMQ on PostgreSQL + mailbox: ${marks.join(', ')}`);

    // And it stops cleanly.
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    // ~40 s on an idle 2-core machine; the bound leaves room for one shared with other test runs.
  }, 180_000);
});
