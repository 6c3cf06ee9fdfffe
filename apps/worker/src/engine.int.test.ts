// The deadline engine end to end, on real PostgreSQL, real Redis (this suite's own prefix) and a
// real SMTP receiver: cases are filed and acted on as the api does, the worker (startWorker, as
// main.ts builds it) sends. Time is an injected clock shared by both; each step sets it, runs the
// sweep through the queue as the per-minute scheduler would, waits until everything due has
// gone, and looks at what arrived — counted at the receiver by Message-ID and joined to the
// ledger. A step just before an instant shows that nothing goes early.
//
// One worker and one timeline for the file: the scenarios follow each other in time, each on its
// own seeded school owner (own addresses), and each looks only at the mails of its own people —
// earlier cases keep producing their later reminders, as they should.
import { notifications, people, pupils, schoolOwners } from '@trygg/db';
import { seedSchool, type SeededSchool } from '@trygg/testing';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOslo, startEngine, type Delivered, type Engine } from './test-support';

let e: Engine;
beforeAll(async () => {
  e = await startEngine('engine');
}, 60_000);
afterAll(() => e?.close());

interface School {
  s: SeededSchool;
  /** Address → role ('principal', 'owner', …). */
  roleOf: Map<string, string>;
  emailOf: (role: string) => string;
}

async function school(): Promise<School> {
  const s = await seedSchool(e.t.db);
  const ids: Record<string, string> = {
    principal: s.principal,
    leader: s.leader,
    teacher: s.teacher,
    sfo: s.sfo,
    owner: s.ownerOfficial,
    second: s.secondContact,
  };
  const rows = await e.t.db.select({ id: people.id, email: people.email }).from(people).where(inArray(people.id, Object.values(ids)));
  const emailById = new Map(rows.map((r) => [r.id, r.email]));
  const roleOf = new Map(Object.entries(ids).map(([role, id]) => [emailById.get(id)!, role]));
  return { s, roleOf, emailOf: (role) => emailById.get(ids[role]!)! };
}

/** This school's mails as 'role kind deadline step @ Oslo send instant', sorted. */
const lines = (x: School, delivered: Delivered[]) =>
  delivered
    .filter((d) => x.roleOf.has(d.to))
    .map((d) => `${x.roleOf.get(d.to)} ${d.row.kind} ${d.what} @ ${asOslo(d.row.sendAfter)}`)
    .sort();

/** Every mail of the run, for the "never" assertions at the end. */
const all: Delivered[] = [];
async function step(local: string): Promise<Delivered[]> {
  const delivered = await e.step(local);
  all.push(...delivered);
  return delivered;
}
/** What has arrived by now, after a sweep at the current clock (other cases fall due as the clock jumps). */
async function arrivedNow(): Promise<Delivered[]> {
  const delivered = await e.step(asOslo(e.clock.now));
  all.push(...delivered);
  return delivered;
}

/** Owner mails carry the case number, never the pupil's name or initials. */
async function expectNoPupilData(delivered: Delivered[]) {
  const names = await e.t.db.select({ name: pupils.name, initials: pupils.initials }).from(pupils);
  for (const d of delivered) {
    for (const out of [d.subject, d.mail.text, d.mail.html ?? '']) {
      for (const p of names) {
        expect(out).not.toContain(p.name);
        expect(out).not.toMatch(new RegExp(`(^|[^\\p{L}])${p.initials}([^\\p{L}]|$)`, 'u'));
      }
    }
  }
}

