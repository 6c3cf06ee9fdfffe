import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  InvalidCalendarError,
  InvalidDateError,
  NonexistentLocalTimeError,
  createSchoolCalendar,
  localDateTimeToInstant,
  parsePlainDate,
} from './calendar';

const d = parsePlainDate;
const oslo = (local: string) => localDateTimeToInstant(local);
/** Oslo wall-clock with offset, so every assertion also proves the DST offset. */
const show = (t: Temporal.Instant) =>
  t.toZonedDateTimeISO('Europe/Oslo').toString({ smallestUnit: 'minute', timeZoneName: 'never' });

const plain = createSchoolCalendar();

describe('school days: Norwegian public holidays', () => {
  it.each([
    ['2026-04-02', 'Skjærtorsdag 2026'],
    ['2026-04-03', 'Langfredag 2026'],
    ['2026-04-06', 'Andre påskedag 2026'],
    ['2026-05-01', 'Arbeidernes dag 2026 (Friday)'],
    ['2026-05-14', 'Kristi himmelfartsdag 2026'],
    ['2026-05-25', 'Andre pinsedag 2026'],
    ['2026-12-25', 'Første juledag 2026 (Friday)'],
    ['2027-01-01', 'Første nyttårsdag 2027 (Friday)'],
    ['2027-03-25', 'Skjærtorsdag 2027'],
    ['2027-03-26', 'Langfredag 2027'],
    ['2027-03-29', 'Andre påskedag 2027'],
    ['2027-05-06', 'Kristi himmelfartsdag 2027'],
    ['2027-05-17', 'Grunnlovsdag and Andre pinsedag 2027'],
  ])('%s is not a school day (%s)', (date) => {
    expect(plain.isSchoolDay(d(date))).toBe(false);
  });

  it.each(['2026-04-01', '2026-04-07', '2026-05-15', '2026-12-23', '2027-03-24', '2027-03-30', '2027-05-18'])(
    '%s is a school day',
    (date) => expect(plain.isSchoolDay(d(date))).toBe(true),
  );

  it('treats Christmas Eve (a bank holiday, not a public one) as a school day unless the owner says otherwise', () => {
    expect(plain.isSchoolDay(d('2026-12-24'))).toBe(true);
    const owner = createSchoolCalendar({ nonSchoolDays: [{ from: '2026-12-21', to: '2027-01-01' }] });
    expect(owner.isSchoolDay(d('2026-12-24'))).toBe(false);
    expect(owner.addSchoolDays(d('2026-12-18'), 1).toString()).toBe('2027-01-04');
  });

  it('weekends are never school days', () => {
    expect(plain.isSchoolDay(d('2026-03-07'))).toBe(false);
    expect(plain.isSchoolDay(d('2026-03-08'))).toBe(false);
  });

  it('skips Easter 2026 (Thursday to Monday)', () => {
    expect(plain.addSchoolDays(d('2026-04-01'), 1).toString()).toBe('2026-04-07');
    expect(plain.addSchoolDays(d('2026-04-07'), -1).toString()).toBe('2026-04-01');
  });

  it('skips Easter 2027, whose Sunday is the DST night', () => {
    expect(plain.addSchoolDays(d('2027-03-24'), 1).toString()).toBe('2027-03-30');
    expect(show(plain.endOfSchoolDay(d('2027-03-24')))).toBe('2027-03-24T16:00+01:00');
    expect(show(plain.endOfSchoolDay(d('2027-03-30')))).toBe('2027-03-30T16:00+02:00');
  });

  it('skips Ascension and Whit Monday, and counts 17 May 2027 once', () => {
    expect(plain.addSchoolDays(d('2026-05-13'), 1).toString()).toBe('2026-05-15');
    expect(plain.addSchoolDays(d('2026-05-22'), 1).toString()).toBe('2026-05-26');
    expect(plain.addSchoolDays(d('2027-05-14'), 1).toString()).toBe('2027-05-18');
    expect(plain.countSchoolDays(d('2027-05-14'), d('2027-05-21'))).toBe(4);
  });
});

