import { Temporal } from 'temporal-polyfill';
import type { NotificationStep, SchoolCalendar } from './types';

/**
 * When a step is actually sent. Serious-case and § 12-5 notices (immediate) go at their
 * instant, holidays or night; everything else waits for the school's sending window
 * (07:30 ≤ t < 16:00 on school days). A step whose instant has passed goes now — or, if not
 * immediate, at the next window — rather than being dropped: clocks do not pause.
 */
export function deliveryInstant(
  step: NotificationStep,
  calendar: SchoolCalendar,
  now: Temporal.Instant,
): Temporal.Instant {
  const t = Temporal.Instant.compare(step.fireAt, now) < 0 ? now : step.fireAt;
  return step.immediate ? t : calendar.nextSendingInstant(t);
}

const recipientOf = (s: NotificationStep) => `${s.audience}|${s.personIds?.join(',') ?? ''}`;

/**
 * When a deadline is created or moved after the fact (a report registered late, a date
 * moved back), several of its steps may already lie in the past. DOMAIN.md: they are sent at
 * once, but each recipient gets only the latest of them, never a burst of stale reminders.
 * Pass the steps not yet sent; `superseded` must be recorded as never-to-send.
 */
export function collapseStaleSteps(
  steps: readonly NotificationStep[],
  now: Temporal.Instant,
): { keep: NotificationStep[]; superseded: NotificationStep[] } {
  const latestStale = new Map<string, NotificationStep>();
  for (const s of steps) {
    if (Temporal.Instant.compare(s.fireAt, now) >= 0) continue;
    const r = recipientOf(s);
    const prev = latestStale.get(r);
    // On a tie the later step in the list wins: steps are listed reminders before escalations.
    if (prev === undefined || Temporal.Instant.compare(s.fireAt, prev.fireAt) >= 0) latestStale.set(r, s);
  }
  const keep: NotificationStep[] = [];
  const superseded: NotificationStep[] = [];
  for (const s of steps) {
    const stale = Temporal.Instant.compare(s.fireAt, now) < 0;
    if (!stale || latestStale.get(recipientOf(s)) === s) keep.push(s);
    else superseded.push(s);
  }
  return { keep, superseded };
}
