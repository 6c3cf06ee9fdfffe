/**
 * Weekly-digest benchmark: the figures of every school owner's digest on a national scale.
 *
 * Into a fresh database (a copy of the migrated template, dropped afterwards) the load puts
 * 375 owners (skewed: a few large municipalities, many with a handful of schools), 3,100
 * schools, 310,000 pupils and 1,000,000 cases spread over ten years (cases are kept
 * permanently), with their reports (≈1.15 per case), deadlines (≈6 per case) and plan versions
 * (half of the cases), states by age: old cases closed, recent ones reported / investigating /
 * with measures, some deadlines missed; pupil conversations for this and the last half-year. The load is plain `INSERT … SELECT generate_series` and is not the measured figure.
 *
 * Timed, at Monday 23 November 2026 07:00 Oslo (week 47 reported):
 *  - the figures for all 375 owners one owner at a time (`digestFigures`, what composing a
 *    digest email does) — the target, ≤ 2 s;
 *  - the same in one query for all owners (`digestFiguresForOwners`);
 *  - rendering all 375 emails (`renderMessage`), and queueing the digests (`queueWeeklyDigests`).
 *
 * Run: `TZ=UTC npx tsx tools/bench/digest.ts` (needs PostgreSQL; TEST_DATABASE_URL as for tests).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Temporal } from 'temporal-polyfill';
import { localDateTimeToInstant } from '../../libs/domain/src/index';
import { renderMessage, type WeeklyDigestMessage } from '../../libs/notifications/src/index';
import { digestFigures, digestFiguresForOwners, queueWeeklyDigests } from '../../libs/scheduling/src/index';
import { createDb } from '../../libs/db/src/index';
import { createTestDatabase } from '../../libs/testing/src/index';

const OWNERS = 375;
const SCHOOLS = 3_100;
const PUPILS_PER_SCHOOL = 100;
const CASES = 1_000_000;
const YEARS = 10;
/** 3 % of the schools (small ones) have no case at all: silent schools. */
const CASE_SCHOOLS = Math.round(SCHOOLS * 0.97);
const NOW = localDateTimeToInstant('2026-11-23T07:00');
const WEEK = Temporal.PlainDate.from('2026-11-16');

