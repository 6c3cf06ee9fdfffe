import { describe, expect, it } from 'vitest';
import { closeCase, createOwner, fileReport, instantInput } from './index';

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
    expect(parsed).toMatchObject({ serious: false, concernsEmployee: false, reporterContext: 'school' });
  });

  it('asks how someone intervened when they did', () => {
    const result = fileReport.safeParse({ ...report, intervened: true });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['intervention', 'Skriv kort hvordan det ble grepet inn.']]);
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
    const result = createOwner.safeParse({ name: 'Eik kommune', nonSchoolDays: [{ from: '2026-10-09', to: '2026-10-05', label: 'Høstferie' }] });
    expect(result.error?.issues[0]?.path).toEqual(['nonSchoolDays', 0, 'to']);
  });
});
