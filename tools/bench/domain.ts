/**
 * Domain benchmark: every deadline of a national school year.
 * 850,000 pupils × 2 half-year conversations and 60,000 cases (plans with 1–2 versions of 2–4
 * measures, evaluations, serious and § 12-5 cases) across 3,100 schools and 375 owners with
 * differing holidays, generated deterministically (seeded PRNG).
 *
 * Like the worker, each pass goes school by school: load the school's facts (timed apart as
 * loadFactsMs — the database's share), build or reuse its calendar and policy, and compute
 * every deadline (every pupil gets its own deadline object). Two passes:
 * - stream: each school's deadlines are dropped after computing (as when written per school);
 * - retain: all 2.2 million deadlines stay alive to the end (peak memory, strict reading).
 * computeMs is wall time; computeCpuMs is the process CPU time of the rules (GC helper threads
 * included), the robust figure on a shared machine.
 *
 * Target: ≤ 5 s and ≤ 1 GiB on one core.  Run: `TZ=UTC npx tsx tools/bench/domain.ts [--stream|--retain]`
 */
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Temporal } from 'temporal-polyfill';
import {
  type CaseFacts,
  type Deadline,
  type DeadlinePolicy,
  type DeadlinePolicyOverride,
  type MeasureFacts,
  type NonSchoolDay,
  type PlanVersionFacts,
  type PupilConversationFacts,
  type SchoolCalendar,
  DEFAULT_POLICY,
  computeCaseDeadlines,
  createSchoolCalendar,
  localDateTimeToInstant,
  parsePlainDate,
  pupilConversationDeadlines,
  resolvePolicy,
} from '../../libs/domain/src/index';
import { fromEpochDay } from '../../libs/domain/src/calendar';

const PUPILS = 850_000;
const CASES = 60_000;
const SCHOOLS = 3_100;
const OWNERS = 375;

/** mulberry32: tiny, fast and deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const YEAR_START = localDateTimeToInstant('2026-08-17T08:00').epochMilliseconds;
const YEAR_END = localDateTimeToInstant('2027-06-18T15:00').epochMilliseconds;
const NOW = localDateTimeToInstant('2027-03-01T12:00');

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

interface Owner {
  readonly nonSchoolDays: NonSchoolDay[];
  readonly override?: DeadlinePolicyOverride;
}
/** What the worker knows about a school before it loads the school's rows. */
interface School {
  readonly index: number;
  readonly id: string;
  readonly owner: number;
  readonly extraDays: string[];
  readonly override?: DeadlinePolicyOverride;
  readonly pupilCount: number;
  readonly caseCount: number;
  readonly firstCase: number;
}

interface SchoolFacts {
  readonly pupils: [PupilConversationFacts[], PupilConversationFacts[]];
  readonly cases: CaseFacts[];
}

