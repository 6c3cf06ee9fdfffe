import { describe, expect, it } from 'vitest';
import { formatIsoDate, formatOsloDate, formatOsloDateTime, isPast, osloParts, toOsloInputValue } from './format';

describe('Oslo time', () => {
  it('shows an instant in Oslo wall-clock time, in summer (UTC+2) and winter (UTC+1)', () => {
    expect(formatOsloDateTime('2026-04-06T05:30:00.000Z', 'nb')).toBe('mandag 6. april 2026 kl. 07.30');
    expect(formatOsloDateTime('2026-01-15T15:00:00.000Z', 'nb')).toBe('torsdag 15. januar 2026 kl. 16.00');
    expect(formatOsloDateTime('2026-04-06T05:30:00.000Z', 'nn')).toBe('måndag 6. april 2026 kl. 07.30');
  });

  it('crosses the spring-forward night: 01:59 is followed by 03:00', () => {
    expect(formatOsloDateTime('2026-03-29T00:59:00Z', 'nb')).toBe('søndag 29. mars 2026 kl. 01.59');
    expect(formatOsloDateTime('2026-03-29T01:00:00Z', 'nb')).toBe('søndag 29. mars 2026 kl. 03.00');
    expect(formatOsloDateTime('2026-03-29T01:00:00Z', 'nn')).toBe('sundag 29. mars 2026 kl. 03.00');
  });

  it('shows both 02:30s of the fall-back night as 02.30', () => {
    expect(osloParts('2026-10-25T00:30:00Z')).toMatchObject({ day: 25, hour: 2, minute: 30 });
    expect(osloParts('2026-10-25T01:30:00Z')).toMatchObject({ day: 25, hour: 2, minute: 30 });
    expect(formatOsloDateTime('2026-10-25T01:30:00Z', 'nb', { weekday: false })).toBe('25. oktober 2026 kl. 02.30');
  });

  it('puts an instant on the Oslo date, not the UTC date', () => {
    expect(formatOsloDate('2026-12-31T23:30:00Z', 'nb', { weekday: true })).toBe('fredag 1. januar 2027');
    expect(formatOsloDate('2026-06-30T22:30:00Z', 'nn')).toBe('1. juli 2026');
    expect(osloParts('2026-12-31T23:30:00Z')?.weekday).toBe(5);
  });

  it('gives midnight as 00.00, never 24.00', () => {
    expect(formatOsloDateTime('2026-02-01T23:00:00Z', 'nb')).toBe('mandag 2. februar 2026 kl. 00.00');
  });

  it('writes datetime-local values in Oslo time (the API reads offset-less times as Oslo)', () => {
    expect(toOsloInputValue('2026-04-06T05:30:00Z')).toBe('2026-04-06T07:30');
    expect(toOsloInputValue(new Date('2026-11-02T06:05:00Z'))).toBe('2026-11-02T07:05');
  });

  it('answers empty text for what is not a date', () => {
    expect(formatOsloDateTime('not a date', 'nb')).toBe('');
    expect(osloParts('')).toBeNull();
    expect(toOsloInputValue('x')).toBe('');
  });

  it('compares against an injected clock', () => {
    const now = new Date('2026-04-06T14:00:00Z');
    expect(isPast('2026-04-06T14:00:00Z', now)).toBe(true);
    expect(isPast('2026-04-06T14:00:01Z', now)).toBe(false);
    expect(isPast('garbage', now)).toBe(false);
  });
});

describe('calendar dates', () => {
  it('reads a plan date as the date it is, whatever the zone', () => {
    expect(formatIsoDate('2026-05-04', 'nb')).toBe('4. mai 2026');
    expect(formatIsoDate('2026-05-04', 'nb', { weekday: true })).toBe('mandag 4. mai 2026');
    expect(formatIsoDate('2026-05-03', 'nn', { weekday: true })).toBe('sundag 3. mai 2026');
    expect(formatIsoDate('not-a-date', 'nb')).toBe('not-a-date');
  });
});
