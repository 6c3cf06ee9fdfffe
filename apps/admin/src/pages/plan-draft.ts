// The activity plan form (§ 12-4 third paragraph) as data: a draft the form edits, the request
// body it sends, and where each of the API's problems goes on the form. Pure (tested): the
// form is the same when a plan version is made on its own and when an evaluation adjusts it.
import type { PlanVersionView } from '@trygg/contracts';
import { newKey, type Slot } from '../components';
import type { FieldProblem } from '../errors';

export const MEASURE_LEVELS = ['individual', 'class', 'school', 'after_school'] as const;

export interface MeasureDraft {
  key: string;
  /** The measure's id in an earlier version: it is carried over (absent for a new measure). */
  id?: string;
  level: string;
  description: string;
  start: string;
  end: string;
  responsible: Slot[];
  evaluationDate: string;
}

export interface ProposalDraft {
  key: string;
  text: string;
  chosen: '' | 'yes' | 'no';
  reasonNotChosen: string;
}

export interface PlanDraft {
  problem: string;
  measures: MeasureDraft[];
  pupilView: string;
  parentsView: string;
  parentProposals: ProposalDraft[];
}

export const emptyMeasure = (): MeasureDraft => ({
  key: newKey('m'),
  level: '',
  description: '',
  start: '',
  end: '',
  responsible: [{ key: newKey('s'), value: '' }],
  evaluationDate: '',
});

export const emptyProposal = (): ProposalDraft => ({ key: newKey('p'), text: '', chosen: '', reasonNotChosen: '' });

/** A new version starts from the latest one (its measures keep their ids); the first plan from nothing. */
export function draftFromPlan(latest: PlanVersionView | null | undefined): PlanDraft {
  if (!latest) return { problem: '', measures: [emptyMeasure()], pupilView: '', parentsView: '', parentProposals: [] };
  return {
    problem: latest.problem ?? '',
    measures: latest.measures.map((m) => ({
      key: newKey('m'),
      id: m.id,
      level: m.level,
      description: m.description,
      start: m.start,
      end: m.end,
      responsible: m.responsible.length ? m.responsible.map((p) => ({ key: newKey('s'), value: p.id })) : [{ key: newKey('s'), value: '' }],
      evaluationDate: m.evaluationDate,
    })),
    pupilView: latest.pupilView ?? '',
    parentsView: latest.parentsView ?? '',
    parentProposals: latest.parentProposals.map((p) => ({
      key: newKey('p'),
      text: p.text,
      chosen: p.chosen ? 'yes' : 'no',
      reasonNotChosen: p.reasonNotChosen ?? '',
    })),
  };
}

const filled = (s: string) => s.trim() !== '';

/**
 * The plan as POST /api/cases/{id}/plans (and an evaluation's revisedPlan) take it. What is not
 * filled in is left out, so the API names it; a person select left at "choose" is no choice.
 */
export function planBody(d: PlanDraft): Record<string, unknown> {
  return {
    problem: d.problem,
    measures: d.measures.map((m) => ({
      ...(m.id ? { id: m.id } : {}),
      ...(m.level ? { level: m.level } : {}),
      description: m.description,
      ...(filled(m.start) ? { start: m.start } : {}),
      ...(filled(m.end) ? { end: m.end } : {}),
      responsible: m.responsible.filter((s) => filled(s.value)).map((s) => s.value),
      ...(filled(m.evaluationDate) ? { evaluationDate: m.evaluationDate } : {}),
    })),
    ...(filled(d.pupilView) ? { pupilView: d.pupilView } : {}),
    ...(filled(d.parentsView) ? { parentsView: d.parentsView } : {}),
    parentProposals: d.parentProposals.map((p) => ({
      text: p.text,
      ...(p.chosen ? { chosen: p.chosen === 'yes' } : {}),
      ...(p.chosen === 'no' && filled(p.reasonNotChosen) ? { reasonNotChosen: p.reasonNotChosen } : {}),
    })),
  };
}

