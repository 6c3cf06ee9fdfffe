import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { PLAN_MESSAGES, PLAN_PROBLEM_CODES } from './messages';
import {
  measuresStartingBeforePlan,
  nextPlanVersion,
  parseIsoDate,
  PLAN_FIELD_PATTERN,
  validatePlan,
  type PersonInfo,
  type PlanContext,
  type PlanProblem,
  type PlanVersion,
  type ValidPlan,
} from './plan';

const SCHOOL = 'school-1';
const people: Record<string, PersonInfo> = {
  teacher: { kind: 'staff', schoolIds: [SCHOOL] },
  assistant: { kind: 'staff', schoolIds: [SCHOOL, 'school-2'] },
  aksStaff: { kind: 'staff', schoolIds: [SCHOOL] },
  pupil: { kind: 'pupil', schoolIds: [SCHOOL] },
  parent: { kind: 'parent', schoolIds: [SCHOOL] },
  stranger: { kind: 'unknown', schoolIds: [SCHOOL] },
  otherSchoolTeacher: { kind: 'staff', schoolIds: ['school-2'] },
};
const ctx: PlanContext = { schoolId: SCHOOL, lookupPerson: (id) => people[id] };

const measure = {
  level: 'individual',
  description: 'Kontaktlærer har en fast samtale med eleven hver mandag.',
  start: '2026-03-02',
  end: '2026-04-17',
  responsible: ['teacher'],
  evaluationDate: '2026-03-20',
};
const validInput = {
  problem: 'Eleven blir holdt utenfor i friminuttene og får stygge meldinger på Snap.',
  measures: [
    measure,
    {
      level: 'class',
      description: 'Klassen får faste grupper i friminuttene, med voksen til stede.',
      start: '2026-03-02',
      end: '2026-03-27',
      responsible: ['assistant', 'aksStaff'],
      evaluationDate: '2026-03-02',
    },
  ],
};

function fields(problems: readonly PlanProblem[]): string[] {
  return problems.map((p) => p.field);
}

function problemsOf(input: unknown, c: PlanContext = ctx): readonly PlanProblem[] {
  const r = validatePlan(input, c);
  if (r.ok) throw new Error('expected the plan to be refused');
  return r.problems;
}

describe('validatePlan — a complete plan', () => {
  it('accepts a plan with all five parts and normalises it', () => {
    const r = validatePlan(
      {
        ...validInput,
        problem: `  ${validInput.problem}  `,
        measures: [{ ...measure, id: 'm1', responsible: ['teacher', 'teacher'] }, validInput.measures[1]],
        pupilView: '  Eleven vil ha en voksen å gå til.  ',
        parentsView: '',
        parentProposals: [
          { text: 'Bytte klasse', chosen: false, reasonNotChosen: 'Eleven ønsker ikke å bytte klasse.' },
          { text: 'Voksen i friminuttene', chosen: true },
        ],
      },
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      plan: {
        problem: validInput.problem,
        measures: [{ ...measure, id: 'm1', responsible: ['teacher'] }, validInput.measures[1]],
        pupilView: 'Eleven vil ha en voksen å gå til.',
        parentProposals: [
          { text: 'Bytte klasse', chosen: false, reasonNotChosen: 'Eleven ønsker ikke å bytte klasse.' },
          { text: 'Voksen i friminuttene', chosen: true },
        ],
      },
    });
  });

  it('accepts all four levels, including after-school (AKS/SFO, § 12-1)', () => {
    for (const level of ['individual', 'class', 'school', 'after_school']) {
      expect(validatePlan({ ...validInput, measures: [{ ...measure, level }] }, ctx).ok).toBe(true);
    }
  });

  it('accepts an evaluation date after the measure has ended', () => {
    expect(validatePlan({ ...validInput, measures: [{ ...measure, evaluationDate: '2026-05-04' }] }, ctx).ok).toBe(true);
  });
});

