import { describe, expect, it } from 'vitest';
import { createPlanVersion, recordConversation, recordEvaluation, recordInvestigationStep, type FullCaseView, type PlanVersionView } from '@trygg/contracts';
import { nb, nn } from '../i18n';
import { caseFileHref } from './CaseFileSection';
import { staffOptions } from './CasePage';
import { conversationBody, parseTerm, termChoices, termLabel } from './ConversationsPage';
import { emptyEvaluation, evaluationBody, evaluationFieldErrors, plannedEvaluations } from './EvaluationSection';
import { concludeBlockers, stepBody } from './InvestigationSection';
import { bracketPath, draftFromPlan, emptyMeasure, planBody, planFieldErrors, slotErrorsOf, type PlanDraft } from './plan-draft';

const ids = {
  school: '11111111-1111-4111-8111-111111111111',
  pupil: '22222222-2222-4222-8222-222222222222',
  tone: '33333333-3333-4333-8333-333333333333',
  lars: '44444444-4444-4444-8444-444444444444',
  m1: '55555555-5555-4555-8555-555555555555',
  m2: '66666666-6666-4666-8666-666666666666',
};

const plan: PlanVersionView = {
  id: 'v1',
  version: 1,
  createdAt: '2026-04-20T08:12:00.000Z',
  createdBy: { id: ids.lars, name: 'Lars Leder' },
  problem: 'Nora blir holdt utenfor i friminuttene og gruer seg til skolen.',
  pupilView: 'Vil ha en voksen ute.',
  parentsView: null,
  measures: [
    { id: ids.m1, level: 'individual', description: 'Fast voksen i friminuttet.', start: '2026-04-21', end: '2026-05-29', evaluationDate: '2026-05-04', responsible: [{ id: ids.tone, name: 'Tone Lærer' }] },
    { id: ids.m2, level: 'class', description: 'Klassemøte om inkludering.', start: '2026-05-11', end: '2026-06-12', evaluationDate: '2026-05-25', responsible: [] },
  ],
  parentProposals: [{ text: 'Bytte klasse', chosen: false, reasonNotChosen: 'Løser ikke problemet i friminuttet.' }],
};

