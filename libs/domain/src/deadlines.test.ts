import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { createSchoolCalendar, localDateTimeToInstant, parsePlainDate } from './calendar';
import { InvalidFactsError, computeCaseDeadlines, enforcementWindowOpensAt } from './deadlines';
import { DEFAULT_POLICY, resolvePolicy } from './policy';
import type { CaseFacts, Deadline, DeadlinePolicy, MeasureFacts, SchoolCalendar } from './types';

const oslo = (local: string) => localDateTimeToInstant(local);
const d = parsePlainDate;
const show = (t: Temporal.Instant) =>
  t.toZonedDateTimeISO('Europe/Oslo').toString({ smallestUnit: 'minute', timeZoneName: 'never' });

const plain = createSchoolCalendar();
/** The owner gives the three days before Easter 2026 off (a common Easter break). */
const easterBreak = createSchoolCalendar({ nonSchoolDays: [{ from: '2026-03-30', to: '2026-04-01' }] });

function facts(over: Partial<CaseFacts> & { reportedAt: Temporal.Instant }): CaseFacts {
  return { caseId: 'c1', schoolId: 's1', status: 'reported', ...over };
}

function compute(
  f: CaseFacts,
  now: Temporal.Instant = f.reportedAt,
  calendar: SchoolCalendar = plain,
  policy: DeadlinePolicy = DEFAULT_POLICY,
): Deadline[] {
  return computeCaseDeadlines(f, { policy, calendar, now });
}

function get(ds: Deadline[], key: string): Deadline {
  const found = ds.find((x) => x.key === key);
  if (!found) throw new Error(`no deadline ${key}; have ${ds.map((x) => x.key).join(', ')}`);
  return found;
}

/** 'key@Oslo time' and '!' when the step ignores the sending window. */
const steps = (x: Deadline) => x.steps.map((s) => `${s.key}@${show(s.fireAt)}${s.immediate ? '!' : ''}`);

const measure = (id: string, start: string, end: string, responsibleIds: string[] = ['T1']): MeasureFacts => ({
  measureId: id,
  responsibleIds,
  start: d(start),
  end: d(end),
});

describe('acknowledge_report: 1 school day after the report; principal on the day; owner after 3', () => {
  it('a Friday report is due Monday 16:00', () => {
    const x = get(compute(facts({ reportedAt: oslo('2026-03-06T10:00') })), 'case-c1.acknowledge_report');
    expect(x.kind).toBe('acknowledge_report');
    expect(x.caseId).toBe('c1');
    expect(x.schoolId).toBe('s1');
    expect(show(x.dueAt)).toBe('2026-03-09T16:00+01:00');
    expect(x.state).toBe('open');
    expect(steps(x)).toEqual(['on-day-principal@2026-03-09T07:30+01:00', 'escalate-3d-owner@2026-03-12T07:30+01:00']);
    expect(x.steps.map((s) => s.kind)).toEqual(['reminder', 'escalation']);
  });

  it('a Saturday report is due Monday 16:00 too', () => {
    const x = get(compute(facts({ reportedAt: oslo('2026-03-07T12:00') })), 'case-c1.acknowledge_report');
    expect(show(x.dueAt)).toBe('2026-03-09T16:00+01:00');
  });

  it('met on time: no steps left; met late stays visible as met_late', () => {
    const onTime = get(
      compute(facts({ reportedAt: oslo('2026-03-06T10:00'), acknowledgedAt: oslo('2026-03-06T11:00') })),
      'case-c1.acknowledge_report',
    );
    expect(onTime.state).toBe('met');
    expect(onTime.steps).toEqual([]);
    expect(onTime.metAt?.toString()).toBe('2026-03-06T10:00:00Z');
    const late = get(
      compute(facts({ reportedAt: oslo('2026-03-06T10:00'), acknowledgedAt: oslo('2026-03-10T09:00') })),
      'case-c1.acknowledge_report',
    );
    expect(late.state).toBe('met_late');
    expect(late.steps).toEqual([]);
  });

  it('not met and past due: missed, and the escalation is still to come', () => {
    const x = get(compute(facts({ reportedAt: oslo('2026-03-06T10:00') }), oslo('2026-03-10T08:00')), 'case-c1.acknowledge_report');
    expect(x.state).toBe('missed');
    expect(steps(x)).toContain('escalate-3d-owner@2026-03-12T07:30+01:00');
  });
});

