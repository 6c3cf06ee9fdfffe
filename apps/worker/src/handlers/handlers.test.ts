import { randomUUID } from 'node:crypto';
import type { EnqueueOptions, JobProducer } from '@trygg/jobs';
import { UnrecoverableError } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../log';
import { createHandlers, PermanentDeliveryError, SWEEP_HORIZON_MS, SWEEP_PAGE_SIZE, type DueNotification, type HandlerDeps, type JobContext } from './index';

const context: JobContext = { jobId: 'j-1', attemptsMade: 0, attempts: 8, log: silentLogger };
const NOW = new Date('2026-11-23T06:00:00Z'); // Monday 07:00 in Oslo

function deps(overrides: Partial<HandlerDeps> = {}): HandlerDeps & { enqueued: { name: string; payload: unknown; options: EnqueueOptions | undefined }[] } {
  const enqueued: { name: string; payload: unknown; options: EnqueueOptions | undefined }[] = [];
  const jobs: JobProducer = {
    enqueue: async (name, payload, options) => {
      enqueued.push({ name, payload, options });
      return { jobId: 'x', outcome: 'added' };
    },
  };
  return {
    enqueued,
    clock: () => NOW,
    jobs,
    deliver: async () => ({ outcome: 'sent', messageId: '<x@trygg.local>' }),
    findDue: async () => [],
    runWeeklyDigest: async () => 'ok',
    runConversationSummary: async () => 'ok',
    ...overrides,
  };
}

describe('sweep handler', () => {
  it('enqueues every due row with delay = send_after − now, looking 10 minutes ahead; only rows due by now are ensured', async () => {
    const overdue = { id: randomUUID(), sendAfter: new Date(NOW.getTime() - 3_600_000) };
    const soon = { id: randomUUID(), sendAfter: new Date(NOW.getTime() + 5 * 60_000) };
    const findDue = vi.fn(async () => [overdue, soon]);
    const d = deps({ findDue });
    const result = await createHandlers(d).sweep({}, context);
    expect(findDue).toHaveBeenCalledTimes(1);
    expect(findDue).toHaveBeenCalledWith(new Date(NOW.getTime() + SWEEP_HORIZON_MS), SWEEP_PAGE_SIZE, undefined);
    expect(d.enqueued).toEqual([
      { name: 'send-notification', payload: { notificationId: overdue.id }, options: { delayMs: -3_600_000, ensure: true } },
      // Not due yet: only made to exist (reading every job's state at a 07:30 burst is what
      // the sweep must not spend the worker's time on).
      { name: 'send-notification', payload: { notificationId: soon.id }, options: { delayMs: 300_000, ensure: false } },
    ]);
    expect(result).toEqual({ found: 2, givenUp: 0, added: 2, exists: 0, replaced: 0, advanced: 0 });
  });

  // A fake ledger that pages as dueNotifications does: (send_after, id) order, after the cursor.
  const ledger = (count: number) => {
    const rows = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), sendAfter: new Date(NOW.getTime() - 60_000 + Math.floor(i / 7) * 1_000) }));
    const key = (r: DueNotification) => `${r.sendAfter.toISOString()} ${r.id}`;
    rows.sort((a, b) => (key(a) < key(b) ? -1 : 1));
    const findDue = vi.fn(async (until: Date, limit: number, after?: DueNotification) =>
      rows.filter((r) => r.sendAfter <= until && (!after || key(r) > key(after))).slice(0, limit),
    );
    return { rows, findDue };
  };

  it('reads the due rows page by page, after the last row of the page before, and enqueues each once', async () => {
    const { rows, findDue } = ledger(25);
    const d = deps({ findDue, pageSize: 10 });
    const result = await createHandlers(d).sweep({}, context);
    expect(result).toMatchObject({ found: 25, added: 25 });
    expect(findDue.mock.calls.map(([, limit, after]) => [limit, after?.id])).toEqual([
      [10, undefined],
      [10, rows[9]!.id],
      [10, rows[19]!.id],
    ]);
    expect(d.enqueued.map((e) => (e.payload as { notificationId: string }).notificationId)).toEqual(rows.map((r) => r.id));
  });

  it('stops at its limit per run and warns', async () => {
    const warn = vi.fn();
    const { findDue } = ledger(25);
    const d = deps({ findDue, pageSize: 10, limit: 15 });
    const result = await createHandlers(d).sweep({}, { ...context, log: { ...silentLogger, warn } });
    expect(result).toMatchObject({ found: 15, added: 15 });
    expect(findDue.mock.calls.map(([, limit]) => limit)).toEqual([10, 5]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('limit'), { limit: 15 });
  });

  it('does not loop when findDue ignores the cursor', async () => {
    const error = vi.fn();
    const rows = Array.from({ length: 3 }, () => ({ id: randomUUID(), sendAfter: NOW }));
    const d = deps({ findDue: async () => rows, pageSize: 3 });
    const result = await createHandlers(d).sweep({}, { ...context, log: { ...silentLogger, error } });
    expect(result).toMatchObject({ found: 3 });
    expect(error).toHaveBeenCalledWith(expect.stringContaining('did not advance'), expect.anything());
  });

  it('gives up on rows whose tries are spent before it reads the due ones, and says so at error level', async () => {
    const error = vi.fn();
    const order: string[] = [];
    const spent = { id: randomUUID(), attempts: 12 };
    const d = deps({
      giveUpExhausted: async (until, now) => {
        order.push(`give up ${until.toISOString()} ${now.toISOString()}`);
        return [spent];
      },
      findDue: async () => {
        order.push('find');
        return [];
      },
    });
    const result = await createHandlers(d).sweep({}, { ...context, log: { ...silentLogger, error } });
    expect(order).toEqual([`give up ${new Date(NOW.getTime() + SWEEP_HORIZON_MS).toISOString()} ${NOW.toISOString()}`, 'find']);
    expect(result).toMatchObject({ found: 0, givenUp: 1 });
    expect(error).toHaveBeenCalledWith(expect.stringContaining('given up'), { count: 1, notifications: [spent] });
  });
});

