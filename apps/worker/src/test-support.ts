// Test-only: the deadline engine end to end — the school files and acts on cases (the writes
// the api's routes make, then libs/scheduling in the same transaction, then the queue's fast
// path after commit), the worker sends (startWorker, the real handlers), on this suite's own
// PostgreSQL database, Redis prefix and SMTP receiver. Time is an injected clock shared by both;
// a "step" sets it, runs the sweep through the queue as the scheduler would, waits until
// everything due has been sent, and returns the mails that arrived, joined to their ledger rows
// by Message-ID.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { appendTimeline, cases, nextCaseNumber, notifications, reports, roles, type Db, type Notification } from '@trygg/db';
import { isInLeadership, localDateTimeToInstant, type RoleGrant } from '@trygg/domain';
import { createJobProducer, createQueues, jobOptionsOf, type JobProducer, type Queues } from '@trygg/jobs';
import { notifyNewReport, syncCaseDeadlines } from '@trygg/scheduling';
import {
  createTestDatabase,
  createTestRedis,
  startSmtpReceiver,
  type ReceivedMail,
  type SmtpReceiver,
  type TestDatabase,
  type TestRedis,
} from '@trygg/testing';
import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { parseWorkerEnv } from './env';
import { silentLogger, type Logger } from './log';
import { startWorker, type RunningWorker } from './worker';

export const workspaceRoot = join(import.meta.dirname, '..', '..', '..');

