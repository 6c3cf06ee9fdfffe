// Every write to a case ends here, in the writer's transaction: the rules recompute the case's
// deadlines, and the ledger is made to match — new steps added, moved ones moved, steps no
// longer wanted (a deadline met before its reminder, a stale reminder superseded) cancelled.
// Sent rows are history and are never touched.
import {
  cancelDeadline,
  deadlines as deadlinesTable,
  markDeadlineMet,
  replaceDeadlineNotifications,
  upsertDeadlines,
  type Db,
} from '@trygg/db';
import { collapseStaleSteps, computeCaseDeadlines, deliveryInstant, type Deadline } from '@trygg/domain';
import { and, eq, notInArray } from 'drizzle-orm';
import type { Temporal } from 'temporal-polyfill';
import { loadCase, type LoadedCase } from './case-facts';
import { messageKindOf } from './message-kind';
import { recipientsOf } from './recipients';
import { loadSchoolContext, type SchoolContext } from './school-context';
import { toDate } from './time';

export class UnknownCaseError extends Error {}

export async function syncCaseDeadlines(db: Db, caseId: string, now: Temporal.Instant): Promise<Deadline[]> {
  const loaded = await loadCase(db, caseId);
  if (!loaded) throw new UnknownCaseError(`unknown case ${caseId}`);
  const school = await loadSchoolContext(db, loaded.row.schoolId);
  if (!school) throw new UnknownCaseError(`case ${caseId} has no school`);
  const computed = computeCaseDeadlines(loaded.facts, { policy: school.policy, calendar: school.calendar, now });
  await persist(db, loaded, school, computed, now);
  return computed;
}

async function persist(db: Db, loaded: LoadedCase, school: SchoolContext, computed: readonly Deadline[], now: Temporal.Instant) {
  const nowDate = toDate(now);
  const caseId = loaded.row.id;
  await upsertDeadlines(
    db,
    { schoolId: loaded.row.schoolId, caseId },
    computed.map((d) => ({ key: d.key, kind: d.kind, dueAt: toDate(d.dueAt) })),
  );
  // A deadline the rules no longer produce (an evaluation date dropped from a new plan version).
  const gone = await db
    .select({ key: deadlinesTable.key })
    .from(deadlinesTable)
    .where(
      and(
        eq(deadlinesTable.caseId, caseId),
        eq(deadlinesTable.state, 'open'),
        computed.length > 0 ? notInArray(deadlinesTable.key, computed.map((d) => d.key)) : undefined,
      ),
    );
  for (const { key } of gone) await cancelDeadline(db, key, nowDate);

  for (const deadline of computed) {
    if ((deadline.state === 'met' || deadline.state === 'met_late') && deadline.metAt) {
      await markDeadlineMet(db, deadline.key, toDate(deadline.metAt), nowDate);
      continue;
    }
    if (deadline.state === 'cancelled') {
      await cancelDeadline(db, deadline.key, nowDate);
      continue;
    }
    const { keep } = collapseStaleSteps(deadline.steps, now);
    const wanted = keep.flatMap((step) => {
      const message = messageKindOf(deadline, step);
      const sendAfter = toDate(deliveryInstant(step, school.calendar, now));
      return recipientsOf(step, loaded.row, school, loaded.access).map((recipientId) => ({
        recipientId,
        step: step.key,
        kind: message.kind,
        sendAfter,
        schoolId: loaded.row.schoolId,
        ownerId: school.owner.id,
        caseId,
        // Ids and codes only: this ends up in job payloads and logs.
        payload: {
          deadlineKind: deadline.kind,
          stepKind: step.kind,
          audience: step.audience,
          fireAt: step.fireAt.toString(),
          dueAt: deadline.dueAt.toString(),
          immediate: step.immediate,
          ...(message.about ? { about: message.about } : {}),
          ...(message.resend ? { resend: true } : {}),
        },
      }));
    });
    await replaceDeadlineNotifications(db, deadline.key, dedupe(wanted), nowDate);
  }
}

/**
 * One message per person and moment: a principal who also leads the case is reminded once, not
 * once as principal and once as case leader.
 */
function dedupe<T extends { recipientId: string; kind: string; sendAfter: Date }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.recipientId}|${r.kind}|${r.sendAfter.getTime()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