/** The whole load, in order, at the benchmark's clock `now`. */
export function loadStatements(now: string): string[] {
  const days = Math.round(YEARS * 365.25);
  return [
    `select setseed(0.2026)`,
    // Owners with one digest recipient each; every owner has at least one school, the rest
    // of the schools go mostly to the first owners (a few cities, many small municipalities).
    `create temp table bo as
       select g as n, gen_random_uuid() as id, gen_random_uuid() as official from generate_series(1, ${OWNERS}) g`,
    `insert into people (id, name, email, kind)
       select official, 'Eier ' || n, 'eier' || n || '@bench.test', 'owner_official' from bo`,
    `insert into school_owners (id, name, language, digest_recipient_ids)
       select id, 'Kommune ' || n, (case when n % 7 = 0 then 'nn' else 'nb' end)::language, array[official] from bo`,
    `create temp table bs as
       select g as n, gen_random_uuid() as id, gen_random_uuid() as staff,
              case when g <= ${OWNERS} then g else 1 + floor(${OWNERS} * power(random(), 2))::int end as owner_n
       from generate_series(1, ${SCHOOLS}) g`,
    `insert into schools (id, owner_id, name) select bs.id, bo.id, 'Skole ' || bs.n from bs join bo on bo.n = bs.owner_n`,
    `insert into people (id, name, email) select staff, 'Ansatt ' || n, 'ansatt' || n || '@bench.test' from bs`,
    `create temp table bp as
       select bs.n as school_n, k, gen_random_uuid() as id, bs.id as school_id
       from bs, generate_series(0, ${PUPILS_PER_SCHOOL - 1}) k`,
    `insert into pupils (id, school_id, name, initials, birth_year)
       select id, school_id, 'Elev ' || school_n || '-' || k, 'EE', 2012 + k % 10 from bp`,
    // One row per case with its random draws; reports and deadlines are derived from it.
    `create temp table bc0 as
       select g, gen_random_uuid() as id, random() * ${days} as age,
              random() as u_status, random() as u1, random() as u2, random() as u3, random() as u4,
              random() as u5, random() as u6, random() as u_serious, random() as u_s125, random() as u_knew
       from generate_series(1, ${CASES}) g`,
    `create temp table bc as
       select c.*, s.id as school_id, s.staff, p.id as pupil_id,
              '${now}'::timestamptz - c.age * interval '1 day' as opened_at,
              case
                when c.age < 3 then case when c.u_status < 0.7 then 'reported' else 'investigating' end
                when c.age < 21 then case when c.u_status < 0.1 then 'reported' when c.u_status < 0.6 then 'investigating'
                                          when c.u_status < 0.95 then 'measures' else 'closed' end
                when c.age < 120 then case when c.u_status < 0.1 then 'investigating' when c.u_status < 0.6 then 'measures' else 'closed' end
                when c.age < 365 then case when c.u_status < 0.15 then 'measures' else 'closed' end
                else case when c.u_status < 0.005 then 'measures' else 'closed' end
              end as status
       from bc0 c
       join bs s on s.n = 1 + c.g % ${CASE_SCHOOLS}
       join bp p on p.school_n = s.n and p.k = (c.g / ${CASE_SCHOOLS}) % ${PUPILS_PER_SCHOOL}`,
    `alter table bc add column started_at timestamptz, add column concluded_at timestamptz,
       add column closed_at timestamptz, add column knew_at timestamptz, add column has_plan boolean`,
    // Started within 4 days (never after now), concluded 5–15 days later for cases with
    // measures or closed (and 30 % of those still investigating), closed in the later half of
    // the case's age (at most 170 days after the report); half of the closed cases had measures (a plan).
    `update bc set
       started_at = case when status <> 'reported' then opened_at + least(u1 * 4, age * 0.1) * interval '1 day' end,
       concluded_at = case when status in ('measures', 'closed') or (status = 'investigating' and u2 < 0.3)
                           then opened_at + (least(u1 * 4, age * 0.1) + least(5 + u2 * 10, age * 0.3)) * interval '1 day' end,
       closed_at = case when status = 'closed' then opened_at + least(age * (0.5 + 0.5 * u3), 20 + 150 * u3) * interval '1 day' end,
       knew_at = case when u_knew < 0.9 then opened_at + least(u4 * 2, age * 0.05) * interval '1 day' end,
       has_plan = status = 'measures' or (status = 'closed' and u5 < 0.5)`,
    // Bulk-load practice: the secondary indexes and unique keys of the three big tables are
    // dropped for the load and built again afterwards (same definitions, read from the catalog).
    `create temp table saved_ddl as
       select 'alter table ' || conrelid::regclass || ' add constraint ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid) as ddl,
              'alter table ' || conrelid::regclass || ' drop constraint ' || quote_ident(conname) as undo
       from pg_constraint where conrelid = any(array['cases', 'reports', 'deadlines', 'plan_versions', 'pupil_conversations']::regclass[]) and contype = 'u'
       union all
       select indexdef, 'drop index ' || quote_ident(schemaname) || '.' || quote_ident(indexname)
       from pg_indexes i
       where schemaname = 'public' and tablename in ('cases', 'reports', 'deadlines', 'plan_versions', 'pupil_conversations')
         and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    `do $$ declare r record; begin for r in select undo from saved_ddl loop execute r.undo; end loop; end $$`,
    `insert into cases (id, school_id, pupil_id, number, status, serious, serious_marked_at, concerns_employee,
                        principal_knew_at, opened_at, investigation_started_at, investigation_concluded_at, closed_at)
       select id, school_id, pupil_id, 'B-' || g, status::case_status, u_serious < 0.05,
              case when u_serious < 0.05 then opened_at end, u_s125 < 0.01,
              knew_at, opened_at, started_at, concluded_at, closed_at
       from bc`,
    // ≈1.15 reports per case: the first at the case's opening, 15 % a second one later.
    `insert into reports (school_id, pupil_id, case_id, filed_by_id, reporter_kind, basis, category, intervened,
                          serious, concerns_employee, description, filed_at, as_of, registered_at)
       select school_id, pupil_id, id, staff, 'staff', (case when u6 < 0.6 then 'suspicion' else 'knowledge' end)::report_basis,
              'bullying', u6 < 0.4, u_serious < 0.05, u_s125 < 0.01, 'x', opened_at, opened_at, opened_at + interval '3 hours'
       from bc`,
    `insert into reports (school_id, pupil_id, case_id, filed_by_id, reporter_kind, basis, category, intervened,
                          description, filed_at, as_of)
       select school_id, pupil_id, id, staff, 'staff', 'knowledge', 'bullying', false, 'x',
              opened_at + age * u6 * interval '1 day', opened_at + age * u6 * interval '1 day'
       from bc where u5 > 0.85`,
    // The first plan version the day after the investigation concluded; a third of the plans
    // revised once, a month later.
    `insert into plan_versions (case_id, version, created_at, created_by_id, problem)
       select id, 1, least(concluded_at + interval '1 day', '${now}'::timestamptz), staff, 'x' from bc where has_plan`,
    `insert into plan_versions (case_id, version, created_at, created_by_id, problem)
       select id, 2, concluded_at + interval '31 days', staff, 'x' from bc
       where has_plan and u6 < 0.33 and concluded_at + interval '31 days' < '${now}'::timestamptz`,
    // Pupil conversations: 92 % held last spring, 55 % so far this autumn.
    `insert into pupil_conversations (school_id, pupil_id, term_year, term_half, held_at, held_by_id, answer)
       select bp.school_id, bp.id, 2026, 'spring', '2026-02-01T09:00Z'::timestamptz + random() * interval '100 days', bs.staff,
              (case when random() < 0.9 then 'yes' else 'unsure' end)::wellbeing_answer
       from bp join bs on bs.n = bp.school_n where random() < 0.92`,
    `insert into pupil_conversations (school_id, pupil_id, term_year, term_half, held_at, held_by_id, answer)
       select bp.school_id, bp.id, 2026, 'autumn', '2026-08-20T09:00Z'::timestamptz + random() * interval '90 days', bs.staff,
              (case when random() < 0.9 then 'yes' else 'unsure' end)::wellbeing_answer
       from bp join bs on bs.n = bp.school_n where random() < 0.55`,
    // Deadlines: met when the step happened, cancelled when the case closed first, open
    // otherwise (missed = open and past due).
    ...deadlineInserts(now),
    `set local maintenance_work_mem = '1GB'`,
    `do $$ declare r record; begin for r in select ddl from saved_ddl loop execute r.ddl; end loop; end $$`,
    `drop table bc, bc0, bp, bs, bo, saved_ddl`,
  ];
}

function deadlineInserts(now: string): string[] {
  const insert = (kind: string, due: string, met: string, where = 'true') => `
    insert into deadlines (key, kind, school_id, case_id, due_at, state, met_at, cancelled_at)
    select 'case-' || id || '.${kind}', '${kind}', school_id, id, due,
           (case when met is not null then 'met' when closed_at is not null then 'cancelled' else 'open' end)::deadline_state,
           met, case when met is null then closed_at end
    from (select *, ${due} as due, ${met} as met from bc where ${where}) d`;
  const planAt = `least(concluded_at + interval '1 day', '${now}'::timestamptz)`;
  // An open evaluation is mostly ahead; some have slipped (due up to two weeks ago).
  const evaluationDue = `case when status = 'measures' then greatest(concluded_at + interval '31 days', '${now}'::timestamptz - interval '14 days' + u2 * interval '45 days')
                              else concluded_at + interval '31 days' end`;
  return [
    insert('acknowledge_report', `opened_at + interval '1 day'`, `case when status <> 'reported' or u5 > 0.5 then opened_at + interval '3 hours' end`),
    insert('investigation_start', `opened_at + interval '2 days'`, 'started_at'),
    insert('investigation_conclude', `started_at + interval '10 days'`, 'concluded_at', 'started_at is not null'),
    insert('plan', `concluded_at + interval '2 days'`, `case when has_plan then ${planAt} end`, 'concluded_at is not null'),
    insert('evaluation', evaluationDue, `case when status = 'closed' then least(${evaluationDue}, closed_at) end`, 'has_plan'),
    insert('measure_end', `${evaluationDue} + interval '30 days'`, `case when status = 'closed' then closed_at end`, 'has_plan'),
    insert('enforcement_window', `knew_at + interval '7 days'`, `case when has_plan then ${planAt} end`, 'knew_at is not null'),
  ];
}

const ms = (from: number) => Math.round(performance.now() - from);

/**
 * CPU milliseconds a local PostgreSQL backend has used (from /proc; null when the server is
 * elsewhere). Wall-clock figures on a shared machine include other processes' load; this does not.
 */
function backendCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 100 Hz ticks
  } catch {
    return null;
  }
}

export async function benchDigest(): Promise<Record<string, string | number>> {
  const tdb = await createTestDatabase({ max: 4 });
  try {
    const loadStart = performance.now();
    await tdb.sql.begin(async (tx) => {
      // Bulk load only: the generated rows are consistent by construction, so the row-by-row
      // foreign-key triggers are skipped; nothing is waited on per commit.
      await tx.unsafe(`set local session_replication_role = replica`);
      await tx.unsafe(`set local synchronous_commit = off`);
      await tx.unsafe(`set local work_mem = '256MB'`);
      for (const statement of loadStatements(NOW.toString())) await tx.unsafe(statement);
    });
    await tdb.sql.unsafe(`vacuum (analyze) school_owners, schools, people, pupils, cases, reports, deadlines, plan_versions, pupil_conversations`);
    const loadMs = ms(loadStart);

    const [counts] = await tdb.sql<{ owners: number; schools: number; cases: number; open_cases: number; reports: number; deadlines: number; open_deadlines: number }[]>`
      select (select count(*)::int from school_owners) as owners, (select count(*)::int from schools) as schools,
             (select count(*)::int from cases) as cases, (select count(*)::int from cases where status <> 'closed') as open_cases,
             (select count(*)::int from reports) as reports, (select count(*)::int from deadlines) as deadlines,
             (select count(*)::int from deadlines where state = 'open') as open_deadlines`;
    const ownerIds = (await tdb.sql<{ id: string }[]>`select id from school_owners order by id`).map((r) => r.id);

    // One owner after the other on one connection, as composing the emails does, with that
    // connection's server CPU. Warm-up first (plans, caches, the process's JIT): not counted.
    const single = createDb(tdb.url, { max: 1 });
    const perOwner: WeeklyDigestMessage[] = [];
    let perOwnerMs: number;
    let perOwnerPgCpuMs: number | null;
    let perOwnerNodeCpuMs: number;
    const loadAvg1m = loadavg()[0]!.toFixed(1);
    try {
      const [{ pid } = { pid: 0 }] = await single.sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
      for (const ownerId of ownerIds.slice(0, 10)) await digestFigures(single.db, ownerId, WEEK, NOW);
      const cpu0 = backendCpuMs(pid);
      const node0 = process.cpuUsage();
      const start = performance.now();
      for (const ownerId of ownerIds) perOwner.push(await digestFigures(single.db, ownerId, WEEK, NOW));
      perOwnerMs = ms(start);
      const node = process.cpuUsage(node0);
      perOwnerNodeCpuMs = Math.round((node.user + node.system) / 1000);
      const cpu1 = backendCpuMs(pid);
      perOwnerPgCpuMs = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
    } finally {
      await single.close();
    }

    // Two at a time: the machine has two cores, and the worker sends with a concurrency > 1.
    let start = performance.now();
    const queue = [...ownerIds];
    await Promise.all(
      [0, 1].map(async () => {
        for (let id = queue.shift(); id; id = queue.shift()) await digestFigures(tdb.db, id, WEEK, NOW);
      }),
    );
    const perOwner2Ms = ms(start);

    start = performance.now();
    const batch = await digestFiguresForOwners(tdb.db, ownerIds, WEEK, NOW);
    const batchMs = ms(start);

    start = performance.now();
    let textBytes = 0;
    for (const message of perOwner) textBytes += (await renderMessage(message, { lang: 'nb', appUrl: 'https://trygg.example/' })).text.length;
    const renderMs = ms(start);

    start = performance.now();
    const queued = await queueWeeklyDigests(tdb.db, NOW);
    const queueMs = ms(start);

    const rows = perOwner.flatMap((m) => m.schools);
    const sizes = perOwner.map((m) => m.schools.length).sort((a, b) => a - b);
    const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((acc, r) => acc + pick(r), 0);
    const sameAsBatch = perOwner.every((m, i) => JSON.stringify(batch.get(ownerIds[i]!)) === JSON.stringify(m));
    return {
      owners: counts!.owners,
      schools: counts!.schools,
      cases: counts!.cases,
      openCases: counts!.open_cases,
      reports: counts!.reports,
      deadlines: counts!.deadlines,
      openDeadlines: counts!.open_deadlines,
      schoolsPerOwner: `min ${sizes[0]}, median ${sizes[Math.floor(sizes.length / 2)]}, max ${sizes[sizes.length - 1]}`,
      loadMs,
      loadAverage1mBeforeTiming: loadAvg1m,
      figuresAllOwnersMs: perOwnerMs,
      figuresPerOwnerAvgMs: Number((perOwnerMs / ownerIds.length).toFixed(2)),
      figuresAllOwnersPgCpuMs: perOwnerPgCpuMs ?? 'n/a',
      figuresAllOwnersNodeCpuMs: perOwnerNodeCpuMs,
      figuresAllOwners2ConcurrentMs: perOwner2Ms,
      figuresOneQueryAllOwnersMs: batchMs,
      renderAllOwnersMs: renderMs,
      renderedTextKiB: Math.round(textBytes / 1024),
      queueWeeklyDigestsMs: queueMs,
      ledgerRowsQueued: queued,
      digestRows: rows.length,
      newReportsThisWeek: sum((r) => r.newReportsThisWeek),
      openCasesInDigests: sum((r) => r.openCases.reported + r.openCases.investigating + r.openCases.measures),
      overdueInvestigations: sum((r) => r.overdueInvestigations),
      overduePlans: sum((r) => r.overduePlans),
      overdueEvaluations: sum((r) => r.overdueEvaluations),
      closedThisWeek: sum((r) => r.closedThisWeek),
      pastEnforcementWindowWithoutPlan: sum((r) => r.pastEnforcementWindowWithoutPlan),
      silentSchools: rows.filter((r) => r.reportsThisHalfYear === 0).length,
      conversationsHeldPercentMean: Math.round(sum((r) => r.conversationsHeldPercent ?? 0) / rows.length),
      schoolsWithMedianToPlan: rows.filter((r) => r.medianDaysReportToPlan !== null).length,
      perOwnerEqualsOneQuery: sameAsBatch ? 'yes' : 'NO',
      targetMet: perOwnerMs <= 2000 ? 'yes' : 'no',
    };
  } finally {
    await tdb.drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchDigest();
  for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(34)} ${v}`);
}
