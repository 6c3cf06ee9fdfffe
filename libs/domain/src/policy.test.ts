import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, PolicyError, resolvePolicy } from './policy';
import type { DeadlinePolicyOverride } from './types';

const rule = DEFAULT_POLICY.deadlines;

describe('DEFAULT_POLICY is DOMAIN.md\'s deadline table', () => {
  it('due offsets in school days', () => {
    expect(rule.acknowledge_report.dueSchoolDays).toBe(1);
    expect(rule.investigation_start.dueSchoolDays).toBe(2);
    expect(rule.investigation_conclude.dueSchoolDays).toBe(10);
    expect(rule.plan.dueSchoolDays).toBe(2);
    expect(rule.serious_owner_notice.dueSchoolDays).toBe(0);
    expect(rule.owner_acknowledge.dueSchoolDays).toBe(1);
  });

  it('reminders: to whom and when', () => {
    expect(rule.acknowledge_report.reminders).toEqual([{ audience: 'principal', timing: { at: 'on_day' } }]);
    expect(rule.investigation_start.reminders).toEqual([
      { audience: 'case_leader', timing: { at: 'on_day' } },
      { audience: 'principal', timing: { at: 'on_day' } },
    ]);
    expect(rule.investigation_conclude.reminders).toEqual([
      { audience: 'case_leader', timing: { at: 'school_days_before', days: 3 } },
      { audience: 'case_leader', timing: { at: 'on_day' } },
    ]);
    expect(rule.plan.reminders).toEqual([{ audience: 'case_leader', timing: { at: 'on_day' } }]);
    expect(rule.evaluation.reminders.map((r) => `${r.audience}@${JSON.stringify(r.timing)}`)).toEqual([
      'case_leader@{"at":"school_days_before","days":3}',
      'measure_owners@{"at":"school_days_before","days":3}',
      'case_leader@{"at":"on_day"}',
      'measure_owners@{"at":"on_day"}',
    ]);
    expect(rule.measure_end.reminders).toEqual([{ audience: 'case_leader', timing: { at: 'on_day' } }]);
    expect(rule.serious_owner_notice.reminders).toEqual([{ audience: 'principal', timing: { at: 'at_event' } }]);
    expect(rule.owner_acknowledge.reminders).toEqual([]);
    expect(DEFAULT_POLICY.pupilConversation.reminders).toEqual([
      { audience: 'contact_teacher', timing: { at: 'school_days_before', days: 15 } },
      { audience: 'contact_teacher', timing: { at: 'on_day' } },
    ]);
  });

  it('escalation ladders', () => {
    expect(rule.acknowledge_report.escalations).toEqual([{ audience: 'owner', timing: { at: 'school_days_after', days: 3 } }]);
    expect(rule.investigation_start.escalations).toEqual([
      { audience: 'principal', timing: { at: 'at_once' } },
      { audience: 'owner', timing: { at: 'school_days_after', days: 5 } },
    ]);
    expect(rule.investigation_conclude.escalations).toEqual([{ audience: 'principal', timing: { at: 'at_once' } }]);
    expect(rule.plan.escalations).toEqual([
      { audience: 'principal', timing: { at: 'at_once' } },
      { audience: 'owner', timing: { at: 'school_days_after', days: 5 } },
    ]);
    expect(rule.evaluation.escalations).toEqual([
      { audience: 'principal', timing: { at: 'school_days_after', days: 2 } },
      { audience: 'owner', timing: { at: 'school_days_after', days: 10 } },
    ]);
    expect(rule.measure_end.escalations).toEqual([{ audience: 'principal', timing: { at: 'at_once' } }]);
    expect(rule.serious_owner_notice.escalations).toEqual([{ audience: 'owner', timing: { at: 'school_days_after', days: 1 } }]);
    expect(rule.s12_5_notice.escalations).toEqual([
      { audience: 'principal', timing: { at: 'at_once' } },
      { audience: 'owner', timing: { at: 'at_once' } },
    ]);
    expect(rule.owner_acknowledge.escalations).toEqual([
      { audience: 'owner', timing: { at: 'at_once' }, action: 'resend' },
      { audience: 'owner_second_contact', timing: { at: 'at_once' } },
    ]);
    expect(DEFAULT_POLICY.enforcementWindow).toEqual({
      unit: 'calendar_days',
      count: 7,
      escalations: [{ audience: 'case_leader', timing: { at: 'at_once' } }],
    });
  });

  it('pupil conversations 1 December / 1 May; window 07:30–16:00', () => {
    expect(DEFAULT_POLICY.pupilConversation.autumnDue).toBe('12-01');
    expect(DEFAULT_POLICY.pupilConversation.springDue).toBe('05-01');
    expect(DEFAULT_POLICY.pupilConversation.summaryAudience).toBe('leader');
    expect(DEFAULT_POLICY.sendingWindow).toEqual({ start: '07:30', end: '16:00' });
  });

  it('is frozen: nobody mutates the defaults by accident', () => {
    expect(Object.isFrozen(DEFAULT_POLICY.deadlines.plan.reminders)).toBe(true);
    expect(() => {
      (DEFAULT_POLICY.deadlines.plan as { dueSchoolDays: number }).dueSchoolDays = 9;
    }).toThrow(TypeError);
  });
});