/** 'measures.1.responsible.0' (zod) and 'measures[1].responsible[0]' (the plan rules) read the same. */
export const bracketPath = (field: string) => field.replace(/\.(\d+)(?=\.|$)/g, '[$1]');

/**
 * The form's own names for its fields, stable while measures are added or removed:
 * 'problem', 'measures', 'm:<key>', 'm:<key>.start', 'm:<key>.responsible', 'm:<key>.responsible:<slot key>',
 * 'parentProposals', 'p:<key>.reasonNotChosen', …
 */
export interface PlanFieldErrors {
  byField: Record<string, string[]>;
  other: FieldProblem[];
}

const MEASURE_FIELDS = ['level', 'description', 'start', 'end', 'evaluationDate', 'responsible'];
const PROPOSAL_FIELDS = ['text', 'chosen', 'reasonNotChosen'];

/**
 * Puts each of the API's problems next to the input it is about. `draft` is the draft that was
 * sent (its measure i and its j-th chosen person are the body's measures[i].responsible[j]);
 * `prefix` is 'revisedPlan' inside an evaluation. Problems about no field of the plan (another
 * part of a larger form) are returned in `other`.
 */
export function planFieldErrors(problems: readonly FieldProblem[], draft: PlanDraft, prefix = ''): PlanFieldErrors {
  const byField: Record<string, string[]> = {};
  const other: FieldProblem[] = [];
  const put = (key: string, message: string) => (byField[key] ??= []).push(message);
  for (const p of problems) {
    let path = bracketPath(p.field);
    if (prefix) {
      if (!path.startsWith(`${prefix}.`)) {
        other.push(p);
        continue;
      }
      path = path.slice(prefix.length + 1);
    }
    const key = planKey(path, draft);
    if (key) put(key, p.message);
    else other.push(p);
  }
  return { byField, other };
}

function planKey(path: string, draft: PlanDraft): string | null {
  if (['problem', 'measures', 'pupilView', 'parentsView', 'parentProposals', 'delayReason'].includes(path)) return path;
  const measure = /^measures\[(\d+)\](?:\.(\w+)(?:\[(\d+)\])?)?$/.exec(path);
  if (measure) {
    const m = draft.measures[Number(measure[1])];
    if (!m) return 'measures';
    const field = measure[2];
    if (field === undefined || field === 'id') return `m:${m.key}`;
    if (!MEASURE_FIELDS.includes(field)) return `m:${m.key}`;
    if (field === 'responsible' && measure[3] !== undefined) {
      // The body's j-th person is the j-th select that has a choice.
      const chosen = m.responsible.filter((s) => filled(s.value));
      const slot = chosen[Number(measure[3])];
      return slot ? `m:${m.key}.responsible:${slot.key}` : `m:${m.key}.responsible`;
    }
    return `m:${m.key}.${field}`;
  }
  const proposal = /^parentProposals\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (proposal) {
    const p = draft.parentProposals[Number(proposal[1])];
    if (!p) return 'parentProposals';
    const field = proposal[2];
    return field && PROPOSAL_FIELDS.includes(field) ? `p:${p.key}.${field}` : `p:${p.key}`;
  }
  return null;
}

/** Every error of one measure's slots, keyed by slot key (for SlotPicker). */
export function slotErrorsOf(byField: Record<string, string[]>, measureKey: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const head = `m:${measureKey}.responsible:`;
  for (const [key, messages] of Object.entries(byField)) if (key.startsWith(head)) out[key.slice(head.length)] = messages;
  return out;
}

/** Whether a problem list has anything for one measure (to open it, or mark it). */
export const measureHasErrors = (byField: Record<string, string[]>, measureKey: string) =>
  Object.keys(byField).some((k) => k === `m:${measureKey}` || k.startsWith(`m:${measureKey}.`));
