/**
 * The activity plan (aktivitetsplan), Opplæringslova 2023 § 12-4 third paragraph.
 *
 * A plan is valid only with all five parts: the problem the measures shall solve, the
 * measures, when they are carried out, who carries them out, and when they are evaluated.
 * `validatePlan` reports every problem at once, each tied to the form field it is about, so a
 * teacher can fix the whole plan in one go. Input is `unknown` on purpose: it comes from a
 * form, and this function must answer in plain words rather than throw.
 */
import { Temporal } from 'temporal-polyfill';
import {
  measurePrefix,
  PLAN_MESSAGES,
  PLAN_PROBLEM_CODES,
  proposalPrefix,
  type Language,
  type PlanProblemCode,
} from './messages';

export { PLAN_PROBLEM_CODES, type PlanProblemCode };

/** § 12-4: measures at individual, class, school or after-school (AKS/SFO, § 12-1) level. */
export const MEASURE_LEVELS = ['individual', 'class', 'school', 'after_school'] as const;
export type MeasureLevel = (typeof MEASURE_LEVELS)[number];

/** "Concrete" (seeds/000: work on the problem description): a word or two is not enough. */
export const PROBLEM_MIN_CHARS = 20;
export const PROBLEM_MIN_WORDS = 3;

/** 'YYYY-MM-DD', a wall-clock date at the school (same meaning as types.ts IsoDate; kept local). */
type IsoDate = string;

export interface MeasureInput {
  /** Stable id across plan versions (lets a revision carry a measure over). */
  readonly id?: string;
  readonly level: MeasureLevel;
  /** What is done, and how. */
  readonly description: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  /** Person ids of the staff who carry the measure out. */
  readonly responsible: readonly string[];
  readonly evaluationDate: IsoDate;
}

export interface ParentProposalInput {
  /** The measure the parents proposed. */
  readonly text: string;
  /** Whether the school took it into the plan. */
  readonly chosen: boolean;
  /** Required when not chosen. */
  readonly reasonNotChosen?: string;
}

export interface PlanInput {
  readonly problem: string;
  readonly measures: readonly MeasureInput[];
  /** The pupil's own view of the measures (§ 10-2). */
  readonly pupilView?: string;
  readonly parentsView?: string;
  readonly parentProposals?: readonly ParentProposalInput[];
}

export interface ValidMeasure {
  readonly id?: string;
  readonly level: MeasureLevel;
  readonly description: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly responsible: readonly string[];
  readonly evaluationDate: IsoDate;
}

export interface ValidParentProposal {
  readonly text: string;
  readonly chosen: boolean;
  readonly reasonNotChosen?: string;
}

/** A plan that has all five parts; texts trimmed, dates canonical, duplicate people removed. */
export interface ValidPlan {
  readonly problem: string;
  readonly measures: readonly ValidMeasure[];
  readonly pupilView?: string;
  readonly parentsView?: string;
  readonly parentProposals: readonly ValidParentProposal[];
}

export type PersonKind = 'staff' | 'pupil' | 'parent' | 'unknown';

export interface PersonInfo {
  readonly kind: PersonKind;
  /** Schools the person belongs to (for staff: works at). */
  readonly schoolIds: readonly string[];
}

export interface PlanContext {
  /** The school the case belongs to. */
  readonly schoolId: string;
  /** Who a person id is; `undefined` when the id is not known. */
  readonly lookupPerson: (personId: string) => PersonInfo | undefined;
  /**
   * The date this plan (version) is made. When given, new measures may not start before it:
   * the plan must exist no later than the first measure (§ 12-4; seeds/000).
   */
  readonly planDate?: IsoDate | Temporal.PlainDate;
  /** Ids of measures already in an earlier version: they may have started before `planDate`. */
  readonly carriedOverMeasureIds?: Iterable<string>;
  readonly language?: Language;
}

export interface PlanProblem {
  /** Path of the field, e.g. 'measures[1].responsible[0]'. */
  readonly field: string;
  readonly code: PlanProblemCode;
  readonly message: string;
}

export type PlanValidation =
  | { readonly ok: true; readonly plan: ValidPlan }
  | { readonly ok: false; readonly problems: readonly PlanProblem[] };

