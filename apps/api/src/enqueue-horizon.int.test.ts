import type { JobProducer } from '@trygg/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, osloDate, type TestApp } from './test-support';

// What the api asks the queue for after a write: only rows due within the near-term horizon.
const enqueued: { notificationId: string; delayMs: number }[] = [];
const jobs = {
  enqueue: async (_name: string, payload: { notificationId: string }, options: { delayMs?: number }) => {
    enqueued.push({ notificationId: payload.notificationId, delayMs: options.delayMs ?? 0 });
    return { jobId: `n-${payload.notificationId}`, outcome: 'added' as const };
  },
} as unknown as JobProducer;

let x: TestApp;
beforeAll(async () => {
  x = await createTestApp({ jobs });
});
afterAll(() => x?.drop());

describe('the fast path keeps Redis to the near term', () => {
  it('enqueues the principal’s notice due now, not Tuesday’s reminders', async () => {
    x.clock.now = osloDate('2026-03-27T15:50');
    const res = await x.as(x.s.teacher).post('/api/reports', {
      schoolId: x.s.schoolId,
      pupilId: x.s.pupil,
      basis: 'knowledge',
      category: 'exclusion',
      description: 'Eleven blir holdt utenfor i friminuttene.',
      intervened: false,
    });
    expect(res.status).toBe(201);
    // The new-report notice goes now; the reminders of 7–15 April wait for the sweep.
    expect(enqueued).toHaveLength(1);
    expect(enqueued[0]!.delayMs).toBeLessThanOrEqual(0);
  });
});