/** The country: owners with their holidays and policies, schools with their sizes. */
export function generate(seed = 20262027): { owners: Owner[]; schools: School[] } {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

  const owners: Owner[] = [];
  for (let o = 0; o < OWNERS; o++) {
    const autumnMonday = pick(['2026-09-28', '2026-10-05', '2026-10-12']);
    const mon = parsePlainDate(autumnMonday);
    const days: NonSchoolDay[] = [
      { from: autumnMonday, to: mon.add({ days: 4 }).toString() },
      { from: iso(2026, 12, int(19, 22)), to: iso(2027, 1, int(1, 3)) },
      pick([{ from: '2027-02-22', to: '2027-02-26' }, { from: '2027-03-01', to: '2027-03-05' }]),
      { from: '2027-03-22', to: '2027-03-24' }, // the days before Easter 2027
      { from: iso(2027, 6, int(18, 21)), to: '2027-08-16' },
    ];
    for (let k = int(2, 5); k > 0; k--) days.push(iso(2026, pick([8, 9, 11]), int(1, 28)));
    const r = rnd();
    const override: DeadlinePolicyOverride | undefined =
      r < 0.1
        ? { enforcementWindow: { unit: 'school_days', count: 5 } }
        : r < 0.2
          ? { pupilConversation: { autumnDue: '11-15', springDue: '04-15' } }
          : r < 0.25
            ? { deadlines: { investigation_conclude: { dueSchoolDays: 15 } } }
            : undefined;
    owners.push(override ? { nonSchoolDays: days, override } : { nonSchoolDays: days });
  }

  // Pupil counts: uneven (a few big schools, many small), summing to exactly PUPILS.
  const weights = Array.from({ length: SCHOOLS }, () => 0.2 + rnd() ** 2 * 3);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const caseCounts = new Array<number>(SCHOOLS).fill(0);
  for (let c = 0; c < CASES; c++) caseCounts[int(0, SCHOOLS - 1)]!++;
  const schools: School[] = [];
  let assigned = 0;
  let firstCase = 0;
  for (let s = 0; s < SCHOOLS; s++) {
    const pupilCount = s === SCHOOLS - 1 ? PUPILS - assigned : Math.floor((weights[s]! / wsum) * PUPILS);
    assigned += pupilCount;
    const extraDays = rnd() < 0.2 ? [iso(2027, 1, int(4, 8))] : [];
    const override: DeadlinePolicyOverride | undefined =
      rnd() < 0.05 ? { sendingWindow: { start: '08:00', end: '15:30' } } : undefined;
    const caseCount = caseCounts[s]!;
    schools.push({
      index: s,
      id: `s${s}`,
      owner: s % OWNERS,
      extraDays,
      ...(override ? { override } : {}),
      pupilCount,
      caseCount,
      firstCase,
    });
    firstCase += caseCount;
  }
  return { owners, schools };
}

const AUTUMN_HELD = YEAR_START + 60 * DAY_MS;
const SPRING_HELD = localDateTimeToInstant('2027-01-11T09:00').epochMilliseconds;

/**
 * One school's rows, as the worker loads them before computing (deterministic per school).
 * Timestamps are minute-precise and one object per distinct value within the load, as a
 * driver page would map them.
 */
function loadSchool(school: School, seed = 20262027): SchoolFacts {
  const rnd = prng(seed ^ Math.imul(school.index + 1, 0x9e3779b1));
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pool = new Map<number, Temporal.Instant>();
  const instant = (ms: number) => {
    const m = Math.floor(ms / 60_000) * 60_000;
    let i = pool.get(m);
    if (i === undefined) {
      i = Temporal.Instant.fromEpochMilliseconds(m);
      pool.set(m, i);
    }
    return i;
  };

  const count = school.pupilCount;
  const pupils: [PupilConversationFacts[], PupilConversationFacts[]] = [new Array(count), new Array(count)];
  for (let p = 0; p < count; p++) {
    const pupilId = `${school.index}-${p}`;
    pupils[0][p] = rnd() < 0.03 ? { pupilId } : { pupilId, heldAt: instant(AUTUMN_HELD + Math.floor(rnd() * 60) * (DAY_MS / 2)) };
    pupils[1][p] = rnd() < 0.4 ? { pupilId, heldAt: instant(SPRING_HELD + Math.floor(rnd() * 40) * DAY_MS) } : { pupilId };
  }

  const cases: CaseFacts[] = [];
  for (let c = school.firstCase; c < school.firstCase + school.caseCount; c++) {
    const rep = YEAR_START + Math.floor(rnd() * (YEAR_END - YEAR_START));
    const reportedAt = instant(rep);
    const stage = rnd();
    const h = (ms: number) => instant(rep + ms);
    const startedMs = int(0, 4) * DAY_MS + int(0, 8) * 3_600_000;
    const concludedMs = startedMs + int(5, 20) * DAY_MS;
    const versions: PlanVersionFacts[] = [];
    const evaluations = [];
    if (stage > 0.25) {
      const nVersions = rnd() < 0.3 ? 2 : 1;
      let created = concludedMs + int(0, 4) * DAY_MS;
      for (let v = 1; v <= nVersions; v++) {
        const base = Math.floor((rep + created) / DAY_MS) + 1;
        const measures: MeasureFacts[] = [];
        for (let m = int(2, 4); m > 0; m--) {
          const start = base + int(0, 5);
          measures.push({
            measureId: `m${v}${m}`,
            responsibleIds: [`t${int(1, 60)}`],
            start: fromEpochDay(start),
            end: fromEpochDay(start + int(20, 60)),
          });
        }
        const evalDates = [fromEpochDay(base + int(20, 40))];
        versions.push({ version: v, createdAt: h(created), measures, evaluationDates: evalDates });
        if (rnd() < 0.5) {
          evaluations.push({ evaluationId: `e${v}`, plannedDate: evalDates[0]!, doneAt: h(created + int(15, 45) * DAY_MS) });
        }
        created += int(20, 50) * DAY_MS;
      }
    }
    const serious = rnd() < 0.05;
    const s125 = rnd() < 0.01;
    cases.push({
      caseId: `${c}`,
      schoolId: school.id,
      reportedAt,
      ...(rnd() < 0.9 ? { acknowledgedAt: h(int(0, 2) * DAY_MS + 3_600_000) } : {}),
      ...(rnd() < 0.8 ? { principalKnewAt: h(int(0, 3) * DAY_MS) } : {}),
      ...(rnd() < 0.6 ? { caseLeaderId: `l${int(1, 5)}` } : {}),
      status: stage > 0.9 ? 'closed' : stage > 0.25 ? 'measures' : 'investigating',
      ...(stage > 0.9 ? { closedAt: h(concludedMs + 90 * DAY_MS) } : {}),
      ...(serious ? { serious: { markedAt: h(3_600_000), ownerNotifiedAt: h(7_200_000) } } : {}),
      ...(s125 ? { s12_5: { markedAt: reportedAt, accusedPersonId: 't1', accusedInLeadership: rnd() < 0.2 } } : {}),
      investigation: {
        ...(stage > 0.1 ? { startedAt: h(startedMs) } : {}),
        ...(stage > 0.2 ? { concludedAt: h(concludedMs) } : {}),
      },
      ...(versions.length ? { planVersions: versions } : {}),
      ...(evaluations.length ? { evaluations } : {}),
      ...(serious || s125
        ? { ownerNotices: [{ noticeId: 'n1', about: s125 ? 's12_5' : 'serious', sentAt: h(7_200_000) }] }
        : {}),
    });
  }
  return { pupils, cases };
}

