import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { createSchoolCalendar, epochDayOf, fromEpochDay } from './calendar';
import { computeCaseDeadlines } from './deadlines';
import { deliveryInstant } from './delivery';
import { DEFAULT_POLICY } from './policy';
import type { CaseFacts, NonSchoolDay } from './types';

const FROM = epochDayOf(2025, 1, 1);
const TO = epochDayOf(2029, 12, 31);
const dayArb = fc.integer({ min: FROM, max: TO });

/** Owner holiday lists: a few ranges of up to two weeks in the years under test. */
const holidaysArb = fc.array(
  fc.tuple(dayArb, fc.integer({ min: 0, max: 14 })).map(([start, len]): NonSchoolDay => ({
    from: fromEpochDay(start).toString(),
    to: fromEpochDay(start + len).toString(),
  })),
  { maxLength: 6 },
);

const calendarArb = holidaysArb.map((nonSchoolDays) => createSchoolCalendar({ nonSchoolDays }));
const instantArb = fc
  .integer({ min: Date.UTC(2025, 6, 1), max: Date.UTC(2028, 5, 30) })
  .map((ms) => Temporal.Instant.fromEpochMilliseconds(ms));

describe('calendar arithmetic (property-based)', () => {
  it('adding n school days never lands on a non-school day', () => {
    fc.assert(
      fc.property(calendarArb, dayArb, fc.integer({ min: -60, max: 60 }), (cal, ed, n) => {
        expect(cal.isSchoolDay(cal.addSchoolDays(fromEpochDay(ed), n))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('countSchoolDays(d, addSchoolDays(d, n)) === n (n ≠ 0, or d a school day)', () => {
    fc.assert(
      fc.property(calendarArb, dayArb, fc.integer({ min: -60, max: 60 }), (cal, ed, n) => {
        const d = fromEpochDay(ed);
        fc.pre(n !== 0 || cal.isSchoolDay(d));
        expect(cal.countSchoolDays(d, cal.addSchoolDays(d, n))).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it('addSchoolDays moves strictly in the direction of n', () => {
    fc.assert(
      fc.property(calendarArb, dayArb, fc.integer({ min: 1, max: 60 }), (cal, ed, n) => {
        const d = fromEpochDay(ed);
        expect(Temporal.PlainDate.compare(cal.addSchoolDays(d, n), d)).toBe(1);
        expect(Temporal.PlainDate.compare(cal.addSchoolDays(d, -n), d)).toBe(-1);
      }),
      { numRuns: 200 },
    );
  });

  it('nextSendingInstant is inside the window and never earlier than its input', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, (cal, t) => {
        const next = cal.nextSendingInstant(t);
        expect(cal.isInSendingWindow(next)).toBe(true);
        expect(Temporal.Instant.compare(next, t)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});

const offsetArb = fc.integer({ min: 0, max: 40 * 86_400_000 });
const later = (t: Temporal.Instant, ms: number) => t.add({ milliseconds: ms });

/** Random but coherent case histories: every event after the one it follows. */
const caseArb = fc
  .record({
    reportedAt: instantArb,
    ack: fc.option(offsetArb, { nil: undefined }),
    knew: fc.option(offsetArb, { nil: undefined }),
    leader: fc.option(fc.constantFrom('L1', 'A1'), { nil: undefined }),
    serious: fc.option(offsetArb, { nil: undefined }),
    s125: fc.option(fc.tuple(offsetArb, fc.boolean()), { nil: undefined }),
    started: fc.option(offsetArb, { nil: undefined }),
    concluded: fc.option(offsetArb, { nil: undefined }),
    plan: fc.option(
      fc.record({
        after: offsetArb,
        measures: fc.array(fc.tuple(fc.integer({ min: -5, max: 30 }), fc.integer({ min: 0, max: 60 })), { minLength: 1, maxLength: 4 }),
        evals: fc.array(fc.integer({ min: 0, max: 90 }), { maxLength: 3 }),
      }),
      { nil: undefined },
    ),
    notice: fc.option(offsetArb, { nil: undefined }),
  })
  .map((r): CaseFacts => {
    const rep = r.reportedAt;
    const started = r.started === undefined ? undefined : later(rep, r.started);
    const concluded = started && r.concluded !== undefined ? later(started, r.concluded) : undefined;
    const repEd = epochDayOf(
      rep.toZonedDateTimeISO('Europe/Oslo').year,
      rep.toZonedDateTimeISO('Europe/Oslo').month,
      rep.toZonedDateTimeISO('Europe/Oslo').day,
    );
    return {
      caseId: 'c1',
      schoolId: 's1',
      status: 'measures',
      reportedAt: rep,
      ...(r.ack !== undefined ? { acknowledgedAt: later(rep, r.ack) } : {}),
      ...(r.knew !== undefined ? { principalKnewAt: later(rep, r.knew) } : {}),
      ...(r.leader ? { caseLeaderId: r.leader } : {}),
      ...(r.serious !== undefined ? { serious: { markedAt: later(rep, r.serious) } } : {}),
      ...(r.s125 ? { s12_5: { markedAt: later(rep, r.s125[0]), accusedPersonId: 'A1', accusedInLeadership: r.s125[1] } } : {}),
      investigation: { ...(started ? { startedAt: started } : {}), ...(concluded ? { concludedAt: concluded } : {}) },
      ...(r.plan
        ? {
            planVersions: [
              {
                version: 1,
                createdAt: later(rep, r.plan.after),
                measures: r.plan.measures.map(([s, len], i) => ({
                  measureId: `m${i}`,
                  responsibleIds: ['T1', 'A1'],
                  start: fromEpochDay(repEd + s),
                  end: fromEpochDay(repEd + s + len),
                })),
                evaluationDates: r.plan.evals.map((e) => fromEpochDay(repEd + e)),
              },
            ],
          }
        : {}),
      ...(r.notice !== undefined ? { ownerNotices: [{ noticeId: 'n1', about: 'serious', sentAt: later(rep, r.notice) }] } : {}),
    };
  });

describe('deadlines (property-based)', () => {
  const nowArb = fc.integer({ min: -5 * 86_400_000, max: 60 * 86_400_000 });

  it('no reminder falls after its due instant; no escalation precedes it', () => {
    fc.assert(
      fc.property(calendarArb, caseArb, nowArb, (cal, f, nowOffset) => {
        const now = later(f.reportedAt, nowOffset);
        for (const d of computeCaseDeadlines(f, { policy: DEFAULT_POLICY, calendar: cal, now })) {
          for (const s of d.steps) {
            const cmp = Temporal.Instant.compare(s.fireAt, d.dueAt);
            if (s.kind === 'reminder') expect(cmp).toBeLessThanOrEqual(0);
            else expect(cmp).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every delivery of a non-immediate step is inside the sending window, and never before now', () => {
    fc.assert(
      fc.property(calendarArb, caseArb, nowArb, (cal, f, nowOffset) => {
        const now = later(f.reportedAt, nowOffset);
        for (const d of computeCaseDeadlines(f, { policy: DEFAULT_POLICY, calendar: cal, now })) {
          for (const s of d.steps) {
            const at = deliveryInstant(s, cal, now);
            expect(Temporal.Instant.compare(at, now)).toBeGreaterThanOrEqual(0);
            if (!s.immediate) expect(cal.isInSendingWindow(at)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the accused of a § 12-5 case is never among the named recipients; leadership-accused cases never address the principal', () => {
    fc.assert(
      fc.property(calendarArb, caseArb, (cal, f) => {
        fc.pre(f.s12_5 !== undefined);
        for (const d of computeCaseDeadlines(f, { policy: DEFAULT_POLICY, calendar: cal, now: f.reportedAt })) {
          for (const s of d.steps) {
            expect(s.personIds ?? []).not.toContain('A1');
            if (f.s12_5?.accusedInLeadership) expect(s.audience).not.toBe('principal');
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('deadline and step keys are unique and contain no ":"', () => {
    fc.assert(
      fc.property(calendarArb, caseArb, (cal, f) => {
        const ds = computeCaseDeadlines(f, { policy: DEFAULT_POLICY, calendar: cal, now: f.reportedAt });
        const keys = ds.flatMap((d) => [d.key, ...d.steps.map((s) => `${d.key}.${s.key}`)]);
        expect(new Set(keys).size).toBe(keys.length);
        for (const k of keys) expect(k).not.toContain(':');
      }),
      { numRuns: 200 },
    );
  });
});