describe('a report at 15:50 on the Friday before the Easter holidays (owner break 30 March – 1 April 2026)', () => {
  const ds = compute(facts({ reportedAt: oslo('2026-03-27T15:50') }), oslo('2026-03-27T15:50'), easterBreak);

  it('acknowledgement is due the Tuesday after Easter, in summer time', () => {
    const x = get(ds, 'case-c1.acknowledge_report');
    expect(show(x.dueAt)).toBe('2026-04-07T16:00+02:00');
    expect(x.dueAt.toString()).toBe('2026-04-07T14:00:00Z');
    expect(steps(x)).toEqual(['on-day-principal@2026-04-07T07:30+02:00', 'escalate-3d-owner@2026-04-10T07:30+02:00']);
  });

  it('investigation start is due the Wednesday after; owner hears 5 school days later', () => {
    const x = get(ds, 'case-c1.investigation_start');
    expect(show(x.dueAt)).toBe('2026-04-08T16:00+02:00');
    expect(steps(x)).toEqual([
      'on-day-principal@2026-04-08T07:30+02:00',
      'escalate-now-principal@2026-04-08T16:00+02:00',
      'escalate-5d-owner@2026-04-15T07:30+02:00',
    ]);
  });
});

describe('investigation_start: 2 school days; case leader and principal on the day; principal at once, owner after 5', () => {
  it('tells a delegated case leader and the principal separately', () => {
    const x = get(compute(facts({ reportedAt: oslo('2026-03-09T09:00'), caseLeaderId: 'L1' })), 'case-c1.investigation_start');
    expect(show(x.dueAt)).toBe('2026-03-11T16:00+01:00');
    expect(steps(x)).toEqual([
      'on-day-case_leader@2026-03-11T07:30+01:00',
      'on-day-principal@2026-03-11T07:30+01:00',
      'escalate-now-principal@2026-03-11T16:00+01:00',
      'escalate-5d-owner@2026-03-18T07:30+01:00',
    ]);
    expect(x.steps[0]?.personIds).toEqual(['L1']);
    expect(x.steps.every((s) => !s.immediate)).toBe(true);
  });

  it('without a delegated leader the principal leads the case and is told once', () => {
    const x = get(compute(facts({ reportedAt: oslo('2026-03-09T09:00') })), 'case-c1.investigation_start');
    expect(steps(x)).toEqual([
      'on-day-principal@2026-03-11T07:30+01:00',
      'escalate-now-principal@2026-03-11T16:00+01:00',
      'escalate-5d-owner@2026-03-18T07:30+01:00',
    ]);
  });

  it('is met by the investigation starting', () => {
    const x = get(
      compute(facts({ reportedAt: oslo('2026-03-09T09:00'), investigation: { startedAt: oslo('2026-03-11T15:59') } })),
      'case-c1.investigation_start',
    );
    expect(x.state).toBe('met');
  });
});

