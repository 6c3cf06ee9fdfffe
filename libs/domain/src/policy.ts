import { InvalidCalendarError, parseSendingWindow } from './calendar';
import type {
  Audience,
  DeadlinePolicy,
  DeadlinePolicyOverride,
  DeadlineRule,
  StepRule,
  StepTiming,
} from './types';

export class PolicyError extends Error {
  readonly code = 'invalid_policy' as const;
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`Ugyldig fristoppsett (${path}): ${message}`);
    this.name = 'PolicyError';
  }
}

const onDay: StepTiming = { at: 'on_day' };
const atOnce: StepTiming = { at: 'at_once' };
const before = (days: number): StepTiming => ({ at: 'school_days_before', days });
const after = (days: number): StepTiming => ({ at: 'school_days_after', days });
const step = (audience: Audience, timing: StepTiming, action?: 'resend'): StepRule =>
  action ? { audience, timing, action } : { audience, timing };

/**
 * DOMAIN.md's deadline table, row by row. Owners and schools may override any part
 * (resolvePolicy); what the law fixes — the § 12-5 "straks" clock and that serious and
 * § 12-5 notices ignore the sending window — is not configurable and lives in deadlines.ts.
 */
export const DEFAULT_POLICY: DeadlinePolicy = deepFreeze({
  sendingWindow: { start: '07:30', end: '16:00' },
  deadlines: {
    // § 12-4 (2) melde frå: the principal must learn of every report and register it.
    acknowledge_report: {
      dueSchoolDays: 1,
      reminders: [step('principal', onDay)],
      escalations: [step('owner', after(3))],
    },
    // § 12-4 (2) undersøkje "snarast"; § 12-5 cases use the "straks" clock instead.
    investigation_start: {
      dueSchoolDays: 2,
      reminders: [step('case_leader', onDay), step('principal', onDay)],
      escalations: [step('principal', atOnce), step('owner', after(5))],
    },
    investigation_conclude: {
      dueSchoolDays: 10,
      reminders: [step('case_leader', before(3)), step('case_leader', onDay)],
      escalations: [step('principal', atOnce)],
    },
    // § 12-4 (3): the written plan comes "snarast", at the latest with the first measure.
    plan: {
      dueSchoolDays: 2,
      reminders: [step('case_leader', onDay)],
      escalations: [step('principal', atOnce), step('owner', after(5))],
    },
    // § 12-4 (3) fifth item: measures are evaluated on the planned dates.
    evaluation: {
      dueSchoolDays: 0,
      reminders: [
        step('case_leader', before(3)),
        step('measure_owners', before(3)),
        step('case_leader', onDay),
        step('measure_owners', onDay),
      ],
      escalations: [step('principal', after(2)), step('owner', after(10))],
    },
    // § 12-4 (3) third item: measures are time-limited; an ended one must be evaluated.
    measure_end: {
      dueSchoolDays: 0,
      reminders: [step('case_leader', onDay)],
      escalations: [step('principal', atOnce)],
    },
    // § 12-4: the principal tells the owner about serious cases the same school day.
    serious_owner_notice: {
      dueSchoolDays: 0,
      reminders: [step('principal', { at: 'at_event' })],
      escalations: [step('owner', after(1))],
    },
    // § 12-5: principal and owner "straks"; the owner only when leadership is accused.
    s12_5_notice: {
      dueSchoolDays: 0,
      reminders: [],
      escalations: [step('principal', atOnce), step('owner', atOnce)],
    },
    owner_acknowledge: {
      dueSchoolDays: 1,
      reminders: [],
      escalations: [step('owner', atOnce, 'resend'), step('owner_second_contact', atOnce)],
    },
  },
  // § 12-6: a week after the principal personally knew, the county governor can be asked.
  enforcementWindow: {
    unit: 'calendar_days',
    count: 7,
    escalations: [step('case_leader', atOnce)],
  },
  pupilConversation: {
    autumnDue: '12-01',
    springDue: '05-01',
    reminders: [step('contact_teacher', before(15)), step('contact_teacher', onDay)],
    summaryAudience: 'leader',
  },
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects merge key by key; arrays and scalars replace (a reminder list is one decision). */
function merge(base: unknown, over: unknown, path: string): unknown {
  if (over === undefined) return base;
  if (isPlainObject(base)) {
    if (!isPlainObject(over)) throw new PolicyError(path, 'forventet et objekt.');
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) {
      if (!(k in base)) throw new PolicyError(`${path}.${k}`, 'ukjent innstilling.');
      out[k] = merge(base[k], v, `${path}.${k}`);
    }
    return out;
  }
  return over;
}

const AUDIENCES: ReadonlySet<string> = new Set<Audience>([
  'principal',
  'case_leader',
  'owner',
  'owner_second_contact',
  'measure_owners',
  'contact_teacher',
  'leader',
]);

/** Upper bound for any school-day offset: longer than a half-year is surely a typo. */
const MAX_SCHOOL_DAYS = 100;

function checkDays(n: unknown, path: string, min: number, max: number): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new PolicyError(path, `må være et heltall fra ${min} til ${max} (fikk ${String(n)}).`);
  }
}

