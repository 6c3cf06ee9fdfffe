import { randomUUID } from 'node:crypto';
import { UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from './handlers';
import { silentLogger } from './log';
import { createProcessor } from './processor';

const job = (name: string, data: unknown, attemptsMade = 0) =>
  ({ id: 'j-1', name, data, attemptsMade, opts: { attempts: 8 } }) as unknown as Job;

function handlers(): Handlers & Record<string, ReturnType<typeof vi.fn>> {
  return {
    'send-notification': vi.fn(async () => 'sent'),
    sweep: vi.fn(async () => 'swept'),
    'weekly-digest': vi.fn(async () => 'digest'),
    'conversation-summary': vi.fn(async () => 'summary'),
  };
}

describe('processor', () => {
  it('calls the handler of the job name with the parsed payload and the attempt', async () => {
    const h = handlers();
    const notificationId = randomUUID();
    expect(await createProcessor(h, silentLogger)(job('send-notification', { notificationId }, 2))).toBe('sent');
    expect(h['send-notification']).toHaveBeenCalledWith({ notificationId }, expect.objectContaining({ jobId: 'j-1', attemptsMade: 2, attempts: 8 }));
    expect(h.sweep).not.toHaveBeenCalled();
    expect(await createProcessor(h, silentLogger)(job('sweep', {}))).toBe('swept');
  });

  it('refuses, without retry, a job name this build does not know', async () => {
    await expect(createProcessor(handlers(), silentLogger)(job('send-sms', {}))).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it('refuses, without retry, a payload that does not parse (naming the field, not its value)', async () => {
    const run = createProcessor(handlers(), silentLogger)(job('send-notification', { notificationId: 'Kari Nordmann' }));
    await expect(run).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(run).rejects.toThrow(/notificationId/);
    await expect(run).rejects.not.toThrow(/Kari/);
  });
});