/** Every field path `validatePlan` can report (for tests and for mapping onto form fields). */
export const PLAN_FIELD_PATTERN =
  /^(problem|measures|pupilView|parentsView|parentProposals|measures\[\d+\](\.(id|level|description|start|end|evaluationDate|responsible(\[\d+\])?))?|parentProposals\[\d+\](\.(text|chosen|reasonNotChosen))?|createdAt)$/;

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date that exists (2026-02-30 does not); `undefined` otherwise. */
export function parseIsoDate(value: unknown): Temporal.PlainDate | undefined {
  if (value instanceof Temporal.PlainDate) return value;
  if (typeof value !== 'string' || !ISO_DATE.test(value.trim())) return undefined;
  try {
    return Temporal.PlainDate.from(value.trim(), { overflow: 'reject' });
  } catch {
    return undefined;
  }
}

class Problems {
  readonly list: PlanProblem[] = [];
  constructor(private readonly lang: Language) {}

  add(field: string, code: PlanProblemCode, where?: { measure?: number; proposal?: number }): void {
    let prefix = '';
    if (where?.measure !== undefined) prefix = measurePrefix(where.measure);
    if (where?.proposal !== undefined) prefix = proposalPrefix(where.proposal, this.lang);
    this.list.push({ field, code, message: prefix + PLAN_MESSAGES[code][this.lang] });
  }
}

/** Reads a required date; reports MISSING/DATE_INVALID and returns the date when usable. */
function requiredDate(
  value: unknown,
  field: string,
  missing: PlanProblemCode,
  problems: Problems,
  measure: number,
): Temporal.PlainDate | undefined {
  if (isAbsent(value)) {
    problems.add(field, missing, { measure });
    return undefined;
  }
  const date = parseIsoDate(value);
  if (date === undefined) problems.add(field, 'DATE_INVALID', { measure });
  return date;
}

function validateResponsible(
  raw: unknown,
  base: string,
  index: number,
  ctx: PlanContext,
  problems: Problems,
): string[] | undefined {
  const field = `${base}.responsible`;
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    // § 12-4 (3) d: the plan names who carries out each measure.
    problems.add(field, 'RESPONSIBLE_MISSING', { measure: index });
    return undefined;
  }
  if (!Array.isArray(raw)) {
    problems.add(field, 'INVALID_VALUE', { measure: index });
    return undefined;
  }
  const ids: string[] = [];
  let allGood = true;
  raw.forEach((entry: unknown, j) => {
    const at = `${field}[${j}]`;
    const id = text(entry);
    const person = id === undefined ? undefined : ctx.lookupPerson(id);
    const code = responsibleProblem(person, ctx.schoolId);
    if (code !== undefined) {
      problems.add(at, code, { measure: index });
      allGood = false;
    } else if (id !== undefined && !ids.includes(id)) {
      ids.push(id);
    }
  });
  return allGood ? ids : undefined;
}

/**
 * § 12-4 (3) d, "kven som skal gjennomføre tiltaka": the school carries out its measures, so
 * the one responsible is a staff member of this school — never a pupil or a parent, who have
 * no duty under the Act and cannot be held to a plan.
 */
function responsibleProblem(person: PersonInfo | undefined, schoolId: string): PlanProblemCode | undefined {
  if (person === undefined || person.kind === 'unknown') return 'RESPONSIBLE_UNKNOWN';
  if (person.kind === 'pupil') return 'RESPONSIBLE_IS_PUPIL';
  if (person.kind === 'parent') return 'RESPONSIBLE_IS_PARENT';
  if (person.kind !== 'staff') return 'RESPONSIBLE_UNKNOWN';
  if (!person.schoolIds.includes(schoolId)) return 'RESPONSIBLE_NOT_AT_SCHOOL';
  return undefined;
}