describe('a report filed on Friday 27 March 2026 at 15:50, before the Easter holidays', () => {
  // seedSchool's owner: holidays Mon 30 March – Wed 1 April; Thu 2, Fri 3 and Mon 6 April are
  // public holidays. The first school day after the report is Tuesday 7 April.
  let x: School;
  let number: string;

  it('tells the principal at once', async () => {
    x = await school();
    e.at('2026-03-27T15:50');
    ({ number } = await e.office.fileReport({ schoolId: x.s.schoolId, pupilId: x.s.pupil, filedById: x.s.teacher }));
    // The api's fast path (a job with no delay), not the sweep: it is there within seconds.
    await e.smtp.waitFor((m) => m.envelope.to.includes(x.emailOf('principal')), 10_000);
    const now = await arrivedNow();
    expect(lines(x, now)).toEqual(['principal new_report new new-report @ 2026-03-27T15:50']);
    expect(now[0]!.subject).toMatch(new RegExp(`^Ny melding i sak ${number} – Bjørk skole`));
  });

  it('then nothing until Tuesday 7 April 07:30 (16:00 Friday, the holidays and 07:29 Tuesday send nothing)', async () => {
    for (const at of ['2026-03-27T16:05', '2026-03-30T07:30', '2026-04-02T07:30', '2026-04-06T07:30', '2026-04-07T07:29']) {
      expect(lines(x, await step(at)), at).toEqual([]);
    }
  });

  it('reminds and escalates on the right school days at 07:30', async () => {
    const expected: [string, string[]][] = [
      // Acknowledgement due Tue 7 April 16:00: the principal is reminded that morning.
      ['2026-04-07T07:30', ['principal reminder acknowledge_report on-day-principal @ 2026-04-07T07:30']],
      // Investigation start due Wed 8 April 16:00 (2 school days); the principal leads the case.
      ['2026-04-08T07:29', []],
      ['2026-04-08T07:30', ['principal reminder investigation_start on-day-principal @ 2026-04-08T07:30']],
      // Not started by Wed 16:00: "principal at once" waits for the next sending window.
      ['2026-04-08T16:00', []],
      ['2026-04-09T07:29', []],
      ['2026-04-09T07:30', ['principal escalation investigation_start escalate-now-principal @ 2026-04-09T07:30']],
      // Not acknowledged: the owner after 3 school days (Wed, Thu, Fri).
      ['2026-04-10T07:29', []],
      ['2026-04-10T07:30', ['owner escalation acknowledge_report escalate-3d-owner @ 2026-04-10T07:30']],
      ['2026-04-13T07:30', []],
      ['2026-04-14T07:30', []],
      // Investigation not started: the owner after 5 school days (Thu 9 … Wed 15).
      ['2026-04-15T07:29', []],
      ['2026-04-15T07:30', ['owner escalation investigation_start escalate-5d-owner @ 2026-04-15T07:30']],
      ['2026-04-16T07:30', []],
      ['2026-04-20T07:30', []],
    ];
    for (const [at, want] of expected) {
      const got = await step(at);
      expect(lines(x, got), at).toEqual(want);
      for (const d of got.filter((m) => x.roleOf.has(m.to))) expect(d.subject, at).toContain(number);
    }
    await expectNoPupilData(all.filter((d) => d.to === x.emailOf('owner')));
    // Nobody was told twice about the same thing at the same step.
    const mine = all.filter((d) => x.roleOf.has(d.to));
    expect(new Set(mine.map((d) => d.mail.messageId)).size).toBe(mine.length);
    expect(new Set(mine.map((d) => `${d.row.subjectKey}|${d.row.recipientId}|${d.row.step}`)).size).toBe(mine.length);
  });
});

