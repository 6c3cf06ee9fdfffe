// Staff who carry out measures (DOMAIN "People and roles": staff see "measures they are
// responsible for"), against a real database: the case view's `ownMeasures` holds the caller's
// own measures of the current plan version and nothing else of the case; «Mine tiltak»
// (GET /api/my-measures) lists exactly the cases where the caller carries out a measure,
// nearest evaluation first; a new plan version that drops them takes the view away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, roles } from '@trygg/db';
import { createTestApp, osloDate, type TestApp } from './test-support';

let x: TestApp;
/** Staff at the school: Siv carries out a measure next to Tone's; Per carries out none. */
let siv: string;
let per: string;

async function staffMember(name: string): Promise<string> {
  const [row] = await x.t.db
    .insert(people)
    .values({ name, email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${Math.random().toString(36).slice(2, 8)}@example.test` })
    .returning({ id: people.id });
  await x.t.db.insert(roles).values({ personId: row!.id, role: 'staff', schoolId: x.s.schoolId });
  return row!.id;
}

beforeAll(async () => {
  x = await createTestApp();
  siv = await staffMember('Siv Støtte');
  per = await staffMember('Per Passiv');
});
afterAll(async () => {
  await x?.drop();
});

const INVESTIGATION = 'Nora sier at en gruppe holder henne utenfor, og at Emil bestemmer hvem som får være med.';
const PROBLEM = 'Nora blir holdt utenfor i friminuttene og gruer seg til skolen.';
const PUPIL_VIEW = 'Nora vil ha en voksen i nærheten, men ikke at alle skal se det.';
const PARENTS_VIEW = 'Foreldrene ønsker at klassen får tiltak, ikke bare Nora.';
const TONE_MEASURE = 'Fast voksen sammen med eleven i alle friminutt.';
const SIV_MEASURE = 'Samtalegruppe om vennskap med jentene i klassen.';

/** A case reported by the SFO worker (so neither Tone nor Siv is a reporter), investigated and concluded by the leader. */
async function concludedCase(pupilId: string, day: string): Promise<string> {
  x.clock.now = osloDate(`${day}T09:00`);
  const report = await x.as(x.s.sfo).post('/api/reports', {
    schoolId: x.s.schoolId,
    pupilId,
    basis: 'knowledge',
    category: 'exclusion',
    description: 'Eleven blir holdt utenfor i friminuttene og sitter alene.',
    intervened: false,
  });
  expect(report.status).toBe(201);
  const id = report.body.caseId as string;
  expect((await x.as(x.s.principal).post(`/api/cases/${id}/delegate`, { leaderId: x.s.leader })).status).toBe(200);
  expect((await x.as(x.s.leader).post(`/api/cases/${id}/start-investigation`, {})).status).toBe(200);
  const talk = await x
    .as(x.s.leader)
    .post(`/api/cases/${id}/investigation/steps`, { kind: 'conversation_with_pupil', performedById: x.s.leader, summary: INVESTIGATION });
  expect(talk.status).toBe(201);
  const best = await x.as(x.s.leader).post(`/api/cases/${id}/investigation/best-interest`, { text: 'Nora trenger en trygg voksen i friminuttene.' });
  expect(best.status).toBe(201);
  const done = await x
    .as(x.s.leader)
    .post(`/api/cases/${id}/conclude-investigation`, { measuresNeeded: true, conclusion: 'Nora har ikke et trygt skolemiljø.' });
  expect(done.status).toBe(200);
  return id;
}

const measure = (over: Record<string, unknown>) => ({
  level: 'individual',
  description: TONE_MEASURE,
  start: '2026-04-20',
  end: '2026-05-29',
  responsible: [x.s.teacher],
  evaluationDate: '2026-05-04',
  ...over,
});

async function plan(id: string, measures: unknown[]): Promise<{ id: string }[]> {
  const res = await x.as(x.s.leader).post(`/api/cases/${id}/plans`, {
    problem: PROBLEM,
    measures,
    pupilView: PUPIL_VIEW,
    parentsView: PARENTS_VIEW,
    parentProposals: [{ text: 'Bytte klasse.', chosen: false, reasonNotChosen: 'Nora vil bli i klassen.' }],
  });
  expect(res.status).toBe(201);
  return res.body.plan.measures;
}

describe('staff who carry out measures', () => {
  /** Tone's and Siv's measures, evaluated 4 May. */
  let caseA: string;
  /** Only Tone's measure, evaluated 27 April (another pupil). */
  let caseB: string;
  /** The leader's measure only. */
  let caseC: string;
  let toneA: string;
  let sivA: string;
  let toneB: string;

  beforeAll(async () => {
    caseA = await concludedCase(x.s.pupil, '2026-04-13');
    caseB = await concludedCase(x.s.otherPupil, '2026-04-14');
    caseC = await concludedCase(x.s.pupil, '2026-04-15');
    x.clock.now = osloDate('2026-04-15T10:00');
    [toneA, sivA] = (
      await plan(caseA, [
        measure({}),
        measure({ level: 'class', description: SIV_MEASURE, end: '2026-06-12', responsible: [siv] }),
      ])
    ).map((m) => m.id) as [string, string];
    [toneB] = (await plan(caseB, [measure({ evaluationDate: '2026-04-27' })])).map((m) => m.id) as [string];
    await plan(caseC, [measure({ responsible: [x.s.leader], description: 'Lederen følger opp i klassen.' })]);
  });

  it('a measure owner sees their own measure — not another staff member’s, nor the pupil’s name, nor the investigation', async () => {
    const res = await x.as(x.s.teacher).get(`/api/cases/${caseA}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['access', 'id', 'number', 'ownMeasures', 'pupilInitials', 'status']);
    expect(res.body).toMatchObject({ access: 'own_part', id: caseA, status: 'measures', pupilInitials: 'NN' });
    expect(res.body.ownMeasures).toEqual([
      {
        id: toneA,
        level: 'individual',
        description: TONE_MEASURE,
        start: '2026-04-20',
        end: '2026-05-29',
        nextEvaluation: { date: '2026-05-04', dueAt: osloDate('2026-05-04T16:00').toISOString(), overdue: false },
        evaluations: [],
      },
    ]);
    const text = JSON.stringify(res.body);
    for (const hidden of ['Nora', 'Nilsen', 'Emil', INVESTIGATION, PROBLEM, PUPIL_VIEW, PARENTS_VIEW, SIV_MEASURE, sivA, 'Bytte klasse', 'Siv']) {
      expect(text).not.toContain(hidden);
    }
    // The rest of the case stays closed to them.
    expect((await x.as(x.s.teacher).get(`/api/cases/${caseA}/investigation`)).status).toBe(404);
    expect((await x.as(x.s.teacher).get(`/api/cases/${caseA}/evaluations`)).status).toBe(404);

    // Siv sees her measure, not Tone's.
    const hers = await x.as(siv).get(`/api/cases/${caseA}`);
    expect(hers.body.ownMeasures.map((m: { id: string }) => m.id)).toEqual([sivA]);
    expect(JSON.stringify(hers.body)).not.toContain(TONE_MEASURE);
    // A case where they carry out nothing (and did not report) is not theirs.
    expect((await x.as(x.s.teacher).get(`/api/cases/${caseC}`)).status).toBe(404);
    expect((await x.as(per).get(`/api/cases/${caseA}`)).status).toBe(404);
  });

  it('the case leader reads the planned evaluation dates, each with the measures due that day', async () => {
    const res = await x.as(x.s.leader).get(`/api/cases/${caseA}`);
    expect(res.body.plannedEvaluations).toEqual([
      { date: '2026-05-04', dueAt: osloDate('2026-05-04T16:00').toISOString(), state: 'open', measureIds: [toneA, sivA] },
    ]);
  });

  it('a reporter who carries out no measure sees number and status only', async () => {
    const res = await x.as(x.s.sfo).get(`/api/cases/${caseA}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access: 'own_part', id: caseA, number: expect.any(String), status: 'measures' });
  });

  it('«Mine tiltak» lists exactly the measure owner’s cases, nearest evaluation first, and nothing for others', async () => {
    const tone = await x.as(x.s.teacher).get('/api/my-measures');
    expect(tone.status).toBe(200);
    expect(tone.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([caseB, caseA]);
    expect(tone.body.items[0]).toEqual({
      caseId: caseB,
      number: expect.any(String),
      status: 'measures',
      schoolId: x.s.schoolId,
      pupilInitials: 'EB',
      nextEvaluation: { date: '2026-04-27', dueAt: osloDate('2026-04-27T16:00').toISOString(), overdue: false },
      measures: [
        {
          id: toneB,
          level: 'individual',
          description: TONE_MEASURE,
          start: '2026-04-20',
          end: '2026-05-29',
          nextEvaluation: { date: '2026-04-27', dueAt: osloDate('2026-04-27T16:00').toISOString(), overdue: false },
        },
      ],
    });
    expect(tone.body.items[1].measures.map((m: { id: string }) => m.id)).toEqual([toneA]);
    expect(JSON.stringify(tone.body)).not.toMatch(/Nora|Emil|Nilsen|Berg/);

    expect((await x.as(siv).get('/api/my-measures')).body.items.map((i: { caseId: string }) => i.caseId)).toEqual([caseA]);
    expect((await x.as(x.s.leader).get('/api/my-measures')).body.items.map((i: { caseId: string }) => i.caseId)).toEqual([caseC]);
    for (const nobody of [per, x.s.sfo, x.s.principal, x.s.otherPrincipal, x.s.ownerOfficial, x.s.admin]) {
      const res = await x.as(nobody).get('/api/my-measures');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    }
    expect((await x.as(null).get('/api/my-measures')).status).toBe(401);

    // The case list now holds their cases too, as number and status only.
    const list = await x.as(x.s.teacher).get('/api/cases');
    const listed = list.body.items.filter((i: { id: string }) => [caseA, caseB, caseC].includes(i.id));
    expect(listed.map((i: { id: string }) => i.id).sort()).toEqual([caseA, caseB].sort());
    for (const item of listed) expect(Object.keys(item).sort()).toEqual(['access', 'id', 'number', 'status']);
  });

  it('marks a missed evaluation as overdue', async () => {
    x.clock.now = osloDate('2026-04-28T09:00');
    const tone = await x.as(x.s.teacher).get('/api/my-measures');
    expect((await x.as(x.s.leader).get(`/api/cases/${caseB}`)).body.plannedEvaluations).toEqual([
      { date: '2026-04-27', dueAt: osloDate('2026-04-27T16:00').toISOString(), state: 'missed', measureIds: [toneB] },
    ]);
    expect(tone.body.items.map((i: { caseId: string; nextEvaluation: { date: string; overdue: boolean } }) => [i.caseId, i.nextEvaluation])).toEqual([
      [caseB, { date: '2026-04-27', dueAt: osloDate('2026-04-27T16:00').toISOString(), overdue: true }],
      [caseA, { date: '2026-05-04', dueAt: osloDate('2026-05-04T16:00').toISOString(), overdue: false }],
    ]);
  });

  it('shows their measure’s part of an evaluation (how carried out, effect), not the rest of it', async () => {
    x.clock.now = osloDate('2026-05-04T10:00');
    const res = await x.as(x.s.leader).post(`/api/cases/${caseA}/evaluations`, {
      plannedDate: '2026-05-04',
      measures: [
        { measureId: toneA, howCarriedOut: 'Tone har vært med i alle friminutt.', effect: 'Eleven leker mer med andre.' },
        { measureId: sivA, howCarriedOut: 'To samtalegrupper.', effect: 'Lite endring ennå.' },
      ],
      pupilView: 'Nora sier det er litt bedre.',
      parentsView: 'Foreldrene ser bedring.',
      situationSafe: false,
      decision: 'continue',
      nextEvaluationOn: '2026-05-20',
    });
    expect(res.status).toBe(201);
    // The next date was set by the evaluation: it covers every measure under way, none planned for it.
    expect(res.body.case.plannedEvaluations).toEqual([
      { date: '2026-05-20', dueAt: osloDate('2026-05-20T16:00').toISOString(), state: 'open', measureIds: [] },
    ]);
    const mine = await x.as(x.s.teacher).get(`/api/cases/${caseA}`);
    expect(mine.body.ownMeasures).toEqual([
      expect.objectContaining({
        id: toneA,
        nextEvaluation: { date: '2026-05-20', dueAt: osloDate('2026-05-20T16:00').toISOString(), overdue: false },
        evaluations: [
          {
            plannedDate: '2026-05-04',
            doneAt: osloDate('2026-05-04T10:00').toISOString(),
            howCarriedOut: 'Tone har vært med i alle friminutt.',
            effect: 'Eleven leker mer med andre.',
          },
        ],
      }),
    ]);
    const text = JSON.stringify(mine.body);
    for (const hidden of ['To samtalegrupper', 'Lite endring', 'Nora sier', 'Foreldrene ser']) expect(text).not.toContain(hidden);
  });

  it('loses the view when a new plan version no longer names them', async () => {
    x.clock.now = osloDate('2026-05-05T09:00');
    const res = await x.as(x.s.leader).post(`/api/cases/${caseA}/plans`, {
      problem: PROBLEM,
      measures: [
        measure({ id: toneA, responsible: [x.s.leader], evaluationDate: '2026-05-20' }),
        measure({ id: sivA, level: 'class', description: SIV_MEASURE, end: '2026-06-12', responsible: [siv], evaluationDate: '2026-05-20' }),
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.case.plannedEvaluations).toEqual([
      { date: '2026-05-20', dueAt: osloDate('2026-05-20T16:00').toISOString(), state: 'open', measureIds: [toneA, sivA] },
    ]);
    // Tone neither reported the case nor carries out a measure any more: it is hidden from her.
    expect((await x.as(x.s.teacher).get(`/api/cases/${caseA}`)).status).toBe(404);
    expect((await x.as(x.s.teacher).get(`/api/cases/${caseA}/plans`)).status).toBe(404);
    expect((await x.as(x.s.teacher).get('/api/my-measures')).body.items.map((i: { caseId: string }) => i.caseId)).toEqual([caseB]);
    expect((await x.as(x.s.teacher).get('/api/cases')).body.items.map((i: { id: string }) => i.id)).not.toContain(caseA);
    // Siv keeps hers; the leader now carries out Tone's old measure.
    expect((await x.as(siv).get(`/api/cases/${caseA}`)).body.ownMeasures.map((m: { id: string }) => m.id)).toEqual([sivA]);
    expect((await x.as(x.s.leader).get('/api/my-measures')).body.items.map((i: { caseId: string }) => i.caseId).sort()).toEqual(
      [caseA, caseC].sort(),
    );
  });

  it('a closed case leaves «Mine tiltak»', async () => {
    x.clock.now = osloDate('2026-05-06T09:00');
    const closed = await x.as(x.s.leader).post(`/api/cases/${caseB}/close`, { pupilSituationSafe: true, reason: 'Eleven har det trygt og godt nå.' });
    expect(closed.status).toBe(200);
    expect(closed.body.plannedEvaluations).toEqual([]);
    expect((await x.as(x.s.teacher).get('/api/my-measures')).body.items).toEqual([]);
    // The case itself still shows what they did, with no evaluation waiting.
    const view = await x.as(x.s.teacher).get(`/api/cases/${caseB}`);
    expect(view.body.ownMeasures).toEqual([expect.objectContaining({ id: toneB, nextEvaluation: null })]);
  });
});