const mib = (b: number) => Math.round((b / 1048576) * 10) / 10;

interface Gc {
  readonly start: number;
  readonly duration: number;
  readonly kind: number;
}

/**
 * One pass over the national year. retain = true keeps every computed deadline alive until
 * the end (the strict reading: peak memory with all 2.2 million deadline objects at once).
 * retain = false hands each school's deadlines off and drops them, as the worker does when
 * it writes them per school. Calendars and policies are built inside the timed part.
 */
async function pass(
  world: { owners: Owner[]; schools: School[] },
  retain: boolean,
  gcs: Gc[],
): Promise<Record<string, string | number>> {
  const { owners, schools } = world;
  let peakRss = process.memoryUsage.rss();
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  };

  const t0 = performance.now();
  // CPU time as well as wall time: on a shared machine the wall clock includes other tenants.
  const cpu0 = process.cpuUsage();
  const ownerPolicies = new Map<number, DeadlinePolicy>();
  // Schools with the same holidays and window share one calendar (and its per-day memo).
  const calendars = new Map<string, SchoolCalendar>();
  const results: Deadline[][] = [];
  let pupilDeadlines = 0;
  let caseDeadlines = 0;
  let steps = 0;
  let pupilMs = 0;
  let casesMs = 0;
  const terms = [
    { half: 'autumn', year: 2026 },
    { half: 'spring', year: 2027 },
  ] as const;
  let loadMs = 0;
  // CPU time of the rules alone (all threads: GC helpers included): robust on a busy machine.
  let computeCpuUs = 0;
  for (let i = 0; i < schools.length; i++) {
    const s = schools[i]!;
    const l0 = performance.now();
    const facts = loadSchool(s);
    loadMs += performance.now() - l0;
    const c0 = process.cpuUsage();
    const owner = owners[s.owner]!;
    let policy = ownerPolicies.get(s.owner);
    if (policy === undefined) {
      policy = resolvePolicy(DEFAULT_POLICY, owner.override);
      ownerPolicies.set(s.owner, policy);
    }
    if (s.override) policy = resolvePolicy(DEFAULT_POLICY, owner.override, s.override);
    const calKey = `${s.owner}|${s.extraDays.join(',')}|${policy.sendingWindow.start}-${policy.sendingWindow.end}`;
    let calendar = calendars.get(calKey);
    if (calendar === undefined) {
      calendar = createSchoolCalendar({
        nonSchoolDays: s.extraDays.length ? [...owner.nonSchoolDays, ...s.extraDays] : owner.nonSchoolDays,
        sendingWindow: policy.sendingWindow,
      });
      calendars.set(calKey, calendar);
    }
    const p0 = performance.now();
    for (let t = 0; t < 2; t++) {
      const r = pupilConversationDeadlines({ schoolId: s.id, term: terms[t]!, pupils: facts.pupils[t]!, policy, calendar, now: NOW });
      if (retain) results.push(r.deadlines, [r.summary]);
      pupilDeadlines += r.deadlines.length;
      steps += r.summary.steps.length;
      for (const d of r.deadlines) steps += d.steps.length;
    }
    const p1 = performance.now();
    pupilMs += p1 - p0;
    const ctx = { policy, calendar, now: NOW };
    for (const c of facts.cases) {
      const ds = computeCaseDeadlines(c, ctx);
      if (retain) results.push(ds);
      caseDeadlines += ds.length;
      for (const d of ds) steps += d.steps.length;
    }
    casesMs += performance.now() - p1;
    const c1 = process.cpuUsage(c0);
    computeCpuUs += c1.user + c1.system;
    if (i % 100 === 0) sample();
  }
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  sample();
  // GC entries arrive asynchronously: let the observer catch up before reading them.
  await new Promise((r) => setTimeout(r, 50));
  const inPass = gcs.filter((g) => g.start >= t0 && g.start < t1);
  const sum = (xs: readonly Gc[]) => Math.round(xs.reduce((a, g) => a + g.duration, 0));
  // Loading rows is the database's share, not the rules': reported, and left out of computeMs.
  const computeMs = t1 - t0 - loadMs;
  return {
    deadlines: pupilDeadlines + caseDeadlines,
    pupilConversationDeadlines: pupilDeadlines,
    caseDeadlines,
    notificationSteps: steps,
    calendars: calendars.size,
    loadFactsMs: Math.round(loadMs),
    computeMs: Math.round(computeMs),
    computeCpuMs: Math.round(computeCpuUs / 1000),
    loadAndComputeCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    pupilConversationsMs: Math.round(pupilMs),
    casesMs: Math.round(casesMs),
    gcMs: sum(inPass),
    majorGcMs: sum(inPass.filter((g) => g.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR)),
    peakRssMiB: mib(peakRss),
    peakHeapUsedMiB: mib(peakHeap),
    resultsHeld: retain ? results.length : 0,
    targetMet: computeMs <= 5000 && peakRss <= 1024 * 1048576 ? 'yes' : 'no',
    targetMetOnCpuTime: computeCpuUs <= 5_000_000 && peakRss <= 1024 * 1048576 ? 'yes' : 'no',
  };
}

/**
 * Generates the year once, then runs the streaming pass and the retain-all pass.
 * `modes` picks one of them (the CLI: `--stream` or `--retain`).
 */
export async function benchDomain(
  options: { modes?: readonly ('stream' | 'retain')[] } = {},
): Promise<Record<string, string | number>> {
  const modes = options.modes ?? ['stream', 'retain'];
  const gcs: Gc[] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
      gcs.push({ start: e.startTime, duration: e.duration, kind });
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  const g0 = performance.now();
  const world = generate();
  const out: Record<string, string | number> = {
    pupils: PUPILS,
    cases: CASES,
    schools: SCHOOLS,
    owners: OWNERS,
    generateMs: Math.round(performance.now() - g0),
  };
  for (const mode of modes) {
    const r = await pass(world, mode === 'retain', gcs);
    for (const [k, v] of Object.entries(r)) out[`${mode}.${k}`] = v;
  }
  obs.disconnect();
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const only = process.argv.includes('--stream') ? 'stream' : process.argv.includes('--retain') ? 'retain' : undefined;
  const r = await benchDomain(only ? { modes: [only] } : {});
  for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(36)} ${v}`);
}
