// The school's work in a case: the investigation record (§ 12-4 undersøkje, § 10-1, § 10-2),
// the activity plan's versions (§ 12-4 third paragraph) and the evaluations (seeds/000).
import { z } from 'zod';
import { id, instantInput, isoDate, text } from './common';
import { fullCaseView, personSummary } from './responses';

const instant = z.string();

// ---- investigation ----

/** How the school investigated (seeds/001, seeds/004). */
export const investigationStepKind = z.enum(
  ['conversation_with_pupil', 'other_pupils', 'parents', 'observation', 'survey', 'sociogram', 'other'],
  {
    error:
      'Velg hva som ble gjort: samtale med eleven (conversation_with_pupil), andre elever (other_pupils), foreldrene (parents), ' +
      'observasjon (observation), undersøkelse (survey), sosiogram (sociogram) eller annet (other).',
  },
);

export const recordInvestigationStep = z
  .object({
    kind: investigationStepKind,
    /** When it happened (default: now). */
    at: instantInput.optional(),
    /** The staff member who did it. */
    performedById: id,
    summary: text(10_000, 'Sammendraget'),
    /**
     * The summary tells something about other pupils: the parents' copy leaves it out.
     * Always so for a conversation with other pupils and when other pupils are named.
     */
    concernsOtherPupils: z.boolean({ error: 'Gjelder det andre elever: svar ja (true) eller nei (false).' }).optional(),
    /** Other pupils of the school the step names. */
    otherPupilIds: z.array(id).max(200, { error: 'Høyst 200 elever.' }).optional(),
  })
  .strict();

/** The findings of the investigation, or the child's-best assessment (§ 10-1). */
export const recordInvestigationText = z
  .object({
    text: text(20_000, 'Teksten'),
    concernsOtherPupils: z.boolean({ error: 'Gjelder det andre elever: svar ja (true) eller nei (false).' }).optional(),
  })
  .strict();

// ---- activity plan ----
//
// Shapes only. What makes a plan valid (§ 12-4 (3): problem, measures, period, responsible staff,
// evaluation date — and a plan no later than its first measure) is checked by libs/domain's
// validatePlan, which answers every problem at once (422 PLAN_INVALID, problems with field,
// code and message). So fields here are loose: a missing or empty one is the domain's to explain.

const looseText = z.string({ error: 'Må være tekst.' }).max(20_000, { error: 'Feltet kan ha høyst 20000 tegn.' });

export const measureInput = z
  .object({
    /** The measure's id from an earlier version when it is carried over; absent for a new measure. */
    id: z.string({ error: 'Må være tekst.' }).max(100).optional(),
    /** individual | class | school | after_school */
    level: z.string({ error: 'Må være tekst.' }).max(50).optional(),
    /** What is done, and how. */
    description: looseText.optional(),
    /** YYYY-MM-DD */
    start: z.string({ error: 'Må være tekst.' }).max(50).optional(),
    /** YYYY-MM-DD */
    end: z.string({ error: 'Må være tekst.' }).max(50).optional(),
    /** Person ids of the staff who carry it out (never a pupil or a parent). */
    responsible: z.array(z.string({ error: 'Må være tekst.' }).max(100)).max(50).optional(),
    /** YYYY-MM-DD */
    evaluationDate: z.string({ error: 'Må være tekst.' }).max(50).optional(),
  })
  .strict();

export const parentProposalInput = z
  .object({
    text: looseText.optional(),
    chosen: z.boolean({ error: 'Svar ja (true) eller nei (false).' }).optional(),
    reasonNotChosen: looseText.optional(),
  })
  .strict();

const planFields = {
  problem: looseText.optional(),
  measures: z.array(measureInput).max(50, { error: 'Høyst 50 tiltak i én plan.' }).optional(),
  /** § 10-2: the pupil's own view of the measures. */
  pupilView: looseText.optional(),
  parentsView: looseText.optional(),
  parentProposals: z.array(parentProposalInput).max(50).optional(),
};

export const planInput = z.object(planFields).strict();

/** POST /api/cases/{id}/plans: the first version, or a revision. */
export const createPlanVersion = z
  .object({
    ...planFields,
    /** The plan deadline has passed: why (recorded in the timeline). */
    delayReason: z.string().trim().min(1, { error: 'Begrunnelsen kan ikke være tom.' }).max(2000).optional(),
  })
  .strict();

// ---- evaluations ----

export const evaluationDecision = z.enum(['continue', 'adjust', 'close'], {
  error: 'Velg om tiltakene skal fortsette (continue), justeres (adjust) eller om saken avsluttes (close).',
});

export const measureEvaluationInput = z
  .object({
    measureId: id,
    /** How the measure was carried out since last time. */
    howCarriedOut: text(5000, 'Hvordan tiltaket er gjennomført'),
    /** What effect it had for the pupil. */
    effect: text(5000, 'Effekten for eleven'),
  })
  .strict();

