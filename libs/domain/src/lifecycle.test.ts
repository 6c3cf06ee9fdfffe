import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION_RULES,
  availableActions,
  CASE_ACTION_TYPES,
  CASE_STATUSES,
  newCaseState,
  STATUS_TRANSITIONS,
  transition,
  type CaseAction,
  type CaseState,
  type TransitionContext,
} from './lifecycle';
import { LIFECYCLE_MESSAGES, LIFECYCLE_REFUSAL_CODES, type LifecycleRefusalCode } from './messages';

const reported: CaseState = newCaseState();
const investigating: CaseState = { ...reported, status: 'investigating', acknowledged: true };
const concluded: CaseState = { ...investigating, investigationConcluded: true };
const measures: CaseState = { ...concluded, status: 'measures', hasPlan: true };
const measuresUnconcluded: CaseState = { ...investigating, status: 'measures', hasPlan: true };
const closedWithPlan: CaseState = { ...measures, status: 'closed' };
const closedNoPlan: CaseState = { ...concluded, status: 'closed' };

const heard: TransitionContext = { pupilHeard: true, bestInterestAssessed: true };

function expectRefused(state: CaseState, action: CaseAction, ctx: TransitionContext, code: LifecycleRefusalCode) {
  const r = transition(state, action, ctx);
  expect(r).toEqual({ ok: false, code, message: LIFECYCLE_MESSAGES[code].nb });
}

function expectNext(state: CaseState, action: CaseAction, ctx: TransitionContext, next: CaseState) {
  const r = transition(state, action, ctx);
  expect(r.ok).toBe(true);
  if (r.ok) expect(r.next).toEqual(next);
}

describe('acknowledge (principal registers the report)', () => {
  it('is allowed once, on a reported case', () => {
    expectNext(reported, { type: 'acknowledge' }, {}, { ...reported, acknowledged: true });
  });
  it('is refused when already acknowledged', () => {
    expectRefused({ ...reported, acknowledged: true }, { type: 'acknowledge' }, {}, 'ALREADY_ACKNOWLEDGED');
  });
  it('is refused once the investigation has started (that counts as registered)', () => {
    expectRefused(investigating, { type: 'acknowledge' }, {}, 'ALREADY_ACKNOWLEDGED');
  });
  it('is refused on a closed case', () => {
    expectRefused(closedWithPlan, { type: 'acknowledge' }, {}, 'CASE_CLOSED');
  });
});

describe('start_investigation (§ 12-4 "snarast")', () => {
  it('moves reported → investigating and marks the report registered', () => {
    const r = transition(reported, { type: 'start_investigation' }, { deadlinePassed: false });
    expect(r).toEqual({ ok: true, next: { ...reported, status: 'investigating', acknowledged: true } });
  });
  it('after the deadline, requires a written reason', () => {
    expectRefused(reported, { type: 'start_investigation' }, { deadlinePassed: true }, 'DELAY_REASON_REQUIRED');
    expectRefused(reported, { type: 'start_investigation', delayReason: '   ' }, { deadlinePassed: true }, 'DELAY_REASON_REQUIRED');
  });
  it('after the deadline, with a reason, is allowed and hands the trimmed reason back for the timeline', () => {
    const r = transition(reported, { type: 'start_investigation', delayReason: '  Rektor var syk.  ' }, { deadlinePassed: true });
    expect(r).toEqual({
      ok: true,
      next: { ...reported, status: 'investigating', acknowledged: true },
      delayReason: 'Rektor var syk.',
    });
  });
  it('is refused when already started', () => {
    expectRefused(investigating, { type: 'start_investigation' }, {}, 'INVESTIGATION_ALREADY_STARTED');
    expectRefused(measures, { type: 'start_investigation' }, {}, 'INVESTIGATION_ALREADY_STARTED');
  });
  it('is refused on a closed case', () => {
    expectRefused(closedNoPlan, { type: 'start_investigation' }, {}, 'CASE_CLOSED');
  });
});

describe('conclude_investigation (§§ 10-1, 10-2)', () => {
  it('is allowed when the pupil is heard and the best-interest assessment written', () => {
    expectNext(investigating, { type: 'conclude_investigation' }, heard, concluded);
  });
  it('is allowed after an urgent plan (status measures)', () => {
    expectNext(measuresUnconcluded, { type: 'conclude_investigation' }, heard, measures);
  });
  it('is refused before the investigation started', () => {
    expectRefused(reported, { type: 'conclude_investigation' }, heard, 'INVESTIGATION_NOT_STARTED');
  });
  it('is refused when the pupil has not been heard (§ 10-2)', () => {
    expectRefused(investigating, { type: 'conclude_investigation' }, { bestInterestAssessed: true }, 'PUPIL_NOT_HEARD');
    expectRefused(investigating, { type: 'conclude_investigation' }, {}, 'PUPIL_NOT_HEARD');
  });
  it('is refused without the child’s-best assessment (§ 10-1)', () => {
    expectRefused(investigating, { type: 'conclude_investigation' }, { pupilHeard: true }, 'BEST_INTEREST_NOT_ASSESSED');
  });
  it('after its deadline, requires a written reason', () => {
    expectRefused(investigating, { type: 'conclude_investigation' }, { ...heard, deadlinePassed: true }, 'DELAY_REASON_REQUIRED');
    const r = transition(investigating, { type: 'conclude_investigation', delayReason: 'Ventet på samtale med eleven.' }, { ...heard, deadlinePassed: true });
    expect(r).toEqual({ ok: true, next: concluded, delayReason: 'Ventet på samtale med eleven.' });
  });
  it('is refused when already concluded', () => {
    expectRefused(concluded, { type: 'conclude_investigation' }, heard, 'INVESTIGATION_ALREADY_CONCLUDED');
    expectRefused(measures, { type: 'conclude_investigation' }, heard, 'INVESTIGATION_ALREADY_CONCLUDED');
  });
  it('is refused on a closed case', () => {
    expectRefused(closedWithPlan, { type: 'conclude_investigation' }, heard, 'CASE_CLOSED');
  });
});

