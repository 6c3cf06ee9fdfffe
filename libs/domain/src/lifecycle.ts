/**
 * Case lifecycle: reported → investigating → measures → closed, and back again on reopen.
 *
 * Pure: the caller passes everything that depends on the outside world (has the pupil been
 * heard, has the deadline passed, was the pupil's situation judged safe) in `context`.
 * Every successful transition is meant to become a timeline entry (who, when) written by the
 * caller; this module only decides whether the step is allowed and what the next state is.
 */
import {
  LIFECYCLE_MESSAGES,
  LIFECYCLE_REFUSAL_CODES,
  type Language,
  type LifecycleRefusalCode,
} from './messages';

export { LIFECYCLE_REFUSAL_CODES, type LifecycleRefusalCode };

export const CASE_STATUSES = ['reported', 'investigating', 'measures', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const OPEN_STATUSES = ['reported', 'investigating', 'measures'] as const satisfies readonly CaseStatus[];

export const CASE_ACTION_TYPES = [
  'acknowledge',
  'start_investigation',
  'conclude_investigation',
  'create_plan',
  'revise_plan',
  'mark_serious',
  'close',
  'reopen',
] as const;
export type CaseActionType = (typeof CASE_ACTION_TYPES)[number];

/**
 * What the lifecycle needs to know about a case. Invariants (kept by `transition`):
 * - `measures` ⇒ `hasPlan`; `reported` ⇒ no plan and no concluded investigation;
 * - `hasPlan` survives closing, so a reopen knows where to go back to.
 */
export interface CaseState {
  readonly status: CaseStatus;
  /** The principal has registered (acknowledged) the report. */
  readonly acknowledged: boolean;
  readonly investigationConcluded: boolean;
  /** At least one version of the activity plan exists. */
  readonly hasPlan: boolean;
  /** Marked serious: the principal must notify the school owner (§ 12-4). */
  readonly serious: boolean;
}

export type CaseAction =
  | { readonly type: 'acknowledge' }
  | { readonly type: 'start_investigation'; readonly delayReason?: string }
  | { readonly type: 'conclude_investigation'; readonly delayReason?: string }
  | { readonly type: 'create_plan'; readonly delayReason?: string }
  | { readonly type: 'revise_plan' }
  | { readonly type: 'mark_serious' }
  | { readonly type: 'close' }
  | { readonly type: 'reopen'; readonly reason: string };

/**
 * Facts from outside the state machine. Missing facts are read as "no": a guard that is not
 * known to be satisfied refuses, except `deadlinePassed`, which the caller computes from
 * deadlines.ts and must pass for the deadline-bound actions.
 */
export interface TransitionContext {
  /** The deadline of this action (investigation started / concluded, plan made) has passed. */
  readonly deadlinePassed?: boolean;
  /** The pupil has been heard in this investigation round (§ 10-2). */
  readonly pupilHeard?: boolean;
  /** The child's-best assessment (§ 10-1) is written. */
  readonly bestInterestAssessed?: boolean;
  /** The latest assessment, made with the pupil, is that the pupil's situation is safe and good. */
  readonly situationSafe?: boolean;
  readonly language?: Language;
}

export type TransitionResult =
  | {
      readonly ok: true;
      readonly next: CaseState;
      /** The written reason for a missed deadline, trimmed — to be put in the timeline. */
      readonly delayReason?: string;
    }
  | { readonly ok: false; readonly code: LifecycleRefusalCode; readonly message: string };

/**
 * The allowed status moves, as data (the UI shows what can be done next).
 * `closed → investigating | measures` is the reopen: back to `measures` when a plan exists
 * (the plan is revised, never thrown away), else to `investigating`.
 */
export const STATUS_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  reported: ['investigating'],
  investigating: ['measures', 'closed'],
  measures: ['closed'],
  closed: ['investigating', 'measures'],
};

/**
 * Which statuses each action may be taken from, and which status it leads to
 * (`null`: the status does not change; a flag on the case does).
 */
export const ACTION_RULES: Readonly<
  Record<CaseActionType, { readonly from: readonly CaseStatus[]; readonly to: CaseStatus | 'investigating_or_measures' | null }>
> = {
  // Registering happens before anything else; starting the investigation also counts as it.
  acknowledge: { from: ['reported'], to: null },
  start_investigation: { from: ['reported'], to: 'investigating' },
  // May be concluded after an urgent plan was made, hence also from `measures`.
  conclude_investigation: { from: ['investigating', 'measures'], to: null },
  create_plan: { from: ['investigating'], to: 'measures' },
  revise_plan: { from: ['measures'], to: null },
  mark_serious: { from: OPEN_STATUSES, to: null },
  close: { from: ['investigating', 'measures'], to: 'closed' },
  reopen: { from: ['closed'], to: 'investigating_or_measures' },
};

/** A freshly reported case. */
export function newCaseState(): CaseState {
  return { status: 'reported', acknowledged: false, investigationConcluded: false, hasPlan: false, serious: false };
}

function refuse(code: LifecycleRefusalCode, ctx: TransitionContext): TransitionResult {
  return { ok: false, code, message: LIFECYCLE_MESSAGES[code][ctx.language ?? 'nb'] };
}

function isBlank(text: unknown): boolean {
  return typeof text !== 'string' || text.trim() === '';
}

/**
 * "A deadline that is missed stays missed; the product asks for a written reason" (DOMAIN.md;
 * seeds/004: a delayed investigation must be justified in writing). Returns the trimmed
 * reason when one is needed and given, `undefined` when none is needed, `null` when missing.
 */
function delayReasonFor(reason: unknown, ctx: TransitionContext): string | undefined | null {
  if (ctx.deadlinePassed !== true) return undefined;
  if (isBlank(reason)) return null;
  return (reason as string).trim();
}