describe('plan form', () => {
  it('starts a first plan with one empty measure and a new version from the latest, measure ids kept', () => {
    const first = draftFromPlan(null);
    expect(first.measures).toHaveLength(1);
    expect(first.measures[0]!.responsible).toHaveLength(1);
    const next = draftFromPlan(plan);
    expect(next.problem).toBe(plan.problem);
    expect(next.measures.map((m) => m.id)).toEqual([ids.m1, ids.m2]);
    expect(next.measures[0]!.responsible.map((s) => s.value)).toEqual([ids.tone]);
    // A measure without anyone gets one empty choice to fill in.
    expect(next.measures[1]!.responsible.map((s) => s.value)).toEqual(['']);
    expect(next.parentProposals[0]).toMatchObject({ chosen: 'no', reasonNotChosen: 'Løser ikke problemet i friminuttet.' });
  });

  it('sends what the contract accepts, with empty choices and unanswered questions left out', () => {
    const draft = draftFromPlan(plan);
    draft.measures[0]!.responsible.push({ key: 'x', value: '' });
    draft.parentProposals.push({ key: 'p', text: 'Mer tilsyn', chosen: '', reasonNotChosen: 'skrevet' });
    const body = planBody(draft);
    expect(createPlanVersion.safeParse(body).success).toBe(true);
    expect(body['measures']).toEqual([
      { id: ids.m1, level: 'individual', description: 'Fast voksen i friminuttet.', start: '2026-04-21', end: '2026-05-29', responsible: [ids.tone], evaluationDate: '2026-05-04' },
      { id: ids.m2, level: 'class', description: 'Klassemøte om inkludering.', start: '2026-05-11', end: '2026-06-12', responsible: [], evaluationDate: '2026-05-25' },
    ]);
    expect(body['parentsView']).toBeUndefined();
    expect(body['parentProposals']).toEqual([
      { text: 'Bytte klasse', chosen: false, reasonNotChosen: 'Løser ikke problemet i friminuttet.' },
      { text: 'Mer tilsyn' },
    ]);
    const empty = planBody(draftFromPlan(null));
    expect(empty['measures']).toEqual([{ description: '', responsible: [] }]);
  });

  it("puts each problem next to its input: measures[1].responsible[0] is the second measure's first chosen person", () => {
    const draft: PlanDraft = draftFromPlan(plan);
    const second = draft.measures[1]!;
    // The second measure: an empty select first, then a person (the body's responsible[0]).
    second.responsible = [
      { key: 'empty', value: '' },
      { key: 'chosen', value: ids.pupil },
    ];
    const { byField, other } = planFieldErrors(
      [
        { field: 'problem', message: 'For kort.' },
        { field: 'measures[1].responsible[0]', message: 'Tiltak 2: En elev kan ikke gjennomføre tiltak.' },
        { field: 'measures[0].responsible', message: 'Tiltak 1: Hvem?' },
        { field: 'measures.0.start', message: 'Tiltak 1: Dato.' },
        { field: 'measures[0].id', message: 'Tiltak 1: Ukjent.' },
        { field: 'parentProposals[0].reasonNotChosen', message: 'Forslag 1: Hvorfor?' },
        { field: 'measures[7].end', message: 'Tiltak 8: ?' },
        { field: 'createdAt', message: 'Versjonen er eldre.' },
      ],
      draft,
    );
    const [m1, m2] = draft.measures;
    expect(byField).toEqual({
      problem: ['For kort.'],
      [`m:${m2!.key}.responsible:chosen`]: ['Tiltak 2: En elev kan ikke gjennomføre tiltak.'],
      [`m:${m1!.key}.responsible`]: ['Tiltak 1: Hvem?'],
      [`m:${m1!.key}.start`]: ['Tiltak 1: Dato.'],
      [`m:${m1!.key}`]: ['Tiltak 1: Ukjent.'],
      [`p:${draft.parentProposals[0]!.key}.reasonNotChosen`]: ['Forslag 1: Hvorfor?'],
      measures: ['Tiltak 8: ?'],
    });
    expect(other.map((o) => o.field)).toEqual(['createdAt']);
    expect(slotErrorsOf(byField, m2!.key)).toEqual({ chosen: ['Tiltak 2: En elev kan ikke gjennomføre tiltak.'] });
  });

  it("reads an evaluation's revisedPlan.… problems and leaves the rest to the evaluation form", () => {
    const draft = draftFromPlan(plan);
    const { byField, other } = planFieldErrors(
      [
        { field: 'revisedPlan.measures[0].level', message: 'Nivå?' },
        { field: 'pupilView', message: 'Elevens syn.' },
      ],
      draft,
      'revisedPlan',
    );
    expect(byField).toEqual({ [`m:${draft.measures[0]!.key}.level`]: ['Nivå?'] });
    expect(other.map((o) => o.field)).toEqual(['pupilView']);
    expect(bracketPath('revisedPlan.measures.10.responsible.2')).toBe('revisedPlan.measures[10].responsible[2]');
  });

  it('gives every new measure its own keys', () => {
    const a = emptyMeasure();
    const b = emptyMeasure();
    expect(a.key).not.toBe(b.key);
    expect(a.responsible[0]!.key).not.toBe(b.responsible[0]!.key);
  });
});

function kase(over: Partial<FullCaseView> = {}): Pick<FullCaseView, 'plannedEvaluations'> {
  return {
    plannedEvaluations: [
      { date: '2026-05-25', dueAt: '2026-05-25T14:00:00.000Z', state: 'open', measureIds: [ids.m2] },
      { date: '2026-05-04', dueAt: '2026-05-04T14:00:00.000Z', state: 'missed', measureIds: [ids.m1, 'a-measure-of-an-older-version'] },
      { date: '2026-06-01', dueAt: '2026-06-01T14:00:00.000Z', state: 'open', measureIds: [] },
    ],
    ...over,
  };
}

