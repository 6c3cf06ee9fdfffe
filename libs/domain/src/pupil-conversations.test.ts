import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { createSchoolCalendar, localDateTimeToInstant } from './calendar';
import { DEFAULT_POLICY, resolvePolicy } from './policy';
import { pupilConversationDeadlines, pupilConversationDueDate } from './pupil-conversations';
import type { PupilConversationFacts } from './types';

const oslo = (local: string) => localDateTimeToInstant(local);
const show = (t: Temporal.Instant) =>
  t.toZonedDateTimeISO('Europe/Oslo').toString({ smallestUnit: 'minute', timeZoneName: 'never' });
const christmas = createSchoolCalendar({ nonSchoolDays: [{ from: '2026-12-21', to: '2027-01-01' }] });

const pupils: PupilConversationFacts[] = [
  { pupilId: 'p1' },
  { pupilId: 'p2', heldAt: oslo('2026-11-20T10:00') },
  { pupilId: 'p3', heldAt: oslo('2026-12-03T10:00') },
];

describe('pupil conversations: one deadline per pupil per half-year', () => {
  const run = (now: string, list = pupils) =>
    pupilConversationDeadlines({
      schoolId: 's1',
      term: { half: 'autumn', year: 2026 },
      pupils: list,
      policy: DEFAULT_POLICY,
      calendar: christmas,
      now: oslo(now),
    });

  it('autumn: due 1 December 16:00; contact teacher 15 school days before and on the day', () => {
    const { deadlines } = run('2026-11-01T12:00');
    expect(deadlines).toHaveLength(3);
    const [p1, p2, p3] = deadlines;
    expect(p1?.key).toBe('school-s1.conversation-2026-autumn.pupil-p1');
    expect(p1?.pupilId).toBe('p1');
    expect(show(p1!.dueAt)).toBe('2026-12-01T16:00+01:00');
    expect(p1?.state).toBe('open');
    expect(p1?.steps.map((s) => `${s.key}@${show(s.fireAt)}`)).toEqual([
      'remind-15d-contact_teacher@2026-11-10T07:30+01:00',
      'on-day-contact_teacher@2026-12-01T07:30+01:00',
    ]);
    expect(p2?.state).toBe('met');
    expect(p2?.steps).toEqual([]);
    expect(p3?.state).toBe('met_late');
  });

  it('the leader gets one summary per school day after the due date while anything is outstanding', () => {
    const { summary } = run('2026-12-02T12:00');
    expect(summary.key).toBe('school-s1.conversation-2026-autumn.leader_summary');
    expect(summary.state).toBe('missed');
    // 2–4, 7–11, 14–18 December; the owner's Christmas break starts the 21st.
    expect(summary.steps).toHaveLength(13);
    expect(summary.steps[0]?.key).toBe('summary-2026-12-02-leader');
    expect(show(summary.steps[0]!.fireAt)).toBe('2026-12-02T07:30+01:00');
    expect(summary.steps.at(-1)?.key).toBe('summary-2026-12-18-leader');
    expect(summary.steps.every((s) => s.audience === 'leader' && s.kind === 'escalation' && !s.immediate)).toBe(true);
  });

  it('everyone held: no summary steps', () => {
    const { summary } = run('2026-12-02T12:00', [{ pupilId: 'p2', heldAt: oslo('2026-11-20T10:00') }]);
    expect(summary.state).toBe('met');
    expect(summary.steps).toEqual([]);
  });

  it('spring: 1 May 2027 is a Saturday and Labour Day, so due Friday 30 April', () => {
    const { deadlines } = pupilConversationDeadlines({
      schoolId: 's1',
      term: { half: 'spring', year: 2027 },
      pupils: [{ pupilId: 'p1' }],
      policy: DEFAULT_POLICY,
      calendar: christmas,
      now: oslo('2027-01-10T12:00'),
    });
    expect(show(deadlines[0]!.dueAt)).toBe('2027-04-30T16:00+02:00');
    expect(show(deadlines[0]!.steps[0]!.fireAt)).toBe('2027-04-09T07:30+02:00');
  });

  it('a school policy moves the due date', () => {
    const p = resolvePolicy(DEFAULT_POLICY, undefined, { pupilConversation: { autumnDue: '11-15' } });
    expect(pupilConversationDueDate(p, { half: 'autumn', year: 2026 }).toString()).toBe('2026-11-15');
    const { deadlines } = pupilConversationDeadlines({
      schoolId: 's1',
      term: { half: 'autumn', year: 2026 },
      pupils: [{ pupilId: 'p1' }],
      policy: p,
      calendar: christmas,
      now: oslo('2026-09-01T12:00'),
    });
    expect(show(deadlines[0]!.dueAt)).toBe('2026-11-13T16:00+01:00');
  });
});