describe('a report registered on Thursday 23 April as made on Monday 20 April, never acknowledged', () => {
  let x: School;

  it('sends only the latest stale step per person, at once: the principal is reminded once', async () => {
    x = await school();
    e.at('2026-04-23T10:00');
    const { number } = await e.office.fileReport({
      schoolId: x.s.schoolId,
      pupilId: x.s.pupil,
      filedById: x.s.teacher,
      reportedAt: '2026-04-20T09:00',
    });
    await e.smtp.waitFor((m) => m.envelope.to.includes(x.emailOf('principal')), 10_000);
    // Acknowledgement was due Tue 21 April 16:00 (its on-day reminder Tue 07:30 has passed);
    // investigation start Wed 22 April 16:00 — its on-day reminder and its escalation have both
    // passed: only the escalation goes. The owner's escalations lie ahead.
    const now = lines(x, await arrivedNow());
    expect(now).toEqual([
      'principal escalation investigation_start escalate-now-principal @ 2026-04-23T10:00',
      'principal new_report new new-report @ 2026-04-23T10:00',
      'principal reminder acknowledge_report on-day-principal @ 2026-04-23T10:00',
    ]);
    expect(all.filter((d) => x.roleOf.has(d.to)).every((d) => d.subject.includes(number))).toBe(true);
    // The next sweeps (same minute, next minute) send nothing more.
    expect(lines(x, await step('2026-04-23T10:00'))).toEqual([]);
    expect(lines(x, await step('2026-04-23T10:01'))).toEqual([]);
  });

  it('escalates to the owner once per deadline, at the right steps', async () => {
    const expected: [string, string[]][] = [
      ['2026-04-24T07:29', []],
      // Acknowledgement: 3 school days after Tue 21 → Fri 24 April 07:30.
      ['2026-04-24T07:30', ['owner escalation acknowledge_report escalate-3d-owner @ 2026-04-24T07:30']],
      ['2026-04-27T07:30', []],
      ['2026-04-28T07:30', []],
      // Investigation start: 5 school days after Wed 22 → Wed 29 April 07:30.
      ['2026-04-29T07:29', []],
      ['2026-04-29T07:30', ['owner escalation investigation_start escalate-5d-owner @ 2026-04-29T07:30']],
      ['2026-04-30T07:30', []],
      ['2026-05-04T07:30', []],
    ];
    for (const [at, want] of expected) expect(lines(x, await step(at)), at).toEqual(want);
    const mine = all.filter((d) => x.roleOf.has(d.to)).map((d) => `${x.roleOf.get(d.to)} ${d.row.kind} ${d.what}`);
    // Exactly once each.
    expect(mine.filter((l) => l.startsWith('principal reminder acknowledge_report'))).toHaveLength(1);
    expect(mine.filter((l) => l.startsWith('owner escalation acknowledge_report'))).toHaveLength(1);
    expect(mine.filter((l) => l.startsWith('owner escalation investigation_start'))).toHaveLength(1);
    expect(mine).toHaveLength(5);
  });
});

describe('a step done before its reminder cancels it; delegating moves the reminders', () => {
  let x: School;
  let caseId: string;

  it('acknowledged the same afternoon: no reminder to acknowledge on Tuesday', async () => {
    x = await school();
    e.at('2026-05-04T09:00');
    ({ caseId } = await e.office.fileReport({ schoolId: x.s.schoolId, pupilId: x.s.pupil, filedById: x.s.teacher }));
    expect(lines(x, await arrivedNow())).toEqual(['principal new_report new new-report @ 2026-05-04T09:00']);
    e.at('2026-05-04T14:00');
    await e.office.acknowledge(caseId, x.s.principal);
    expect(lines(x, await step('2026-05-04T14:01'))).toEqual([]);
    // Acknowledgement due Tue 5 May 16:00; its 07:30 reminder was cancelled, and so was the
    // owner's escalation of Thursday.
    expect(lines(x, await step('2026-05-05T07:30'))).toEqual([]);
  });

  it('delegated to a leader: the case leader\'s reminder goes to the leader', async () => {
    e.at('2026-05-05T10:00');
    await e.office.delegate(caseId, x.s.leader, x.s.principal);
    expect(lines(x, await step('2026-05-05T10:01'))).toEqual([]);
    expect(lines(x, await step('2026-05-06T07:29'))).toEqual([]);
    // Investigation start due Wed 6 May 16:00: "case leader and principal, on the day". Before
    // the delegation the principal led the case and had one reminder; now there are two people.
    expect(lines(x, await step('2026-05-06T07:30'))).toEqual([
      'leader reminder investigation_start on-day-case_leader @ 2026-05-06T07:30',
      'principal reminder investigation_start on-day-principal @ 2026-05-06T07:30',
    ]);
  });

  it('investigation started before the deadline: no escalation on Thursday, and the next deadline\'s reminders follow the start', async () => {
    e.at('2026-05-06T10:00');
    await e.office.startInvestigation(caseId, x.s.leader);
    expect(lines(x, await step('2026-05-06T10:01'))).toEqual([]);
    expect(lines(x, await step('2026-05-07T07:30'))).toEqual([]);
    expect(lines(x, await step('2026-05-08T07:30'))).toEqual([]);
    // Conclusion due 10 school days after Wed 6 May (Ascension Thursday 14 May is a holiday):
    // Thu 21 May 16:00; the leader is reminded 3 school days before, Mon 18 May.
    const pending = await e.t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, caseId), isNull(notifications.sentAt), isNull(notifications.cancelledAt)));
    expect(pending.map((r) => `${r.step} @ ${asOslo(r.sendAfter)}`).sort()).toEqual([
      'escalate-now-principal @ 2026-05-22T07:30',
      'on-day-case_leader @ 2026-05-21T07:30',
      'remind-3d-case_leader @ 2026-05-18T07:30',
    ]);
  });
});