describe('evaluation form', () => {
  it('offers the evaluation dates still waiting, earliest first, with the measures due that day', () => {
    expect(plannedEvaluations(kase(), plan)).toEqual([
      { date: '2026-05-04', state: 'missed', measureNumbers: [1] },
      { date: '2026-05-25', state: 'open', measureNumbers: [2] },
      { date: '2026-06-01', state: 'open', measureNumbers: [] },
    ]);
    expect(plannedEvaluations(kase(), null).map((p) => p.measureNumbers)).toEqual([[], [], []]);
    expect(plannedEvaluations(kase({ plannedEvaluations: [] }), plan)).toEqual([]);
  });

  it('evaluates the measures under way, and sends the revised plan only when adjusting', () => {
    const draft = {
      ...emptyEvaluation('2026-05-04'),
      measures: { [ids.m1]: { howCarriedOut: 'Hver dag.', effect: 'Nora er mer med.' } },
      pupilView: 'Bedre.',
      situationSafe: 'no' as const,
      decision: 'adjust' as const,
      nextEvaluationOn: '2026-06-01',
    };
    const revised = draftFromPlan(plan);
    const { body, measureIds } = evaluationBody(draft, plan, revised);
    // The class meeting starts after the planned date and has nothing written: left out.
    expect(measureIds).toEqual([ids.m1]);
    expect(recordEvaluation.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ plannedDate: '2026-05-04', situationSafe: false, decision: 'adjust', nextEvaluationOn: '2026-06-01' });
    expect(body['revisedPlan']).toEqual(planBody(revised));

    const closing = evaluationBody({ ...draft, situationSafe: 'yes', decision: 'close' }, plan, revised).body;
    expect(closing['revisedPlan']).toBeUndefined();
    expect(closing['nextEvaluationOn']).toBeUndefined();
    expect(recordEvaluation.safeParse(closing).success).toBe(true);
  });

  it('sends a started measure even when nothing is written, so the API names its two parts', () => {
    const { body, measureIds } = evaluationBody({ ...emptyEvaluation('2026-05-25'), decision: 'continue' }, plan, null);
    expect(measureIds).toEqual([ids.m1, ids.m2]);
    expect(body['measures']).toEqual([
      { measureId: ids.m1, howCarriedOut: '', effect: '' },
      { measureId: ids.m2, howCarriedOut: '', effect: '' },
    ]);
    expect(body['situationSafe']).toBeUndefined();
  });

  it("puts the API's problems on the measure they name, by index", () => {
    const { byField, other } = evaluationFieldErrors(
      [
        { field: 'measures.1.effect', message: 'Effekten for eleven kan ikke være tom.' },
        { field: 'measures.0.measureId', message: 'Tiltaket står ikke i planen.' },
        { field: 'measures', message: 'Tiltaket «X» er ikke evaluert.' },
        { field: 'nextEvaluationOn', message: 'Sett dato.' },
        { field: 'revisedPlan.problem', message: 'Mangler.' },
        { field: 'measures.5.effect', message: '?' },
      ],
      [ids.m1, ids.m2],
    );
    expect(byField).toEqual({
      [`e:${ids.m2}.effect`]: ['Effekten for eleven kan ikke være tom.'],
      [`e:${ids.m1}`]: ['Tiltaket står ikke i planen.'],
      measures: ['Tiltaket «X» er ikke evaluert.'],
      nextEvaluationOn: ['Sett dato.'],
    });
    expect(other.map((o) => o.field)).toEqual(['measures.5.effect']);
  });
});

