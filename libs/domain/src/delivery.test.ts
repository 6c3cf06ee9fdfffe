import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { createSchoolCalendar, localDateTimeToInstant } from './calendar';
import { computeCaseDeadlines } from './deadlines';
import { collapseStaleSteps, deliveryInstant } from './delivery';
import { DEFAULT_POLICY } from './policy';
import type { NotificationStep } from './types';

const oslo = (local: string) => localDateTimeToInstant(local);
const show = (t: Temporal.Instant) =>
  t.toZonedDateTimeISO('Europe/Oslo').toString({ smallestUnit: 'minute', timeZoneName: 'never' });
const cal = createSchoolCalendar({ nonSchoolDays: [{ from: '2026-03-30', to: '2026-04-01' }] });

const step = (fireAt: Temporal.Instant, immediate: boolean, over: Partial<NotificationStep> = {}): NotificationStep => ({
  key: 'on-day-principal',
  kind: 'reminder',
  audience: 'principal',
  fireAt,
  immediate,
  ...over,
});

describe('deliveryInstant', () => {
  it('non-immediate steps wait for the sending window', () => {
    expect(show(deliveryInstant(step(oslo('2026-03-27T16:00'), false), cal, oslo('2026-03-27T09:00')))).toBe(
      '2026-04-07T07:30+02:00',
    );
    expect(show(deliveryInstant(step(oslo('2026-03-09T06:00'), false), cal, oslo('2026-03-08T09:00')))).toBe(
      '2026-03-09T07:30+01:00',
    );
    const inside = oslo('2026-03-09T10:00');
    expect(deliveryInstant(step(inside, false), cal, oslo('2026-03-09T09:00'))).toEqual(inside);
  });

  it('§ 12-5 and serious notices go at their instant, night or holiday', () => {
    const easterSunday = oslo('2026-04-05T02:00');
    expect(deliveryInstant(step(easterSunday, true), cal, oslo('2026-04-05T01:00'))).toEqual(easterSunday);
  });

  it('a step already past goes now (immediate) or at the next window (otherwise)', () => {
    const past = oslo('2026-03-02T07:30');
    const saturday = oslo('2026-03-07T12:00');
    expect(deliveryInstant(step(past, true), cal, saturday)).toEqual(saturday);
    expect(show(deliveryInstant(step(past, false), cal, saturday))).toBe('2026-03-09T07:30+01:00');
    const tuesdayMorning = oslo('2026-03-10T09:15');
    expect(deliveryInstant(step(past, false), cal, tuesdayMorning)).toEqual(tuesdayMorning);
  });
});

describe('collapseStaleSteps: a deadline created after the fact sends each recipient only its latest stale step', () => {
  it('report registered two weeks late: one message per audience, never a burst', () => {
    const reportedAt = oslo('2026-03-09T09:00');
    const now = oslo('2026-03-20T10:00');
    const ds = computeCaseDeadlines(
      { caseId: 'c1', schoolId: 's1', status: 'reported', reportedAt, caseLeaderId: 'L1' },
      { policy: DEFAULT_POLICY, calendar: cal, now },
    );
    const inv = ds.find((x) => x.kind === 'investigation_start')!;
    const { keep, superseded } = collapseStaleSteps(inv.steps, now);
    expect(keep.map((s) => s.key)).toEqual(['on-day-case_leader', 'escalate-now-principal', 'escalate-5d-owner']);
    expect(superseded.map((s) => s.key)).toEqual(['on-day-principal']);
  });

  it('a moved evaluation date whose reminders already passed: only "on the day" goes to each recipient', () => {
    const steps: NotificationStep[] = [
      step(oslo('2026-05-11T07:30'), false, { key: 'remind-3d-case_leader', audience: 'case_leader', personIds: ['L1'] }),
      step(oslo('2026-05-11T07:30'), false, { key: 'remind-3d-measure_owners', audience: 'measure_owners', personIds: ['T1'] }),
      step(oslo('2026-05-15T07:30'), false, { key: 'on-day-case_leader', audience: 'case_leader', personIds: ['L1'] }),
      step(oslo('2026-05-15T07:30'), false, { key: 'on-day-measure_owners', audience: 'measure_owners', personIds: ['T1'] }),
      step(oslo('2026-05-19T07:30'), false, { key: 'escalate-2d-principal', kind: 'escalation' }),
    ];
    const { keep, superseded } = collapseStaleSteps(steps, oslo('2026-05-15T09:00'));
    expect(keep.map((s) => s.key)).toEqual(['on-day-case_leader', 'on-day-measure_owners', 'escalate-2d-principal']);
    expect(superseded.map((s) => s.key)).toEqual(['remind-3d-case_leader', 'remind-3d-measure_owners']);
  });

  it('nothing stale: everything kept', () => {
    const s = [step(oslo('2026-05-11T07:30'), false)];
    expect(collapseStaleSteps(s, oslo('2026-05-01T07:30'))).toEqual({ keep: s, superseded: [] });
  });
});
