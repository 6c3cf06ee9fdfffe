// Turns a BullMQ job into a call of its handler: the job name picks the handler, the catalog's
// schema checks the payload. A job this build does not know, or a payload that does not parse,
// will never succeed however often it is retried: UnrecoverableError.
import { jobCatalog, isJobName, queueNames, type JobName, type QueueName } from '@trygg/jobs';
import { UnrecoverableError, type Job, type Processor, type Worker } from 'bullmq';
import type { Queues } from '@trygg/jobs';
import type { Handlers, JobContext, JobHandler } from './handlers';
import type { Logger } from './log';

export function createProcessor(handlers: Handlers, log: Logger): Processor {
  return async (job: Job) => {
    const name = job.name;
    if (!isJobName(name)) throw new UnrecoverableError(`unknown job "${name}"`);
    const parsed = jobCatalog[name].payload.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(`invalid payload for "${name}": ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    }
    const context: JobContext = {
      jobId: job.id,
      attemptsMade: job.attemptsMade,
      attempts: job.opts.attempts ?? 1,
      log,
    };
    // The mapped type pairs each name with its payload; TypeScript cannot follow the pairing
    // through a union-typed name, hence the widening here (the payload was parsed just above).
    const handler = handlers[name] as JobHandler<JobName>;
    return handler(parsed.data as never, context);
  };
}

export interface StartWorkersOptions {
  /** Jobs run at once per queue. */
  concurrency: Record<QueueName, number>;
  log: Logger;
}

/** One worker per queue, all running the same processor. */
export function startWorkers(queues: Queues, processor: Processor, options: StartWorkersOptions): Worker[] {
  return queueNames.map((queueName) => {
    const worker = queues.createWorker(queueName, processor, { concurrency: options.concurrency[queueName] });
    worker.on('failed', (job, error) => {
      // Job data is ids only; the reason is what BullMQ stores as failedReason anyway (the send
      // handler's reasons carry no addresses). First line, bounded.
      options.log.warn('job failed', {
        queue: queueName,
        job: job?.name,
        jobId: job?.id,
        attemptsMade: job?.attemptsMade,
        error: (error.message.split('\n')[0] ?? '').slice(0, 300),
      });
    });
    worker.on('error', (error) => options.log.error('worker error', { queue: queueName, error: error.message }));
    return worker;
  });
}