describe('validatePlan — who carries out the measures (§ 12-4 (3) d)', () => {
  it('refuses a parent as responsible, naming the field', () => {
    const input = { ...validInput, measures: [measure, { ...validInput.measures[1], responsible: ['parent'] }] };
    expect(problemsOf(input)).toEqual([
      {
        field: 'measures[1].responsible[0]',
        code: 'RESPONSIBLE_IS_PARENT',
        message: 'Tiltak 2: En forelder kan ikke ha ansvar for å gjennomføre et tiltak. Velg en ansatt ved skolen.',
      },
    ]);
  });

  it('refuses a pupil as responsible, naming the field', () => {
    const input = { ...validInput, measures: [{ ...measure, responsible: ['teacher', 'pupil'] }] };
    expect(problemsOf(input)).toEqual([
      {
        field: 'measures[0].responsible[1]',
        code: 'RESPONSIBLE_IS_PUPIL',
        message: 'Tiltak 1: En elev kan ikke ha ansvar for å gjennomføre et tiltak. Velg en ansatt ved skolen.',
      },
    ]);
  });

  it('refuses unknown people, staff of another school and blank ids', () => {
    const input = { ...validInput, measures: [{ ...measure, responsible: ['nobody', 'stranger', 'otherSchoolTeacher', ' ', 7] }] };
    expect(problemsOf(input).map((p) => [p.field, p.code])).toEqual([
      ['measures[0].responsible[0]', 'RESPONSIBLE_UNKNOWN'],
      ['measures[0].responsible[1]', 'RESPONSIBLE_UNKNOWN'],
      ['measures[0].responsible[2]', 'RESPONSIBLE_NOT_AT_SCHOOL'],
      ['measures[0].responsible[3]', 'RESPONSIBLE_UNKNOWN'],
      ['measures[0].responsible[4]', 'RESPONSIBLE_UNKNOWN'],
    ]);
  });

  it('refuses a measure with nobody responsible', () => {
    expect(problemsOf({ ...validInput, measures: [{ ...measure, responsible: [] }] })).toEqual([
      {
        field: 'measures[0].responsible',
        code: 'RESPONSIBLE_MISSING',
        message: 'Tiltak 1: Skriv hvem som skal gjennomføre tiltaket. Det må være en ansatt ved skolen.',
      },
    ]);
  });

  it('refuses a single id instead of a list', () => {
    expect(fields(problemsOf({ ...validInput, measures: [{ ...measure, responsible: 'teacher' }] }))).toEqual([
      'measures[0].responsible',
    ]);
  });
});

describe('validatePlan — missing parts are reported together', () => {
  it('an empty form names the problem description and the measures', () => {
    expect(problemsOf({}).map((p) => [p.field, p.code])).toEqual([
      ['problem', 'PROBLEM_MISSING'],
      ['measures', 'MEASURES_MISSING'],
    ]);
    expect(fields(problemsOf(null))).toEqual(['problem', 'measures']);
    expect(fields(problemsOf({ problem: validInput.problem, measures: [] }))).toEqual(['measures']);
  });

  it('an empty measure names every one of its missing parts', () => {
    const problems = problemsOf({ problem: '   ', measures: [measure, {}] });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['problem', 'PROBLEM_MISSING'],
      ['measures[1].level', 'LEVEL_INVALID'],
      ['measures[1].description', 'DESCRIPTION_MISSING'],
      ['measures[1].start', 'START_MISSING'],
      ['measures[1].end', 'END_MISSING'],
      ['measures[1].responsible', 'RESPONSIBLE_MISSING'],
      ['measures[1].evaluationDate', 'EVALUATION_MISSING'],
    ]);
    expect(problems.every((p) => p.message === (p.field === 'problem' ? '' : 'Tiltak 2: ') + PLAN_MESSAGES[p.code].nb)).toBe(true);
  });

  it('problems across several measures and proposals all come back at once', () => {
    const problems = problemsOf({
      problem: 'Mobbing',
      measures: [
        { ...measure, level: 'home', responsible: ['parent'] },
        'not a measure',
        { ...measure, end: undefined, evaluationDate: '2026-03-01' },
      ],
      pupilView: 42,
      parentProposals: [{ text: 'Bytte klasse', chosen: false }],
    });
    expect(fields(problems)).toEqual([
      'problem',
      'measures[0].level',
      'measures[0].responsible[0]',
      'measures[1]',
      'measures[2].end',
      'measures[2].evaluationDate',
      'pupilView',
      'parentProposals[0].reasonNotChosen',
    ]);
  });
});