function withDelay(next: CaseState, delayReason: string | undefined): TransitionResult {
  return delayReason === undefined ? { ok: true, next } : { ok: true, next, delayReason };
}

/**
 * Decide one step of the case lifecycle. Never throws; an unknown action (from an untyped
 * caller) is refused with UNKNOWN_ACTION.
 */
export function transition(state: CaseState, action: CaseAction, context: TransitionContext = {}): TransitionResult {
  const ctx = context;
  const type = (action as { type?: unknown } | null | undefined)?.type;
  if (typeof type !== 'string' || !(CASE_ACTION_TYPES as readonly string[]).includes(type)) {
    return refuse('UNKNOWN_ACTION', ctx);
  }
  const a = action;

  // A closed case is kept, never changed: it must be reopened first (documents are permanent).
  if (state.status === 'closed' && a.type !== 'reopen') return refuse('CASE_CLOSED', ctx);

  switch (a.type) {
    case 'acknowledge': {
      if (state.acknowledged || state.status !== 'reported') return refuse('ALREADY_ACKNOWLEDGED', ctx);
      return { ok: true, next: { ...state, acknowledged: true } };
    }

    case 'start_investigation': {
      // § 12-4: investigate "snarast"; a late start is allowed but must be justified in writing.
      if (state.status !== 'reported') return refuse('INVESTIGATION_ALREADY_STARTED', ctx);
      const delay = delayReasonFor(a.delayReason, ctx);
      if (delay === null) return refuse('DELAY_REASON_REQUIRED', ctx);
      // Starting the investigation is the strongest possible registration of the report.
      return withDelay({ ...state, status: 'investigating', acknowledged: true }, delay);
    }

    case 'conclude_investigation': {
      if (state.status === 'reported') return refuse('INVESTIGATION_NOT_STARTED', ctx);
      if (state.investigationConcluded) return refuse('INVESTIGATION_ALREADY_CONCLUDED', ctx);
      // § 10-2: the pupil has the right to be heard; the pupil's own experience decides.
      if (ctx.pupilHeard !== true) return refuse('PUPIL_NOT_HEARD', ctx);
      // § 10-1: the child's best is a fundamental consideration in every decision about measures.
      if (ctx.bestInterestAssessed !== true) return refuse('BEST_INTEREST_NOT_ASSESSED', ctx);
      const delay = delayReasonFor(a.delayReason, ctx);
      if (delay === null) return refuse('DELAY_REASON_REQUIRED', ctx);
      return withDelay({ ...state, investigationConcluded: true }, delay);
    }

    case 'create_plan': {
      // § 12-4: measures rest on an investigation. A plan may come before the investigation is
      // concluded, because urgent measures may not wait — and the plan must exist no later
      // than the first measure (seeds/000). Plan content is checked by plan.ts validatePlan.
      if (state.status === 'reported') return refuse('INVESTIGATION_NOT_STARTED', ctx);
      if (state.hasPlan || state.status === 'measures') return refuse('PLAN_ALREADY_EXISTS', ctx);
      const delay = delayReasonFor(a.delayReason, ctx);
      if (delay === null) return refuse('DELAY_REASON_REQUIRED', ctx);
      return withDelay({ ...state, status: 'measures', hasPlan: true }, delay);
    }

    case 'revise_plan': {
      // Plans are revised, never overwritten: a revision needs a plan to revise.
      if (!state.hasPlan || state.status !== 'measures') return refuse('PLAN_REQUIRED', ctx);
      return { ok: true, next: state };
    }

    case 'mark_serious': {
      // § 12-4: the principal must notify the school owner of serious cases (deadlines.ts).
      if (state.serious) return refuse('ALREADY_SERIOUS', ctx);
      return { ok: true, next: { ...state, serious: true } };
    }

    case 'close': {
      if (state.status === 'reported') return refuse('INVESTIGATION_NOT_STARTED', ctx);
      if (!state.investigationConcluded) return refuse('INVESTIGATION_NOT_CONCLUDED', ctx);
      // § 12-4: the duty lasts until the pupil has a safe and good school environment —
      // not until a plan runs out or the parents stop answering.
      if (ctx.situationSafe !== true) return refuse('CLOSE_REQUIRES_SAFE', ctx);
      return { ok: true, next: { ...state, status: 'closed' } };
    }

    case 'reopen': {
      if (state.status !== 'closed') return refuse('ALREADY_OPEN', ctx);
      // The timeline must show why a case the school thought was solved came back.
      if (isBlank(a.reason)) return refuse('REOPEN_REASON_REQUIRED', ctx);
      // With a plan, go back to `measures`: the existing plan is revised (never overwritten)
      // and its measures evaluated again. Without one, the case was closed after an
      // investigation found no need for measures: investigate anew — a new round, so the
      // pupil must be heard again before it can be concluded.
      if (state.hasPlan) return { ok: true, next: { ...state, status: 'measures' } };
      return { ok: true, next: { ...state, status: 'investigating', investigationConcluded: false } };
    }
  }
}

/**
 * The actions whose status preconditions hold now, in `CASE_ACTION_TYPES` order. Guards that
 * depend on outside facts (pupil heard, situation safe, delay reason) are not checked: the UI
 * offers the action and `transition` explains a refusal.
 */
export function availableActions(state: CaseState): CaseActionType[] {
  const permissive: TransitionContext = {
    deadlinePassed: false,
    pupilHeard: true,
    bestInterestAssessed: true,
    situationSafe: true,
  };
  return CASE_ACTION_TYPES.filter((type) => {
    const probe = (type === 'reopen' ? { type, reason: 'x' } : { type }) as CaseAction;
    return transition(state, probe, permissive).ok;
  });
}