describe('§ 12-5: "straks" — end of the same calendar day, holidays or not, sending window ignored', () => {
  const s125 = (markedAt: Temporal.Instant, accusedInLeadership = false) => ({
    markedAt,
    accusedPersonId: 'A1',
    accusedInLeadership,
  });

  it('a Saturday evening report must be investigated by 23:59:59.999 that Saturday', () => {
    const t = oslo('2026-05-16T21:00');
    const ds = compute(facts({ reportedAt: t, s12_5: s125(t) }));
    const x = get(ds, 'case-c1.investigation_start');
    expect(x.dueAt.toString()).toBe('2026-05-16T21:59:59.999Z');
    expect(x.steps.every((s) => s.immediate)).toBe(true);
  });

  it('Easter Sunday 2027 is the DST night: the day still ends at 23:59:59.999 summer time', () => {
    for (const local of ['2027-03-28T01:30', '2027-03-28T03:30']) {
      const t = oslo(local);
      const x = get(compute(facts({ reportedAt: t, s12_5: s125(t) })), 'case-c1.investigation_start');
      expect(x.dueAt.toString()).toBe('2027-03-28T21:59:59.999Z');
    }
  });

  it('17 May 2027 (two holidays in one) changes nothing for "straks"', () => {
    const t = oslo('2027-05-17T10:00');
    const x = get(compute(facts({ reportedAt: t, s12_5: s125(t) })), 'case-c1.investigation_start');
    expect(x.dueAt.toString()).toBe('2027-05-17T21:59:59.999Z');
  });

  it('principal and owner are told at once, outside any window', () => {
    const t = oslo('2026-05-16T21:00');
    const x = get(compute(facts({ reportedAt: t, s12_5: s125(t) })), 'case-c1.s12_5_notice');
    expect(x.dueAt).toEqual(t);
    expect(steps(x)).toEqual(['notice-principal@2026-05-16T21:00+02:00!', 'notice-owner@2026-05-16T21:00+02:00!']);
    expect(x.steps.map((s) => s.kind)).toEqual(['notice', 'notice']);
  });

  it('accused in leadership: only the owner is told; no step addresses the principal; the accused never leads', () => {
    const t = oslo('2026-03-10T09:00');
    const ds = compute(
      facts({
        reportedAt: t,
        caseLeaderId: 'A1',
        principalKnewAt: t,
        s12_5: s125(t, true),
        investigation: { startedAt: t },
        planVersions: [
          {
            version: 1,
            createdAt: oslo('2026-03-10T12:00'),
            measures: [measure('m1', '2026-03-11', '2026-03-20', ['A1', 'T2'])],
            evaluationDates: [d('2026-03-20')],
          },
        ],
      }),
    );
    const all = ds.flatMap((x) => x.steps);
    expect(all.length).toBeGreaterThan(0);
    expect(all.some((s) => s.audience === 'principal' || s.audience === 'case_leader')).toBe(false);
    expect(all.some((s) => s.personIds?.includes('A1'))).toBe(false);
    expect(steps(get(ds, 'case-c1.s12_5_notice'))).toEqual(['notice-owner@2026-03-10T09:00+01:00!']);
    expect(steps(get(ds, 'case-c1.acknowledge_report'))[0]).toBe('on-day-owner@2026-03-11T07:30+01:00');
    const evaluation = get(ds, 'case-c1.evaluation-2026-03-20');
    expect(evaluation.steps.find((s) => s.audience === 'measure_owners')?.personIds).toEqual(['T2']);
  });

  it('a case marked § 12-5 after its ordinary due keeps the earlier (ordinary) due', () => {
    const x = get(
      compute(facts({ reportedAt: oslo('2026-03-09T09:00'), s12_5: s125(oslo('2026-03-13T10:00')) })),
      'case-c1.investigation_start',
    );
    expect(show(x.dueAt)).toBe('2026-03-11T16:00+01:00');
  });
});

describe('investigation_conclude: 10 school days after it started; case leader 3 before and on the day; principal at once', () => {
  it('counts ten school days', () => {
    const ds = compute(
      facts({ reportedAt: oslo('2026-03-09T08:00'), caseLeaderId: 'L1', investigation: { startedAt: oslo('2026-03-09T09:00') } }),
    );
    const x = get(ds, 'case-c1.investigation_conclude');
    expect(show(x.dueAt)).toBe('2026-03-23T16:00+01:00');
    expect(steps(x)).toEqual([
      'remind-3d-case_leader@2026-03-18T07:30+01:00',
      'on-day-case_leader@2026-03-23T07:30+01:00',
      'escalate-now-principal@2026-03-23T16:00+01:00',
    ]);
  });

  it('across Easter 2026 it skips Thursday to Monday', () => {
    const ds = compute(facts({ reportedAt: oslo('2026-03-25T08:00'), investigation: { startedAt: oslo('2026-03-25T10:00') } }));
    expect(show(get(ds, 'case-c1.investigation_conclude').dueAt)).toBe('2026-04-13T16:00+02:00');
  });

  it('does not exist before the investigation starts', () => {
    expect(compute(facts({ reportedAt: oslo('2026-03-09T08:00') })).some((x) => x.kind === 'investigation_conclude')).toBe(false);
  });
});