export const recordEvaluation = z
  .object({
    /** The planned evaluation date this evaluation fulfils (YYYY-MM-DD). */
    plannedDate: isoDate,
    /** When the evaluation was held (default: now). */
    at: instantInput.optional(),
    measures: z
      .array(measureEvaluationInput)
      .min(1, { error: 'Evaluer hvert tiltak: hvordan det er gjennomført, og hvilken effekt det har hatt for eleven.' })
      .max(50),
    /** § 10-2: what the pupil says. */
    pupilView: text(5000, 'Elevens syn'),
    parentsView: text(5000, 'Foreldrenes syn').optional(),
    /** The school's assessment, with the pupil: does the pupil now have a safe and good school environment? */
    situationSafe: z.boolean({ error: 'Har eleven det trygt og godt nå: svar ja (true) eller nei (false).' }),
    decision: evaluationDecision,
    /** Required unless the case closes; after today (YYYY-MM-DD). */
    nextEvaluationOn: isoDate.optional(),
    /** decision = adjust: the new version of the plan. */
    revisedPlan: planInput.optional(),
  })
  .strict()
  .refine((e) => e.decision === 'close' || e.nextEvaluationOn !== undefined, {
    error: 'Sett dato for neste evaluering. Hver evaluering setter en ny dato, med mindre saken avsluttes.',
    path: ['nextEvaluationOn'],
  })
  .refine((e) => e.decision !== 'close' || e.nextEvaluationOn === undefined, {
    error: 'Saken avsluttes, så det skal ikke settes noen ny evalueringsdato.',
    path: ['nextEvaluationOn'],
  })
  .refine((e) => e.decision !== 'adjust' || e.revisedPlan !== undefined, {
    error:
      'Når tiltakene skal justeres, må aktivitetsplanen revideres. Send den nye versjonen av planen sammen med evalueringen ' +
      '(revisedPlan), eller lag en ny versjon av planen først og velg deretter «fortsette».',
    path: ['revisedPlan'],
  })
  .refine((e) => e.decision === 'adjust' || e.revisedPlan === undefined, {
    error: 'En ny versjon av planen sendes bare med når tiltakene justeres (decision: adjust).',
    path: ['revisedPlan'],
  });

// ---- responses ----

const pupilSummary = z.object({ id: z.string(), name: z.string(), initials: z.string() });

export const investigationStepView = z.object({
  id: z.string(),
  kind: investigationStepKind,
  at: instant,
  performedBy: personSummary,
  summary: z.string(),
  concernsOtherPupils: z.boolean(),
  otherPupils: z.array(pupilSummary),
  recordedBy: personSummary,
  recordedAt: instant,
});

export const investigationTextView = z.object({
  id: z.string(),
  text: z.string(),
  concernsOtherPupils: z.boolean(),
  recordedBy: personSummary,
  recordedAt: instant,
});

export const investigationConclusionView = z.object({
  id: z.string(),
  measuresNeeded: z.boolean(),
  reasoning: z.string(),
  concludedAt: instant,
  recordedBy: personSummary,
});

export const investigationView = z.object({
  steps: z.array(investigationStepView),
  /** Oldest first; the newest is the current one. */
  findings: z.array(investigationTextView),
  bestInterest: z.array(investigationTextView),
  conclusions: z.array(investigationConclusionView),
  /** In the current investigation round (since it started): § 10-2 and § 10-1. */
  pupilHeard: z.boolean(),
  bestInterestAssessed: z.boolean(),
});

export const measureView = z.object({
  /** Stable across versions: pass it back as `id` to carry the measure over. */
  id: z.string(),
  level: z.enum(['individual', 'class', 'school', 'after_school']),
  description: z.string(),
  start: z.string(),
  end: z.string(),
  evaluationDate: z.string(),
  responsible: z.array(personSummary),
});

export const planVersionView = z.object({
  id: z.string(),
  version: z.number(),
  createdAt: instant,
  createdBy: personSummary,
  /** null for a measure owner, who sees only the measures they carry out. */
  problem: z.string().nullable(),
  pupilView: z.string().nullable(),
  parentsView: z.string().nullable(),
  measures: z.array(measureView),
  parentProposals: z.array(z.object({ text: z.string(), chosen: z.boolean(), reasonNotChosen: z.string().nullable() })),
});

export const planVersionList = z.object({
  /** 'own_part': a measure owner sees only their own measures. */
  access: z.enum(['case', 'own_part']),
  versions: z.array(planVersionView),
});

export const evaluationView = z.object({
  id: z.string(),
  planVersion: z.number(),
  plannedDate: z.string(),
  doneAt: instant,
  recordedBy: personSummary,
  recordedAt: instant,
  pupilView: z.string(),
  parentsView: z.string().nullable(),
  situationSafe: z.boolean(),
  decision: evaluationDecision,
  nextEvaluationOn: z.string().nullable(),
  revisedPlanVersion: z.number().nullable(),
  measures: z.array(z.object({ measureId: z.string(), description: z.string(), howCarriedOut: z.string(), effect: z.string() })),
});

export const evaluationList = z.object({ evaluations: z.array(evaluationView) });

export const investigationRecorded = z.object({ investigation: investigationView, case: fullCaseView });
export const planVersionCreated = z.object({ plan: planVersionView, case: fullCaseView });
export const evaluationRecorded = z.object({ evaluation: evaluationView, plan: planVersionView.nullable(), case: fullCaseView });

export type RecordInvestigationStep = z.infer<typeof recordInvestigationStep>;
export type CreatePlanVersion = z.infer<typeof createPlanVersion>;
export type RecordEvaluation = z.infer<typeof recordEvaluation>;
export type InvestigationView = z.infer<typeof investigationView>;
export type PlanVersionView = z.infer<typeof planVersionView>;
export type EvaluationView = z.infer<typeof evaluationView>;
