import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDecimal,
  formatPercent,
  formatShortDate,
  formatWeekRange,
  isoWeek,
  maskSensitiveCount,
  parseInstant,
} from './format';
import { appLinks } from './links';

describe('maskSensitiveCount (§ 12-5 counts in the owner digest)', () => {
  it('shows every count under 5 as "<5", zero included', () => {
    for (const n of [0, 1, 2, 3, 4]) expect(maskSensitiveCount(n)).toBe('<5');
  });

  it('shows 5 and above as the number', () => {
    expect(maskSensitiveCount(5)).toBe('5');
    expect(maskSensitiveCount(6)).toBe('6');
    expect(maskSensitiveCount(120)).toBe('120');
  });

  it('refuses what is not a count rather than print it', () => {
    for (const n of [-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => maskSensitiveCount(n)).toThrow(RangeError);
    }
  });
});

describe('isoWeek', () => {
  it.each([
    ['2026-04-13', 2026, 16],
    ['2026-04-19', 2026, 16],
    ['2026-01-01', 2026, 1], // a Thursday: week 1 of its own year
    ['2026-12-28', 2026, 53], // 2026 starts on a Thursday, so it has 53 weeks
    ['2027-01-03', 2026, 53], // a Sunday still in 2026-W53
    ['2027-01-04', 2027, 1],
    ['2024-12-30', 2025, 1], // a Monday already in next year's week 1
    ['2021-01-03', 2020, 53],
  ])('%s is %i-W%i', (date, year, week) => {
    expect(isoWeek(date)).toEqual({ year, week });
  });

  it('agrees with Temporal for every day of 2020–2032', () => {
    let day = Temporal.PlainDate.from('2020-01-01');
    const end = Temporal.PlainDate.from('2033-01-01');
    while (Temporal.PlainDate.compare(day, end) < 0) {
      expect(isoWeek(day.toString()), day.toString()).toEqual({ year: day.yearOfWeek, week: day.weekOfYear });
      day = day.add({ days: 1 });
    }
  });

  it('rejects dates that do not exist', () => {
    expect(() => isoWeek('2026-02-30')).toThrow(RangeError);
    expect(() => isoWeek('2026-4-1')).toThrow(RangeError);
  });
});

describe('dates in Europe/Oslo whatever the server zone', () => {
  it('formats as "mandag 6. april 2026 kl. 07:30" in Bokmål and "måndag …" in Nynorsk', () => {
    expect(formatDateTime('2026-04-06T05:30:00Z', 'nb')).toBe('mandag 6. april 2026 kl. 07:30');
    expect(formatDateTime('2026-04-06T05:30:00Z', 'nn')).toBe('måndag 6. april 2026 kl. 07:30');
    expect(formatDate('2026-04-07T05:30:00Z', 'nn')).toBe('tysdag 7. april 2026');
    expect(formatShortDate('2026-04-11T05:30:00Z', 'nn')).toBe('laurdag 11. april');
  });

  it('uses winter time (UTC+1) and summer time (UTC+2)', () => {
    expect(formatDateTime('2026-12-01T15:00:00Z', 'nb')).toBe('tirsdag 1. desember 2026 kl. 16:00');
    expect(formatDateTime('2026-06-01T14:00:00Z', 'nb')).toBe('mandag 1. juni 2026 kl. 16:00');
  });

  it('crosses the DST changes correctly', () => {
    // 2026-03-29: 02:00 → 03:00, the hour 02:xx does not exist.
    expect(formatDateTime('2026-03-29T00:59:00Z', 'nb')).toBe('søndag 29. mars 2026 kl. 01:59');
    expect(formatDateTime('2026-03-29T01:00:00Z', 'nb')).toBe('søndag 29. mars 2026 kl. 03:00');
    // 2026-10-25: 03:00 → 02:00, 02:30 happens twice.
    expect(formatDateTime('2026-10-25T00:30:00Z', 'nb')).toBe('søndag 25. oktober 2026 kl. 02:30');
    expect(formatDateTime('2026-10-25T01:30:00Z', 'nb')).toBe('søndag 25. oktober 2026 kl. 02:30');
  });

  it('takes the Oslo date, not the UTC date, near midnight', () => {
    expect(formatDate('2026-05-16T22:30:00Z', 'nb')).toBe('søndag 17. mai 2026');
  });

  it('accepts offsets and refuses instants without one', () => {
    expect(parseInstant('2026-04-06T07:30:00+02:00').toISOString()).toBe('2026-04-06T05:30:00.000Z');
    expect(() => parseInstant('2026-04-06T07:30:00')).toThrow(RangeError);
    expect(() => parseInstant('not a date')).toThrow(RangeError);
  });

  it('formats a week as a range', () => {
    expect(formatWeekRange('2026-04-13', 'nb')).toBe('13.–19. april 2026');
    expect(formatWeekRange('2026-03-30', 'nb')).toBe('30. mars – 5. april 2026');
    expect(formatWeekRange('2026-12-28', 'nn')).toBe('28. desember 2026 – 3. januar 2027');
  });
});

describe('numbers', () => {
  it('prints percentages and medians the Norwegian way, and a dash when there is nothing', () => {
    expect(formatPercent(64, 'nb')).toMatch(/^64\s%$/u);
    expect(formatPercent(null, 'nb')).toBe('–');
    expect(formatDecimal(1.5, 'nn')).toBe('1,5');
    expect(formatDecimal(9, 'nb')).toBe('9');
    expect(formatDecimal(null, 'nb')).toBe('–');
    expect(() => formatPercent(101, 'nb')).toThrow(RangeError);
  });
});

describe('appLinks', () => {
  it('keeps a path prefix of the app URL and encodes ids', () => {
    const links = appLinks('https://kommune.no/trygg');
    expect(links.caseUrl('a/b')).toBe('https://kommune.no/trygg/cases/a%2Fb');
    expect(links.conversationsUrl('s1')).toBe('https://kommune.no/trygg/schools/s1/conversations?status=outstanding');
    expect(links.ownerOverviewUrl('2026-W16')).toBe('https://kommune.no/trygg/overview?week=2026-W16');
    expect(links.resolve('/notices/n1/acknowledge')).toBe('https://kommune.no/trygg/notices/n1/acknowledge');
    expect(links.resolve('https://other.no/x')).toBe('https://other.no/x');
  });

  it('refuses what is not an http(s) link', () => {
    expect(() => appLinks('trygg.local')).toThrow(TypeError);
    expect(() => appLinks('ftp://kommune.no/')).toThrow(TypeError);
    expect(() => appLinks('https://kommune.no/').resolve('javascript:alert(1)')).toThrow(TypeError);
    expect(() => appLinks('https://kommune.no/').caseUrl('')).toThrow(TypeError);
  });
});
