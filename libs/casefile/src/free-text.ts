// Every piece of text a person typed into the case, in one place: the loader searches it for
// other pupils' names, and the parents' copy redacts it. A new free-text field of the case
// file must be added here, or the parents' copy would carry it unredacted.
import type { CaseFile } from './types';

export interface FreeText {
  /** Where the text sits, for tests and diagnostics ('reports[0].description'). */
  where: string;
  value: string;
}

type Mapper = (text: string, where: string) => string;

function mapPayload(value: unknown, fn: Mapper, where: string): unknown {
  if (typeof value === 'string') return fn(value, where);
  if (Array.isArray(value)) return value.map((v, i) => mapPayload(v, fn, `${where}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapPayload(v, fn, `${where}.${k}`)]));
  }
  return value;
}

/** A copy of the case file with every free text passed through `fn`. */
export function mapFreeText(file: CaseFile, fn: Mapper): CaseFile {
  const opt = (text: string | null, where: string) => (text === null ? null : fn(text, where));
  return {
    ...file,
    reports: file.reports.map((r, i) => ({
      ...r,
      category: fn(r.category, `reports[${i}].category`),
      description: fn(r.description, `reports[${i}].description`),
      intervention: opt(r.intervention, `reports[${i}].intervention`),
    })),
    timeline: file.timeline.map((t, i) => ({
      ...t,
      payload: mapPayload(t.payload, fn, `timeline[${i}].payload`) as Record<string, unknown>,
    })),
    investigation: {
      steps: file.investigation.steps.map((s, i) => ({ ...s, summary: fn(s.summary, `investigation.steps[${i}].summary`) })),
      assessments: file.investigation.assessments.map((a, i) => ({ ...a, text: fn(a.text, `investigation.assessments[${i}].text`) })),
      conclusions: file.investigation.conclusions.map((c, i) => ({
        ...c,
        reasoning: fn(c.reasoning, `investigation.conclusions[${i}].reasoning`),
      })),
    },
    plans: file.plans.map((p, i) => ({
      ...p,
      problem: fn(p.problem, `plans[${i}].problem`),
      pupilView: opt(p.pupilView, `plans[${i}].pupilView`),
      parentsView: opt(p.parentsView, `plans[${i}].parentsView`),
      measures: p.measures.map((m, j) => ({ ...m, description: fn(m.description, `plans[${i}].measures[${j}].description`) })),
      parentProposals: p.parentProposals.map((q, j) => ({
        ...q,
        text: fn(q.text, `plans[${i}].parentProposals[${j}].text`),
        reasonNotChosen: opt(q.reasonNotChosen, `plans[${i}].parentProposals[${j}].reasonNotChosen`),
      })),
    })),
    evaluations: file.evaluations.map((e, i) => ({
      ...e,
      pupilView: fn(e.pupilView, `evaluations[${i}].pupilView`),
      parentsView: opt(e.parentsView, `evaluations[${i}].parentsView`),
      measures: e.measures.map((m, j) => ({
        ...m,
        description: opt(m.description, `evaluations[${i}].measures[${j}].description`),
        howCarriedOut: fn(m.howCarriedOut, `evaluations[${i}].measures[${j}].howCarriedOut`),
        effect: fn(m.effect, `evaluations[${i}].measures[${j}].effect`),
      })),
    })),
    pupilConversations: file.pupilConversations.map((c, i) => ({ ...c, note: opt(c.note, `pupilConversations[${i}].note`) })),
    deadlines: file.deadlines.map((d, i) => ({ ...d, delayReason: opt(d.delayReason, `deadlines[${i}].delayReason`) })),
    externalBodies: file.externalBodies.map((b, i) => ({
      ...b,
      name: opt(b.name, `externalBodies[${i}].name`),
      involvement: fn(b.involvement, `externalBodies[${i}].involvement`),
    })),
  };
}

/** Every free text of the case file. */
export function freeTexts(file: CaseFile): FreeText[] {
  const out: FreeText[] = [];
  mapFreeText(file, (value, where) => {
    out.push({ where, value });
    return value;
  });
  return out;
}
