// The weekly digest to the school owner (DOMAIN.md "Weekly digest to the school owner"):
// figures per school, computed by the database (one query of per-school aggregates — no rows
// counted in JavaScript), and the ledger rows that send it — one per digest recipient, once per
// owner and week.
//
// WEEK CONVENTION. The Monday 07:00 run reports the ISO week that has just ended: run at any
// time in week W+1 (Oslo wall clock), it reports Monday–Sunday of week W. `weekStart` is that
// Monday, the ledger key and digest_runs.iso_week name week W ('2026-W47'), and the template
// prints "uke 47 (16.–22. november 2026)" from the same `weekStart`. So "new reports this week"
// and "closed this week" mean in week W (Mon 00:00 to next Mon 00:00 Oslo), while the open,
// serious, § 12-5 and overdue figures are a snapshot at the moment the figures are computed
// (`now`: when the email is composed). The worker's scheduled job (`previousIsoWeek`) uses the
// same convention.
import { cases, deadlines, digestRuns, notifications, people, planVersions, pupilConversations, pupils, reports, schoolOwners, schools, startDigestRun, type Db } from '@trygg/db';
import { isoWeek, type DigestSchoolRow, type WeeklyDigestMessage } from '@trygg/notifications';
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Temporal } from 'temporal-polyfill';
import { toDate } from './time';

const OSLO = 'Europe/Oslo';

export class UnknownOwnerError extends Error {}

