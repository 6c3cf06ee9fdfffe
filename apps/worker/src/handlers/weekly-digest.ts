// Monday 07:00 Oslo: the weekly digest to every school owner. The scheduled run covers the ISO
// week that just ended; a manual run names its week. Per-owner idempotency (one digest per
// owner and week) is the digest runner's, through digest_runs' unique (owner, week).
import { previousIsoWeek } from '../oslo-time';
import type { JobHandler } from './types';

export interface WeeklyDigestDeps {
  clock: () => Date;
  /** Builds and sends (or re-sends the missing) digests of the week; returns a summary. */
  runWeeklyDigest(isoWeek: string): Promise<unknown>;
}

export function createWeeklyDigestHandler(deps: WeeklyDigestDeps): JobHandler<'weekly-digest'> {
  return async ({ isoWeek }, context) => {
    const week = isoWeek ?? previousIsoWeek(deps.clock());
    context.log.info('weekly digest', { isoWeek: week });
    return { isoWeek: week, result: await deps.runWeeklyDigest(week) };
  };
}