/** Oslo wall-clock 'YYYY-MM-DDTHH:MM' → Date. */
export const osloDate = (local: string) => new Date(localDateTimeToInstant(local).epochMilliseconds);
/** A Date as Oslo wall-clock 'YYYY-MM-DDTHH:MM'. */
export const asOslo = (d: Date) =>
  Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO('Europe/Oslo').toPlainDateTime().toString().slice(0, 16);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitUntil(probe: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** A received mail with the ledger row its Message-ID names. */
export interface Delivered {
  mail: ReceivedMail;
  row: Notification;
  to: string;
  subject: string;
  /** `<deadline or subject> <step>`, e.g. 'acknowledge_report on-day-principal'. */
  what: string;
}

/** 'case-<uuid>.acknowledge_report' → 'acknowledge_report'; 'report-<uuid>.new' → 'new'. */
export const subjectOf = (subjectKey: string) => subjectKey.replace(/^(case|report)-[0-9a-f-]+\./, '').replace(/^digest-[0-9a-f-]+-/, 'digest-');

export interface Engine {
  t: TestDatabase;
  redis: TestRedis;
  smtp: SmtpReceiver;
  worker: RunningWorker;
  /** The api's own queue connection (it only produces). */
  apiQueues: Queues;
  /** What the api does on the school's behalf, at the clock. */
  office: Office;
  clock: { now: Date };
  /** Sets the clock to an Oslo wall-clock time. */
  at(local: string): void;
  /** Runs one sweep through the queue (as the per-minute scheduler does) and waits for it. */
  sweep(): Promise<void>;
  /** Waits until every ledger row due by the clock is sent (or given up on) and the send queue is idle. */
  settle(timeoutMs?: number): Promise<void>;
  /** Mails received since the last call, joined to the ledger. */
  takeNew(): Promise<Delivered[]>;
  /** at(local), sweep, settle, takeNew. */
  step(local: string): Promise<Delivered[]>;
  close(): Promise<void>;
}

export interface EngineOptions {
  /** The machine's clock instead of the injected one (the resilience tests run in real time). */
  realClock?: boolean;
  /** More worker environment (e.g. CLAIM_LEASE_MS). */
  env?: Record<string, string>;
  log?: Logger;
}

export async function startEngine(label: string, options: EngineOptions = {}): Promise<Engine> {
  const t = await createTestDatabase();
  const redis = await createTestRedis({ label });
  const smtp = await startSmtpReceiver();
  const clock = { now: new Date() };
  const now = options.realClock ? () => new Date() : () => clock.now;
  const env = parseWorkerEnv({
    NODE_ENV: 'test',
    DATABASE_URL: t.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: redis.prefix,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    SHUTDOWN_TIMEOUT_MS: '2000',
    ...options.env,
  });
  const worker = await startWorker(env, options.log ?? silentLogger, options.realClock ? {} : { clock: now });
  const apiQueues = await createQueues({ kind: 'redis', url: redis.url, prefix: redis.prefix });
  const office = createOffice(t.db, createJobProducer(apiQueues), now);

  const scheduled = worker.queues.queue('scheduled');
  const sends = worker.queues.queue('notifications');
  const sweep = async () => {
    const job = await scheduled.add('sweep', {}, jobOptionsOf('sweep'));
    await waitUntil(async () => ['completed', 'failed'].includes(await job.getState()), 15_000, 'the sweep');
    if ((await job.getState()) === 'failed') throw new Error(`sweep failed: ${(await scheduled.getJob(job.id!))?.failedReason}`);
  };
  const dueUnsent = () =>
    t.db
      .select()
      .from(notifications)
      .where(
        and(
          isNull(notifications.sentAt),
          isNull(notifications.cancelledAt),
          isNull(notifications.failedPermanentlyAt),
          lte(notifications.sendAfter, now()),
        ),
      );
  const settle = async (timeoutMs = 20_000) => {
    await waitUntil(
      async () => {
        const [due] = await t.db
          .select({ n: sql<number>`count(*)::int` })
          .from(notifications)
          .where(
            and(
              isNull(notifications.sentAt),
              isNull(notifications.cancelledAt),
              isNull(notifications.failedPermanentlyAt),
              lte(notifications.sendAfter, now()),
            ),
          );
        if ((due?.n ?? 0) > 0) return false;
        const counts = await sends.getJobCounts('waiting', 'active', 'prioritized');
        return (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0) === 0;
      },
      timeoutMs,
      `everything due by ${asOslo(now())} to be sent`,
    ).catch(async (error: Error) => {
      const stuck = (await dueUnsent()).map((r) => `${subjectOf(r.subjectKey)} ${r.step} (${r.kind}, attempts ${r.attempts}): ${r.lastError ?? '-'}`);
      throw new Error(`${error.message}; still unsent: ${stuck.join(' | ')}`);
    });
  };
  let seen = 0;
  const takeNew = async (): Promise<Delivered[]> => {
    // A mail is accepted before its row is marked sent: give the last markSent a moment.
    await sleep(150);
    const fresh = smtp.messages.slice(seen);
    seen += fresh.length;
    if (fresh.length === 0) return [];
    const ids = fresh.map((m) => m.messageId ?? '');
    const rows = await t.db.select().from(notifications).where(inArray(notifications.messageId, ids));
    const byId = new Map(rows.map((r) => [r.messageId, r]));
    return fresh.map((mail) => {
      const row = byId.get(mail.messageId ?? '');
      if (!row) throw new Error(`a mail with no ledger row: ${mail.messageId} ${mail.subject}`);
      return { mail, row, to: mail.envelope.to.join(','), subject: mail.subject ?? '', what: `${subjectOf(row.subjectKey)} ${row.step}` };
    });
  };
  const at = (local: string) => {
    clock.now = osloDate(local);
  };

  return {
    t,
    redis,
    smtp,
    worker,
    apiQueues,
    office,
    clock,
    at,
    sweep,
    settle,
    takeNew,
    step: async (local) => {
      at(local);
      await sweep();
      await settle();
      return takeNew();
    },
    close: async () => {
      await worker.shutdown();
      await apiQueues.close();
      await smtp.stop();
      await redis.close();
      await t.drop();
    },
  };
}

/**
 * The worker as production runs it: its own process, `main.ts` with the environment. Run as
 * `node --import tsx` rather than the `tsx` CLI, which would put a second process in between
 * (a SIGKILL to the CLI leaves the real worker running).
 */
export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves when the worker logged 'started'. */
  started: Promise<void>;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', TZ: 'UTC', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let onStarted: () => void = () => undefined;
  let onFailed: (error: Error) => void = () => undefined;
  const started = new Promise<void>((resolve, reject) => {
    onStarted = resolve;
    onFailed = reject;
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output.push(chunk);
      if (/ info worker: started/.test(chunk)) onStarted();
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      onFailed(new Error(`worker exited before it started (${code ?? signal}): ${output.join('').slice(-2000)}`));
      resolve({ code, signal });
    }),
  );
  started.catch(() => undefined);
  return { child, started, output, exited };
}