describe('plan: 2 school days after the investigation concluded, never after the first measure starts', () => {
  const base = { reportedAt: oslo('2026-03-09T08:00'), caseLeaderId: 'L1' };

  it('due 2 school days after; case leader on the day; principal at once; owner after 5', () => {
    const ds = compute(
      facts({ ...base, investigation: { startedAt: oslo('2026-03-09T09:00'), concludedAt: oslo('2026-03-23T12:00') } }),
    );
    const x = get(ds, 'case-c1.plan');
    expect(show(x.dueAt)).toBe('2026-03-25T16:00+01:00');
    expect(steps(x)).toEqual([
      'on-day-case_leader@2026-03-25T07:30+01:00',
      'escalate-now-principal@2026-03-25T16:00+01:00',
      'escalate-5d-owner@2026-04-01T07:30+02:00',
    ]);
  });

  const withPlan = (createdAt: string, measureStart: string) =>
    facts({
      ...base,
      investigation: { startedAt: oslo('2026-03-09T09:00'), concludedAt: oslo('2026-03-23T12:00') },
      planVersions: [
        {
          version: 1,
          createdAt: oslo(createdAt),
          measures: [measure('m1', measureStart, '2026-04-30')],
          evaluationDates: [d('2026-04-30')],
        },
      ],
    });

  it('a plan made in time meets it', () => {
    const x = get(compute(withPlan('2026-03-25T10:00', '2026-03-30')), 'case-c1.plan');
    expect(x.state).toBe('met');
    expect(x.steps).toEqual([]);
  });

  it('no plan deadline when the investigation concluded that no measures are needed', () => {
    const concluded = { startedAt: oslo('2026-03-09T09:00'), concludedAt: oslo('2026-03-23T12:00') };
    const none = compute(facts({ ...base, status: 'investigating', investigation: { ...concluded, measuresNeeded: false } }), oslo('2026-04-20T09:00'));
    expect(none.map((x) => x.kind)).not.toContain('plan');
    // Needed (or not said): the plan deadline runs, and is missed when nothing comes.
    const needed = compute(facts({ ...base, status: 'investigating', investigation: { ...concluded, measuresNeeded: true } }), oslo('2026-04-20T09:00'));
    expect(get(needed, 'case-c1.plan')).toMatchObject({ state: 'missed' });
    // Measures planned anyway: the plan is still due no later than the first one.
    const anyway = get(
      compute(facts({ ...withPlan('2026-03-25T10:00', '2026-03-24'), investigation: { ...concluded, measuresNeeded: false } })),
      'case-c1.plan',
    );
    expect(show(anyway.dueAt)).toBe('2026-03-24T07:30+01:00');
  });

  it('a measure that started before the plan pulls the due to 07:30 of its start date', () => {
    const x = get(compute(withPlan('2026-03-25T10:00', '2026-03-24')), 'case-c1.plan');
    expect(show(x.dueAt)).toBe('2026-03-24T07:30+01:00');
    expect(x.state).toBe('met_late');
  });
});