/** Filled by the § 12-5 scenarios; checked at the very end of the timeline. */
const neverMailed: { what: string; address: string }[] = [];

describe('§ 12-5 — an employee suspected of violating a pupil', () => {

  it('about a teacher, on Saturday 9 May at 22:00: principal and owner are told at once; the accused gets nothing', async () => {
    const x = await school();
    neverMailed.push({ what: '§ 12-5 about a teacher: the teacher', address: x.emailOf('teacher') });
    e.at('2026-05-09T22:00');
    const { number } = await e.office.fileReport({ schoolId: x.s.schoolId, pupilId: x.s.pupil, filedById: x.s.sfo, accusedPersonId: x.s.teacher });
    await e.smtp.waitFor((m) => m.envelope.to.includes(x.emailOf('owner')), 10_000);
    const now = await arrivedNow();
    // "straks": outside the sending window, on a Saturday night. The investigation is due by the
    // end of the same calendar day, so its on-day reminder goes at once too.
    expect(lines(x, now)).toEqual([
      'owner owner_notice s12_5_notice notice-owner @ 2026-05-09T22:00',
      'principal new_report s12_5_notice notice-principal @ 2026-05-09T22:00',
      'principal reminder investigation_start on-day-principal @ 2026-05-09T22:00',
    ]);
    const notice = now.find((d) => d.to === x.emailOf('owner'))!;
    expect(notice.subject).toContain('§ 12-5');
    expect(notice.subject).toContain(number);
    await expectNoPupilData([notice]);
    expect(now.find((d) => d.row.kind === 'new_report')!.subject).toMatch(/^§ 12-5/);
  });

  it('about the principal, on Monday 18 May: the owner is told; the principal is not', async () => {
    const x = await school();
    neverMailed.push(
      { what: '§ 12-5 about the principal: the principal', address: x.emailOf('principal') },
      { what: '§ 12-5 about the principal: the leader', address: x.emailOf('leader') },
    );
    e.at('2026-05-18T08:00');
    await e.office.fileReport({ schoolId: x.s.schoolId, pupilId: x.s.pupil, filedById: x.s.teacher, accusedPersonId: x.s.principal });
    await e.smtp.waitFor((m) => m.envelope.to.includes(x.emailOf('owner')), 10_000);
    // The owner takes the principal's place in the case.
    expect(lines(x, await arrivedNow())).toEqual([
      'owner owner_notice s12_5_notice notice-owner @ 2026-05-18T08:00',
      'owner reminder investigation_start on-day-owner @ 2026-05-18T08:00',
    ]);
  });

});