function checkSteps(list: unknown, path: string, allowed: ReadonlySet<string>): void {
  if (!Array.isArray(list)) throw new PolicyError(path, 'forventet en liste.');
  list.forEach((s: unknown, i) => {
    const p = `${path}[${i}]`;
    if (!isPlainObject(s)) throw new PolicyError(p, 'forventet et objekt.');
    if (typeof s.audience !== 'string' || !AUDIENCES.has(s.audience)) {
      throw new PolicyError(`${p}.audience`, `ukjent mottaker «${String(s.audience)}».`);
    }
    if (s.action !== undefined && s.action !== 'resend') {
      throw new PolicyError(`${p}.action`, `ukjent handling «${String(s.action)}».`);
    }
    const t = s.timing;
    if (!isPlainObject(t) || typeof t.at !== 'string' || !allowed.has(t.at)) {
      throw new PolicyError(`${p}.timing`, `ugyldig tidspunkt ${JSON.stringify(t)}.`);
    }
    if (t.at === 'school_days_before' || t.at === 'school_days_after') {
      checkDays(t.days, `${p}.timing.days`, 1, MAX_SCHOOL_DAYS);
    }
  });
}

const REMINDER_TIMINGS: ReadonlySet<string> = new Set(['school_days_before', 'on_day', 'at_event']);
const ESCALATION_TIMINGS: ReadonlySet<string> = new Set(['at_once', 'school_days_after']);

function checkMonthDay(v: unknown, path: string, months: readonly number[]): void {
  const m = typeof v === 'string' ? /^(\d{2})-(\d{2})$/.exec(v) : null;
  const month = m ? Number(m[1]) : NaN;
  const day = m ? Number(m[2]) : NaN;
  // 2001 is not a leap year, so a Feb 29 due date (which exists only every fourth year) is refused.
  const dim = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (!m || !months.includes(month) || dim === undefined || day < 1 || day > dim) {
    throw new PolicyError(path, `må være MM-DD i månedene ${months[0]}–${months.at(-1)} (fikk ${String(v)}).`);
  }
}

export function validatePolicy(policy: DeadlinePolicy): DeadlinePolicy {
  try {
    parseSendingWindow(policy.sendingWindow);
  } catch (e) {
    if (e instanceof InvalidCalendarError) throw new PolicyError('sendingWindow', e.message);
    throw e;
  }
  for (const [kind, rule] of Object.entries(policy.deadlines) as [string, DeadlineRule][]) {
    const p = `deadlines.${kind}`;
    // Date-only and same-day rows have no offset to tune; 0 there keeps "same school day".
    checkDays(rule.dueSchoolDays, `${p}.dueSchoolDays`, 0, MAX_SCHOOL_DAYS);
    checkSteps(rule.reminders, `${p}.reminders`, REMINDER_TIMINGS);
    checkSteps(rule.escalations, `${p}.escalations`, ESCALATION_TIMINGS);
  }
  const ew = policy.enforcementWindow;
  if (ew.unit !== 'calendar_days' && ew.unit !== 'school_days') {
    throw new PolicyError('enforcementWindow.unit', `må være calendar_days eller school_days.`);
  }
  // § 12-6 speaks of "at least a week": anything below one day, or above a term, is nonsense.
  checkDays(ew.count, 'enforcementWindow.count', 1, 60);
  checkSteps(ew.escalations, 'enforcementWindow.escalations', ESCALATION_TIMINGS);
  const pc = policy.pupilConversation;
  checkMonthDay(pc.autumnDue, 'pupilConversation.autumnDue', [8, 9, 10, 11, 12]);
  checkMonthDay(pc.springDue, 'pupilConversation.springDue', [1, 2, 3, 4, 5, 6, 7]);
  checkSteps(pc.reminders, 'pupilConversation.reminders', REMINDER_TIMINGS);
  if (!AUDIENCES.has(pc.summaryAudience)) {
    throw new PolicyError('pupilConversation.summaryAudience', `ukjent mottaker «${pc.summaryAudience}».`);
  }
  return policy;
}

/**
 * The effective policy of a school: defaults ← owner override ← school override.
 * Both overrides are validated as merged, so a school cannot undo an owner's nonsense silently.
 */
export function resolvePolicy(
  defaults: DeadlinePolicy,
  ownerOverride?: DeadlinePolicyOverride,
  schoolOverride?: DeadlinePolicyOverride,
): DeadlinePolicy {
  const withOwner = validatePolicy(merge(defaults, ownerOverride, 'skoleeier') as DeadlinePolicy);
  return deepFreeze(validatePolicy(merge(withOwner, schoolOverride, 'skole') as DeadlinePolicy));
}
