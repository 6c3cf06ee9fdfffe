import type { JobName, JobPayload } from '@trygg/jobs';
import type { Logger } from '../log';

export interface JobContext {
  jobId: string | undefined;
  /** Attempts made before this one (0 on the first run). */
  attemptsMade: number;
  /** Attempts allowed in all. */
  attempts: number;
  log: Logger;
}

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, context: JobContext) => Promise<unknown>;

/** Exactly one handler per job name of the catalog: a missing or extra one is a type error. */
export type Handlers = { readonly [N in JobName]: JobHandler<N> };