describe('addSchoolDays / countSchoolDays', () => {
  it('Friday + 1 and Saturday + 1 are both Monday', () => {
    expect(plain.addSchoolDays(d('2026-03-06'), 1).toString()).toBe('2026-03-09');
    expect(plain.addSchoolDays(d('2026-03-07'), 1).toString()).toBe('2026-03-09');
    expect(plain.addSchoolDays(d('2026-03-08'), 1).toString()).toBe('2026-03-09');
  });

  it('n = 0 is the date itself on a school day, else the next school day', () => {
    expect(plain.addSchoolDays(d('2026-03-06'), 0).toString()).toBe('2026-03-06');
    expect(plain.addSchoolDays(d('2026-03-07'), 0).toString()).toBe('2026-03-09');
    expect(plain.addSchoolDays(d('2026-04-02'), 0).toString()).toBe('2026-04-07');
  });

  it('negative n counts backwards', () => {
    expect(plain.addSchoolDays(d('2026-03-09'), -1).toString()).toBe('2026-03-06');
    expect(plain.addSchoolDays(d('2026-03-08'), -1).toString()).toBe('2026-03-06');
    expect(plain.addSchoolDays(d('2026-03-23'), -10).toString()).toBe('2026-03-09');
  });

  it('countSchoolDays is the inverse of addSchoolDays', () => {
    expect(plain.countSchoolDays(d('2026-03-09'), d('2026-03-23'))).toBe(10);
    expect(plain.countSchoolDays(d('2026-03-23'), d('2026-03-09'))).toBe(-10);
    expect(plain.countSchoolDays(d('2026-03-07'), d('2026-03-09'))).toBe(1);
    expect(plain.countSchoolDays(d('2026-03-09'), d('2026-03-09'))).toBe(0);
  });

  it('owner holidays (autumn break range, single planning day) are skipped', () => {
    const cal = createSchoolCalendar({ nonSchoolDays: [{ from: '2026-09-28', to: '2026-10-02' }, '2026-10-05'] });
    expect(cal.isSchoolDay(d('2026-09-30'))).toBe(false);
    expect(cal.addSchoolDays(d('2026-09-25'), 1).toString()).toBe('2026-10-06');
    expect(cal.countSchoolDays(d('2026-09-25'), d('2026-10-06'))).toBe(1);
    expect(plain.addSchoolDays(d('2026-09-25'), 1).toString()).toBe('2026-09-28');
  });

  it('nextSchoolDayOnOrAfter / lastSchoolDayOnOrBefore', () => {
    expect(plain.nextSchoolDayOnOrAfter(d('2026-04-03')).toString()).toBe('2026-04-07');
    expect(plain.nextSchoolDayOnOrAfter(d('2026-04-07')).toString()).toBe('2026-04-07');
    expect(plain.lastSchoolDayOnOrBefore(d('2026-04-06')).toString()).toBe('2026-04-01');
    expect(plain.lastSchoolDayOnOrBefore(d('2026-05-17')).toString()).toBe('2026-05-15');
  });

  it('works outside the memoized span (before 1970, after 2149)', () => {
    expect(plain.addSchoolDays(d('1969-12-31'), 1).toString()).toBe('1970-01-02');
    expect(plain.addSchoolDays(d('2150-12-24'), 1).toString()).toBe('2150-12-28');
    expect(show(plain.endOfSchoolDay(d('2150-06-03')))).toBe('2150-06-03T16:00+02:00');
  });

  it('refuses a fractional n', () => {
    expect(() => plain.addSchoolDays(d('2026-03-09'), 1.5)).toThrow(InvalidCalendarError);
  });
});

describe('instants of the school day (Oslo wall-clock, DST-correct)', () => {
  it('windowStart 07:30 and endOfSchoolDay 16:00 in winter and summer time', () => {
    expect(plain.windowStart(d('2026-03-27')).toString()).toBe('2026-03-27T06:30:00Z');
    expect(plain.endOfSchoolDay(d('2026-03-27')).toString()).toBe('2026-03-27T15:00:00Z');
    expect(plain.windowStart(d('2026-04-06')).toString()).toBe('2026-04-06T05:30:00Z');
    expect(plain.endOfSchoolDay(d('2026-10-26')).toString()).toBe('2026-10-26T15:00:00Z');
  });

  it('endOfCalendarDay is 23:59:59.999 Oslo, also on the 23-hour DST day', () => {
    expect(plain.endOfCalendarDay(d('2026-03-29')).toString()).toBe('2026-03-29T21:59:59.999Z');
    expect(plain.endOfCalendarDay(d('2026-10-25')).toString()).toBe('2026-10-25T22:59:59.999Z');
  });

  it('localDate reads the Oslo date of an instant around midnight and DST', () => {
    expect(plain.localDate(Temporal.Instant.from('2026-03-29T22:30:00Z')).toString()).toBe('2026-03-30');
    expect(plain.localDate(Temporal.Instant.from('2026-03-29T21:59:59.999Z')).toString()).toBe('2026-03-29');
    expect(plain.localDate(Temporal.Instant.from('2026-10-25T22:59:00Z')).toString()).toBe('2026-10-25');
    expect(plain.localDate(Temporal.Instant.from('2026-10-25T23:00:00Z')).toString()).toBe('2026-10-26');
    expect(plain.localDate(Temporal.Instant.from('2026-01-31T23:00:00Z')).toString()).toBe('2026-02-01');
  });

  it('a custom sending window moves both ends', () => {
    const cal = createSchoolCalendar({ sendingWindow: { start: '08:00', end: '15:00' } });
    expect(show(cal.windowStart(d('2026-04-07')))).toBe('2026-04-07T08:00+02:00');
    expect(show(cal.endOfSchoolDay(d('2026-04-07')))).toBe('2026-04-07T15:00+02:00');
  });
});

