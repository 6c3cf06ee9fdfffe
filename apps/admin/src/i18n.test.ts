import { describe, expect, it } from 'vitest';
import { dictionaries, nb, nn } from './i18n';
import {
  ANSWER_KEYS,
  CATEGORY_KEYS,
  DEADLINE_KEYS,
  DEADLINE_STATE_KEYS,
  DECISION_KEYS,
  LEVEL_KEYS,
  ROLE_KEYS,
  STATUS_KEYS,
  STEP_KIND_KEYS,
  TIMELINE_KEYS,
  deadlineLabel,
  levelLabel,
  statusLabel,
  stepKindLabel,
  timelineLabel,
} from './labels';
import { investigationStepKind, measureView, evaluationDecision, wellbeingAnswer } from '@trygg/contracts';

const sample = (value: unknown): string => (typeof value === 'function' ? String((value as (...a: unknown[]) => string)('X', 2, 3, 4)) : String(value));

describe('dictionaries', () => {
  it('Nynorsk has exactly the keys of Bokmål', () => {
    expect(Object.keys(nn).sort()).toEqual(Object.keys(nb).sort());
  });

  it('every text is filled in, in both languages, and functions take the same arguments', () => {
    for (const [lang, dict] of Object.entries(dictionaries)) {
      for (const [key, value] of Object.entries(dict)) {
        expect(typeof value, `${lang}.${key}`).toBe(typeof nb[key as keyof typeof nb]);
        if (typeof value === 'function') expect(value.length, `${lang}.${key} arity`).toBe((nb[key as keyof typeof nb] as (...a: never[]) => string).length);
        expect(sample(value).trim(), `${lang}.${key}`).not.toBe('');
        expect(sample(value), `${lang}.${key}`).not.toMatch(/undefined|TODO/);
      }
    }
  });

  it('Nynorsk is really Nynorsk where the languages differ', () => {
    expect(nn.tagline).not.toBe(nb.tagline);
    expect(nn.reportTitle).not.toBe(nb.reportTitle);
    expect(nn.ackUnknownText).not.toBe(nb.ackUnknownText);
    expect(nn.errorNetwork).not.toBe(nb.errorNetwork);
  });

  it('every code table points at existing dictionary entries', () => {
    for (const table of [STATUS_KEYS, DEADLINE_KEYS, DEADLINE_STATE_KEYS, TIMELINE_KEYS, CATEGORY_KEYS, ROLE_KEYS, STEP_KIND_KEYS, LEVEL_KEYS, DECISION_KEYS, ANSWER_KEYS]) {
      for (const key of Object.values(table)) {
        expect(nb[key], key).toBeDefined();
        expect(typeof nn[key], key).toBe('string');
      }
    }
  });

  it('shows an unknown code as itself rather than nothing', () => {
    expect(statusLabel(nb, 'investigating')).toBe('Undersøkes');
    expect(statusLabel(nn, 'investigating')).toBe('Under undersøking');
    expect(statusLabel(nb, 'archived')).toBe('archived');
    expect(deadlineLabel(nb, 'new_kind')).toBe('new_kind');
    expect(timelineLabel(nb, 'case_archived')).toBe('Hendelse (case_archived)');
    expect(timelineLabel(nn, 'plan_revised')).toBe('Ny versjon av aktivitetsplanen');
  });

  it("names every code the contracts know: step kinds, measure levels, decisions, answers", () => {
    expect(Object.keys(STEP_KIND_KEYS).sort()).toEqual([...investigationStepKind.options].sort());
    expect(Object.keys(LEVEL_KEYS).sort()).toEqual([...measureView.shape.level.options].sort());
    expect(Object.keys(DECISION_KEYS).sort()).toEqual([...evaluationDecision.options].sort());
    expect(Object.keys(ANSWER_KEYS).sort()).toEqual([...wellbeingAnswer.options].sort());
    expect(stepKindLabel(nb, 'conversation_with_pupil')).toBe('Samtale med eleven');
    expect(levelLabel(nn, 'school')).toBe('Skulenivå');
  });
});
