import { cases, notifications, reports, type Db } from '@trygg/db';
import { createTestDatabase, seedSchool, type SeededSchool, type TestDatabase } from '@trygg/testing';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnerNotice, notifyNewReport, syncCaseDeadlines } from './index';
import { asOslo, fileReport, oslo, osloDate } from './test-support';

let tdb: TestDatabase;
let db: Db;
let s: SeededSchool;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  s = await seedSchool(db);
});
afterAll(() => tdb?.drop());

/** The case's pending ledger as 'deadline-kind step → recipient @ Oslo time', sorted. */
async function pending(caseId: string, names: Record<string, string>): Promise<string[]> {
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.caseId, caseId), isNull(notifications.cancelledAt), isNull(notifications.sentAt)));
  return rows
    .map((r) => `${r.subjectKey.replace(/^(case|report)-[0-9a-f-]+\./, '')} ${r.step} → ${names[r.recipientId] ?? r.recipientId} @ ${asOslo(r.sendAfter)}`)
    .sort();
}
const who = () => ({
  [s.principal]: 'principal',
  [s.leader]: 'leader',
  [s.teacher]: 'teacher',
  [s.ownerOfficial]: 'owner',
  [s.secondContact]: 'second',
});

describe('syncCaseDeadlines', () => {
  it('schedules a Friday-15:50 report before the Easter holidays on the right school days', async () => {
    const now = oslo('2026-03-27T15:50');
    const { caseId, reportId } = await fileReport(db, { schoolId: s.schoolId, pupilId: s.pupil, filedById: s.teacher, at: now });
    await syncCaseDeadlines(db, caseId, now);
    await notifyNewReport(db, reportId, now);
    // Easter 2026: owner holidays Mon 30 Mar – Wed 1 Apr, public Thu 2, Fri 3, Mon 6 April.
    // The first school day after the report is Tuesday 7 April.
    expect(await pending(caseId, who())).toEqual([
      'acknowledge_report escalate-3d-owner → owner @ 2026-04-10T07:30',
      'acknowledge_report on-day-principal → principal @ 2026-04-07T07:30',
      'investigation_start escalate-5d-owner → owner @ 2026-04-15T07:30',
      // Due Wed 8 April 16:00; "at once" waits for the next sending window.
      'investigation_start escalate-now-principal → principal @ 2026-04-09T07:30',
      // The principal leads the case until it is delegated: reminded once, not twice.
      'investigation_start on-day-principal → principal @ 2026-04-08T07:30',
      'new new-report → principal @ 2026-03-27T15:50',
    ]);
  });

  it('cancels a reminder when the step is done before it fires, and moves reminders with the case', async () => {
    const reported = oslo('2026-04-13T09:00');
    const { caseId, reportId } = await fileReport(db, { schoolId: s.schoolId, pupilId: s.pupil, filedById: s.teacher, at: reported });
    await syncCaseDeadlines(db, caseId, reported);
    // The principal registers the report the same afternoon: Tuesday's reminder is not wanted.
    const registered = oslo('2026-04-13T14:00');
    await db.update(reports).set({ registeredAt: osloDate('2026-04-13T14:00'), registeredById: s.principal }).where(eq(reports.id, reportId));
    await syncCaseDeadlines(db, caseId, registered);
    const rows = await db.select().from(notifications).where(and(eq(notifications.caseId, caseId), eq(notifications.step, 'on-day-principal')));
    const ack = rows.find((r) => r.subjectKey.endsWith('acknowledge_report'));
    expect(ack?.cancelledAt?.toISOString()).toBe(osloDate('2026-04-13T14:00').toISOString());
    // Delegating to a leader moves the case leader's reminder to the leader.
    await db.update(cases).set({ caseLeaderId: s.leader }).where(eq(cases.id, caseId));
    await syncCaseDeadlines(db, caseId, oslo('2026-04-13T15:00'));
    expect((await pending(caseId, who())).filter((l) => l.includes('on-day-case_leader'))).toEqual([
      'investigation_start on-day-case_leader → leader @ 2026-04-15T07:30',
    ]);
  });

  it('sends only the latest stale step when a report is registered after the fact', async () => {
    // Made Monday 13 April, registered on Thursday 16 April at 10:00: the acknowledgement was due
    // Tuesday 16:00 and its on-day reminder has passed, the owner escalation (Fri 07:30) has not.
    const now = oslo('2026-04-16T10:00');
    const { caseId } = await fileReport(db, { schoolId: s.schoolId, pupilId: s.otherPupil, filedById: s.teacher, at: now, asOf: oslo('2026-04-13T09:00') });
    await syncCaseDeadlines(db, caseId, now);
    expect(await pending(caseId, who())).toEqual([
      'acknowledge_report escalate-3d-owner → owner @ 2026-04-17T07:30',
      'acknowledge_report on-day-principal → principal @ 2026-04-16T10:00',
      'investigation_start escalate-5d-owner → owner @ 2026-04-22T07:30',
      // On-day reminder (Wed 07:30) and at-once escalation (Wed 16:00) both passed: only the
      // escalation goes, now.
      'investigation_start escalate-now-principal → principal @ 2026-04-16T10:00',
    ]);
  });

  it('§ 12-5 about a teacher: principal and owner at once, on a Saturday night; the accused gets nothing', async () => {
    const now = oslo('2026-04-18T22:15');
    const { caseId } = await fileReport(db, { schoolId: s.schoolId, pupilId: s.pupil, filedById: s.sfo, at: now, accusedPersonId: s.teacher });
    await syncCaseDeadlines(db, caseId, now);
    const lines = await pending(caseId, who());
    expect(lines.filter((l) => l.startsWith('s12_5_notice'))).toEqual([
      's12_5_notice notice-owner → owner @ 2026-04-18T22:15',
      's12_5_notice notice-principal → principal @ 2026-04-18T22:15',
    ]);
    expect(lines.some((l) => l.includes('→ teacher'))).toBe(false);
    const kinds = await db.select({ kind: notifications.kind, step: notifications.step }).from(notifications).where(eq(notifications.caseId, caseId));
    expect(kinds.filter((k) => k.step === 'notice-owner').map((k) => k.kind)).toEqual(['owner_notice']);
  });

  it('§ 12-5 about the principal: the owner is told, the principal and the leadership are not', async () => {
    const now = oslo('2026-04-20T08:00');
    const { caseId } = await fileReport(db, {
      schoolId: s.schoolId,
      pupilId: s.pupil,
      filedById: s.teacher,
      at: now,
      accusedPersonId: s.principal,
      accusedInLeadership: true,
    });
    await syncCaseDeadlines(db, caseId, now);
    const lines = await pending(caseId, who());
    expect(lines.filter((l) => l.startsWith('s12_5_notice'))).toEqual(['s12_5_notice notice-owner → owner @ 2026-04-20T08:00']);
    expect(lines.some((l) => l.includes('→ principal') || l.includes('→ leader'))).toBe(false);
  });

  it('an owner notice is created once, at once, for the owner officials', async () => {
    const now = oslo('2026-04-21T11:00');
    const { caseId } = await fileReport(db, { schoolId: s.schoolId, pupilId: s.pupil, filedById: s.teacher, at: now, serious: true });
    expect(await createOwnerNotice(db, caseId, 'serious', now)).toBe(1);
    expect(await createOwnerNotice(db, caseId, 'serious', oslo('2026-04-21T11:05'))).toBe(0);
    expect((await pending(caseId, who())).filter((l) => l.startsWith('owner_notice'))).toEqual(['owner_notice-serious notice → owner @ 2026-04-21T11:00']);
  });
});

describe('the principal tells the owner', () => {
  it('meets the serious-case deadline when the principal acts, cancelling the reminder and the system escalation', async () => {
    const marked = oslo('2026-04-22T09:00');
    const { caseId } = await fileReport(db, { schoolId: s.schoolId, pupilId: s.otherPupil, filedById: s.teacher, at: marked, serious: true });
    await syncCaseDeadlines(db, caseId, marked);
    expect((await pending(caseId, who())).filter((l) => l.startsWith('serious_owner_notice'))).toEqual([
      'serious_owner_notice escalate-1d-owner → owner @ 2026-04-23T07:30',
      'serious_owner_notice now-principal → principal @ 2026-04-22T09:00',
    ]);
    const told = oslo('2026-04-22T09:10');
    await createOwnerNotice(db, caseId, 'serious', told);
    await syncCaseDeadlines(db, caseId, told);
    expect((await pending(caseId, who())).filter((l) => l.startsWith('serious_owner_notice'))).toEqual([]);
  });
});