describe('validatePlan — single rules', () => {
  it('refuses a problem description that is too short to be concrete', () => {
    expect(problemsOf({ ...validInput, problem: 'Mobbing i friminutt' })).toEqual([
      {
        field: 'problem',
        code: 'PROBLEM_TOO_SHORT',
        message: 'Problembeskrivelsen er for kort. Beskriv konkret hva som skjer, og hvordan eleven opplever det.',
      },
    ]);
    expect(problemsOf({ ...validInput, problem: 'Utestengingogmobbingsproblematikk' })[0]?.code).toBe('PROBLEM_TOO_SHORT');
  });

  it('refuses an evaluation date before the measure starts', () => {
    expect(problemsOf({ ...validInput, measures: [{ ...measure, evaluationDate: '2026-03-01' }] })).toEqual([
      {
        field: 'measures[0].evaluationDate',
        code: 'EVALUATION_BEFORE_START',
        message: 'Tiltak 1: Evalueringsdatoen er før tiltaket starter. Velg startdatoen eller en senere dato.',
      },
    ]);
  });

  it('refuses a measure with no end (measures are time-limited)', () => {
    const { end: _end, ...noEnd } = measure;
    expect(problemsOf({ ...validInput, measures: [noEnd] })).toEqual([
      {
        field: 'measures[0].end',
        code: 'END_MISSING',
        message: 'Tiltak 1: Skriv når tiltaket slutter. Tiltak skal ha en sluttdato.',
      },
    ]);
  });

  it('refuses an end before the start; a one-day measure is fine', () => {
    expect(problemsOf({ ...validInput, measures: [{ ...measure, end: '2026-03-01' }] }).map((p) => [p.field, p.code])).toEqual([
      ['measures[0].end', 'END_BEFORE_START'],
    ]);
    expect(validatePlan({ ...validInput, measures: [{ ...measure, end: measure.start, evaluationDate: measure.start }] }, ctx).ok).toBe(true);
  });

  it('refuses dates that do not exist or are not written as dates', () => {
    const problems = problemsOf({
      ...validInput,
      measures: [{ ...measure, start: '2026-02-30', end: '17.04.2026', evaluationDate: 20260320 }],
    });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['measures[0].start', 'DATE_INVALID'],
      ['measures[0].end', 'DATE_INVALID'],
      ['measures[0].evaluationDate', 'DATE_INVALID'],
    ]);
  });

  it('refuses an unknown level and a missing description', () => {
    expect(problemsOf({ ...validInput, measures: [{ ...measure, level: 'home', description: '  ' }] }).map((p) => p.code)).toEqual([
      'LEVEL_INVALID',
      'DESCRIPTION_MISSING',
    ]);
  });

  it('refuses a parent-proposed measure that was not chosen, without a reason', () => {
    expect(problemsOf({ ...validInput, parentProposals: [{ text: 'Bytte klasse', chosen: false, reasonNotChosen: ' ' }] })).toEqual([
      {
        field: 'parentProposals[0].reasonNotChosen',
        code: 'PROPOSAL_REASON_REQUIRED',
        message: 'Forslag 1 fra foreldrene: Foreldrene foreslo dette tiltaket, men det er ikke valgt. Skriv hvorfor.',
      },
    ]);
  });

  it('checks the rest of a parent proposal', () => {
    const problems = problemsOf({ ...validInput, parentProposals: [{ chosen: true }, { text: 'Tett oppfølging' }, 'x'] });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['parentProposals[0].text', 'PROPOSAL_TEXT_MISSING'],
      ['parentProposals[1].chosen', 'PROPOSAL_CHOICE_MISSING'],
      ['parentProposals[2]', 'INVALID_VALUE'],
    ]);
    expect(fields(problemsOf({ ...validInput, parentProposals: 'Bytte klasse' }))).toEqual(['parentProposals']);
  });

  it('validates the pupil’s and the parents’ views only when given, and only as text', () => {
    expect(validatePlan({ ...validInput, pupilView: null, parentsView: '   ' }, ctx).ok).toBe(true);
    expect(fields(problemsOf({ ...validInput, pupilView: ['x'], parentsView: 1 }))).toEqual(['pupilView', 'parentsView']);
  });

  it('refuses a blank measure id', () => {
    expect(fields(problemsOf({ ...validInput, measures: [{ ...measure, id: '' }] }))).toEqual(['measures[0].id']);
  });

  it('speaks Nynorsk when asked', () => {
    const problems = problemsOf({ ...validInput, measures: [{ ...measure, responsible: ['parent'] }] }, { ...ctx, language: 'nn' });
    expect(problems[0]?.message).toBe(
      'Tiltak 1: Ein forelder kan ikkje ha ansvar for å gjennomføre eit tiltak. Vel ein tilsett ved skulen.',
    );
  });
});

