import type { Temporal } from 'temporal-polyfill';
import { type CachedInstant, epochDayOf, fromEpochDay, internalsOf, isoDateOfEpochDay } from './calendar';
import { assertKeySafe } from './deadlines';
import type {
  Deadline,
  DeadlinePolicy,
  NotificationStep,
  PupilConversationFacts,
  SchoolCalendar,
  Term,
} from './types';

export interface PupilConversationInput {
  readonly schoolId: string;
  readonly term: Term;
  readonly pupils: readonly PupilConversationFacts[];
  readonly policy: DeadlinePolicy;
  readonly calendar: SchoolCalendar;
  readonly now: Temporal.Instant;
}

const NO_STEPS: readonly NotificationStep[] = Object.freeze([]);

/** The wall-clock due date of a half-year's conversations per the school's policy. */
export function pupilConversationDueDate(policy: DeadlinePolicy, term: Term): Temporal.PlainDate {
  const md = term.half === 'autumn' ? policy.pupilConversation.autumnDue : policy.pupilConversation.springDue;
  return fromEpochDay(epochDayOf(term.year, Number(md.slice(0, 2)), Number(md.slice(3, 5))));
}

/**
 * § 12-4 (1) følgje med: every pupil has a planned conversation each half-year, in which the
 * school asks whether the pupil feels safe. One deadline per pupil (date-only rule: 16:00 of
 * the due date or the last school day before it); the contact teacher is reminded.
 * Escalation goes to the school's leaders as ONE daily summary, not a mail per pupil: the
 * `summary` deadline has one step per school day (07:30) from the day after the due date to
 * the end of the half-year while any pupil's conversation is still outstanding.
 * Pupils sharing a school and term share their dueAt and steps objects (memory).
 */
export function pupilConversationDeadlines(input: PupilConversationInput): {
  deadlines: Deadline[];
  summary: Deadline;
} {
  const { schoolId, term, pupils, policy } = input;
  assertKeySafe(schoolId, 'skole-id');
  const cal = internalsOf(input.calendar);
  const nowMs = input.now.epochMilliseconds;
  const dueDate = pupilConversationDueDate(policy, term);
  const dueDateEd = epochDayOf(dueDate.year, dueDate.month, dueDate.day);
  const dueEd = cal.scanEd(dueDateEd, -1);
  const due: CachedInstant = cal.endOfSchoolDayAt(dueEd);
  const termTag = `conversation-${term.year}-${term.half}`;

  const steps: NotificationStep[] = [];
  for (const rule of policy.pupilConversation.reminders) {
    const t = rule.timing;
    let fire: CachedInstant;
    let key: string;
    if (t.at === 'school_days_before') {
      fire = cal.windowStartAt(cal.addSchoolDaysEd(dueEd, -t.days));
      key = `remind-${t.days}d-${rule.audience}`;
    } else {
      fire = cal.windowStartAt(dueEd);
      key = `on-day-${rule.audience}`;
    }
    if (steps.some((s) => s.key === key)) continue;
    steps.push(Object.freeze({ key, kind: 'reminder', audience: rule.audience, fireAt: fire.instant, immediate: false }));
  }
  steps.sort((a, b) => a.fireAt.epochMilliseconds - b.fireAt.epochMilliseconds);
  const liveSteps: readonly NotificationStep[] = Object.freeze(steps);

  const deadlines: Deadline[] = new Array(pupils.length);
  // One concatenation per pupil (a constant prefix + the id): 1.7 million keys a year.
  const prefix = `school-${schoolId}.${termTag}.pupil-`;
  const missedNow = nowMs >= due.ms;
  let outstanding = false;
  let lastHeldMs = -Infinity;
  let lastHeld: Temporal.Instant | undefined;
  for (let i = 0; i < pupils.length; i++) {
    const p = pupils[i]!;
    if (p.pupilId.includes(':') || p.pupilId.length === 0) assertKeySafe(p.pupilId, 'elev-id');
    const held = p.heldAt;
    if (held === undefined) {
      outstanding = true;
      deadlines[i] = {
        key: prefix + p.pupilId,
        kind: 'pupil_conversation',
        schoolId,
        pupilId: p.pupilId,
        dueAt: due.instant,
        state: missedNow ? 'missed' : 'open',
        steps: liveSteps,
      };
    } else {
      const ms = held.epochMilliseconds;
      if (ms > lastHeldMs) {
        lastHeldMs = ms;
        lastHeld = held;
      }
      deadlines[i] = {
        key: prefix + p.pupilId,
        kind: 'pupil_conversation',
        schoolId,
        pupilId: p.pupilId,
        dueAt: due.instant,
        metAt: held,
        state: ms <= due.ms ? 'met' : 'met_late',
        steps: NO_STEPS,
      };
    }
  }

  // The half-year ends 31 December (autumn) or 31 July (spring); summaries stop there.
  const lastEd = term.half === 'autumn' ? epochDayOf(term.year, 12, 31) : epochDayOf(term.year, 7, 31);
  const summarySteps: NotificationStep[] = [];
  if (outstanding) {
    const audience = policy.pupilConversation.summaryAudience;
    for (let ed = cal.scanEd(dueEd + 1, 1); ed <= lastEd; ed = cal.scanEd(ed + 1, 1)) {
      const fire = cal.windowStartAt(ed);
      summarySteps.push({
        key: `summary-${isoDateOfEpochDay(ed)}-${audience}`,
        kind: 'escalation',
        audience,
        fireAt: fire.instant,
        immediate: false,
      });
    }
  }
  const summary: Deadline = {
    key: `school-${schoolId}.${termTag}.leader_summary`,
    kind: 'pupil_conversation_summary',
    schoolId,
    dueAt: due.instant,
    ...(!outstanding && lastHeld !== undefined ? { metAt: lastHeld } : {}),
    state: outstanding ? (missedNow ? 'missed' : 'open') : lastHeldMs <= due.ms ? 'met' : 'met_late',
    steps: summarySteps,
  };
  return { deadlines, summary };
}