describe('create_plan (§ 12-4 (3))', () => {
  it('moves investigating → measures after the investigation', () => {
    expectNext(concluded, { type: 'create_plan' }, {}, measures);
  });
  it('is allowed before the investigation is concluded (urgent measures may not wait)', () => {
    expectNext(investigating, { type: 'create_plan' }, {}, measuresUnconcluded);
  });
  it('is refused before the investigation started', () => {
    expectRefused(reported, { type: 'create_plan' }, {}, 'INVESTIGATION_NOT_STARTED');
  });
  it('is refused when a plan exists (revise it instead)', () => {
    expectRefused(measures, { type: 'create_plan' }, {}, 'PLAN_ALREADY_EXISTS');
  });
  it('after its deadline, requires a written reason', () => {
    expectRefused(concluded, { type: 'create_plan' }, { deadlinePassed: true }, 'DELAY_REASON_REQUIRED');
    const r = transition(concluded, { type: 'create_plan', delayReason: 'Foreldremøtet ble flyttet.' }, { deadlinePassed: true });
    expect(r).toEqual({ ok: true, next: measures, delayReason: 'Foreldremøtet ble flyttet.' });
  });
  it('is refused on a closed case', () => {
    expectRefused(closedNoPlan, { type: 'create_plan' }, {}, 'CASE_CLOSED');
  });
});

describe('revise_plan', () => {
  it('is allowed with a plan and keeps the status', () => {
    expectNext(measures, { type: 'revise_plan' }, {}, measures);
  });
  it('is refused without a plan', () => {
    expectRefused(reported, { type: 'revise_plan' }, {}, 'PLAN_REQUIRED');
    expectRefused(concluded, { type: 'revise_plan' }, {}, 'PLAN_REQUIRED');
  });
  it('is refused on a closed case', () => {
    expectRefused(closedWithPlan, { type: 'revise_plan' }, {}, 'CASE_CLOSED');
  });
});

describe('mark_serious (§ 12-4: owner must be notified)', () => {
  it.each([reported, investigating, measures])('is allowed on an open case ($status)', (state) => {
    expectNext(state, { type: 'mark_serious' }, {}, { ...state, serious: true });
  });
  it('is refused when already serious', () => {
    expectRefused({ ...investigating, serious: true }, { type: 'mark_serious' }, {}, 'ALREADY_SERIOUS');
  });
  it('is refused on a closed case', () => {
    expectRefused(closedWithPlan, { type: 'mark_serious' }, {}, 'CASE_CLOSED');
  });
});

describe('close (only when safe and good, § 12-4)', () => {
  it('moves measures → closed when the situation is judged safe', () => {
    expectNext(measures, { type: 'close' }, { situationSafe: true }, closedWithPlan);
  });
  it('moves investigating → closed when the investigation found the pupil safe', () => {
    expectNext(concluded, { type: 'close' }, { situationSafe: true }, closedNoPlan);
  });
  it('is refused unless the situation is judged safe', () => {
    expectRefused(measures, { type: 'close' }, {}, 'CLOSE_REQUIRES_SAFE');
    expectRefused(measures, { type: 'close' }, { situationSafe: false }, 'CLOSE_REQUIRES_SAFE');
  });
  it('is refused before the investigation started', () => {
    expectRefused(reported, { type: 'close' }, { situationSafe: true }, 'INVESTIGATION_NOT_STARTED');
  });
  it('is refused before the investigation is concluded', () => {
    expectRefused(investigating, { type: 'close' }, { situationSafe: true }, 'INVESTIGATION_NOT_CONCLUDED');
    expectRefused(measuresUnconcluded, { type: 'close' }, { situationSafe: true }, 'INVESTIGATION_NOT_CONCLUDED');
  });
  it('is refused when already closed', () => {
    expectRefused(closedWithPlan, { type: 'close' }, { situationSafe: true }, 'CASE_CLOSED');
  });
});

