import { Temporal } from 'temporal-polyfill';
import {
  type CachedInstant,
  type SchoolCalendarInternals,
  OSLO,
  fromEpochDay,
  internalsOf,
  osloEpochDayOfMs,
  toEpochDay,
} from './calendar';
import type {
  Audience,
  CaseDeadlineKind,
  CaseFacts,
  ComputeContext,
  Deadline,
  DeadlinePolicy,
  DeadlineState,
  MeasureFacts,
  NotificationStep,
  PlanVersionFacts,
  SchoolCalendar,
  StepRule,
} from './types';

export class InvalidFactsError extends Error {
  readonly code = 'invalid_facts' as const;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFactsError';
  }
}

/** An instant with its epoch milliseconds read once (the polyfill's getter is not free). */
type At = CachedInstant;
const at = (instant: Temporal.Instant): At => ({ ms: instant.epochMilliseconds, instant });
const earliest = (a: At | undefined, b: At | undefined): At | undefined =>
  a === undefined ? b : b === undefined ? a : b.ms < a.ms ? b : a;

/** Keys become notification ids and BullMQ job ids, where ':' is forbidden. */
export function assertKeySafe(id: string, what: string): void {
  if (id.length === 0 || id.includes(':')) {
    throw new InvalidFactsError(`Ugyldig ${what}: «${id}» (tom eller inneholder «:»).`);
  }
}

// ---- the counting rules of DOMAIN.md "How to count" ----

/**
 * "N school days after an event": 16:00 of the Nth school day after the event's Oslo date.
 * N = 0 is "same school day": 16:00 of the event's date if a school day, else of the next.
 * A same-day deadline never falls before its event: an event after 16:00 rolls to the next
 * school day (an interpretation — DOMAIN.md is silent on events after the school day).
 */
function dueSchoolDaysAfter(cal: SchoolCalendarInternals, event: At, n: number): At {
  const ed = osloEpochDayOfMs(event.ms);
  const due = cal.endOfSchoolDayAt(cal.addSchoolDaysEd(ed, n));
  if (due.ms >= event.ms) return due;
  return cal.endOfSchoolDayAt(cal.addSchoolDaysEd(ed, n + 1));
}

/** Date-only deadline: 16:00 of the date, or of the last school day before it. */
function dueOnDate(cal: SchoolCalendarInternals, ed: number): At {
  return cal.endOfSchoolDayAt(cal.scanEd(ed, -1));
}

/** § 12-5 "straks": the end of the event's calendar day in Oslo, holidays or not. */
function dueStraks(cal: SchoolCalendarInternals, event: At): At {
  return at(cal.endOfCalendarDayAt(osloEpochDayOfMs(event.ms)));
}

function stateOf(due: At, met: At | undefined, closedAt: At | undefined, now: At): DeadlineState {
  if (met !== undefined) return met.ms <= due.ms ? 'met' : 'met_late';
  // A missed deadline stays missed; closing the case only cancels what was not yet due.
  if (closedAt !== undefined) return due.ms <= closedAt.ms ? 'missed' : 'cancelled';
  return now.ms >= due.ms ? 'missed' : 'open';
}

/** How a case's roles map to audiences, § 12-5 exclusions applied where facts allow. */
interface Roles {
  /** 'owner' when § 12-5 accuses leadership: the school's leadership must not see the case. */
  readonly handler: Audience;
  readonly caseLeaderId: string | undefined;
  readonly accusedId: string | undefined;
}

function rolesOf(facts: CaseFacts): Roles {
  const s = facts.s12_5;
  const handler: Audience = s?.accusedInLeadership ? 'owner' : 'principal';
  // § 12-5: the accused never sees the case, not even as its delegated leader.
  const leader = facts.caseLeaderId !== undefined && facts.caseLeaderId !== s?.accusedPersonId ? facts.caseLeaderId : undefined;
  return { handler, caseLeaderId: leader, accusedId: s?.accusedPersonId };
}