describe('send-notification handler', () => {
  const notificationId = randomUUID();

  it('delivers by id', async () => {
    const deliver = vi.fn(async () => ({ outcome: 'sent' as const, messageId: `<${notificationId}@trygg.local>` }));
    expect(await createHandlers(deps({ deliver }))['send-notification']({ notificationId }, context)).toEqual({
      outcome: 'sent',
      messageId: `<${notificationId}@trygg.local>`,
    });
    expect(deliver).toHaveBeenCalledWith(notificationId);
  });

  it('turns a permanent failure into UnrecoverableError (no retry)', async () => {
    const handler = createHandlers(deps({ deliver: async () => Promise.reject(new PermanentDeliveryError('mail refused (SMTP 550)')) }))['send-notification'];
    await expect(handler({ notificationId }, context)).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it('rethrows a temporary failure as is (BullMQ retries with backoff)', async () => {
    const failure = new Error('mail failed (SMTP 451)');
    const handler = createHandlers(deps({ deliver: async () => Promise.reject(failure) }))['send-notification'];
    await expect(handler({ notificationId }, context)).rejects.toBe(failure);
  });
});

describe('weekly digest handler', () => {
  it('covers the ISO week that just ended when run by the scheduler', async () => {
    const runWeeklyDigest = vi.fn(async () => 'sent');
    const handler = createHandlers(deps({ runWeeklyDigest }))['weekly-digest'];
    expect(await handler({}, context)).toEqual({ isoWeek: '2026-W47', result: 'sent' });
    // Across a year end: Monday 4 January 2027 07:00 Oslo → week 53 of 2026.
    const newYear = createHandlers(deps({ runWeeklyDigest, clock: () => new Date('2027-01-04T06:00:00Z') }))['weekly-digest'];
    expect(await newYear({}, context)).toMatchObject({ isoWeek: '2026-W53' });
  });

  it('runs the week it is given', async () => {
    const runWeeklyDigest = vi.fn(async () => 'sent');
    await createHandlers(deps({ runWeeklyDigest }))['weekly-digest']({ isoWeek: '2026-W10' }, context);
    expect(runWeeklyDigest).toHaveBeenCalledWith('2026-W10');
  });
});

describe('conversation summary handler', () => {
  it('runs for the Oslo date, not the UTC one', async () => {
    const runConversationSummary = vi.fn(async () => 'sent');
    // 23:30 UTC on Sunday 29 March 2026 is 01:30 on Monday 30 March in Oslo (summer time).
    const handler = createHandlers(deps({ runConversationSummary, clock: () => new Date('2026-03-29T23:30:00Z') }))['conversation-summary'];
    expect(await handler({}, context)).toEqual({ date: '2026-03-30', result: 'sent' });
  });
});