function validateMeasure(raw: unknown, index: number, ctx: PlanContext, problems: Problems): ValidMeasure | undefined {
  const base = `measures[${index}]`;
  if (!isRecord(raw)) {
    problems.add(base, 'MEASURE_INVALID', { measure: index });
    return undefined;
  }
  const before = problems.list.length;

  let id: string | undefined;
  if (raw['id'] !== undefined && raw['id'] !== null) {
    id = text(raw['id']);
    if (id === undefined) problems.add(`${base}.id`, 'INVALID_VALUE', { measure: index });
  }

  // § 12-4 (3) b: each measure at individual, class, school or after-school level.
  const level = raw['level'];
  const validLevel = (MEASURE_LEVELS as readonly unknown[]).includes(level) ? (level as MeasureLevel) : undefined;
  if (validLevel === undefined) problems.add(`${base}.level`, 'LEVEL_INVALID', { measure: index });

  // § 12-4 (3) b: the planned measure itself — what is done and how (seeds/000: "hva og hvordan").
  const description = text(raw['description']);
  if (description === undefined) problems.add(`${base}.description`, 'DESCRIPTION_MISSING', { measure: index });

  // § 12-4 (3) c: when it is carried out — a period with a start and an end (time-limited).
  const start = requiredDate(raw['start'], `${base}.start`, 'START_MISSING', problems, index);
  const end = requiredDate(raw['end'], `${base}.end`, 'END_MISSING', problems, index);
  if (start && end && Temporal.PlainDate.compare(end, start) < 0) {
    problems.add(`${base}.end`, 'END_BEFORE_START', { measure: index });
  }

  // § 12-4 (3) d: who carries it out.
  const responsible = validateResponsible(raw['responsible'], base, index, ctx, problems);

  // § 12-4 (3) e: when it is evaluated. An evaluation before the measure starts has nothing to
  // evaluate; after the end is fine (the effect is judged afterwards).
  const evaluation = requiredDate(raw['evaluationDate'], `${base}.evaluationDate`, 'EVALUATION_MISSING', problems, index);
  if (start && evaluation && Temporal.PlainDate.compare(evaluation, start) < 0) {
    problems.add(`${base}.evaluationDate`, 'EVALUATION_BEFORE_START', { measure: index });
  }

  if (problems.list.length > before || !validLevel || !description || !start || !end || !responsible || !evaluation) {
    return undefined;
  }
  return {
    ...(id !== undefined ? { id } : {}),
    level: validLevel,
    description,
    start: start.toString(),
    end: end.toString(),
    responsible,
    evaluationDate: evaluation.toString(),
  };
}

function optionalText(raw: Raw, key: 'pupilView' | 'parentsView', problems: Problems): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    problems.add(key, 'INVALID_VALUE');
    return undefined;
  }
  return text(value);
}

function validateProposals(raw: unknown, problems: Problems): ValidParentProposal[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.add('parentProposals', 'INVALID_VALUE');
    return [];
  }
  const out: ValidParentProposal[] = [];
  raw.forEach((p: unknown, i) => {
    const base = `parentProposals[${i}]`;
    if (!isRecord(p)) {
      problems.add(base, 'INVALID_VALUE', { proposal: i });
      return;
    }
    const proposal = text(p['text']);
    if (proposal === undefined) problems.add(`${base}.text`, 'PROPOSAL_TEXT_MISSING', { proposal: i });
    const chosen = p['chosen'];
    if (typeof chosen !== 'boolean') problems.add(`${base}.chosen`, 'PROPOSAL_CHOICE_MISSING', { proposal: i });
    const reason = text(p['reasonNotChosen']);
    // The school decides the measures (parents need not approve the plan, seeds/000), but it
    // must be able to show why a measure the parents asked for was not chosen.
    if (chosen === false && reason === undefined) {
      problems.add(`${base}.reasonNotChosen`, 'PROPOSAL_REASON_REQUIRED', { proposal: i });
    }
    if (proposal !== undefined && typeof chosen === 'boolean' && (chosen || reason !== undefined)) {
      out.push(chosen ? { text: proposal, chosen } : { text: proposal, chosen, reasonNotChosen: reason as string });
    }
  });
  return out;
}

/**
 * "Snarast, at the latest together with the first measure" (§ 12-4; seeds/000): the plan must
 * exist when a measure starts, so a measure in a plan made on `planDate` may not start
 * earlier — unless it was already in an earlier version (`carriedOverIds`), which existed.
 */
export function measuresStartingBeforePlan(
  measures: readonly Pick<ValidMeasure, 'id' | 'start'>[],
  planDate: IsoDate | Temporal.PlainDate,
  carriedOverIds: Iterable<string> = [],
  language: Language = 'nb',
): PlanProblem[] {
  const problems = new Problems(language);
  const made = parseIsoDate(planDate);
  if (made === undefined) return problems.list;
  const carried = new Set(carriedOverIds);
  measures.forEach((m, i) => {
    if (startsBeforePlan(m, made, carried)) {
      problems.add(`measures[${i}].start`, 'MEASURE_STARTS_BEFORE_PLAN', { measure: i });
    }
  });
  return problems.list;
}

function startsBeforePlan(
  m: Pick<ValidMeasure, 'id' | 'start'>,
  made: Temporal.PlainDate,
  carried: ReadonlySet<string>,
): boolean {
  if (m.id !== undefined && carried.has(m.id)) return false;
  const start = parseIsoDate(m.start);
  return start !== undefined && Temporal.PlainDate.compare(start, made) < 0;
}