describe('evaluation: each planned date; case leader and measure owners 3 before and on the day; principal after 2, owner after 10', () => {
  const v1 = {
    version: 1,
    createdAt: oslo('2026-04-08T10:00'),
    measures: [measure('m1', '2026-04-09', '2026-05-17', ['T2', 'T1']), measure('m2', '2026-06-01', '2026-06-15', ['T3'])],
    evaluationDates: [d('2026-05-17')],
  };
  const base = facts({ reportedAt: oslo('2026-03-09T08:00'), caseLeaderId: 'L1', status: 'measures', planVersions: [v1] });

  it('a Sunday date is due the Friday after Ascension; the ladder skips Whit Monday', () => {
    const x = get(compute(base, oslo('2026-04-08T10:00')), 'case-c1.evaluation-2026-05-17');
    expect(show(x.dueAt)).toBe('2026-05-15T16:00+02:00');
    expect(steps(x)).toEqual([
      'remind-3d-case_leader@2026-05-11T07:30+02:00',
      'remind-3d-measure_owners@2026-05-11T07:30+02:00',
      'on-day-case_leader@2026-05-15T07:30+02:00',
      'on-day-measure_owners@2026-05-15T07:30+02:00',
      'escalate-2d-principal@2026-05-19T07:30+02:00',
      'escalate-10d-owner@2026-06-01T07:30+02:00',
    ]);
    // Only owners of measures under way by the date; m2 starts in June.
    expect(x.steps[1]?.personIds).toEqual(['T1', 'T2']);
  });

  it('an evaluation fulfilling the date meets it', () => {
    const f: CaseFacts = {
      ...base,
      evaluations: [{ evaluationId: 'e1', plannedDate: d('2026-05-17'), doneAt: oslo('2026-05-13T12:00') }],
    };
    const x = get(compute(f, oslo('2026-05-13T12:00')), 'case-c1.evaluation-2026-05-17');
    expect(x.state).toBe('met');
    expect(x.steps).toEqual([]);
  });

  it('a revised plan moves future dates, keeps dates that were already due', () => {
    const f: CaseFacts = {
      ...base,
      planVersions: [
        { ...v1, evaluationDates: [d('2026-04-20'), d('2026-05-17')] },
        { ...v1, version: 2, createdAt: oslo('2026-04-25T10:00'), evaluationDates: [d('2026-05-29')] },
      ],
    };
    const keys = compute(f, oslo('2026-04-25T10:00'))
      .filter((x) => x.kind === 'evaluation')
      .map((x) => `${x.key}:${x.state}`);
    expect(keys).toEqual(['case-c1.evaluation-2026-04-20:missed', 'case-c1.evaluation-2026-05-29:open']);
  });

  it('an evaluation sets the next evaluation date', () => {
    const f: CaseFacts = {
      ...base,
      evaluations: [
        { evaluationId: 'e1', plannedDate: d('2026-05-17'), doneAt: oslo('2026-05-13T12:00'), nextEvaluationOn: d('2026-06-12') },
      ],
    };
    const x = get(compute(f, oslo('2026-05-13T12:00')), 'case-c1.evaluation-2026-06-12');
    expect(show(x.dueAt)).toBe('2026-06-12T16:00+02:00');
    expect(x.state).toBe('open');
  });
});

describe('measure_end: the end date with no evaluation; case leader on the day; principal at once', () => {
  const v1 = {
    version: 1,
    createdAt: oslo('2026-04-08T10:00'),
    measures: [measure('m1', '2026-04-09', '2026-05-17')],
    evaluationDates: [d('2026-06-05')],
  };
  const base = facts({ reportedAt: oslo('2026-03-09T08:00'), caseLeaderId: 'L1', planVersions: [v1] });

  it('due 16:00 of the end date or the last school day before it', () => {
    const x = get(compute(base), 'case-c1.measure_end-m1');
    expect(show(x.dueAt)).toBe('2026-05-15T16:00+02:00');
    expect(steps(x)).toEqual(['on-day-case_leader@2026-05-15T07:30+02:00', 'escalate-now-principal@2026-05-15T16:00+02:00']);
  });

  it('an evaluation during the measure meets it', () => {
    const f: CaseFacts = {
      ...base,
      evaluations: [{ evaluationId: 'e1', plannedDate: d('2026-06-05'), doneAt: oslo('2026-05-12T09:00') }],
    };
    expect(get(compute(f), 'case-c1.measure_end-m1').state).toBe('met');
  });

  it('a measure dropped by a revision before its end disappears; an ended one stays', () => {
    const f: CaseFacts = {
      ...base,
      planVersions: [
        { ...v1, measures: [measure('m0', '2026-04-09', '2026-04-17'), measure('m1', '2026-04-09', '2026-05-17')] },
        { ...v1, version: 2, createdAt: oslo('2026-04-27T10:00'), measures: [measure('m2', '2026-04-28', '2026-06-05')] },
      ],
    };
    const keys = compute(f)
      .filter((x) => x.kind === 'measure_end')
      .map((x) => x.key);
    expect(keys).toEqual(['case-c1.measure_end-m0', 'case-c1.measure_end-m2']);
  });
});