describe('the plan exists no later than the first measure (§ 12-4; seeds/000)', () => {
  it('measuresStartingBeforePlan names measures that start before the plan was made', () => {
    const ms = [
      { id: 'a', start: '2026-03-02' },
      { id: 'b', start: '2026-03-05' },
      { start: '2026-03-01' },
    ];
    expect(measuresStartingBeforePlan(ms, '2026-03-03')).toEqual([
      {
        field: 'measures[0].start',
        code: 'MEASURE_STARTS_BEFORE_PLAN',
        message: 'Tiltak 1: Tiltaket starter før planen er laget. Planen skal finnes senest når tiltaket settes inn.',
      },
      {
        field: 'measures[2].start',
        code: 'MEASURE_STARTS_BEFORE_PLAN',
        message: 'Tiltak 3: Tiltaket starter før planen er laget. Planen skal finnes senest når tiltaket settes inn.',
      },
    ]);
    // A measure carried over from an earlier version was covered by that version.
    expect(fields(measuresStartingBeforePlan(ms, '2026-03-03', ['a']))).toEqual(['measures[2].start']);
    // Starting on the day the plan is made is in time.
    expect(measuresStartingBeforePlan(ms, Temporal.PlainDate.from('2026-03-01'))).toEqual([]);
  });

  it('validatePlan applies it when told the plan date, next to the measure’s other problems', () => {
    const input = { ...validInput, measures: [{ ...measure, id: 'old' }, { ...measure, description: '' }, measure] };
    const problems = problemsOf(input, { ...ctx, planDate: '2026-03-04', carriedOverMeasureIds: ['old'] });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['measures[1].description', 'DESCRIPTION_MISSING'],
      ['measures[2].start', 'MEASURE_STARTS_BEFORE_PLAN'],
    ]);
    expect(validatePlan(validInput, { ...ctx, planDate: '2026-03-02' }).ok).toBe(true);
  });
});

