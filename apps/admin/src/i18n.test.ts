import { describe, expect, it } from 'vitest';
import { dictionaries, nb, nn } from './i18n';
import { CATEGORY_KEYS, DEADLINE_KEYS, DEADLINE_STATE_KEYS, ROLE_KEYS, STATUS_KEYS, TIMELINE_KEYS, deadlineLabel, statusLabel, timelineLabel } from './labels';

const sample = (value: unknown): string => (typeof value === 'function' ? String((value as (...a: unknown[]) => string)('X', 2, 3)) : String(value));

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
    for (const table of [STATUS_KEYS, DEADLINE_KEYS, DEADLINE_STATE_KEYS, TIMELINE_KEYS, CATEGORY_KEYS, ROLE_KEYS]) {
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
    expect(timelineLabel(nb, 'plan_created')).toBe('Hendelse (plan_created)');
  });
});