/** '2026-W47' of a date (ISO 8601 weeks, as the template and digest_runs name them). */
export function isoWeekId(date: Temporal.PlainDate): string {
  const { year, week } = isoWeek(date.toString());
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week id ('2026-W47' → 2026-11-16). */
export function isoWeekStart(id: string): Temporal.PlainDate {
  const m = /^(\d{4})-W(\d{2})$/.exec(id);
  if (!m) throw new RangeError(`not an ISO week: ${JSON.stringify(id)}`);
  const [year, week] = [Number(m[1]), Number(m[2])];
  // 4 January is always in week 1.
  const jan4 = Temporal.PlainDate.from({ year, month: 1, day: 4 });
  const monday = jan4.subtract({ days: jan4.dayOfWeek - 1 }).add({ weeks: week - 1 });
  if (isoWeekId(monday) !== id) throw new RangeError(`no such ISO week: ${id}`);
  return monday;
}

/** The Monday of the week that has just ended, as seen at `now` in Oslo (see WEEK CONVENTION). */
export function reportedWeekStart(now: Temporal.Instant): Temporal.PlainDate {
  const today = now.toZonedDateTimeISO(OSLO).toPlainDate();
  return today.subtract({ days: today.dayOfWeek - 1 + 7 });
}

/** The half-year a date belongs to: autumn Aug–Dec, spring Jan–Jul (as pupil conversations count). */
export function halfYearOf(date: Temporal.PlainDate): { start: Temporal.PlainDate; end: Temporal.PlainDate } {
  return date.month >= 8
    ? { start: Temporal.PlainDate.from({ year: date.year, month: 8, day: 1 }), end: Temporal.PlainDate.from({ year: date.year + 1, month: 1, day: 1 }) }
    : { start: Temporal.PlainDate.from({ year: date.year, month: 1, day: 1 }), end: Temporal.PlainDate.from({ year: date.year, month: 8, day: 1 }) };
}

/** 00:00 Oslo of a date: a DST-correct instant (a day is not 86,400,000 ms twice a year). */
const startOfOsloDay = (date: Temporal.PlainDate) => date.toZonedDateTime({ timeZone: OSLO }).toInstant();

/** An instant as a query parameter. Raw Dates in `sql` templates trip the postgres.js serialisers. */
const ts = (instant: Temporal.Instant): SQL => sql`${instant.toString()}::timestamptz`;

/** The instants a digest counts between; `now` is when open and overdue are taken. */
interface Window {
  weekStart: Temporal.Instant;
  weekEnd: Temporal.Instant;
  halfStart: Temporal.Instant;
  /** End of the half-year, or of the reported week when that comes first. */
  halfEnd: Temporal.Instant;
  now: Temporal.Instant;
}

function windowOf(weekStart: Temporal.PlainDate, now: Temporal.Instant): Window {
  if (weekStart.dayOfWeek !== 1) throw new RangeError(`weekStart must be a Monday, got ${weekStart.toString()}`);
  const weekEnd = weekStart.add({ days: 7 });
  // The half-year of the reported week's Monday, up to the end of that week (a report filed on
  // 1–3 January in a week that began in December is not "this autumn").
  const half = halfYearOf(weekStart);
  const halfEnd = Temporal.PlainDate.compare(half.end, weekEnd) < 0 ? half.end : weekEnd;
  return {
    weekStart: startOfOsloDay(weekStart),
    weekEnd: startOfOsloDay(weekEnd),
    halfStart: startOfOsloDay(half.start),
    halfEnd: startOfOsloDay(halfEnd),
    now,
  };
}

/** The window as query values: instants as timestamptz, and the half-year as pupil conversations name it. */
interface Bounds {
  readonly weekStart: SQL;
  readonly weekEnd: SQL;
  readonly halfStart: SQL;
  readonly halfEnd: SQL;
  readonly now: SQL;
  readonly termYear: SQL;
  readonly termHalf: SQL;
}
const instantKeys = ['weekStart', 'weekEnd', 'halfStart', 'halfEnd', 'now'] as const;

/** pupil_conversations' (term_year, term_half) of the reported week's half-year. */
const termOfWindow = (weekStart: Temporal.PlainDate) => ({ termYear: weekStart.year, termHalf: weekStart.month >= 8 ? 'autumn' : 'spring' });

function literalBounds(w: Window, weekStart: Temporal.PlainDate): Bounds {
  const term = termOfWindow(weekStart);
  return {
    weekStart: ts(w.weekStart),
    weekEnd: ts(w.weekEnd),
    halfStart: ts(w.halfStart),
    halfEnd: ts(w.halfEnd),
    now: ts(w.now),
    termYear: sql`${term.termYear}::int`,
    termHalf: sql`${term.termHalf}::term_half`,
  };
}

const placeholderBounds: Bounds = {
  ...(Object.fromEntries(instantKeys.map((k) => [k, sql`${sql.placeholder(k)}::timestamptz`])) as Record<(typeof instantKeys)[number], SQL>),
  termYear: sql`${sql.placeholder('termYear')}::int`,
  termHalf: sql`${sql.placeholder('termHalf')}::term_half`,
};

function placeholderValues(w: Window, weekStart: Temporal.PlainDate): Record<string, string | number> {
  return { ...Object.fromEntries(instantKeys.map((k) => [k, w[k].toString()])), ...termOfWindow(weekStart) };
}

const int = (expr: SQL) => sql<number>`(${expr})::int`.mapWith(Number);
const count = (where: SQL) => int(sql`count(*) filter (where ${where})`);
const countCases = (where: SQL) => int(sql`count(distinct ${deadlines.caseId}) filter (where ${where})`);
const osloDateOf = (column: SQL) => sql`(${column} at time zone 'Europe/Oslo')::date`;
const optNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The figures of every school of the given owners, one row per school (schools without a single
 * case included). Per school, eight aggregates (LATERAL: each is the school's own aggregate,
 * computed by the database over an index range on (school, …)): a digest reads the open cases,
 * the week's closings and the half-year's reports of its schools — never a school's whole
 * history (cases are kept for good). Grouping all of an owner's schools in one pass and joining
 * the groups back made the planner rescan the groups once per school.
 */
function schoolRowsQuery(db: Db, ofOwners: (ownerId: typeof schools.ownerId | typeof schoolOwners.id) => SQL, w: Bounds) {
  // Reports filed (submitted) from the half-year's start to the end of the reported week.
  const r = db
    .select({
      newThisWeek: count(sql`${reports.filedAt} >= ${w.weekStart}`).as('new_this_week'),
      thisHalfYear: count(sql`${reports.filedAt} < ${w.halfEnd}`).as('this_half_year'),
    })
    .from(reports)
    .where(
      and(
        eq(reports.schoolId, schools.id),
        sql`${reports.filedAt} >= ${w.halfStart}`,
        sql`${reports.filedAt} < ${w.weekEnd}`,
      ),
    )
    .as('r');

  // Literal, not a parameter: the plans of a prepared statement must see it (partial indexes).
  const isOpen = sql`${cases.status} in ('reported', 'investigating', 'measures')`;
  const hasPlan = sql`exists (select 1 from ${planVersions} where ${planVersions.caseId} = ${cases.id})`;
  const c = db
    .select({
      reported: count(sql`${cases.status} = 'reported'`).as('reported'),
      investigating: count(sql`${cases.status} = 'investigating'`).as('investigating'),
      measures: count(sql`${cases.status} = 'measures'`).as('measures'),
      seriousOpen: count(sql`${cases.serious}`).as('serious_open'),
      // § 12-5. Passed on unmasked: the template prints counts under 5 as "<5".
      s12_5Open: count(sql`${cases.concernsEmployee}`).as('s12_5_open'),
      // § 12-6: 7 calendar days (Oslo wall clock) after the principal personally knew, the
      // pupil or parents can take the case to the county governor; counted while the case still
      // has no activity plan (no plan version at all).
      pastWindowWithoutPlan: count(
        sql`${cases.principalKnewAt} is not null
          and ((${cases.principalKnewAt} at time zone 'Europe/Oslo') + interval '7 days') at time zone 'Europe/Oslo' < ${w.now}
          and not ${hasPlan}`,
      ).as('past_window_without_plan'),
    })
    .from(cases)
    .where(and(eq(cases.schoolId, schools.id), isOpen))
    .as('c');

  // A case closed this week and reopened since is not counted as closed (cases_school_closed_idx).
  const closed = db
    .select({ closedThisWeek: count(sql`true`).as('closed_this_week') })
    .from(cases)
    .where(
      and(
        eq(cases.schoolId, schools.id),
        sql`${cases.status} = 'closed'`,
        sql`${cases.closedAt} >= ${w.weekStart}`,
        sql`${cases.closedAt} < ${w.weekEnd}`,
      ),
    )
    .as('closed');

  // Medians over the cases reported this half-year (cases_school_opened_idx), in Oslo calendar
  // days from the report to the start of the investigation and to the first plan version; a
  // case that has not reached the step is not in that median (null: none has).
  const firstPlan = alias(planVersions, 'first_plan');
  const median = (to: SQL, alias: string) =>
    sql<number | null>`percentile_cont(0.5) within group (order by ${osloDateOf(to)} - ${osloDateOf(sql`${cases.openedAt}`)})
      filter (where ${to} is not null)`
      .mapWith(optNumber)
      .as(alias);
  const half = db
    .select({
      toInvestigation: median(sql`${cases.investigationStartedAt}`, 'median_to_investigation'),
      toPlan: median(sql`${firstPlan.createdAt}`, 'median_to_plan'),
    })
    .from(cases)
    .leftJoin(firstPlan, and(eq(firstPlan.caseId, cases.id), eq(firstPlan.version, 1)))
    .where(
      and(
        eq(cases.schoolId, schools.id),
        sql`${cases.openedAt} >= ${w.halfStart}`,
        sql`${cases.openedAt} < ${w.halfEnd}`,
      ),
    )
    .as('half');

  // Overdue = still open and past due (a missed deadline stays open until met). Counted in
  // cases, so that the figures compare with the open-case counts; deadlines of closed cases
  // are left out (a closed case's missed deadlines are history, not work).
  const d = db
    .select({
      investigations: countCases(sql`${deadlines.kind} in ('investigation_start', 'investigation_conclude')`).as('overdue_investigations'),
      plans: countCases(sql`${deadlines.kind} = 'plan'`).as('overdue_plans'),
      evaluations: countCases(sql`${deadlines.kind} in ('evaluation', 'measure_end')`).as('overdue_evaluations'),
    })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .where(
      and(
        eq(deadlines.schoolId, schools.id),
        sql`${deadlines.state} = 'open'`,
        sql`${deadlines.kind} in ('investigation_start', 'investigation_conclude', 'plan', 'evaluation', 'measure_end')`,
        sql`${deadlines.dueAt} < ${w.now}`,
        isOpen,
      ),
    )
    .as('d');

  // Pupil conversations this half-year: two index-only counts per school — the school's pupils,
  // and the conversations the school has held this half-year. Only when those say "all of
  // them" is each pupil checked for a conversation held anywhere (as the teachers' reminder
  // lists count), below: 100 % must mean every pupil, and a pupil who left after the
  // conversation must not make up for one still waiting. Checking every pupil always cost ≈2 s
  // of database CPU on the benchmark (310,000 pupils) against ≈0.1 s for the counts. Below
  // 100 %, a pupil changing school mid-half-year can move the figure by one either way.
  const enrolled = db
    .select({ pupils: count(sql`true`).as('pupils') })
    .from(pupils)
    .where(eq(pupils.schoolId, schools.id))
    .as('enrolled');
  const held = db
    .select({ held: count(sql`true`).as('held') })
    .from(pupilConversations)
    .where(
      and(
        eq(pupilConversations.schoolId, schools.id),
        sql`${pupilConversations.termYear} = ${w.termYear}`,
        sql`${pupilConversations.termHalf} = ${w.termHalf}`,
      ),
    )
    .as('held');

  const zero = (column: SQL.Aliased<number>) => int(sql`coalesce(${column}, 0)`);
  // From the owners, so that an owner without a school still gets its (empty) digest and its
  // name comes in the same round trip.
  return db
    .select({
      ownerId: schoolOwners.id,
      ownerName: schoolOwners.name,
      schoolId: schools.id,
      schoolName: schools.name,
      newReportsThisWeek: zero(r.newThisWeek),
      reportsThisHalfYear: zero(r.thisHalfYear),
      reported: zero(c.reported),
      investigating: zero(c.investigating),
      measures: zero(c.measures),
      seriousOpen: zero(c.seriousOpen),
      s12_5Open: zero(c.s12_5Open),
      closedThisWeek: zero(closed.closedThisWeek),
      pastWindowWithoutPlan: zero(c.pastWindowWithoutPlan),
      medianToInvestigation: half.toInvestigation,
      medianToPlan: half.toPlan,
      overdueInvestigations: zero(d.investigations),
      overduePlans: zero(d.plans),
      overdueEvaluations: zero(d.evaluations),
      pupils: zero(enrolled.pupils),
      conversationsHeld: int(sql`case
        when coalesce(${held.held}, 0) < coalesce(${enrolled.pupils}, 0) then coalesce(${held.held}, 0)
        else (select count(*) from ${pupils} p where p.school_id = ${schools.id} and exists (
          select 1 from ${pupilConversations} pc
          where pc.pupil_id = p.id and pc.term_year = ${w.termYear} and pc.term_half = ${w.termHalf}))
      end`),
    })
    .from(schoolOwners)
    .leftJoin(schools, eq(schools.ownerId, schoolOwners.id))
    .leftJoinLateral(r, sql`true`)
    .leftJoinLateral(c, sql`true`)
    .leftJoinLateral(closed, sql`true`)
    .leftJoinLateral(half, sql`true`)
    .leftJoinLateral(d, sql`true`)
    .leftJoinLateral(enrolled, sql`true`)
    .leftJoinLateral(held, sql`true`)
    .where(ofOwners(schoolOwners.id))
    .orderBy(asc(schools.name), asc(schools.id));
}

/**
 * Pupil conversations held as a whole per cent (the template prints no decimals); no pupils
 * registered: no figure ("–"). Rounded, except that 100 % means every pupil and 0 % none: 499
 * of 500 is 99 %, not a "100 %" that hides the pupil still waiting.
 */
export function heldPercent(held: number, pupils: number): number | null {
  if (pupils === 0) return null;
  const percent = Math.round((100 * held) / pupils);
  if (percent === 100 && held < pupils) return 99;
  if (percent === 0 && held > 0) return 1;
  return percent;
}

type SchoolFigures = Awaited<ReturnType<typeof schoolRowsQuery>>[number];

/**
 * One owner's rows, as a prepared query built once per database handle: building the query
 * object costs about as much as the database takes to answer it, and composing a digest is
 * done once per recipient.
 */
const preparedByDb = new WeakMap<Db, ReturnType<typeof prepareOwnerRows>>();
function prepareOwnerRows(db: Db) {
  return schoolRowsQuery(db, (ownerId) => sql`${ownerId} = ${sql.placeholder('ownerId')}`, placeholderBounds).prepare('trygg_digest_rows');
}

async function schoolRows(db: Db, ownerIds: readonly string[], weekStart: Temporal.PlainDate, now: Temporal.Instant): Promise<SchoolFigures[]> {
  const w = windowOf(weekStart, now);
  if (ownerIds.length === 0) return [];
  if (ownerIds.length > 1) {
    // Thousands of small index lookups add up to a cost that triggers PostgreSQL's JIT, whose
    // compilation took longer than the query itself (1.5 s of 375 owners' 2).
    return db.transaction(async (tx) => {
      await tx.execute(sql`set local jit = off`);
      return schoolRowsQuery(tx, (ownerId) => inArray(ownerId, [...ownerIds]), literalBounds(w, weekStart));
    });
  }
  let prepared = preparedByDb.get(db);
  if (!prepared) preparedByDb.set(db, (prepared = prepareOwnerRows(db)));
  return prepared.execute({ ownerId: ownerIds[0], ...placeholderValues(w, weekStart) });
}

const oneDecimal = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

function toDigestRow(f: SchoolFigures & { schoolId: string; schoolName: string }): DigestSchoolRow {
  return {
    schoolId: f.schoolId,
    schoolName: f.schoolName,
    newReportsThisWeek: f.newReportsThisWeek,
    openCases: { reported: f.reported, investigating: f.investigating, measures: f.measures },
    overdueInvestigations: f.overdueInvestigations,
    overduePlans: f.overduePlans,
    overdueEvaluations: f.overdueEvaluations,
    seriousOpen: f.seriousOpen,
    s12_5Open: f.s12_5Open,
    closedThisWeek: f.closedThisWeek,
    conversationsHeldPercent: heldPercent(f.conversationsHeld, f.pupils),
    pastEnforcementWindowWithoutPlan: f.pastWindowWithoutPlan,
    medianDaysReportToInvestigation: oneDecimal(f.medianToInvestigation),
    medianDaysReportToPlan: oneDecimal(f.medianToPlan),
    reportsThisHalfYear: f.reportsThisHalfYear,
  };
}

/**
 * The weekly digests of several owners at once (one query for all their schools): ownerId →
 * message. Unknown owners are left out.
 */
export async function digestFiguresForOwners(
  db: Db,
  ownerIds: readonly string[],
  weekStart: Temporal.PlainDate,
  now: Temporal.Instant,
): Promise<Map<string, WeeklyDigestMessage>> {
  const rows = await schoolRows(db, ownerIds, weekStart, now);
  const digests = new Map<string, { ownerName: string; schools: DigestSchoolRow[] }>();
  for (const row of rows) {
    let digest = digests.get(row.ownerId);
    if (!digest) digests.set(row.ownerId, (digest = { ownerName: row.ownerName, schools: [] }));
    // An owner without schools comes as one row without a school.
    if (row.schoolId !== null && row.schoolName !== null) digest.schools.push(toDigestRow({ ...row, schoolId: row.schoolId, schoolName: row.schoolName }));
  }
  return new Map(
    [...digests].map(([ownerId, d]) => [
      ownerId,
      { kind: 'weekly_digest', ownerName: d.ownerName, weekStart: weekStart.toString(), schools: d.schools },
    ]),
  );
}

/**
 * One owner's weekly digest: a row per school of the owner — every school, also those without
 * a case — with figures and school names only (no pupil names, no free text, no case text).
 * `weekStart` is the Monday of the week reported; `now` is the instant the open and overdue
 * figures are taken at.
 */
export async function digestFigures(
  db: Db,
  ownerId: string,
  weekStart: Temporal.PlainDate,
  now: Temporal.Instant,
): Promise<WeeklyDigestMessage> {
  const message = (await digestFiguresForOwners(db, [ownerId], weekStart, now)).get(ownerId);
  if (!message) throw new UnknownOwnerError(`unknown school owner ${ownerId}`);
  return message;
}

/** The ledger's subject of an owner's digest for a week: `digest-<ownerId>-2026-W47`. */
export const digestSubject = (ownerId: string, week: string) => `digest-${ownerId}-${week}`;

/**
 * Queues the weekly digest: for every owner, one ledger row per active digest recipient
 * (step 'weekly', kind 'weekly_digest', payload ids only), due at once; the figures are
 * computed when each email is composed. Reports the week that has just ended (see WEEK
 * CONVENTION), or `options.weekStart` for a manual re-run of an earlier week.
 *
 * Once per owner and week: digest_runs' unique (owner, week) is taken in the same transaction
 * as the ledger rows, so a second run in the same ISO week — a repeated scheduler tick, a
 * retried job, two workers — creates nothing, and a crash leaves either both or neither. The
 * ledger's unique (subject, recipient, step) backs this up. An owner with no active recipient
 * is skipped without taking the week, so a recipient added later can still get it.
 *
 * Returns the number of ledger rows created.
 */
export async function queueWeeklyDigests(
  db: Db,
  now: Temporal.Instant,
  options: { weekStart?: Temporal.PlainDate } = {},
): Promise<number> {
  const weekStart = options.weekStart ?? reportedWeekStart(now);
  if (weekStart.dayOfWeek !== 1) throw new RangeError(`weekStart must be a Monday, got ${weekStart.toString()}`);
  const week = isoWeekId(weekStart);
  const nowDate = toDate(now);

  // Owner × active recipient, in one query; owners already done this week are left out early
  // (digest_runs decides, below, under its unique key).
  const recipients = await db
    .select({ ownerId: schoolOwners.id, recipientId: people.id })
    .from(schoolOwners)
    .innerJoin(people, sql`${people.id} = any(${schoolOwners.digestRecipientIds})`)
    .leftJoin(digestRuns, and(eq(digestRuns.ownerId, schoolOwners.id), eq(digestRuns.isoWeek, week)))
    .where(and(isNull(people.deactivatedAt), isNull(digestRuns.id)))
    .orderBy(asc(schoolOwners.id), asc(people.id));
  const byOwner = new Map<string, string[]>();
  for (const { ownerId, recipientId } of recipients) {
    const list = byOwner.get(ownerId) ?? [];
    if (!list.includes(recipientId)) list.push(recipientId);
    byOwner.set(ownerId, list);
  }

  let created = 0;
  for (const [ownerId, recipientIds] of byOwner) {
    created += await db.transaction(async (tx) => {
      const run = await startDigestRun(tx, ownerId, week, nowDate);
      if (!run) return 0;
      const rows = await tx
        .insert(notifications)
        .values(
          recipientIds.map((recipientId) => ({
            subjectKey: digestSubject(ownerId, week),
            recipientId,
            step: 'weekly',
            kind: 'weekly_digest',
            ownerId,
            // Ids only: the figures are read when the email is composed.
            payload: { ownerId, weekStart: weekStart.toString() },
            sendAfter: nowDate,
          })),
        )
        // Already in the ledger (sent or not): it stays as it is.
        .onConflictDoNothing({ target: [notifications.subjectKey, notifications.recipientId, notifications.step] })
        .returning({ id: notifications.id });
      return rows.length;
    });
  }
  return created;
}

/** A ledger payload's weekStart: a Monday 'YYYY-MM-DD', or null. */
export function parseWeekStart(value: unknown): Temporal.PlainDate | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  try {
    const date = Temporal.PlainDate.from(value, { overflow: 'reject' });
    return date.dayOfWeek === 1 ? date : null;
  } catch {
    return null;
  }
}
