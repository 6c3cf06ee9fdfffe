import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertValidJobId, isJobName, jobCatalog, jobNames, jobOptionsOf, jobsOfQueue, parsePayload, queueNames, retryDelayMs } from './catalog';
import { SCHEDULE_TIME_ZONE, schedules } from './schedulers';

describe('job catalog', () => {
  it('puts every job on a known queue, and every queue carries a job', () => {
    for (const name of jobNames) expect(queueNames).toContain(jobCatalog[name].queue);
    for (const queue of queueNames) expect(jobsOfQueue(queue).length).toBeGreaterThan(0);
    expect(jobsOfQueue('notifications')).toEqual(['send-notification']);
  });

  it('sets retention on every job (BullMQ keeps finished jobs forever otherwise)', () => {
    for (const name of jobNames) {
      const options = jobOptionsOf(name);
      expect(options.removeOnComplete, name).not.toBe(false);
      expect(options.removeOnFail, name).not.toBe(false);
      expect(options.attempts, name).toBeGreaterThanOrEqual(1);
    }
  });

  it('retries sending 12 times with exponential backoff, over about 17 hours', () => {
    expect(jobOptionsOf('send-notification')).toMatchObject({ attempts: 12, backoff: { type: 'exponential', delay: 30_000 } });
    // BullMQ's exponential backoff: 30 s after the first failure, doubling.
    expect([1, 2, 3, 11].map((n) => retryDelayMs('send-notification', n))).toEqual([30_000, 60_000, 120_000, 30_720_000]);
    const span = Array.from({ length: 11 }, (_, i) => retryDelayMs('send-notification', i + 1)).reduce((a, b) => a + b, 0);
    expect(span / 3_600_000).toBeCloseTo(17.06, 1);
    expect(retryDelayMs('sweep', 1)).toBe(0);
  });

  it('accepts ids only: a payload with any extra field is refused', () => {
    const notificationId = randomUUID();
    expect(parsePayload('send-notification', { notificationId })).toEqual({ notificationId });
    expect(() => parsePayload('send-notification', { notificationId, recipientName: 'Kari' })).toThrow();
    expect(() => parsePayload('send-notification', { notificationId: 'not-a-uuid' })).toThrow();
    expect(() => parsePayload('sweep', { pupil: 'x' })).toThrow();
    expect(() => parsePayload('conversation-summary', { note: 'x' })).toThrow();
    expect(parsePayload('weekly-digest', {})).toEqual({});
    expect(parsePayload('weekly-digest', { isoWeek: '2026-W47' })).toEqual({ isoWeek: '2026-W47' });
    expect(() => parsePayload('weekly-digest', { isoWeek: '2026-47' })).toThrow();
    expect(() => parsePayload('weekly-digest', { isoWeek: '2026-W54' })).toThrow();
  });

  it('derives deterministic, BullMQ-safe job ids', () => {
    const notificationId = randomUUID();
    const id = jobCatalog['send-notification'].jobId({ notificationId });
    expect(id).toBe(`n-${notificationId}`);
    expect(() => assertValidJobId(id)).not.toThrow();
    expect(jobCatalog['weekly-digest'].jobId({ isoWeek: '2026-W47' })).toBe('digest-2026-W47');
    expect(jobCatalog['weekly-digest'].jobId({})).toBeUndefined();
  });

  it('refuses job ids BullMQ mishandles', () => {
    expect(() => assertValidJobId('n:1')).toThrow(/':'/);
    expect(() => assertValidJobId('12345')).toThrow(/digits/);
    expect(() => assertValidJobId('')).toThrow();
    expect(() => assertValidJobId('n-12345')).not.toThrow();
  });

  it('knows its job names', () => {
    expect(isJobName('sweep')).toBe(true);
    expect(isJobName('toString')).toBe(false);
    expect(isJobName('send-email')).toBe(false);
  });
});

describe('schedules', () => {
  const fields = (pattern: string) => pattern.split(' ');

  it('are unique, valid for their job, and in Oslo time', () => {
    expect(new Set(schedules.map((s) => s.id)).size).toBe(schedules.length);
    expect(SCHEDULE_TIME_ZONE).toBe('Europe/Oslo');
    for (const s of schedules) {
      expect(isJobName(s.job)).toBe(true);
      expect(() => parsePayload(s.job, s.payload)).not.toThrow();
      expect(s.id).not.toContain(':');
      expect(fields(s.pattern)).toHaveLength(5);
    }
  });

  it('never put a daily job between 02:00 and 03:00 (DST)', () => {
    for (const s of schedules) {
      const hour = fields(s.pattern)[1] as string;
      if (hour === '*') continue; // the per-minute sweep is idempotent by design
      const hours = hour.split(',').flatMap((part) => {
        const [from, to] = part.split('-').map(Number) as [number, number | undefined];
        return to === undefined ? [from] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
      });
      expect(hours, s.id).not.toContain(2);
    }
  });

  it('sweep every minute, digest Monday 07:00, conversation summary weekdays 07:30', () => {
    const byId = Object.fromEntries(schedules.map((s) => [s.id, s]));
    expect(byId.sweep?.pattern).toBe('* * * * *');
    expect(byId['weekly-digest']?.pattern).toBe('0 7 * * 1');
    expect(byId['conversation-summary']?.pattern).toBe('30 7 * * 1-5');
  });
});