describe('nextPlanVersion (revised, never overwritten)', () => {
  function valid(input: unknown): ValidPlan {
    const r = validatePlan(input, ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.plan;
  }
  const v1Plan = valid({ ...validInput, measures: [{ ...measure, id: 'm1' }] });
  const v1At = Temporal.Instant.from('2026-03-02T07:00:00Z');

  it('numbers versions from 1 and stamps each with its time', () => {
    const r1 = nextPlanVersion(null, v1Plan, v1At);
    expect(r1).toEqual({ ok: true, version: { version: 1, createdAt: v1At, plan: v1Plan } });
    if (!r1.ok) return;
    const v2Plan = valid({ ...validInput, measures: [{ ...measure, id: 'm1' }, { ...measure, id: 'm2', start: '2026-03-09' }] });
    const v2At = Temporal.Instant.from('2026-03-09T09:15:00Z');
    const r2 = nextPlanVersion(r1.version, v2Plan, v2At);
    expect(r2.ok && r2.version.version).toBe(2);
    expect(r2.ok && r2.version.createdAt.equals(v2At)).toBe(true);
  });

  it('never mutates the previous version, and keeps its own copy of the plan', () => {
    const r1 = nextPlanVersion(undefined, v1Plan, v1At);
    if (!r1.ok) throw new Error('v1');
    const previous: PlanVersion = r1.version;
    const before = JSON.stringify(previous);
    const revised = valid({ ...validInput, problem: `${validInput.problem} Nå også på bussen.`, measures: [{ ...measure, id: 'm1' }] });
    const r2 = nextPlanVersion(previous, revised, Temporal.Instant.from('2026-03-10T08:00:00Z'));
    expect(r2.ok).toBe(true);
    expect(JSON.stringify(previous)).toBe(before);
    expect(previous.version).toBe(1);
    expect(previous.plan).not.toBe(r1.ok && r2.ok ? r2.version.plan : undefined);
    if (r2.ok) {
      expect(r2.version.plan).toEqual(revised);
      expect(r2.version.plan.measures[0]).not.toBe(revised.measures[0]);
    }
  });

  it('refuses a version that is not later than the previous one', () => {
    const r1 = nextPlanVersion(null, v1Plan, v1At);
    if (!r1.ok) throw new Error('v1');
    for (const at of [v1At, v1At.subtract({ minutes: 5 })]) {
      expect(nextPlanVersion(r1.version, v1Plan, at)).toEqual({
        ok: false,
        problems: [{ field: 'createdAt', code: 'VERSION_BEFORE_PREVIOUS', message: PLAN_MESSAGES.VERSION_BEFORE_PREVIOUS.nb }],
      });
    }
  });

  it('refuses a new measure that started before this version, using the Oslo date of `now`', () => {
    // 2026-03-02T23:30Z is already 3 March in Oslo (UTC+1): a measure starting 2 March began
    // before this plan existed, although in UTC it is still 2 March.
    const lateEvening = Temporal.Instant.from('2026-03-02T23:30:00Z');
    expect(nextPlanVersion(null, v1Plan, lateEvening)).toEqual({
      ok: false,
      problems: [{ field: 'measures[0].start', code: 'MEASURE_STARTS_BEFORE_PLAN', message: `Tiltak 1: ${PLAN_MESSAGES.MEASURE_STARTS_BEFORE_PLAN.nb}` }],
    });
    expect(nextPlanVersion(null, v1Plan, Temporal.Instant.from('2026-03-02T22:59:59Z')).ok).toBe(true);
    const r1 = nextPlanVersion(null, v1Plan, Temporal.Instant.from('2026-03-02T07:00:00Z'));
    if (!r1.ok) throw new Error('v1');
    // A revision on 10 March adds m2 "from 5 March": the plan did not exist for it then.
    const v2Plan = valid({ ...validInput, measures: [{ ...measure, id: 'm1' }, { ...measure, id: 'm2', start: '2026-03-05' }] });
    const r2 = nextPlanVersion(r1.version, v2Plan, Temporal.Instant.from('2026-03-10T08:00:00Z'));
    expect(r2.ok ? [] : r2.problems.map((p) => [p.field, p.code])).toEqual([['measures[1].start', 'MEASURE_STARTS_BEFORE_PLAN']]);
  });
});

describe('parseIsoDate', () => {
  it('accepts real dates only', () => {
    expect(parseIsoDate('2028-02-29')?.toString()).toBe('2028-02-29');
    expect(parseIsoDate('2026-02-29')).toBeUndefined();
    expect(parseIsoDate('2026-3-2')).toBeUndefined();
    expect(parseIsoDate('2026-03-02T10:00')).toBeUndefined();
    expect(parseIsoDate(undefined)).toBeUndefined();
  });
});

describe('properties', () => {
  const codes: readonly string[] = PLAN_PROBLEM_CODES;
  const checkAnswer = (input: unknown) => {
    const r = validatePlan(input, ctx);
    if (r.ok) return;
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) {
      expect(p.field).toMatch(PLAN_FIELD_PATTERN);
      expect(codes).toContain(p.code);
      expect(p.message.length).toBeGreaterThan(0);
    }
  };

  it('never throws on arbitrary input, and every problem names a known field and code', () => {
    fc.assert(fc.property(fc.anything(), checkAnswer), { numRuns: 300 });
  });

  it('never throws on plan-shaped input with arbitrary values', () => {
    const value = fc.oneof(
      fc.anything(),
      fc.constantFrom('2026-03-02', '2026-02-30', '2026-05-01', '', 'teacher', 'parent', 'pupil', 'individual', 'after_school'),
    );
    const measureArb = fc.record(
      {
        id: value,
        level: value,
        description: value,
        start: value,
        end: value,
        responsible: fc.oneof(value, fc.array(value, { maxLength: 4 })),
        evaluationDate: value,
      },
      { requiredKeys: [] },
    );
    const planArb = fc.record(
      {
        problem: value,
        measures: fc.oneof(value, fc.array(fc.oneof(measureArb, value), { maxLength: 4 })),
        pupilView: value,
        parentsView: value,
        parentProposals: fc.oneof(
          value,
          fc.array(fc.oneof(value, fc.record({ text: value, chosen: value, reasonNotChosen: value }, { requiredKeys: [] })), { maxLength: 3 }),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(planArb, checkAnswer), { numRuns: 500 });
  });

  it('a plan is accepted exactly when no problem is found, and accepted plans validate again unchanged', () => {
    const dateArb = fc.integer({ min: 0, max: 120 }).map((d) => Temporal.PlainDate.from('2026-01-05').add({ days: d }).toString());
    const measureArb = fc.record({
      level: fc.constantFrom('individual', 'class', 'school', 'after_school'),
      description: fc.constant('Fast voksen i friminuttene.'),
      start: dateArb,
      end: dateArb,
      responsible: fc.array(fc.constantFrom('teacher', 'assistant', 'aksStaff', 'parent', 'pupil'), { minLength: 1, maxLength: 3 }),
      evaluationDate: dateArb,
    });
    fc.assert(
      fc.property(fc.array(measureArb, { minLength: 1, maxLength: 4 }), (ms) => {
        const r = validatePlan({ problem: validInput.problem, measures: ms }, ctx);
        const shouldPass = ms.every(
          (m) => m.end >= m.start && m.evaluationDate >= m.start && m.responsible.every((p) => p !== 'parent' && p !== 'pupil'),
        );
        expect(r.ok).toBe(shouldPass);
        if (r.ok) expect(validatePlan(r.plan, ctx)).toEqual(r);
      }),
      { numRuns: 300 },
    );
  });
});