/**
 * The api's writes, without HTTP: the same rows, the same libs/scheduling calls inside the
 * transaction, the same enqueue after commit as apps/api/src/routes/reports.ts and cases.ts
 * (their access rules and validation are apps/api's tests' business). Used rather than
 * createApp so these tests exercise the engine, and follow neither the session nor the CSRF
 * mechanics of the HTTP layer.
 */
export interface Office {
  fileReport(input: {
    schoolId: string;
    pupilId: string;
    filedById: string;
    /** When the concern was reported, when registered after the fact (Oslo wall clock). */
    reportedAt?: string;
    serious?: boolean;
    /** § 12-5: the employee the report is about. */
    accusedPersonId?: string;
  }): Promise<{ caseId: string; number: string; reportId: string }>;
  /** The principal registers the report. */
  acknowledge(caseId: string, by: string): Promise<void>;
  delegate(caseId: string, leaderId: string, by: string): Promise<void>;
  startInvestigation(caseId: string, by: string): Promise<void>;
}

export function createOffice(db: Db, jobs: JobProducer, clock: () => Date): Office {
  const instant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());
  // apps/api/src/engine.ts enqueueCaseNotifications: one job per pending row, `ensure`.
  const enqueue = async (caseId: string, now: Date) => {
    const rows = await db
      .select({ id: notifications.id, sendAfter: notifications.sendAfter })
      .from(notifications)
      .where(
        and(
          eq(notifications.caseId, caseId),
          isNull(notifications.sentAt),
          isNull(notifications.cancelledAt),
          isNull(notifications.failedPermanentlyAt),
        ),
      );
    for (const row of rows) {
      await jobs.enqueue('send-notification', { notificationId: row.id }, { delayMs: row.sendAfter.getTime() - now.getTime(), ensure: true });
    }
  };
  const act = async (caseId: string, write: (tx: Db, now: Date) => Promise<void>) => {
    const now = clock();
    await db.transaction(async (tx) => {
      await write(tx, now);
      await syncCaseDeadlines(tx, caseId, instant(now));
    });
    await enqueue(caseId, now);
  };
  return {
    async fileReport(input) {
      const now = clock();
      const asOf = input.reportedAt ? osloDate(input.reportedAt) : now;
      let accusedInLeadership = false;
      if (input.accusedPersonId) {
        const held = await db.select({ role: roles.role, schoolId: roles.schoolId }).from(roles).where(eq(roles.personId, input.accusedPersonId));
        const grants: RoleGrant[] = held.filter((r) => r.schoolId !== null).map((r) => ({ role: r.role, schoolId: r.schoolId as string }));
        accusedInLeadership = isInLeadership(grants, input.schoolId);
      }
      const concernsEmployee = input.accusedPersonId !== undefined;
      const created = await db.transaction(async (tx) => {
        const number = await nextCaseNumber(tx, input.schoolId, instant(asOf).toZonedDateTimeISO('Europe/Oslo').year);
        const [kase] = await tx
          .insert(cases)
          .values({
            schoolId: input.schoolId,
            pupilId: input.pupilId,
            number,
            status: 'reported',
            concernsEmployee,
            accusedPersonId: input.accusedPersonId ?? null,
            accusedInLeadership,
            openedAt: asOf,
            ...(input.serious ? { serious: true, seriousMarkedAt: asOf } : {}),
          })
          .returning({ id: cases.id });
        const [report] = await tx
          .insert(reports)
          .values({
            schoolId: input.schoolId,
            pupilId: input.pupilId,
            caseId: kase!.id,
            filedById: input.filedById,
            reporterKind: 'staff',
            basis: 'suspicion',
            category: concernsEmployee ? 'staff_violation' : 'bullying',
            intervened: false,
            serious: input.serious ?? false,
            concernsEmployee,
            accusedPersonId: input.accusedPersonId ?? null,
            description: 'Eleven blir holdt utenfor i friminuttene.',
            filedAt: now,
            asOf,
          })
          .returning({ id: reports.id });
        await appendTimeline(tx, {
          caseId: kase!.id,
          at: asOf,
          actorId: input.filedById,
          kind: 'report_filed',
          payload: { reportId: report!.id, basis: 'suspicion', category: 'bullying', serious: input.serious ?? false, concernsEmployee, intervened: false },
        });
        await syncCaseDeadlines(tx, kase!.id, instant(now));
        await notifyNewReport(tx, report!.id, instant(now));
        return { caseId: kase!.id, number, reportId: report!.id };
      });
      await enqueue(created.caseId, now);
      return created;
    },
    acknowledge: (caseId, by) =>
      act(caseId, async (tx, now) => {
        await tx.update(reports).set({ registeredAt: now, registeredById: by }).where(and(eq(reports.caseId, caseId), isNull(reports.registeredAt)));
        await appendTimeline(tx, { caseId, at: now, actorId: by, kind: 'acknowledged', payload: {} });
      }),
    delegate: (caseId, leaderId, by) =>
      act(caseId, async (tx, now) => {
        await tx.update(cases).set({ caseLeaderId: leaderId, updatedAt: now }).where(eq(cases.id, caseId));
        await appendTimeline(tx, { caseId, at: now, actorId: by, kind: 'delegated', payload: { leaderId } });
      }),
    startInvestigation: (caseId, by) =>
      act(caseId, async (tx, now) => {
        await tx.update(cases).set({ status: 'investigating', investigationStartedAt: now, updatedAt: now }).where(eq(cases.id, caseId));
        await tx.update(reports).set({ registeredAt: now, registeredById: by }).where(and(eq(reports.caseId, caseId), isNull(reports.registeredAt)));
        await appendTimeline(tx, { caseId, at: now, actorId: by, kind: 'investigation_started', payload: {} });
      }),
  };
}