interface StepInput {
  readonly cal: SchoolCalendarInternals;
  readonly due: At;
  readonly event: At;
  readonly roles: Roles;
  readonly immediate: boolean;
  readonly noticeKind: boolean;
  readonly measureOwnerIds?: readonly string[];
}

function timingKey(rule: StepRule): string {
  const t = rule.timing;
  switch (t.at) {
    case 'school_days_before':
      return `remind-${t.days}d`;
    case 'on_day':
      return 'on-day';
    case 'at_event':
      return 'now';
    case 'at_once':
      return rule.action === 'resend' ? 'resend-now' : 'escalate-now';
    case 'school_days_after':
      return `${rule.action === 'resend' ? 'resend' : 'escalate'}-${t.days}d`;
  }
}

function fireAtOf(cal: SchoolCalendarInternals, rule: StepRule, due: At, dueEd: number, event: At): At {
  const t = rule.timing;
  switch (t.at) {
    case 'school_days_before':
      return cal.windowStartAt(cal.addSchoolDaysEd(dueEd, -t.days));
    case 'on_day':
      return cal.windowStartAt(dueEd);
    case 'at_event':
      return event;
    case 'at_once':
      return due;
    case 'school_days_after':
      return cal.windowStartAt(cal.addSchoolDaysEd(dueEd, t.days));
  }
}

function buildSteps(
  input: StepInput,
  reminders: readonly StepRule[],
  escalations: readonly StepRule[],
): NotificationStep[] {
  const { cal, due, event, roles } = input;
  const dueEd = osloEpochDayOfMs(due.ms);
  const out: { step: NotificationStep; ms: number }[] = [];
  const seen = new Set<string>();
  const add = (rule: StepRule, isReminder: boolean) => {
    let audience = rule.audience;
    let personIds: readonly string[] | undefined;
    if (audience === 'principal') audience = roles.handler;
    else if (audience === 'case_leader') {
      // Until a leader is delegated the case, the principal leads it (DOMAIN.md).
      if (roles.caseLeaderId === undefined) audience = roles.handler;
      else personIds = [roles.caseLeaderId];
    } else if (audience === 'measure_owners') {
      personIds = input.measureOwnerIds;
      if (personIds === undefined || personIds.length === 0) return;
    }
    let fire = fireAtOf(cal, rule, due, dueEd, event);
    // A reminder after the due instant would remind of a deadline already passed; this only
    // happens when a plan's due is pulled forward to a measure's start.
    if (isReminder && fire.ms > due.ms) fire = due;
    // Nobody is told twice about the same thing at the same instant (e.g. case leader = principal).
    const dedupe = `${audience}|${personIds?.join(',') ?? ''}|${fire.ms}|${rule.action ?? ''}`;
    if (seen.has(dedupe)) return;
    seen.add(dedupe);
    const kind = input.noticeKind ? 'notice' : isReminder ? 'reminder' : 'escalation';
    const step: NotificationStep = {
      key: `${input.noticeKind ? 'notice' : timingKey(rule)}-${audience}`,
      kind,
      audience,
      fireAt: fire.instant,
      immediate: input.immediate,
      ...(personIds ? { personIds } : {}),
      ...(rule.action ? { action: rule.action } : {}),
    };
    out.push({ step, ms: fire.ms });
  };
  for (const r of reminders) add(r, true);
  for (const r of escalations) add(r, false);
  out.sort((a, b) => a.ms - b.ms);
  // Two rules mapped onto one audience may still share a key at different instants
  // (rare: a custom policy); suffixing keeps keys unique and deterministic.
  const keys = new Set<string>();
  return out.map(({ step }) => {
    if (!keys.has(step.key)) {
      keys.add(step.key);
      return step;
    }
    let i = 2;
    while (keys.has(`${step.key}-${i}`)) i++;
    keys.add(`${step.key}-${i}`);
    return { ...step, key: `${step.key}-${i}` };
  });
}

// ---- § 12-6 enforcement window ----

const DAY_MS = 86_400_000;

