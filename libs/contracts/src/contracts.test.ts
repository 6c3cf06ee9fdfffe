import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  assignRole,
  closeCase,
  concludeInvestigation,
  createOwner,
  createPupil,
  fileReport,
  instantInput,
  problemsFromIssues,
  recordEvaluation,
  summariseProblems,
} from './index';

const report = {
  schoolId: '0b8e2f4a-1c1d-4c3e-9f5a-2d7e8b9c0a11',
  pupilId: '1b8e2f4a-1c1d-4c3e-9f5a-2d7e8b9c0a12',
  basis: 'suspicion',
  category: 'bullying',
  description: 'Eleven sitter alene i friminuttene.',
  intervened: false,
};

describe('contracts', () => {
  it('accepts a minimal report and defaults the rest', () => {
    const parsed = fileReport.parse(report);
    expect(parsed).toMatchObject({ serious: false, concernsEmployee: false });
  });

  it('asks how someone intervened when they did', () => {
    const result = fileReport.safeParse({ ...report, intervened: true });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['intervention', 'Skriv kort hvordan det ble grepet inn.'],
    ]);
  });

  it('asks whom a § 12-5 report is about', () => {
    const result = fileReport.safeParse({ ...report, concernsEmployee: true });
    expect(result.error?.issues[0]?.path).toEqual(['accusedPersonId']);
  });

  it('refuses unknown keys, so nothing unexpected is written', () => {
    expect(fileReport.safeParse({ ...report, __proto__x: 1, status: 'closed' }).success).toBe(false);
  });

  it('takes Oslo wall-clock or offset instants and refuses other shapes', () => {
    expect(instantInput.safeParse('2026-04-03T15:50').success).toBe(true);
    expect(instantInput.safeParse('2026-04-03T15:50:00+02:00').success).toBe(true);
    expect(instantInput.safeParse('03.04.2026 15:50').success).toBe(false);
  });

  it('only closes a case whose pupil is safe', () => {
    expect(closeCase.safeParse({ pupilSituationSafe: false, reason: 'x' }).error?.issues[0]?.message).toBe(
      'Saken kan bare avsluttes når eleven har det trygt og godt.',
    );
  });

  it('refuses a holiday period that ends before it starts', () => {
    const result = createOwner.safeParse({
      name: 'Eik kommune',
      nonSchoolDays: [{ from: '2026-10-09', to: '2026-10-05', label: 'Høstferie' }],
    });
    expect(result.error?.issues[0]?.path).toEqual(['nonSchoolDays', 0, 'to']);
  });

  it('names an accused employee only in a § 12-5 report', () => {
    const result = fileReport.safeParse({ ...report, accusedPersonId: report.pupilId });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['accusedPersonId']);
  });

  it('does not ask whether the pupil was heard when concluding: the investigation record tells', () => {
    expect(concludeInvestigation.safeParse({ measuresNeeded: false, conclusion: 'Ingen krenkelse funnet.' }).success).toBe(true);
    const result = concludeInvestigation.safeParse({ conclusion: '' });
    expect(
      problemsFromIssues(result.error!.issues)
        .map((p) => p.field)
        .sort(),
    ).toEqual(['conclusion', 'measuresNeeded']);
  });

  it('an evaluation sets the next date unless the case closes, and adjusting sends the revised plan', () => {
    const evaluation = {
      plannedDate: '2026-05-04',
      measures: [{ measureId: report.pupilId, howCarriedOut: 'Hver dag.', effect: 'Eleven er tryggere.' }],
      pupilView: 'Det er bedre.',
      situationSafe: false,
    };
    const fields = (value: unknown) => problemsFromIssues(recordEvaluation.safeParse(value).error?.issues ?? []).map((p) => p.field);
    expect(fields({ ...evaluation, decision: 'continue' })).toEqual(['nextEvaluationOn']);
    expect(fields({ ...evaluation, decision: 'close', nextEvaluationOn: '2026-05-18' })).toEqual(['nextEvaluationOn']);
    expect(fields({ ...evaluation, decision: 'adjust', nextEvaluationOn: '2026-05-18' })).toEqual(['revisedPlan']);
    expect(fields({ ...evaluation, decision: 'close' })).toEqual([]);
    expect(fields({ ...evaluation, measures: [{ measureId: report.pupilId, howCarriedOut: 'Hver dag.' }], decision: 'close' })).toEqual([
      'measures.0.effect',
    ]);
  });

  it('tells which role goes with which scope', () => {
    expect(assignRole.safeParse({ personId: report.pupilId, schoolId: report.schoolId, role: 'leader' }).success).toBe(true);
    expect(assignRole.safeParse({ personId: report.pupilId, ownerId: report.schoolId, role: 'owner' }).success).toBe(true);
    expect(assignRole.safeParse({ personId: report.pupilId, schoolId: report.schoolId, role: 'owner' }).success).toBe(false);
  });
});

describe('problems in Bokmål', () => {
  const problemsOf = (schema: z.ZodType, value: unknown) => problemsFromIssues(schema.safeParse(value).error?.issues ?? []);

  it("replaces zod's English defaults and keeps the contracts' own messages", () => {
    const problems = problemsOf(fileReport, { ...report, intervened: 'ja', description: '', extra: 1 });
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'intervened', code: 'invalid_type', message: 'Grep du inn: svar ja (true) eller nei (false).' },
        { field: 'description', code: 'too_small', message: 'Beskrivelsen kan ikke være tom.' },
        { field: 'extra', code: 'unrecognized_keys', message: 'Feltet er ukjent. Fjern det.' },
      ]),
    );
    for (const p of problems) expect(p.message).not.toMatch(/^(Invalid|Too|Unrecognized|Expected)/);
  });

  it('says "fill it in" for a missing field without a message of its own', () => {
    const problems = problemsOf(createPupil, { schoolId: report.schoolId, birthYear: 2015 });
    expect(problems).toEqual([{ field: 'name', code: 'invalid_type', message: 'Feltet må fylles ut med tekst.' }]);
  });

  it('summarises the problems naming the fields', () => {
    expect(summariseProblems([{ field: 'pupilId', code: 'x', message: 'Må være en gyldig id.' }])).toBe(
      'Noe er feil i det som ble sendt inn. pupilId: Må være en gyldig id.',
    );
  });
});
