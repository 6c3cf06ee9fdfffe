import { Temporal } from 'temporal-polyfill';
import {
  type CachedInstant,
  type SchoolCalendarInternals,
  OSLO,
  internalsOf,
  isoDateOfEpochDay,
  osloEpochDayOfMs,
  osloStartOfDayMs,
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

function stateOf(due: At, met: At | undefined, closedMs: number | undefined, nowMs: number): DeadlineState {
  if (met !== undefined) return met.ms <= due.ms ? 'met' : 'met_late';
  // A missed deadline stays missed; closing the case only cancels what was not yet due.
  if (closedMs !== undefined) return due.ms <= closedMs ? 'missed' : 'cancelled';
  return nowMs >= due.ms ? 'missed' : 'open';
}

/** How a case's roles map to audiences, § 12-5 exclusions applied where facts allow. */
interface Roles {
  /** 'owner' when § 12-5 accuses leadership: the school's leadership must not see the case. */
  readonly handler: Audience;
  /** [the delegated leader], shared by every step that names them; undefined → handler. */
  readonly caseLeaderIds: readonly string[] | undefined;
  readonly accusedId: string | undefined;
}

function rolesOf(facts: CaseFacts): Roles {
  const s = facts.s12_5;
  const handler: Audience = s?.accusedInLeadership ? 'owner' : 'principal';
  // § 12-5: the accused never sees the case, not even as its delegated leader.
  const leader = facts.caseLeaderId !== undefined && facts.caseLeaderId !== s?.accusedPersonId ? facts.caseLeaderId : undefined;
  return { handler, caseLeaderIds: leader === undefined ? undefined : [leader], accusedId: s?.accusedPersonId };
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

// Step keys repeat across every case of a school year: build each once per policy rule.
const stepKeys = new WeakMap<StepRule, Map<string, string>>();

function stepKey(rule: StepRule, audience: Audience, noticeKind: boolean): string {
  let byAudience = stepKeys.get(rule);
  if (byAudience === undefined) {
    byAudience = new Map();
    stepKeys.set(rule, byAudience);
  }
  const memo = noticeKind ? `notice|${audience}` : audience;
  let key = byAudience.get(memo);
  if (key === undefined) {
    key = `${noticeKind ? 'notice' : timingKey(rule)}-${audience}`;
    byAudience.set(memo, key);
  }
  return key;
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

/** Per-case inputs shared by every deadline of the case (one object, no closures per case). */
interface CaseScope {
  readonly cal: SchoolCalendarInternals;
  readonly roles: Roles;
  readonly nowMs: number;
  readonly closedMs: number | undefined;
  readonly schoolId: string;
  readonly caseId: string;
  readonly prefix: string;
  readonly out: Deadline[];
}

// Hot-path helpers are top-level functions, not inline arrows: no closure per call.
function sameIds(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function hasKey(steps: readonly NotificationStep[], key: string): boolean {
  for (let i = 0; i < steps.length; i++) if (steps[i]!.key === key) return true;
  return false;
}

const byNumber = (a: number, b: number) => a - b;

/**
 * The notification steps of one live deadline, in fire order. Written as plain loops: this
 * runs for every deadline of every case of a national school year.
 */
function buildSteps(
  scope: CaseScope,
  due: At,
  event: At,
  immediate: boolean,
  noticeKind: boolean,
  reminders: readonly StepRule[],
  escalations: readonly StepRule[],
  measureOwnerIds: readonly string[] | undefined,
): NotificationStep[] {
  const { cal, roles } = scope;
  const dueEd = osloEpochDayOfMs(due.ms);
  const steps: NotificationStep[] = [];
  const fireMs: number[] = [];
  const total = reminders.length + escalations.length;
  for (let r = 0; r < total; r++) {
    const isReminder = r < reminders.length;
    const rule = isReminder ? reminders[r]! : escalations[r - reminders.length]!;
    let audience = rule.audience;
    let personIds: readonly string[] | undefined;
    if (audience === 'principal') audience = roles.handler;
    else if (audience === 'case_leader') {
      // Until a leader is delegated the case, the principal leads it (DOMAIN.md).
      if (roles.caseLeaderIds === undefined) audience = roles.handler;
      else personIds = roles.caseLeaderIds;
    } else if (audience === 'measure_owners') {
      personIds = measureOwnerIds;
      if (personIds === undefined || personIds.length === 0) continue;
    }
    let fire = fireAtOf(cal, rule, due, dueEd, event);
    // A reminder after the due instant would remind of a deadline already passed; this only
    // happens when a plan's due is pulled forward to a measure's start.
    if (isReminder && fire.ms > due.ms) fire = due;
    // Nobody is told twice about the same thing at the same instant (e.g. case leader = principal).
    let duplicate = false;
    for (let i = 0; i < steps.length; i++) {
      const o = steps[i]!;
      if (fireMs[i] === fire.ms && o.audience === audience && o.action === rule.action && sameIds(o.personIds, personIds)) {
        duplicate = true;
        break;
      }
    }
    if (duplicate) continue;
    let key = stepKey(rule, audience, noticeKind);
    // Two rules mapped onto one audience may still share a key at different instants
    // (a custom policy); a suffix keeps keys unique and deterministic.
    if (hasKey(steps, key)) {
      let n = 2;
      while (hasKey(steps, `${key}-${n}`)) n++;
      key = `${key}-${n}`;
    }
    const step: NotificationStep = {
      key,
      kind: noticeKind ? 'notice' : isReminder ? 'reminder' : 'escalation',
      audience,
      personIds,
      fireAt: fire.instant,
      immediate,
      action: rule.action,
    };
    // Insertion keeps fire order and, for equal instants, rule order (stable).
    let i = steps.length;
    steps.push(step);
    fireMs.push(fire.ms);
    while (i > 0 && fireMs[i - 1]! > fire.ms) {
      steps[i] = steps[i - 1]!;
      fireMs[i] = fireMs[i - 1]!;
      i--;
    }
    steps[i] = step;
    fireMs[i] = fire.ms;
  }
  return steps;
}

const NO_STEPS: readonly NotificationStep[] = Object.freeze([]);

function pushDeadline(
  scope: CaseScope,
  kind: CaseDeadlineKind,
  subject: string | undefined,
  due: At,
  met: At | undefined,
  event: At,
  immediate: boolean,
  rule: { readonly reminders: readonly StepRule[]; readonly escalations: readonly StepRule[] },
  measureOwnerIds?: readonly string[],
): void {
  const state = stateOf(due, met, scope.closedMs, scope.nowMs);
  // Met, cancelled and closed-case deadlines have nothing left to say.
  const live = scope.closedMs === undefined && (state === 'open' || state === 'missed');
  scope.out.push({
    key: subject === undefined ? scope.prefix + kind : `${scope.prefix}${kind}-${subject}`,
    kind,
    schoolId: scope.schoolId,
    caseId: scope.caseId,
    dueAt: due.instant,
    metAt: met?.instant,
    state,
    steps: live
      ? buildSteps(scope, due, event, immediate, kind === 's12_5_notice', rule.reminders, rule.escalations, measureOwnerIds)
      : NO_STEPS,
  });
}

// ---- § 12-6 enforcement window ----

const DAY_MS = 86_400_000;

function calendarDaysLater(from: Temporal.Instant, days: number): Temporal.Instant {
  const ms = from.epochMilliseconds;
  const ed = osloEpochDayOfMs(ms);
  const target = ed + days;
  const fromStart = osloStartOfDayMs(ed);
  const targetStart = osloStartOfDayMs(target);
  // On ordinary (24-hour) days the Oslo offset is constant within the day, so wall-clock + N
  // days is a fixed shift by the difference of the two days' offsets. A DST day (23 or 25
  // hours) may change offset mid-day: let Temporal resolve it ('compatible': a time in the
  // gap moves forward, like the clocks).
  if (osloStartOfDayMs(ed + 1) - fromStart === DAY_MS && osloStartOfDayMs(target + 1) - targetStart === DAY_MS) {
    const shift = targetStart - fromStart;
    return Temporal.Instant.fromEpochNanoseconds(from.epochNanoseconds + BigInt(shift) * 1_000_000n);
  }
  return from.toZonedDateTimeISO(OSLO).add({ days }).toInstant();
}

function opensAt(cal: SchoolCalendarInternals, principalKnewAt: Temporal.Instant, policy: DeadlinePolicy): Temporal.Instant {
  const ew = policy.enforcementWindow;
  if (ew.unit === 'calendar_days') return calendarDaysLater(principalKnewAt, ew.count);
  return dueSchoolDaysAfter(cal, at(principalKnewAt), ew.count).instant;
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
  return opensAt(internalsOf(calendar), principalKnewAt, policy);
}

// ---- plan helpers ----

const byCreation = (a: PlanVersionFacts, b: PlanVersionFacts) =>
  Temporal.Instant.compare(a.createdAt, b.createdAt) || a.version - b.version;

function sortedVersions(facts: CaseFacts): readonly PlanVersionFacts[] {
  const v = facts.planVersions;
  if (v === undefined || v.length === 0) return [];
  if (v.length === 1) return v;
  return [...v].sort(byCreation);
}

/**
 * Staff responsible for the measures under way by an evaluation date (all of the version's
 * measures if none has started yet). § 12-5: the accused is never named.
 */
function ownersOf(measures: readonly MeasureFacts[], ed: number, accusedId: string | undefined): string[] {
  const ids: string[] = [];
  let anyStarted = false;
  for (const m of measures) if (toEpochDay(m.start) <= ed) anyStarted = true;
  for (const m of measures) {
    if (anyStarted && toEpochDay(m.start) > ed) continue;
    for (const id of m.responsibleIds) if (id !== accusedId && !ids.includes(id)) ids.push(id);
  }
  return ids.length > 1 ? ids.sort() : ids;
}

function firstNotice(notices: CaseFacts['ownerNotices'], about: 'serious' | 's12_5'): At | undefined {
  let first: At | undefined;
  if (notices) for (const n of notices) if (n.about === about) first = earliest(first, at(n.sentAt));
  return first;
}

// ---- the case ----

/**
 * Every deadline of DOMAIN.md's table for one case, with the notification steps still to
 * come. Pure: the same facts, policy, calendar and now always give the same list.
 */
export function computeCaseDeadlines(facts: CaseFacts, ctx: ComputeContext): Deadline[] {
  const { policy } = ctx;
  const cal = internalsOf(ctx.calendar);
  const { caseId, schoolId } = facts;
  assertKeySafe(caseId, 'saks-id');
  assertKeySafe(schoolId, 'skole-id');
  const out: Deadline[] = [];
  const roles = rolesOf(facts);
  const scope: CaseScope = {
    cal,
    roles,
    nowMs: ctx.now.epochMilliseconds,
    closedMs: facts.status === 'closed' && facts.closedAt !== undefined ? facts.closedAt.epochMilliseconds : undefined,
    schoolId,
    caseId,
    prefix: `case-${caseId}.`,
    out,
  };
  const reported = at(facts.reportedAt);
  const rules = policy.deadlines;

  // § 12-4 (2): the principal registers every report.
  {
    const rule = rules.acknowledge_report;
    const due = dueSchoolDaysAfter(cal, reported, rule.dueSchoolDays);
    const met = facts.acknowledgedAt ? at(facts.acknowledgedAt) : undefined;
    pushDeadline(scope, 'acknowledge_report', undefined, due, met, reported, false, rule);
  }

  // § 12-4 (2) "snarast"; § 12-5 "straks": end of the calendar day it became a § 12-5 case,
  // holidays and sending windows ignored.
  const s125 = facts.s12_5;
  const inv = facts.investigation;
  const started = inv?.startedAt ? at(inv.startedAt) : undefined;
  const concluded = inv?.concludedAt ? at(inv.concludedAt) : undefined;
  {
    const rule = rules.investigation_start;
    let due = dueSchoolDaysAfter(cal, reported, rule.dueSchoolDays);
    if (s125) {
      const straks = dueStraks(cal, at(s125.markedAt));
      if (straks.ms < due.ms) due = straks;
    }
    pushDeadline(scope, 'investigation_start', undefined, due, started, reported, s125 !== undefined, rule);
  }

  if (started) {
    const rule = rules.investigation_conclude;
    const due = dueSchoolDaysAfter(cal, started, rule.dueSchoolDays);
    pushDeadline(scope, 'investigation_conclude', undefined, due, concluded, started, false, rule);
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
    // § 12-4 (3): the plan is owed when measures are put in. An investigation that concluded
    // no measures are needed owes no plan — unless measures were planned anyway (their start
    // still bounds the plan).
    const regular =
      concluded !== undefined && inv?.measuresNeeded !== false ? dueSchoolDaysAfter(cal, concluded, rules.plan.dueSchoolDays) : undefined;
    const due = earliest(regular, measureStart);
    if (due) pushDeadline(scope, 'plan', undefined, due, firstPlan, concluded ?? due, false, rules.plan);
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
    for (let i = 0; i < versions.length; i++) {
      const v = versions[i]!;
      const next = versions[i + 1];
      const nextMs = next?.createdAt.epochMilliseconds;
      for (const d of v.evaluationDates) {
        const ed = toEpochDay(d);
        if (nextMs === undefined || fulfilled.has(ed) || dueOnDate(cal, ed).ms <= nextMs) dates.set(ed, v.measures);
      }
    }
    for (const e of evaluations) {
      const planned = toEpochDay(e.plannedDate);
      if (!dates.has(planned)) dates.set(planned, latest?.measures ?? []);
      if (e.nextEvaluationOn) {
        const ed = toEpochDay(e.nextEvaluationOn);
        if (!dates.has(ed)) dates.set(ed, latest?.measures ?? []);
      }
    }
    const eds = [...dates.keys()];
    if (eds.length > 1) eds.sort(byNumber);
    for (const ed of eds) {
      const due = dueOnDate(cal, ed);
      const measures = dates.get(ed)!;
      const owners = ownersOf(measures, ed, roles.accusedId);
      pushDeadline(scope, 'evaluation', isoDateOfEpochDay(ed), due, fulfilled.get(ed), due, false, rules.evaluation, owners);
    }
  }

  // § 12-4 (3) third item: measures are time-limited; one that ended must have been evaluated.
  if (versions.length > 0) {
    const ends = new Map<string, MeasureFacts>();
    for (let i = 0; i < versions.length; i++) {
      const next = versions[i + 1];
      const nextMs = next?.createdAt.epochMilliseconds;
      for (const m of versions[i]!.measures) {
        assertKeySafe(m.measureId, 'tiltaks-id');
        // A later version redefines a measure; one it dropped before its end never "ended
        // without evaluation", but one that had already ended stays on record.
        if (nextMs === undefined || dueOnDate(cal, toEpochDay(m.end)).ms <= nextMs) ends.set(m.measureId, m);
      }
    }
    const doneAts: At[] = [];
    for (const e of evaluations) doneAts.push(at(e.doneAt));
    const ids = [...ends.keys()];
    if (ids.length > 1) ids.sort();
    for (const id of ids) {
      const m = ends.get(id)!;
      const startMs = osloStartOfDayMs(toEpochDay(m.start));
      let met: At | undefined;
      for (const done of doneAts) if (done.ms >= startMs) met = earliest(met, done);
      const due = dueOnDate(cal, toEpochDay(m.end));
      pushDeadline(scope, 'measure_end', id, due, met, due, false, rules.measure_end);
    }
  }

  const notices = facts.ownerNotices;

  // § 12-4: serious cases go to the owner the same school day; the notice ignores the window.
  if (facts.serious) {
    const rule = rules.serious_owner_notice;
    const marked = at(facts.serious.markedAt);
    const due = dueSchoolDaysAfter(cal, marked, rule.dueSchoolDays);
    const met = facts.serious.ownerNotifiedAt ? at(facts.serious.ownerNotifiedAt) : firstNotice(notices, 'serious');
    pushDeadline(scope, 'serious_owner_notice', undefined, due, met, marked, true, rule);
  }

  // § 12-5: principal and owner are told at once; only the owner when leadership is accused.
  if (s125) {
    const marked = at(s125.markedAt);
    const met = s125.ownerNotifiedAt ? at(s125.ownerNotifiedAt) : firstNotice(notices, 's12_5');
    pushDeadline(scope, 's12_5_notice', undefined, marked, met, marked, true, rules.s12_5_notice);
  }

  // Serious and § 12-5 notices must be acknowledged by the owner, or go again and wider.
  if (notices) {
    const rule = rules.owner_acknowledge;
    for (const n of notices) {
      assertKeySafe(n.noticeId, 'varsel-id');
      const sent = at(n.sentAt);
      const due = dueSchoolDaysAfter(cal, sent, rule.dueSchoolDays);
      const met = n.acknowledgedAt ? at(n.acknowledgedAt) : undefined;
      pushDeadline(scope, 'owner_acknowledge', n.noticeId, due, met, sent, true, rule);
    }
  }

  // § 12-6: from this instant the documentation must be ready; without a plan, say so.
  if (facts.principalKnewAt) {
    const due = at(opensAt(cal, facts.principalKnewAt, policy));
    pushDeadline(scope, 'enforcement_window', undefined, due, firstPlan, due, false, {
      reminders: [],
      escalations: policy.enforcementWindow.escalations,
    });
  }

  return out;
}