function calendarDaysLater(cal: SchoolCalendarInternals, from: Temporal.Instant, days: number): Temporal.Instant {
  const ms = from.epochMilliseconds;
  const ed = osloEpochDayOfMs(ms);
  // On ordinary days the Oslo offset is constant, so wall-clock + N days is a fixed shift by
  // the difference of the two days' offsets; across a DST night, ask Temporal.
  const dayStart = (d: number) => cal.endOfCalendarDayAt(d - 1).epochMilliseconds + 1;
  const len = (d: number) => dayStart(d + 1) - dayStart(d);
  const target = ed + days;
  if (len(ed) === DAY_MS && len(target) === DAY_MS) {
    const offsetFrom = ed * DAY_MS - dayStart(ed);
    const offsetTo = target * DAY_MS - dayStart(target);
    return from.add({ milliseconds: days * DAY_MS + offsetFrom - offsetTo });
  }
  return from.toZonedDateTimeISO(OSLO).add({ days }).toInstant();
}

/**
 * § 12-6: once the principal personally knew and at least a week has passed, the pupil or
 * parents may go to the county governor. Default: 7 calendar days in Oslo wall-clock time
 * (same clock time a week later, DST-correct). Governors that count school days: 16:00 of
 * the Nth school day after, like every other "N school days after" rule.
 */
export function enforcementWindowOpensAt(
  principalKnewAt: Temporal.Instant,
  policy: DeadlinePolicy,
  calendar: SchoolCalendar,
): Temporal.Instant {
  const cal = internalsOf(calendar);
  const ew = policy.enforcementWindow;
  if (ew.unit === 'calendar_days') return calendarDaysLater(cal, principalKnewAt, ew.count);
  return dueSchoolDaysAfter(cal, at(principalKnewAt), ew.count).instant;
}

// ---- plan helpers ----

function sortedVersions(facts: CaseFacts): readonly PlanVersionFacts[] {
  const v = facts.planVersions;
  if (v === undefined || v.length === 0) return [];
  if (v.length === 1) return v;
  return [...v].sort((a, b) => Temporal.Instant.compare(a.createdAt, b.createdAt) || a.version - b.version);
}

function ownersOf(measures: readonly MeasureFacts[], accusedId: string | undefined): string[] {
  const ids = new Set<string>();
  for (const m of measures) for (const id of m.responsibleIds) if (id !== accusedId) ids.add(id);
  return [...ids].sort();
}

const isoDate = (ed: number) => fromEpochDay(ed).toString();

// ---- the case ----

/**
 * Every deadline of DOMAIN.md's table for one case, with the notification steps still to
 * come. Pure: the same facts, policy, calendar and now always give the same list.
 */