describe('serious_owner_notice: same school day; principal at once; the system tells the owner after 1 school day', () => {
  it('marked 15:50 on a Friday: due 16:00 that day, the notices ignore the window', () => {
    const t = oslo('2026-03-27T15:50');
    const x = get(compute(facts({ reportedAt: t, serious: { markedAt: t } })), 'case-c1.serious_owner_notice');
    expect(show(x.dueAt)).toBe('2026-03-27T16:00+01:00');
    expect(steps(x)).toEqual(['now-principal@2026-03-27T15:50+01:00!', 'escalate-1d-owner@2026-03-30T07:30+02:00!']);
  });

  it('marked on a Saturday: due Monday 16:00', () => {
    const t = oslo('2026-03-07T11:00');
    const x = get(compute(facts({ reportedAt: t, serious: { markedAt: t } })), 'case-c1.serious_owner_notice');
    expect(show(x.dueAt)).toBe('2026-03-09T16:00+01:00');
  });

  it('marked after 16:00 on a school day: due the next school day (never before its event)', () => {
    const t = oslo('2026-03-05T17:00');
    const x = get(compute(facts({ reportedAt: t, serious: { markedAt: t } })), 'case-c1.serious_owner_notice');
    expect(show(x.dueAt)).toBe('2026-03-06T16:00+01:00');
  });

  it('met when the owner was notified (recorded or as a sent notice)', () => {
    const t = oslo('2026-03-27T10:00');
    const f = facts({ reportedAt: t, serious: { markedAt: t }, ownerNotices: [{ noticeId: 'n1', about: 'serious', sentAt: oslo('2026-03-27T11:00') }] });
    expect(get(compute(f), 'case-c1.serious_owner_notice').state).toBe('met');
  });
});

describe('owner_acknowledge: 1 school day after the notice; then sent again and to the second contact at once', () => {
  it('unacknowledged', () => {
    const t = oslo('2026-03-27T15:55');
    const x = get(
      compute(facts({ reportedAt: t, ownerNotices: [{ noticeId: 'n1', about: 's12_5', sentAt: t }] })),
      'case-c1.owner_acknowledge-n1',
    );
    expect(show(x.dueAt)).toBe('2026-03-30T16:00+02:00');
    expect(steps(x)).toEqual([
      'resend-now-owner@2026-03-30T16:00+02:00!',
      'escalate-now-owner_second_contact@2026-03-30T16:00+02:00!',
    ]);
    expect(x.steps[0]?.action).toBe('resend');
  });

  it('acknowledged', () => {
    const t = oslo('2026-03-27T15:55');
    const x = get(
      compute(
        facts({ reportedAt: t, ownerNotices: [{ noticeId: 'n1', about: 'serious', sentAt: t, acknowledgedAt: oslo('2026-03-30T08:00') }] }),
      ),
      'case-c1.owner_acknowledge-n1',
    );
    expect(x.state).toBe('met');
  });
});

describe('enforcement window (§ 12-6): 7 calendar days after the principal personally knew', () => {
  it('same Oslo wall-clock a week later, across the spring DST change', () => {
    expect(show(enforcementWindowOpensAt(oslo('2026-03-25T10:00'), DEFAULT_POLICY, plain))).toBe('2026-04-01T10:00+02:00');
    expect(show(enforcementWindowOpensAt(oslo('2026-10-20T10:00'), DEFAULT_POLICY, plain))).toBe('2026-10-27T10:00+01:00');
    expect(show(enforcementWindowOpensAt(oslo('2026-03-28T02:30'), DEFAULT_POLICY, plain))).toBe('2026-04-04T02:30+02:00');
  });

  it('a week later lands in the DST gap: moves forward to 03:30 summer time', () => {
    expect(show(enforcementWindowOpensAt(oslo('2026-03-22T02:30'), DEFAULT_POLICY, plain))).toBe('2026-03-29T03:30+02:00');
  });

  it('a week later lands in the autumn overlap: the earlier 02:30 (summer time)', () => {
    expect(show(enforcementWindowOpensAt(oslo('2026-10-18T02:30'), DEFAULT_POLICY, plain))).toBe('2026-10-25T02:30+02:00');
    expect(show(enforcementWindowOpensAt(oslo('2026-10-25T12:00'), DEFAULT_POLICY, plain))).toBe('2026-11-01T12:00+01:00');
  });

  it('some governors count 5 school days (configurable)', () => {
    const p = resolvePolicy(DEFAULT_POLICY, { enforcementWindow: { unit: 'school_days', count: 5 } });
    expect(show(enforcementWindowOpensAt(oslo('2026-03-25T10:00'), p, plain))).toBe('2026-04-01T16:00+02:00');
    expect(show(enforcementWindowOpensAt(oslo('2026-03-25T10:00'), p, easterBreak))).toBe('2026-04-09T16:00+02:00');
  });

  it('the case leader is told when it opens if there is still no plan', () => {
    const t = oslo('2026-03-25T10:00');
    const x = get(compute(facts({ reportedAt: t, principalKnewAt: t, caseLeaderId: 'L1' })), 'case-c1.enforcement_window');
    expect(steps(x)).toEqual(['escalate-now-case_leader@2026-04-01T10:00+02:00']);
    const withPlan = get(
      compute(
        facts({
          reportedAt: t,
          principalKnewAt: t,
          planVersions: [{ version: 1, createdAt: oslo('2026-03-31T10:00'), measures: [], evaluationDates: [] }],
        }),
      ),
      'case-c1.enforcement_window',
    );
    expect(withPlan.state).toBe('met');
    expect(withPlan.steps).toEqual([]);
  });
});