describe('investigation forms', () => {
  it('marks a conversation with other pupils as concerning them, and names them only then', () => {
    const others = [
      { key: 'a', value: ids.pupil },
      { key: 'b', value: '' },
    ];
    const body = stepBody({ kind: 'other_pupils', at: '', performedById: ids.tone, summary: 'Snakket med tre elever.', concernsOtherPupils: false, otherPupils: others });
    expect(body).toEqual({ kind: 'other_pupils', performedById: ids.tone, summary: 'Snakket med tre elever.', concernsOtherPupils: true, otherPupilIds: [ids.pupil] });
    expect(recordInvestigationStep.safeParse(body).success).toBe(true);
    const own = stepBody({ kind: 'conversation_with_pupil', at: '2026-04-20T10:15', performedById: '', summary: 'x', concernsOtherPupils: false, otherPupils: others });
    expect(own).toEqual({ kind: 'conversation_with_pupil', at: '2026-04-20T10:15', summary: 'x', concernsOtherPupils: false });
  });

  it('says what concluding still needs from the record', () => {
    expect(concludeBlockers(nb, { pupilHeard: false, bestInterestAssessed: true })).toEqual([nb.invConcludeNeedsPupil]);
    expect(concludeBlockers(nn, { pupilHeard: false, bestInterestAssessed: false })).toEqual([nn.invConcludeNeedsPupil, nn.invConcludeNeedsBest]);
    expect(concludeBlockers(nb, { pupilHeard: true, bestInterestAssessed: true })).toEqual([]);
  });

  it('lists the staff of the case’s school, never the accused', () => {
    const people = [
      { id: ids.tone, name: 'Tone Lærer', email: 't@x', kind: 'staff', roles: [{ role: 'staff' as const, schoolId: ids.school, ownerId: null }] },
      { id: ids.lars, name: 'Lars Leder', email: 'l@x', kind: 'staff', roles: [{ role: 'leader' as const, schoolId: ids.school, ownerId: null }] },
      { id: ids.m1, name: 'Olav Eier', email: 'o@x', kind: 'owner_official', roles: [{ role: 'owner' as const, schoolId: null, ownerId: 'o' }] },
      { id: ids.m2, name: 'Annen Skole', email: 'a@x', kind: 'staff', roles: [{ role: 'staff' as const, schoolId: 'other', ownerId: null }] },
    ];
    expect(staffOptions(people, ids.school, null)).toEqual([
      { value: ids.lars, label: 'Lars Leder' },
      { value: ids.tone, label: 'Tone Lærer' },
    ]);
    expect(staffOptions(people, ids.school, ids.tone).map((o) => o.label)).toEqual(['Lars Leder']);
  });
});

describe('case file links', () => {
  it('address the case by id, with format, variant and language', () => {
    expect(caseFileHref('c 1', 'pdf', 'full', 'nb')).toBe('/api/cases/c%201/casefile?format=pdf&variant=full&lang=nb');
    expect(caseFileHref('c1', 'html', 'parents', 'nn')).toBe('/api/cases/c1/casefile?format=html&variant=parents&lang=nn');
  });
});

describe('pupil conversations', () => {
  it('counts half-years back from the current one', () => {
    expect(termChoices('2026-spring', '2026-spring')).toEqual(['2026-spring', '2025-autumn', '2025-spring', '2024-autumn', '2024-spring']);
    expect(termChoices('2026-autumn', '2022-spring')).toEqual(['2026-autumn', '2026-spring', '2025-autumn', '2025-spring', '2024-autumn', '2022-spring']);
    expect(parseTerm('2026-winter')).toBeNull();
    expect(termLabel(nb, '2026-autumn')).toBe('Høsthalvåret 2026');
    expect(termLabel(nn, '2026-autumn')).toBe('Hausthalvåret 2026');
  });

  it('sends a category only with a "no", and what the contract accepts', () => {
    const no = conversationBody({ heldAt: '', answer: 'no', note: ' ', category: 'bullying' });
    expect(no).toEqual({ answer: 'no', category: 'bullying' });
    expect(recordConversation.safeParse(no).success).toBe(true);
    const yes = conversationBody({ heldAt: '2026-04-20T10:00', answer: 'yes', note: 'Fint.', category: 'bullying' });
    expect(yes).toEqual({ heldAt: '2026-04-20T10:00', answer: 'yes', note: 'Fint.' });
    expect(recordConversation.safeParse(yes).success).toBe(true);
    expect(conversationBody({ heldAt: '', answer: '', note: '', category: '' })).toEqual({});
  });
});