describe('resolvePolicy', () => {
  it('without overrides returns the defaults', () => {
    expect(resolvePolicy(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
  });

  it('school wins over owner, owner over defaults, untouched keys are kept', () => {
    const owner: DeadlinePolicyOverride = {
      deadlines: { investigation_conclude: { dueSchoolDays: 15 }, plan: { dueSchoolDays: 3 } },
      enforcementWindow: { unit: 'school_days', count: 5 },
      pupilConversation: { autumnDue: '11-15' },
    };
    const school: DeadlinePolicyOverride = { deadlines: { investigation_conclude: { dueSchoolDays: 12 } } };
    const p = resolvePolicy(DEFAULT_POLICY, owner, school);
    expect(p.deadlines.investigation_conclude.dueSchoolDays).toBe(12);
    expect(p.deadlines.investigation_conclude.reminders).toEqual(rule.investigation_conclude.reminders);
    expect(p.deadlines.plan.dueSchoolDays).toBe(3);
    expect(p.enforcementWindow).toEqual({ unit: 'school_days', count: 5, escalations: DEFAULT_POLICY.enforcementWindow.escalations });
    expect(p.pupilConversation.autumnDue).toBe('11-15');
    expect(p.pupilConversation.springDue).toBe('05-01');
    expect(DEFAULT_POLICY.deadlines.investigation_conclude.dueSchoolDays).toBe(10);
  });

  it('arrays replace wholesale (a reminder list is one decision)', () => {
    const p = resolvePolicy(DEFAULT_POLICY, {
      deadlines: { plan: { reminders: [{ audience: 'case_leader', timing: { at: 'school_days_before', days: 1 } }] } },
    });
    expect(p.deadlines.plan.reminders).toEqual([{ audience: 'case_leader', timing: { at: 'school_days_before', days: 1 } }]);
  });

  it('a school may set its own sending window', () => {
    const p = resolvePolicy(DEFAULT_POLICY, undefined, { sendingWindow: { start: '08:00' } });
    expect(p.sendingWindow).toEqual({ start: '08:00', end: '16:00' });
  });

  const refused: [string, DeadlinePolicyOverride, string][] = [
    ['negative days', { deadlines: { plan: { dueSchoolDays: -1 } } }, 'deadlines.plan.dueSchoolDays'],
    ['fractional days', { deadlines: { plan: { dueSchoolDays: 1.5 } } }, 'deadlines.plan.dueSchoolDays'],
    ['absurd days', { deadlines: { plan: { dueSchoolDays: 1000 } } }, 'deadlines.plan.dueSchoolDays'],
    [
      'reminder 0 days before',
      { deadlines: { plan: { reminders: [{ audience: 'case_leader', timing: { at: 'school_days_before', days: 0 } }] } } },
      'deadlines.plan.reminders[0].timing.days',
    ],
    [
      'unknown audience',
      { deadlines: { plan: { reminders: [{ audience: 'pupil' as 'leader', timing: { at: 'on_day' } }] } } },
      'deadlines.plan.reminders[0].audience',
    ],
    [
      'escalation before the due date',
      { deadlines: { plan: { escalations: [{ audience: 'owner', timing: { at: 'school_days_before', days: 2 } }] } } },
      'deadlines.plan.escalations[0].timing',
    ],
    ['window ends before it starts', { sendingWindow: { start: '17:00' } }, 'sendingWindow'],
    ['enforcement window of 0 days', { enforcementWindow: { count: 0 } }, 'enforcementWindow.count'],
    ['enforcement unit unknown', { enforcementWindow: { unit: 'weeks' as 'calendar_days' } }, 'enforcementWindow.unit'],
    ['autumn due in spring', { pupilConversation: { autumnDue: '03-01' } }, 'pupilConversation.autumnDue'],
    ['spring due 30 February', { pupilConversation: { springDue: '02-30' } }, 'pupilConversation.springDue'],
  ];
  it.each(refused)('refuses %s with a PolicyError naming the setting', (_, override, path) => {
    for (const args of [[override, undefined], [undefined, override]] as const) {
      try {
        resolvePolicy(DEFAULT_POLICY, args[0], args[1]);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(PolicyError);
        expect((e as PolicyError).code).toBe('invalid_policy');
        expect((e as PolicyError).path).toBe(path);
        expect((e as Error).message).toMatch(/^Ugyldig fristoppsett/);
      }
    }
  });

  it('refuses unknown settings instead of ignoring them', () => {
    expect(() => resolvePolicy(DEFAULT_POLICY, { deadlines: { planx: {} } } as DeadlinePolicyOverride)).toThrow(/ukjent innstilling/);
  });
});