/**
 * `count` ledger rows as libs/scheduling writes them (a new-report notice each, distinct
 * subject keys, all to `recipientId` about one case), inserted in one statement. Returns their
 * ids in send_after order.
 */
export async function insertLedgerRows(
  db: Db,
  input: { count: number; recipientId: string; caseId: string; reportId: string; schoolId: string; ownerId: string; sendAfter: (i: number) => Date; label: string },
): Promise<{ id: string; sendAfter: Date }[]> {
  const rows = Array.from({ length: input.count }, (_, i) => ({
    subjectKey: `${input.label}-${i}`,
    recipientId: input.recipientId,
    step: 'new-report',
    kind: 'new_report',
    sendAfter: input.sendAfter(i),
    schoolId: input.schoolId,
    ownerId: input.ownerId,
    caseId: input.caseId,
    payload: { reportId: input.reportId },
  }));
  const out: { id: string; sendAfter: Date }[] = [];
  for (let i = 0; i < rows.length; i += 1_000) {
    out.push(...(await db.insert(notifications).values(rows.slice(i, i + 1_000)).returning({ id: notifications.id, sendAfter: notifications.sendAfter })));
  }
  return out.sort((a, b) => a.sendAfter.getTime() - b.sendAfter.getTime());
}

/** What the api does after commit: one send job per row, delayed until its send_after. */
export async function enqueueRows(jobs: JobProducer, rows: readonly { id: string; sendAfter: Date }[], now = Date.now()): Promise<void> {
  for (const row of rows) {
    await jobs.enqueue('send-notification', { notificationId: row.id }, { delayMs: row.sendAfter.getTime() - now, ensure: true });
  }
}

/** Message-ID counts at the receiver: how many distinct, how many in all, and which came twice or more. */
export function countByMessageId(mails: readonly ReceivedMail[], ids: ReadonlySet<string>) {
  const seen = new Map<string, number>();
  for (const m of mails) {
    const id = m.messageId ?? '';
    if (ids.has(id)) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  const duplicated = [...seen].filter(([, n]) => n > 1);
  return { distinct: seen.size, total: [...seen.values()].reduce((a, b) => a + b, 0), duplicated };
}