describe('the weekly digest, Monday 1 June 2026 07:00', () => {
  let x: School;

  it('sends one digest per owner recipient with the right figures and no names', async () => {
    x = await school();
    // Week 22 (25–31 May; Whit Monday 25 May is a public holiday): two reports at Bjørk. One is
    // left alone (its investigation was due Thu 28 May 16:00: overdue); the other is acknowledged
    // and investigated the same day (0 days from report to investigation).
    e.at('2026-05-26T09:00');
    await e.office.fileReport({ schoolId: x.s.schoolId, pupilId: x.s.pupil, filedById: x.s.teacher });
    e.at('2026-05-27T10:00');
    const b = await e.office.fileReport({ schoolId: x.s.schoolId, pupilId: x.s.otherPupil, filedById: x.s.sfo });
    e.at('2026-05-27T10:30');
    await e.office.startInvestigation(b.caseId, x.s.principal);
    await step('2026-05-29T12:00');

    e.at('2026-06-01T07:00');
    // What the Monday 07:00 scheduler runs (payload {}: the week that has just ended). It writes
    // one ledger row per owner recipient; the sweep sends them.
    const job = await e.worker.queues.queue('scheduled').add('weekly-digest', {});
    await expect.poll(async () => job.getState(), { timeout: 15_000 }).toBe('completed');
    const digests = (await step('2026-06-01T07:00')).filter((d) => d.row.kind === 'weekly_digest');
    const owners = await e.t.db.select({ recipients: schoolOwners.digestRecipientIds }).from(schoolOwners);
    const recipients = owners.flatMap((o) => o.recipients);
    expect(recipients).toHaveLength(6);
    expect(digests.map((d) => d.row.recipientId).sort()).toEqual([...recipients].sort());
    expect(new Set(digests.map((d) => d.to)).size).toBe(6);

    const mine = digests.find((d) => d.to === x.emailOf('owner'))!;
    expect(mine.subject).toMatch(/^Ukeoversikt uke 22 2026 – /);
    const text = mine.mail.text.replace(/\r\n/g, '\n');
    expect(text).toContain('i uke 22 (25.–31. mai 2026)');
    // One section per school, headed by its name.
    const bjork = text.slice(text.search(/^Bjørk skole \d+\n-+$/m), text.search(/^Lind skole \d+\n-+$/m));
    const lind = text.slice(text.search(/^Lind skole \d+\n-+$/m));
    expect(bjork).not.toBe('');
    expect(bjork).toMatch(/Nye meldinger denne uken: 2\n/);
    expect(bjork).toMatch(/Åpne saker – meldt: 1\n/);
    expect(bjork).toMatch(/Åpne saker – under undersøkelse: 1\n/);
    expect(bjork).toMatch(/Undersøkelser over fristen: 1\n/);
    // A sensitive count under 5 — zero included — is shown as "<5".
    expect(bjork).toMatch(/Åpne § 12-5-saker: <5\n/);
    expect(bjork).toMatch(/Median dager fra melding til undersøkelse: 0\n/);
    expect(lind).toMatch(/Nye meldinger denne uken: 0\n/);
    expect(text).toContain('Stille skoler (ingen meldinger dette halvåret): 1');
    expect(text.match(/Stille skole: ingen meldinger dette halvåret/g)).toHaveLength(1);
    expect(lind).toContain('Stille skole: ingen meldinger dette halvåret');
    await expectNoPupilData(digests);
  });

  it('a second run in the same ISO week sends nothing', async () => {
    for (const at of ['2026-06-01T07:05', '2026-06-04T12:00']) {
      e.at(at);
      const job = await e.worker.queues.queue('scheduled').add('weekly-digest', {});
      await expect.poll(async () => job.getState(), { timeout: 15_000 }).toBe('completed');
      expect((await step(at)).filter((d) => d.row.kind === 'weekly_digest'), at).toEqual([]);
    }
  });
});

describe('at the end of the timeline', () => {
  it('has never mailed the accused, nor the leadership of a § 12-5 case about the principal', async () => {
    await step('2026-06-12T12:00');
    expect(neverMailed).toHaveLength(3);
    for (const { what, address } of neverMailed) {
      expect(e.smtp.messages.filter((m) => m.envelope.to.includes(address)).map((m) => m.subject), what).toEqual([]);
    }
    // Every mail of the run went once: distinct Message-IDs.
    expect(new Set(e.smtp.messages.map((m) => m.messageId)).size).toBe(e.smtp.messages.length);
  });
});