describe('sending window (07:30 ≤ t < 16:00 on school days)', () => {
  it('is half-open', () => {
    expect(plain.isInSendingWindow(oslo('2026-03-09T07:30'))).toBe(true);
    expect(plain.isInSendingWindow(oslo('2026-03-09T07:29'))).toBe(false);
    expect(plain.isInSendingWindow(oslo('2026-03-09T16:00'))).toBe(false);
    expect(plain.isInSendingWindow(oslo('2026-03-09T16:00').subtract({ milliseconds: 1 }))).toBe(true);
  });

  it('is closed on weekends and holidays', () => {
    expect(plain.isInSendingWindow(oslo('2026-03-07T10:00'))).toBe(false);
    expect(plain.isInSendingWindow(oslo('2026-04-06T10:00'))).toBe(false);
  });

  it('nextSendingInstant: inside stays, before waits for 07:30, after goes to the next school day', () => {
    const inside = oslo('2026-03-09T10:15');
    expect(plain.nextSendingInstant(inside)).toBe(inside);
    expect(show(plain.nextSendingInstant(oslo('2026-03-09T06:00')))).toBe('2026-03-09T07:30+01:00');
    expect(show(plain.nextSendingInstant(oslo('2026-03-06T16:00')))).toBe('2026-03-09T07:30+01:00');
    expect(show(plain.nextSendingInstant(oslo('2026-04-01T17:00')))).toBe('2026-04-07T07:30+02:00');
    expect(show(plain.nextSendingInstant(oslo('2027-03-24T16:30')))).toBe('2027-03-30T07:30+02:00');
  });
});

describe('localDateTimeToInstant', () => {
  it('refuses a time in the spring-forward gap with a typed error', () => {
    expect(() => oslo('2026-03-29T02:30')).toThrow(NonexistentLocalTimeError);
    try {
      oslo('2026-03-29T02:00');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NonexistentLocalTimeError);
      expect((e as NonexistentLocalTimeError).code).toBe('nonexistent_local_time');
      expect((e as Error).message).toContain('finnes ikke');
    }
    expect(() => oslo('2027-03-28T02:59')).toThrow(NonexistentLocalTimeError);
  });

  it('resolves an ambiguous autumn time to the earlier instant (summer time)', () => {
    expect(oslo('2026-10-25T02:30').toString()).toBe('2026-10-25T00:30:00Z');
    expect(oslo('2026-10-25T03:00').toString()).toBe('2026-10-25T02:00:00Z');
  });

  it('accepts the edges of the gap and ordinary times', () => {
    expect(oslo('2026-03-29T01:59').toString()).toBe('2026-03-29T00:59:00Z');
    expect(oslo('2026-03-29T03:00').toString()).toBe('2026-03-29T01:00:00Z');
    expect(oslo('2026-04-06T07:30').toString()).toBe('2026-04-06T05:30:00Z');
  });

  it('refuses dates that do not exist', () => {
    expect(() => oslo('2026-02-30T10:00')).toThrow(InvalidDateError);
    expect(() => parsePlainDate('2026-02-29')).toThrow(InvalidDateError);
    expect(() => parsePlainDate('2026-4-1')).toThrow(InvalidDateError);
    expect(parsePlainDate('2028-02-29').toString()).toBe('2028-02-29');
  });
});

describe('calendar options are validated', () => {
  it('refuses a reversed range, a bad window and another zone', () => {
    expect(() => createSchoolCalendar({ nonSchoolDays: [{ from: '2026-10-02', to: '2026-09-28' }] })).toThrow(
      InvalidCalendarError,
    );
    expect(() => createSchoolCalendar({ nonSchoolDays: ['2026-13-01'] })).toThrow(InvalidDateError);
    expect(() => createSchoolCalendar({ sendingWindow: { start: '16:00', end: '07:30' } })).toThrow(InvalidCalendarError);
    expect(() => createSchoolCalendar({ sendingWindow: { start: '7:30', end: '16:00' } })).toThrow(InvalidCalendarError);
    expect(() => createSchoolCalendar({ zone: 'Europe/Stockholm' as 'Europe/Oslo' })).toThrow(InvalidCalendarError);
  });
});