describe('reopen', () => {
  it('goes back to measures when a plan exists (the plan is revised, not replaced)', () => {
    expectNext(closedWithPlan, { type: 'reopen', reason: 'Ny melding fra foreldrene.' }, {}, measures);
  });
  it('goes back to investigating without a plan, as a new round that must be concluded again', () => {
    expectNext(closedNoPlan, { type: 'reopen', reason: 'Eleven sier det har startet igjen.' }, {}, {
      ...closedNoPlan,
      status: 'investigating',
      investigationConcluded: false,
    });
  });
  it('keeps the serious mark', () => {
    expectNext({ ...closedWithPlan, serious: true }, { type: 'reopen', reason: 'Ny hendelse.' }, {}, { ...measures, serious: true });
  });
  it('requires a reason', () => {
    expectRefused(closedWithPlan, { type: 'reopen', reason: ' ' }, {}, 'REOPEN_REASON_REQUIRED');
  });
  it.each([reported, investigating, measures])('is refused on an open case ($status)', (state) => {
    expectRefused(state, { type: 'reopen', reason: 'x' }, {}, 'ALREADY_OPEN');
  });
});

describe('robustness and messages', () => {
  it('refuses an unknown action instead of throwing', () => {
    expectRefused(reported, { type: 'delete' } as unknown as CaseAction, {}, 'UNKNOWN_ACTION');
    expectRefused(reported, null as unknown as CaseAction, {}, 'UNKNOWN_ACTION');
  });
  it('answers in Nynorsk when asked', () => {
    const r = transition(investigating, { type: 'conclude_investigation' }, { language: 'nn' });
    expect(r).toEqual({ ok: false, code: 'PUPIL_NOT_HEARD', message: LIFECYCLE_MESSAGES.PUPIL_NOT_HEARD.nn });
  });
  it('has a Bokmål and a Nynorsk message for every code', () => {
    for (const code of LIFECYCLE_REFUSAL_CODES) {
      expect(LIFECYCLE_MESSAGES[code].nb.length).toBeGreaterThan(10);
      expect(LIFECYCLE_MESSAGES[code].nn.length).toBeGreaterThan(10);
    }
  });
});

describe('transitions as data', () => {
  it('lists the statuses in lifecycle order', () => {
    expect(CASE_STATUSES).toEqual(['reported', 'investigating', 'measures', 'closed']);
  });
  it('availableActions offers what the UI can do next', () => {
    expect(availableActions(reported)).toEqual(['acknowledge', 'start_investigation', 'mark_serious']);
    expect(availableActions(investigating)).toEqual(['conclude_investigation', 'create_plan', 'mark_serious']);
    expect(availableActions(concluded)).toEqual(['create_plan', 'mark_serious', 'close']);
    expect(availableActions(measures)).toEqual(['revise_plan', 'mark_serious', 'close']);
    expect(availableActions(closedWithPlan)).toEqual(['reopen']);
  });
});

// Reachable states, built by running arbitrary action sequences from a new case.
const actionArb: fc.Arbitrary<CaseAction> = fc.oneof(
  fc.constantFrom<CaseAction>(
    { type: 'acknowledge' },
    { type: 'revise_plan' },
    { type: 'mark_serious' },
    { type: 'close' },
    { type: 'reopen', reason: 'ny hendelse' },
    { type: 'reopen', reason: '' },
  ),
  fc.record({
    type: fc.constantFrom('start_investigation' as const, 'conclude_investigation' as const, 'create_plan' as const),
    delayReason: fc.option(fc.string(), { nil: undefined }),
  }),
);
const ctxArb: fc.Arbitrary<TransitionContext> = fc.record(
  { deadlinePassed: fc.boolean(), pupilHeard: fc.boolean(), bestInterestAssessed: fc.boolean(), situationSafe: fc.boolean() },
  { requiredKeys: [] },
);

describe('properties', () => {
  it('every reachable state keeps the invariants, and every move follows STATUS_TRANSITIONS and ACTION_RULES', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(actionArb, ctxArb), { maxLength: 30 }), (steps) => {
        let state = newCaseState();
        for (const [action, ctx] of steps) {
          const r = transition(state, action, ctx);
          if (!r.ok) {
            expect(LIFECYCLE_REFUSAL_CODES).toContain(r.code);
            expect(r.message).toBe(LIFECYCLE_MESSAGES[r.code].nb);
            continue;
          }
          const rule = ACTION_RULES[action.type];
          expect(rule.from).toContain(state.status);
          if (r.next.status !== state.status) {
            expect(STATUS_TRANSITIONS[state.status]).toContain(r.next.status);
          } else {
            expect(rule.to).toBeNull();
          }
          state = r.next;
          if (state.status === 'measures') expect(state.hasPlan).toBe(true);
          if (state.status === 'reported') expect(state.hasPlan || state.investigationConcluded).toBe(false);
          if (state.status === 'closed') expect(state.investigationConcluded).toBe(true);
          if (state.status !== 'reported') expect(state.acknowledged).toBe(true);
        }
      }),
    );
  });

  it('every action type has a rule', () => {
    expect(Object.keys(ACTION_RULES).sort()).toEqual([...CASE_ACTION_TYPES].sort());
  });
});