describe('closed cases', () => {
  it('closing cancels what was not yet due and silences what was missed', () => {
    const t = oslo('2026-03-09T09:00');
    const early = compute(facts({ reportedAt: t, status: 'closed', closedAt: oslo('2026-03-10T10:00') }), oslo('2026-03-20T10:00'));
    expect(early.map((x) => `${x.kind}:${x.state}`)).toEqual(['acknowledge_report:cancelled', 'investigation_start:cancelled']);
    const late = compute(facts({ reportedAt: t, status: 'closed', closedAt: oslo('2026-03-20T10:00') }), oslo('2026-03-20T10:00'));
    expect(late.map((x) => `${x.kind}:${x.state}`)).toEqual(['acknowledge_report:missed', 'investigation_start:missed']);
    expect([...early, ...late].every((x) => x.steps.length === 0)).toBe(true);
  });

  it('a reopened case (closedAt set, status no longer closed) has live deadlines again', () => {
    const ds = compute(
      facts({ reportedAt: oslo('2026-03-09T09:00'), status: 'investigating', closedAt: oslo('2026-03-10T10:00') }),
      oslo('2026-03-10T11:00'),
    );
    expect(get(ds, 'case-c1.investigation_start').state).toBe('open');
  });
});

describe('keys', () => {
  const t = oslo('2026-03-09T09:00');
  const full = facts({
    reportedAt: t,
    principalKnewAt: t,
    caseLeaderId: 'L1',
    serious: { markedAt: t },
    s12_5: { markedAt: t, accusedPersonId: 'A1', accusedInLeadership: false },
    investigation: { startedAt: t, concludedAt: oslo('2026-03-12T09:00') },
    planVersions: [
      { version: 1, createdAt: oslo('2026-03-16T09:00'), measures: [measure('m1', '2026-03-17', '2026-04-17')], evaluationDates: [d('2026-04-17')] },
    ],
    ownerNotices: [{ noticeId: 'n1', about: 'serious', sentAt: t }],
  });

  it('are deterministic, unique, without ":" — deadline and step keys alike', () => {
    const a = compute(full);
    const b = compute(full);
    expect(a.map((x) => x.key)).toEqual(b.map((x) => x.key));
    expect(a.map((x) => x.dueAt.toString())).toEqual(b.map((x) => x.dueAt.toString()));
    const keys = a.flatMap((x) => [x.key, ...x.steps.map((s) => `${x.key}.${s.key}`)]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.some((k) => k.includes(':'))).toBe(false);
    expect(a.map((x) => x.kind)).toEqual([
      'acknowledge_report',
      'investigation_start',
      'investigation_conclude',
      'plan',
      'evaluation',
      'measure_end',
      'serious_owner_notice',
      's12_5_notice',
      'owner_acknowledge',
      'enforcement_window',
    ]);
  });

  it('refuses ids containing ":"', () => {
    expect(() => compute({ ...full, caseId: 'a:b' })).toThrow(InvalidFactsError);
    expect(() => compute({ ...full, ownerNotices: [{ noticeId: 'x:1', about: 'serious', sentAt: t }] })).toThrow(InvalidFactsError);
  });
});