export function computeCaseDeadlines(facts: CaseFacts, ctx: ComputeContext): Deadline[] {
  const { policy } = ctx;
  const cal = internalsOf(ctx.calendar);
  const now = at(ctx.now);
  const { caseId, schoolId } = facts;
  assertKeySafe(caseId, 'saks-id');
  assertKeySafe(schoolId, 'skole-id');
  const roles = rolesOf(facts);
  const closedAt = facts.status === 'closed' && facts.closedAt !== undefined ? at(facts.closedAt) : undefined;
  const reported = at(facts.reportedAt);
  const rules = policy.deadlines;
  const out: Deadline[] = [];
  const prefix = `case-${caseId}.`;

  const push = (
    kind: CaseDeadlineKind,
    subject: string | undefined,
    due: At,
    met: At | undefined,
    steps: () => NotificationStep[],
  ) => {
    const state = stateOf(due, met, closedAt, now);
    // Met, cancelled and closed-case deadlines have nothing left to say.
    const live = closedAt === undefined && (state === 'open' || state === 'missed');
    out.push({
      key: subject === undefined ? prefix + kind : `${prefix}${kind}-${subject}`,
      kind,
      schoolId,
      caseId,
      dueAt: due.instant,
      ...(met ? { metAt: met.instant } : {}),
      state,
      steps: live ? steps() : [],
    });
  };
  const stepsFor = (
    kind: Exclude<CaseDeadlineKind, 'enforcement_window'>,
    due: At,
    event: At,
    immediate: boolean,
    measureOwnerIds?: readonly string[],
  ) => () =>
    buildSteps(
      { cal, due, event, roles, immediate, noticeKind: kind === 's12_5_notice', ...(measureOwnerIds ? { measureOwnerIds } : {}) },
      rules[kind].reminders,
      rules[kind].escalations,
    );

  // § 12-4 (2): the principal registers every report.
  {
    const due = dueSchoolDaysAfter(cal, reported, rules.acknowledge_report.dueSchoolDays);
    const met = facts.acknowledgedAt ? at(facts.acknowledgedAt) : undefined;
    push('acknowledge_report', undefined, due, met, stepsFor('acknowledge_report', due, reported, false));
  }

  // § 12-4 (2) "snarast"; § 12-5 "straks": end of the calendar day it became a § 12-5 case,
  // holidays and sending windows ignored.
  const s125 = facts.s12_5;
  const inv = facts.investigation;
  const started = inv?.startedAt ? at(inv.startedAt) : undefined;
  const concluded = inv?.concludedAt ? at(inv.concludedAt) : undefined;
  {
    let due = dueSchoolDaysAfter(cal, reported, rules.investigation_start.dueSchoolDays);
    if (s125) {
      const straks = dueStraks(cal, at(s125.markedAt));
      if (straks.ms < due.ms) due = straks;
    }
    push('investigation_start', undefined, due, started, stepsFor('investigation_start', due, reported, s125 !== undefined));
  }

  if (started) {
    const due = dueSchoolDaysAfter(cal, started, rules.investigation_conclude.dueSchoolDays);
    push('investigation_conclude', undefined, due, concluded, stepsFor('investigation_conclude', due, started, false));
  }

  // § 12-4 (3): the plan comes right after the investigation, at the latest with the first measure.
  const versions = sortedVersions(facts);
  const firstPlan = versions[0] ? at(versions[0].createdAt) : undefined;
  {
    let firstStartEd: number | undefined;
    for (const v of versions) {
      for (const m of v.measures) {
        const ed = toEpochDay(m.start);
        if (firstStartEd === undefined || ed < firstStartEd) firstStartEd = ed;
      }
    }
    // A measure starting on a date starts when that school day starts (07:30).
    const measureStart = firstStartEd === undefined ? undefined : cal.windowStartAt(firstStartEd);
    const regular = concluded ? dueSchoolDaysAfter(cal, concluded, rules.plan.dueSchoolDays) : undefined;
    const due = earliest(regular, measureStart);
    if (due) push('plan', undefined, due, firstPlan, stepsFor('plan', due, concluded ?? due, false));
  }

  // § 12-4 (3) fifth item: planned evaluation dates. Revisions never overwrite: a date from an
  // older version stays if it was fulfilled or already due when the next version was made.
  const evaluations = facts.evaluations ?? [];
  if (versions.length > 0 || evaluations.length > 0) {
    const fulfilled = new Map<number, At>();
    for (const e of evaluations) {
      const ed = toEpochDay(e.plannedDate);
      fulfilled.set(ed, earliest(fulfilled.get(ed), at(e.doneAt))!);
    }
    const dates = new Map<number, readonly MeasureFacts[]>();
    const latest = versions[versions.length - 1];
    versions.forEach((v, i) => {
      const next = versions[i + 1];
      for (const d of v.evaluationDates) {
        const ed = toEpochDay(d);
        if (next === undefined || fulfilled.has(ed) || dueOnDate(cal, ed).ms <= next.createdAt.epochMilliseconds) {
          dates.set(ed, v.measures);
        }
      }
    });
    for (const e of evaluations) {
      const planned = toEpochDay(e.plannedDate);
      if (!dates.has(planned)) dates.set(planned, latest?.measures ?? []);
      if (e.nextEvaluationOn) {
        const ed = toEpochDay(e.nextEvaluationOn);
        if (!dates.has(ed)) dates.set(ed, latest?.measures ?? []);
      }
    }
    for (const ed of [...dates.keys()].sort((a, b) => a - b)) {
      const due = dueOnDate(cal, ed);
      const measures = dates.get(ed)!;
      const started = measures.filter((m) => toEpochDay(m.start) <= ed);
      const owners = ownersOf(started.length > 0 ? started : measures, roles.accusedId);
      push('evaluation', isoDate(ed), due, fulfilled.get(ed), stepsFor('evaluation', due, due, false, owners));
    }
  }

  // § 12-4 (3) third item: measures are time-limited; one that ended must have been evaluated.
  {
    const ends = new Map<string, MeasureFacts>();
    versions.forEach((v, i) => {
      const next = versions[i + 1];
      for (const m of v.measures) {
        assertKeySafe(m.measureId, 'tiltaks-id');
        // A later version redefines a measure; one it dropped before its end never "ended
        // without evaluation", but one that had already ended stays on record.
        if (next === undefined || dueOnDate(cal, toEpochDay(m.end)).ms <= next.createdAt.epochMilliseconds) {
          ends.set(m.measureId, m);
        }
      }
    });
    for (const m of [...ends.values()].sort((a, b) => (a.measureId < b.measureId ? -1 : a.measureId > b.measureId ? 1 : 0))) {
      const startEd = toEpochDay(m.start);
      let met: At | undefined;
      for (const e of evaluations) {
        const done = at(e.doneAt);
        if (osloEpochDayOfMs(done.ms) >= startEd) met = earliest(met, done);
      }
      const due = dueOnDate(cal, toEpochDay(m.end));
      push('measure_end', m.measureId, due, met, stepsFor('measure_end', due, due, false));
    }
  }

  const notices = facts.ownerNotices ?? [];
  const firstNotice = (about: 'serious' | 's12_5'): At | undefined => {
    let first: At | undefined;
    for (const n of notices) if (n.about === about) first = earliest(first, at(n.sentAt));
    return first;
  };

  // § 12-4: serious cases go to the owner the same school day; the notice ignores the window.
  if (facts.serious) {
    const marked = at(facts.serious.markedAt);
    const due = dueSchoolDaysAfter(cal, marked, rules.serious_owner_notice.dueSchoolDays);
    const met = facts.serious.ownerNotifiedAt ? at(facts.serious.ownerNotifiedAt) : firstNotice('serious');
    push('serious_owner_notice', undefined, due, met, stepsFor('serious_owner_notice', due, marked, true));
  }

  // § 12-5: principal and owner are told at once; only the owner when leadership is accused.
  if (s125) {
    const marked = at(s125.markedAt);
    const met = s125.ownerNotifiedAt ? at(s125.ownerNotifiedAt) : firstNotice('s12_5');
    push('s12_5_notice', undefined, marked, met, stepsFor('s12_5_notice', marked, marked, true));
  }

  // Serious and § 12-5 notices must be acknowledged by the owner, or go again and wider.
  for (const n of notices) {
    assertKeySafe(n.noticeId, 'varsel-id');
    const sent = at(n.sentAt);
    const due = dueSchoolDaysAfter(cal, sent, rules.owner_acknowledge.dueSchoolDays);
    const met = n.acknowledgedAt ? at(n.acknowledgedAt) : undefined;
    push('owner_acknowledge', n.noticeId, due, met, stepsFor('owner_acknowledge', due, sent, true));
  }

  // § 12-6: from this instant the documentation must be ready; without a plan, say so.
  if (facts.principalKnewAt) {
    const due = at(enforcementWindowOpensAt(facts.principalKnewAt, policy, ctx.calendar));
    push('enforcement_window', undefined, due, firstPlan, () =>
      buildSteps({ cal, due, event: due, roles, immediate: false, noticeKind: false }, [], policy.enforcementWindow.escalations),
    );
  }

  return out;
}