/** Validate a plan against § 12-4 (3). Never throws; reports all problems at once, in form order. */
export function validatePlan(input: unknown, ctx: PlanContext): PlanValidation {
  const lang = ctx.language ?? 'nb';
  const problems = new Problems(lang);
  const raw: Raw = isRecord(input) ? input : {};

  // § 12-4 (3) a: the problem the measures shall solve — concrete, not a label.
  const problem = text(raw['problem']);
  if (problem === undefined) {
    problems.add('problem', 'PROBLEM_MISSING');
  } else if (problem.length < PROBLEM_MIN_CHARS || problem.split(/\s+/).length < PROBLEM_MIN_WORDS) {
    problems.add('problem', 'PROBLEM_TOO_SHORT');
  }

  // § 12-4 (3) b: at least one measure.
  const rawMeasures = raw['measures'];
  const measures: (ValidMeasure | undefined)[] = [];
  const planDate = ctx.planDate === undefined ? undefined : parseIsoDate(ctx.planDate);
  const carried = new Set(ctx.carriedOverMeasureIds ?? []);
  if (!Array.isArray(rawMeasures) || rawMeasures.length === 0) {
    problems.add('measures', 'MEASURES_MISSING');
  } else {
    rawMeasures.forEach((m: unknown, i) => {
      const valid = validateMeasure(m, i, ctx, problems);
      measures.push(valid);
      // Checked here, not after the loop, so it sits next to the measure's other problems.
      if (valid && planDate && startsBeforePlan(valid, planDate, carried)) {
        problems.add(`measures[${i}].start`, 'MEASURE_STARTS_BEFORE_PLAN', { measure: i });
      }
    });
  }

  const pupilView = optionalText(raw, 'pupilView', problems);
  const parentsView = optionalText(raw, 'parentsView', problems);
  const parentProposals = validateProposals(raw['parentProposals'], problems);

  if (problems.list.length > 0 || problem === undefined) return { ok: false, problems: problems.list };
  return {
    ok: true,
    plan: {
      problem,
      measures: measures as ValidMeasure[],
      ...(pupilView !== undefined ? { pupilView } : {}),
      ...(parentsView !== undefined ? { parentsView } : {}),
      parentProposals,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Versions: plans are revised, never overwritten ("it must be clear when each document was made")
// ---------------------------------------------------------------------------------------------

export interface PlanVersion {
  /** 1 for the first plan, then +1 per revision. */
  readonly version: number;
  readonly createdAt: Temporal.Instant;
  readonly plan: ValidPlan;
}

export type NextPlanVersionResult =
  | { readonly ok: true; readonly version: PlanVersion }
  | { readonly ok: false; readonly problems: readonly PlanProblem[] };

export interface NextPlanVersionOptions {
  /** The zone in which `now` becomes the plan's date (the law counts Oslo wall-clock time). */
  readonly timeZone?: string;
  readonly language?: Language;
}

function copyPlan(plan: ValidPlan): ValidPlan {
  return {
    ...plan,
    measures: plan.measures.map((m) => ({ ...m, responsible: [...m.responsible] })),
    parentProposals: plan.parentProposals.map((p) => ({ ...p })),
  };
}

/**
 * The next version of a case's plan, made at `now`. Never mutates `previous`; the new version
 * holds its own copy of `plan`. Refuses when `now` is not after the previous version (a
 * version history out of time order would not show when each document was made), and when a
 * measure new in this version starts before the version's date (§ 12-4: the plan comes no
 * later than the measure).
 */
export function nextPlanVersion(
  previous: PlanVersion | null | undefined,
  plan: ValidPlan,
  now: Temporal.Instant,
  options: NextPlanVersionOptions = {},
): NextPlanVersionResult {
  const lang = options.language ?? 'nb';
  const problems: PlanProblem[] = [];
  if (previous && Temporal.Instant.compare(now, previous.createdAt) <= 0) {
    problems.push({ field: 'createdAt', code: 'VERSION_BEFORE_PREVIOUS', message: PLAN_MESSAGES.VERSION_BEFORE_PREVIOUS[lang] });
  }
  const planDate = now.toZonedDateTimeISO(options.timeZone ?? 'Europe/Oslo').toPlainDate();
  const carried = (previous?.plan.measures ?? []).flatMap((m) => (m.id === undefined ? [] : [m.id]));
  problems.push(...measuresStartingBeforePlan(plan.measures, planDate, carried, lang));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, version: { version: (previous?.version ?? 0) + 1, createdAt: now, plan: copyPlan(plan) } };
}
