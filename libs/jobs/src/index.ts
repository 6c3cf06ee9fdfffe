export {
  assertValidJobId,
  isJobName,
  isoWeekSchema,
  jobCatalog,
  jobNames,
  jobOptionsOf,
  jobsOfQueue,
  parsePayload,
  queueNames,
  retryDelayMs,
  type JobCatalog,
  type JobDefinition,
  type JobName,
  type JobPayload,
  type JobPolicy,
  type QueueName,
} from './catalog';
export {
  BULLMQ_SCHEMA,
  createQueues,
  resolveQueueConnection,
  type QueueConnection,
  type Queues,
  type QueueWorkerOptions,
} from './queues';
export { createJobProducer, type EnqueueOptions, type EnqueueOutcome, type EnqueueResult, type JobProducer } from './producer';
export { NEAR_TERM_HORIZON_MS, SCHEDULE_TIME_ZONE, schedules, upsertSchedulers, type Schedule, type UpsertSchedulersResult } from './schedulers';
export { mountQueueDashboard, type DashboardOptions } from './dashboard';
