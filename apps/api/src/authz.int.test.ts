// The authorization matrix (issue 5 item 3): every role × every operation of the OpenAPI
// document × (own school, another school of the same owner, a school of another owner) → the
// expected status, with 0 unexpected 2xx and 0 fields beyond what the role may see. A new route
// without a row fails the first test, so nothing escapes the matrix.
//
// The world: owner 1 runs school A (own) and B (sibling); owner 2 runs C (foreign). Each school
// has three cases — `plain` (a teacher's report, delegated to a leader), `s125` (§ 12-5 about a
// teacher, reported by SFO staff) and `s125L` (§ 12-5 about a second principal: the school's
// leadership is kept out). The personas hold their roles at A (the owner official: at owner 1).
// Every write runs inside a transaction that is rolled back after the request, so each cell
// starts from the same world; refused writes must not have written anything but audit entries.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransactionRollbackError, and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, deadlines, people, pupils, roles, type Db, type DbHandle } from '@trygg/db';
import { seedSchool, type SeededSchool } from '@trygg/testing';
import { sessionCookie } from './session';
import { switchableDb, type SwitchableDb } from './switchable-db';
import { createApp } from './app';
import { SECRET, createTestApp, osloDate, type Reply, type TestApp } from './test-support';

const PERSONAS = [
  'staff',
  'sfo',
  'leader',
  'principal',
  'owner',
  'admin',
  'accusedStaff',
  'accusedPrincipal',
  'formerStaff',
  'anonymous',
] as const;
type Persona = (typeof PERSONAS)[number];
const SCOPES = ['own', 'sibling', 'foreign'] as const;
type Scope = (typeof SCOPES)[number];
const VARIANTS = ['plain', 's125', 's125L'] as const;
type Variant = (typeof VARIANTS)[number];
type Access = 'case' | 'own_part' | 'none';

// ---- who may see and do what: the rules of DOMAIN.md written out, independently of the code ----

/** Who works at school A (staff, leader or principal there). */
const WORKS_AT_A: readonly Persona[] = ['staff', 'sfo', 'leader', 'principal', 'accusedStaff', 'accusedPrincipal'];

/** What each persona sees of each case at school A. */
const SEES_AT_A: Record<Exclude<Persona, 'anonymous'>, Record<Variant, Access>> = {
  // The reporter of `plain` and `s125L`: number and status only.
  staff: { plain: 'own_part', s125: 'none', s125L: 'own_part' },
  sfo: { plain: 'none', s125: 'own_part', s125L: 'none' },
  // `plain` is delegated to the leader; the leadership is kept out of `s125L`.
  leader: { plain: 'case', s125: 'none', s125L: 'none' },
  principal: { plain: 'case', s125: 'case', s125L: 'none' },
  // The owner: § 12-5 cases (it is told of them at once); of the others, figures only.
  owner: { plain: 'none', s125: 'case', s125L: 'case' },
  // Admins configure; they do not read cases.
  admin: { plain: 'none', s125: 'none', s125L: 'none' },
  // The accused never sees the case about them.
  accusedStaff: { plain: 'none', s125: 'none', s125L: 'none' },
  accusedPrincipal: { plain: 'case', s125: 'case', s125L: 'none' },
  // Moved away: no role left, only a stale contact-teacher link.
  formerStaff: { plain: 'none', s125: 'none', s125L: 'none' },
};

function sees(p: Persona, scope: Scope, v: Variant): Access {
  if (p === 'anonymous' || scope === 'foreign') return 'none';
  if (scope === 'sibling') return p === 'owner' ? SEES_AT_A.owner[v] : 'none';
  return SEES_AT_A[p][v];
}

/** Who may act: the principal (`principal`), also the delegated leader (`lead`); the owner in place of the leadership in `s125L`. */
function mayAct(p: Persona, scope: Scope, v: Variant, who: 'principal' | 'lead'): boolean {
  if (sees(p, scope, v) === 'none') return false;
  if (v === 's125L') return p === 'owner';
  if (scope !== 'own') return false;
  if (p === 'principal' || p === 'accusedPrincipal') return true;
  return who === 'lead' && p === 'leader' && v === 'plain';
}

const worksAt = (p: Persona, scope: Scope) => scope === 'own' && WORKS_AT_A.includes(p);
const ownerOf = (p: Persona, scope: Scope) => p === 'owner' && scope !== 'foreign';

// ---- the world ----

interface SchoolWorld {
  id: string;
  ownerId: string;
  principal: string;
  leader: string;
  /** The pupil each case is about, and one more whose contact teacher (at A: the former staff member) is set. */
  pupils: Record<Variant | 'contact', { id: string; name: string; nationalId: string }>;
  cases: Record<Variant, { id: string; number: string; deadlineKey: string }>;
}

interface World {
  schools: Record<Scope, SchoolWorld>;
  persona: Record<Exclude<Persona, 'anonymous'>, string>;
  /** A person with no role, for POST /api/roles. */
  spare: string;
  ownerIds: { own: string; foreign: string };
  mailboxFile: string;
}

let x: TestApp;
let base: Db;
let pool: DbHandle;
let w: World;
let o2: SeededSchool;

let personCounter = 0;
async function person(db: Db, name: string, grants: { role: 'staff' | 'leader' | 'principal'; schoolId: string }[] = []): Promise<string> {
  const [row] = await db
    .insert(people)
    .values({ name, email: `authz.${++personCounter}.${Math.random().toString(36).slice(2, 8)}@example.test`, kind: 'staff' })
    .returning({ id: people.id });
  if (grants.length) await db.insert(roles).values(grants.map((g) => ({ personId: row!.id, ...g })));
  return row!.id;
}

const FIRST = ['Vilje', 'Torgeir', 'Aslaug', 'Brage', 'Ingvild', 'Sindre', 'Marit', 'Eilert', 'Ragnhild', 'Kjellaug', 'Ottar', 'Gudrun'];
let pupilCounter = 0;
async function pupil(db: Db, schoolId: string, contactTeacherId: string | null) {
  const n = pupilCounter++;
  const name = `${FIRST[n]} Kvistadsen`;
  // 11 digits, as a fødselsnummer (DDMMYY + 5): never to appear in any answer or email.
  const nationalId = `0101158${String(4000 + n).padStart(4, '0')}`;
  const [row] = await db
    .insert(pupils)
    .values({ schoolId, name, initials: `${name[0]}K`, birthYear: 2015, nationalId, contactTeacherId })
    .returning({ id: pupils.id });
  return { id: row!.id, name, nationalId };
}

async function buildWorld(): Promise<World> {
  const s = x.s;
  const db = base;
  o2 = await seedSchool(db);
  const accusedStaff = await person(db, 'Arne Anklaget', [{ role: 'staff', schoolId: s.schoolId }]);
  const accusedPrincipal = await person(db, 'Aud Anklagetrektor', [{ role: 'principal', schoolId: s.schoolId }]);
  const formerStaff = await person(db, 'Frida Flyttet');
  const spare = await person(db, 'Rolf Rolleløs');

  // The people of B and C who report and are accused there.
  const teacherB = await person(db, 'Berit Lærer', [{ role: 'staff', schoolId: s.otherSchoolId }]);
  const sfoB = await person(db, 'Bjørn SFO', [{ role: 'staff', schoolId: s.otherSchoolId }]);
  const leaderB = await person(db, 'Bente Leder', [{ role: 'leader', schoolId: s.otherSchoolId }]);
  const accusedStaffB = await person(db, 'Bo Anklaget', [{ role: 'staff', schoolId: s.otherSchoolId }]);
  const accusedPrincipalB = await person(db, 'Brit Anklagetrektor', [{ role: 'principal', schoolId: s.otherSchoolId }]);
  const accusedStaffC = await person(db, 'Carl Anklaget', [{ role: 'staff', schoolId: o2.schoolId }]);
  const accusedPrincipalC = await person(db, 'Cora Anklagetrektor', [{ role: 'principal', schoolId: o2.schoolId }]);

  const school = async (
    scope: Scope,
    id: string,
    ownerId: string,
    who: { teacher: string; sfo: string; leader: string; principal: string; accusedStaff: string; accusedPrincipal: string; contact: string | null },
  ): Promise<SchoolWorld> => {
    const ps = {
      plain: await pupil(db, id, who.teacher),
      s125: await pupil(db, id, who.teacher),
      s125L: await pupil(db, id, who.teacher),
      contact: await pupil(db, id, who.contact),
    };
    const file = async (reporter: string, pupilId: string, accused?: string) => {
      const res = await x.as(reporter).post('/api/reports', {
        schoolId: id,
        pupilId,
        basis: 'suspicion',
        category: accused ? 'staff_violation' : 'bullying',
        description: `Fortrolig beskrivelse ved ${scope}.`,
        intervened: false,
        ...(accused ? { concernsEmployee: true, accusedPersonId: accused } : {}),
      });
      if (res.status !== 201) throw new Error(`filing at ${scope}: ${res.status} ${JSON.stringify(res.body)}`);
      const [d] = await db
        .select({ key: deadlines.key })
        .from(deadlines)
        .where(and(eq(deadlines.caseId, res.body.caseId), eq(deadlines.kind, 'acknowledge_report')));
      return { id: res.body.caseId as string, number: res.body.number as string, deadlineKey: d?.key ?? 'no-such-deadline' };
    };
    const cases = {
      plain: await file(who.teacher, ps.plain.id),
      s125: await file(who.sfo, ps.s125.id, who.accusedStaff),
      s125L: await file(who.teacher, ps.s125L.id, who.accusedPrincipal),
    };
    const delegated = await x.as(who.principal).post(`/api/cases/${cases.plain.id}/delegate`, { leaderId: who.leader });
    if (delegated.status !== 200) throw new Error(`delegating at ${scope}: ${delegated.status}`);
    return { id, ownerId, principal: who.principal, leader: who.leader, pupils: ps, cases };
  };

  x.clock.now = osloDate('2026-04-13T09:00');
  return {
    schools: {
      own: await school('own', s.schoolId, s.ownerId, {
        teacher: s.teacher,
        sfo: s.sfo,
        leader: s.leader,
        principal: s.principal,
        accusedStaff,
        accusedPrincipal,
        contact: formerStaff,
      }),
      sibling: await school('sibling', s.otherSchoolId, s.ownerId, {
        teacher: teacherB,
        sfo: sfoB,
        leader: leaderB,
        principal: s.otherPrincipal,
        accusedStaff: accusedStaffB,
        accusedPrincipal: accusedPrincipalB,
        contact: teacherB,
      }),
      foreign: await school('foreign', o2.schoolId, o2.ownerId, {
        teacher: o2.teacher,
        sfo: o2.sfo,
        leader: o2.leader,
        principal: o2.principal,
        accusedStaff: accusedStaffC,
        accusedPrincipal: accusedPrincipalC,
        contact: o2.teacher,
      }),
    },
    persona: {
      staff: s.teacher,
      sfo: s.sfo,
      leader: s.leader,
      principal: s.principal,
      owner: s.ownerOfficial,
      admin: s.admin,
      accusedStaff,
      accusedPrincipal,
      formerStaff,
    },
    spare,
    ownerIds: { own: s.ownerId, foreign: o2.ownerId },
    mailboxFile: '2026-04-13T07-00-00-000Z-0001.eml',
  };
}
let mailboxDir = '';

// ---- the rows ----

interface Cell {
  persona: Persona;
  scope: Scope | null;
  variant: Variant | null;
}
interface Req {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
}
interface Row {
  /** `METHOD /path` as in the OpenAPI document. */
  op: string;
  /** none: one cell per persona; school: × the three schools; case: × schools × the three cases. */
  scoped: 'none' | 'school' | 'case';
  request: (c: Cell) => Req;
  expect: (c: Cell) => number;
  /** Fields beyond what the role may see, for a 2xx answer: a list of problems. */
  check?: (c: Cell, res: Reply) => string[];
}

const S = (c: Cell) => w.schools[c.scope!];
const K = (c: Cell) => S(c).cases[c.variant!];
const anon = (c: Cell, status: number) => (c.persona === 'anonymous' ? 401 : status);
const uniqueEmail = () => `ny.${Math.random().toString(36).slice(2, 10)}@example.test`;

const OWN_PART_KEYS = ['access', 'id', 'number', 'status'];

/** A case read: 404 unless visible; `caseOnly` routes show nothing to whoever sees only their own part. */
const caseRead =
  (caseOnly: boolean) =>
  (c: Cell): number => {
    const a = sees(c.persona, c.scope!, c.variant!);
    return anon(c, a === 'case' || (a === 'own_part' && !caseOnly) ? 200 : 404);
  };

/** A case write: 404 unless visible, 403 unless the persona may act, then what the domain says from the world's state. */
const caseWrite =
  (who: 'principal' | 'lead', ok: Record<Variant, number>) =>
  (c: Cell): number => {
    if (c.persona === 'anonymous') return 401;
    if (sees(c.persona, c.scope!, c.variant!) === 'none') return 404;
    if (!mayAct(c.persona, c.scope!, c.variant!, who)) return 403;
    return ok[c.variant!];
  };

const same = (status: number): Record<Variant, number> => ({ plain: status, s125: status, s125L: status });

function keysExactly(body: unknown, keys: string[], where: string): string[] {
  const got = Object.keys((body ?? {}) as object).sort();
  return JSON.stringify(got) === JSON.stringify([...keys].sort()) ? [] : [`${where}: keys ${got.join(',')} (may see only ${keys.join(',')})`];
}

const ROWS: Row[] = [
  // ---- open to all ----
  { op: 'GET /api/health', scoped: 'none', request: () => ({ method: 'GET', path: '/api/health' }), expect: () => 200 },
  { op: 'GET /api/auth/methods', scoped: 'none', request: () => ({ method: 'GET', path: '/api/auth/methods' }), expect: () => 200 },
  // No identity provider configured in this app: nobody can start a login.
  { op: 'GET /api/auth/login', scoped: 'none', request: () => ({ method: 'GET', path: '/api/auth/login' }), expect: () => 404 },
  { op: 'GET /api/auth/callback', scoped: 'none', request: () => ({ method: 'GET', path: '/api/auth/callback?code=x&state=y' }), expect: () => 404 },
  { op: 'POST /api/auth/logout', scoped: 'none', request: () => ({ method: 'POST', path: '/api/auth/logout' }), expect: () => 204 },
  { op: 'POST /api/logout', scoped: 'none', request: () => ({ method: 'POST', path: '/api/logout' }), expect: () => 204 },
  {
    op: 'GET /api/me',
    scoped: 'none',
    request: () => ({ method: 'GET', path: '/api/me' }),
    expect: (c) => anon(c, 200),
    check: (c, res) => (res.body.id === w.persona[c.persona as Exclude<Persona, 'anonymous'>] ? [] : ['me: another person']),
  },
  // The link is the credential (no session): an unknown one is 404 for everyone.
  {
    op: 'GET /api/acknowledgements/{token}',
    scoped: 'none',
    request: () => ({ method: 'GET', path: `/api/acknowledgements/${'A'.repeat(43)}` }),
    expect: () => 404,
  },
  {
    op: 'POST /api/acknowledgements/{token}',
    scoped: 'none',
    request: () => ({ method: 'POST', path: `/api/acknowledgements/${'A'.repeat(43)}` }),
    expect: () => 404,
  },
  // ---- the development mailbox (configured, not dev mode): admins only ----
  {
    op: 'GET /api/dev/mailbox',
    scoped: 'none',
    request: () => ({ method: 'GET', path: '/api/dev/mailbox' }),
    expect: (c) => anon(c, c.persona === 'admin' ? 200 : 403),
  },
  {
    op: 'GET /api/dev/mailbox/{file}',
    scoped: 'none',
    request: () => ({ method: 'GET', path: `/api/dev/mailbox/${w.mailboxFile}` }),
    expect: (c) => anon(c, c.persona === 'admin' ? 200 : 403),
  },
  // ---- system failures (notifications given up on): admins only ----
  {
    op: 'GET /api/admin/failed-notifications',
    scoped: 'none',
    request: () => ({ method: 'GET', path: '/api/admin/failed-notifications' }),
    expect: (c) => anon(c, c.persona === 'admin' ? 200 : 403),
    check: (_c, res) => (JSON.stringify(res.body).includes('@') ? ['failed notifications: an email address in the answer'] : []),
  },
  // ---- organisation: admins, and the owner's officials for the owner's own schools ----
  {
    op: 'POST /api/owners',
    scoped: 'none',
    request: () => ({ method: 'POST', path: '/api/owners', body: { name: 'Ny kommune' } }),
    expect: (c) => anon(c, c.persona === 'admin' ? 201 : 403),
  },
  {
    op: 'GET /api/owners',
    scoped: 'none',
    request: () => ({ method: 'GET', path: '/api/owners' }),
    expect: (c) => anon(c, c.persona === 'admin' || c.persona === 'owner' ? 200 : 403),
    check: (c, res) => {
      const ids = (res.body.items as { id: string }[]).map((o) => o.id);
      if (c.persona === 'owner' && JSON.stringify(ids) !== JSON.stringify([w.ownerIds.own])) return [`owners: ${ids.length} listed`];
      return [];
    },
  },
  {
    op: 'PATCH /api/owners/{ownerId}',
    scoped: 'school',
    request: (c) => ({ method: 'PATCH', path: `/api/owners/${S(c).ownerId}`, body: { name: 'Nytt navn kommune' } }),
    expect: (c) => anon(c, c.persona === 'admin' || ownerOf(c.persona, c.scope!) ? 200 : 403),
  },
  {
    op: 'POST /api/schools',
    scoped: 'school',
    request: (c) => ({ method: 'POST', path: '/api/schools', body: { ownerId: S(c).ownerId, name: 'Ny skole' } }),
    expect: (c) => anon(c, c.persona === 'admin' || ownerOf(c.persona, c.scope!) ? 201 : 403),
  },
  {
    op: 'GET /api/schools',
    scoped: 'none',
    request: () => ({ method: 'GET', path: '/api/schools' }),
    expect: (c) => anon(c, 200),
    check: (c, res) => {
      const ids = new Set((res.body.items as { id: string }[]).map((s) => s.id));
      const allowed =
        c.persona === 'admin'
          ? null
          : c.persona === 'owner'
            ? [w.schools.own.id, w.schools.sibling.id]
            : c.persona === 'formerStaff'
              ? []
              : [w.schools.own.id];
      if (allowed && [...ids].some((id) => !allowed.includes(id))) return ['schools: a school without a role listed'];
      return [];
    },
  },
  {
    op: 'POST /api/people',
    scoped: 'school',
    request: (c) => ({
      method: 'POST',
      path: '/api/people',
      body: { name: 'Ny Ansatt', email: uniqueEmail(), schoolRoles: [{ schoolId: S(c).id, role: 'staff' }] },
    }),
    expect: (c) => anon(c, c.persona === 'admin' || ownerOf(c.persona, c.scope!) ? 201 : 403),
  },
  {
    op: 'GET /api/schools/{schoolId}/people',
    scoped: 'school',
    request: (c) => ({ method: 'GET', path: `/api/schools/${S(c).id}/people` }),
    expect: (c) => anon(c, c.persona === 'admin' || worksAt(c.persona, c.scope!) || ownerOf(c.persona, c.scope!) ? 200 : 403),
    check: (c, res) =>
      (res.body.items as { roles: { schoolId: string | null; ownerId: string | null }[] }[]).every((p) =>
        p.roles.some((r) => r.schoolId === S(c).id),
      )
        ? []
        : ['people: someone without a role at the school listed'],
  },
  {
    op: 'POST /api/roles',
    scoped: 'school',
    request: (c) => ({ method: 'POST', path: '/api/roles', body: { personId: w.spare, schoolId: S(c).id, role: 'staff' } }),
    expect: (c) => anon(c, c.persona === 'admin' || ownerOf(c.persona, c.scope!) ? 201 : 403),
  },
  // ---- pupils: the people working at the school ----
  {
    op: 'POST /api/pupils',
    scoped: 'school',
    request: (c) => ({ method: 'POST', path: '/api/pupils', body: { schoolId: S(c).id, name: 'Ny Elev', birthYear: 2016 } }),
    expect: (c) => anon(c, worksAt(c.persona, c.scope!) ? 201 : 403),
  },
  {
    op: 'GET /api/schools/{schoolId}/pupils',
    scoped: 'school',
    request: (c) => ({ method: 'GET', path: `/api/schools/${S(c).id}/pupils` }),
    expect: (c) => anon(c, worksAt(c.persona, c.scope!) ? 200 : 403),
    check: (c, res) =>
      (res.body.items as { schoolId: string }[]).every((p) => p.schoolId === S(c).id) ? [] : ['pupils: a pupil of another school'],
  },
  {
    op: 'POST /api/schools/{schoolId}/pupils/import',
    scoped: 'school',
    request: (c) => ({
      method: 'POST',
      path: `/api/schools/${S(c).id}/pupils/import`,
      raw: 'Fornavn;Etternavn;Fødselsår\nNy;Importert;2016\n',
      contentType: 'text/csv',
    }),
    expect: (c) => anon(c, c.persona === 'admin' || (worksAt(c.persona, c.scope!) && ['principal', 'accusedPrincipal'].includes(c.persona)) ? 200 : 403),
  },
  // Contact teachers and staff of the school; a contact teacher who moved away is refused.
  {
    op: 'POST /api/pupils/{pupilId}/conversations',
    scoped: 'school',
    request: (c) => ({ method: 'POST', path: `/api/pupils/${S(c).pupils.contact.id}/conversations`, body: { answer: 'yes' } }),
    expect: (c) => anon(c, worksAt(c.persona, c.scope!) ? 201 : 403),
  },
  {
    op: 'GET /api/schools/{schoolId}/conversations',
    scoped: 'school',
    request: (c) => ({ method: 'GET', path: `/api/schools/${S(c).id}/conversations` }),
    // Leaders and the principal: all pupils; a contact teacher: theirs (the teacher is contact
    // teacher of three pupils at A).
    expect: (c) => anon(c, worksAt(c.persona, c.scope!) && ['leader', 'principal', 'accusedPrincipal', 'staff'].includes(c.persona) ? 200 : 403),
    check: (c, res) => {
      const ids = (res.body.items as { pupil: { id: string } }[]).map((i) => i.pupil.id);
      if (c.persona === 'staff' && ids.includes(S(c).pupils.contact.id)) return ['conversations: a pupil of another contact teacher'];
      return [];
    },
  },
  // ---- reports: anyone working at the school ----
  {
    op: 'POST /api/reports',
    scoped: 'school',
    request: (c) => ({
      method: 'POST',
      path: '/api/reports',
      body: { schoolId: S(c).id, pupilId: S(c).pupils.plain.id, basis: 'suspicion', category: 'bullying', description: 'Ny melding.', intervened: false },
    }),
    expect: (c) => anon(c, worksAt(c.persona, c.scope!) ? 201 : 403),
    check: (_c, res) => keysExactly(res.body, ['caseId', 'number'], 'report receipt'),
  },
  // ---- cases ----
  {
    op: 'GET /api/cases',
    scoped: 'school',
    request: (c) => ({ method: 'GET', path: `/api/cases?schoolId=${S(c).id}` }),
    expect: (c) => anon(c, 200),
    check: (c, res) => {
      const problems: string[] = [];
      const items = res.body.items as { id: string; access: Access }[];
      for (const v of VARIANTS) {
        const want = sees(c.persona, c.scope!, v);
        const item = items.find((i) => i.id === S(c).cases[v].id);
        if ((want === 'none') !== (item === undefined)) problems.push(`list: ${v} ${item ? 'listed' : 'missing'} (${want})`);
        if (item && item.access !== want) problems.push(`list: ${v} as ${item.access}, may see ${want}`);
        if (item?.access === 'own_part') problems.push(...keysExactly(item, OWN_PART_KEYS, `list ${v}`));
      }
      return problems;
    },
  },
  // «Mine tiltak»: the world's cases have no plan yet, so nobody carries out a measure.
  {
    op: 'GET /api/my-measures',
    scoped: 'none',
    request: () => ({ method: 'GET', path: '/api/my-measures' }),
    expect: (c) => anon(c, 200),
    check: (_c, res) => (res.body.items.length === 0 ? [] : ['my measures: listed a case without a plan']),
  },
  {
    op: 'GET /api/cases/{id}',
    scoped: 'case',
    request: (c) => ({ method: 'GET', path: `/api/cases/${K(c).id}` }),
    expect: caseRead(false),
    check: (c, res) => {
      const a = sees(c.persona, c.scope!, c.variant!);
      if (a === 'own_part') return keysExactly(res.body, OWN_PART_KEYS, 'own part');
      return res.body.access === 'case' ? [] : ['case: not the case view'];
    },
  },
  {
    op: 'GET /api/cases/{id}/casefile',
    scoped: 'case',
    request: (c) => ({ method: 'GET', path: `/api/cases/${K(c).id}/casefile?format=html` }),
    expect: (c) => {
      const a = sees(c.persona, c.scope!, c.variant!);
      if (c.persona === 'anonymous') return 401;
      if (a === 'none') return 404;
      return mayAct(c.persona, c.scope!, c.variant!, 'lead') ? 200 : 403;
    },
  },
  { op: 'GET /api/cases/{id}/investigation', scoped: 'case', request: (c) => ({ method: 'GET', path: `/api/cases/${K(c).id}/investigation` }), expect: caseRead(true) },
  { op: 'GET /api/cases/{id}/plans', scoped: 'case', request: (c) => ({ method: 'GET', path: `/api/cases/${K(c).id}/plans` }), expect: caseRead(true) },
  { op: 'GET /api/cases/{id}/evaluations', scoped: 'case', request: (c) => ({ method: 'GET', path: `/api/cases/${K(c).id}/evaluations` }), expect: caseRead(true) },
  { op: 'GET /api/cases/{id}/external-bodies', scoped: 'case', request: (c) => ({ method: 'GET', path: `/api/cases/${K(c).id}/external-bodies` }), expect: caseRead(true) },
  // The world's cases are reported, not yet registered; the statuses of whoever may act are the domain's.
  {
    op: 'POST /api/cases/{id}/acknowledge',
    scoped: 'case',
    request: (c) => ({ method: 'POST', path: `/api/cases/${K(c).id}/acknowledge` }),
    expect: caseWrite('principal', same(200)),
  },
  {
    op: 'POST /api/cases/{id}/principal-knows',
    scoped: 'case',
    request: (c) => ({ method: 'POST', path: `/api/cases/${K(c).id}/principal-knows`, body: {} }),
    expect: caseWrite('principal', same(200)),
  },
  {
    op: 'POST /api/cases/{id}/delegate',
    scoped: 'case',
    request: (c) => ({ method: 'POST', path: `/api/cases/${K(c).id}/delegate`, body: { leaderId: S(c).leader } }),
    // s125L: the leadership may not lead a case about one of its own (400).
    expect: caseWrite('principal', { plain: 200, s125: 200, s125L: 400 }),
  },
  {
    op: 'POST /api/cases/{id}/start-investigation',
    scoped: 'case',
    request: (c) => ({ method: 'POST', path: `/api/cases/${K(c).id}/start-investigation`, body: {} }),
    expect: caseWrite('lead', same(200)),
  },
  {
    op: 'POST /api/cases/{id}/conclude-investigation',
    scoped: 'case',
    request: (c) => ({ method: 'POST', path: `/api/cases/${K(c).id}/conclude-investigation`, body: { measuresNeeded: true, conclusion: 'Konklusjon.' } }),
    expect: caseWrite('lead', same(409)),
  },
  {
    op: 'POST /api/cases/{id}/serious',
    scoped: 'case',
    request: (c) => ({ method: 'POST', path: `/api/cases/${K(c).id}/serious` }),
    expect: caseWrite('lead', same(200)),
  },
  {
    op: 'POST /api/cases/{id}/owner-notice',
    scoped: 'case',
    request: (c) => ({ method: 'POST', path: `/api/cases/${K(c).id}/owner-notice`, body: {} }),
    // plain: not serious (409); s125L: the owner has it already (409).
    expect: caseWrite('principal', { plain: 409, s125: 200, s125L: 409 }),
  },
  {
    op: 'POST /api/cases/{id}/close',
    scoped: 'case',
    request: (c) => ({ method: 'POST', path: `/api/cases/${K(c).id}/close`, body: { pupilSituationSafe: true, reason: 'Trygt nå.' } }),
    expect: caseWrite('lead', same(409)),
  },
  {
    op: 'POST /api/cases/{id}/reopen',
    scoped: 'case',
    request: (c) => ({ method: 'POST', path: `/api/cases/${K(c).id}/reopen`, body: { reason: 'Nytt.' } }),
    expect: caseWrite('lead', same(409)),
  },
  {
    op: 'POST /api/cases/{id}/deadlines/{key}/delay-reason',
    scoped: 'case',
    request: (c) => ({ method: 'POST', path: `/api/cases/${K(c).id}/deadlines/${encodeURIComponent(K(c).deadlineKey)}/delay-reason`, body: { reason: 'Syk.' } }),
    // The deadline has not passed: no reason is needed (409).
    expect: caseWrite('lead', same(409)),
  },
  {
    op: 'POST /api/cases/{id}/investigation/steps',
    scoped: 'case',
    request: (c) => ({
      method: 'POST',
      path: `/api/cases/${K(c).id}/investigation/steps`,
      body: { kind: 'observation', performedById: S(c).principal, summary: 'Observasjon.' },
    }),
    // Not started yet (409).
    expect: caseWrite('lead', same(409)),
  },
  {
    op: 'POST /api/cases/{id}/investigation/findings',
    scoped: 'case',
    request: (c) => ({ method: 'POST', path: `/api/cases/${K(c).id}/investigation/findings`, body: { text: 'Funn.' } }),
    expect: caseWrite('lead', same(409)),
  },
  {
    op: 'POST /api/cases/{id}/investigation/best-interest',
    scoped: 'case',
    request: (c) => ({ method: 'POST', path: `/api/cases/${K(c).id}/investigation/best-interest`, body: { text: 'Vurdering.' } }),
    expect: caseWrite('lead', same(409)),
  },
  {
    op: 'POST /api/cases/{id}/external-bodies',
    scoped: 'case',
    request: (c) => ({
      method: 'POST',
      path: `/api/cases/${K(c).id}/external-bodies`,
      body: { kind: 'ppt', involvement: 'Drøftet saken.', contactedOn: '2026-04-13' },
    }),
    // Recorded in any status: whoever leads the case may.
    expect: caseWrite('lead', same(201)),
  },
  {
    op: 'POST /api/cases/{id}/plans',
    scoped: 'case',
    request: (c) => ({ method: 'POST', path: `/api/cases/${K(c).id}/plans`, body: { problem: 'Problemet.' } }),
    // No concluded investigation yet (409).
    expect: caseWrite('lead', same(409)),
  },
  {
    op: 'POST /api/cases/{id}/evaluations',
    scoped: 'case',
    request: (c) => ({
      method: 'POST',
      path: `/api/cases/${K(c).id}/evaluations`,
      body: {
        plannedDate: '2026-05-04',
        measures: [{ measureId: '00000000-0000-4000-8000-000000000001', howCarriedOut: 'Slik.', effect: 'Bra.' }],
        pupilView: 'Bedre.',
        situationSafe: false,
        decision: 'continue',
        nextEvaluationOn: '2026-06-01',
      },
    }),
    // No plan to evaluate (409).
    expect: caseWrite('lead', same(409)),
  },
];

// ---- running it ----

/** Every table a request could write (audit entries are kept for refused requests; sessions record their last use). */
let tablesSql: ReturnType<typeof sql.raw> | undefined;
async function fingerprint(db: Db): Promise<Map<string, string>> {
  if (!tablesSql) {
    const tables = (await db.execute(
      sql`select tablename from pg_tables where schemaname = 'public' and tablename not in ('audit_log', 'sessions') order by 1`,
    )) as unknown as { tablename: string }[];
    tablesSql = sql.raw(
      tables
        .map((t) => `select '${t.tablename}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t.tablename}" x`)
        .join(' union all '),
    );
  }
  const rows = (await db.execute(tablesSql)) as unknown as { t: string; h: string }[];
  return new Map(rows.map((r) => [r.t, r.h]));
}

/** The world's fingerprint: every write is rolled back, so it never changes. */
let worldPrint: Map<string, string>;

/**
 * One lane of the matrix: its own app on its own switchable database handle, so lanes run side
 * by side (each write in its own transaction, rolled back after the request).
 */
interface Lane {
  app: ReturnType<typeof createApp>;
  sw: SwitchableDb;
}
const LANES = 4;
let lanes: Lane[] = [];

function newLane(): Lane {
  const laneDb = switchableDb(base);
  const app = createApp({
    db: laneDb.db,
    clock: () => x.clock.now,
    sessionSecret: SECRET,
    appUrl: 'http://127.0.0.1:5173/',
    mailboxDir,
    log: { error: () => {} },
  });
  return { app, sw: laneDb };
}

/** Runs the request in a transaction that is rolled back; answers with the reply and, when it was refused, the tables it wrote. */
/** Case, report, acknowledgement and pupil addresses: every request there leaves an audit entry (audit.ts). */
const AUDITED = /^\/api\/(?:cases|reports|acknowledgements|pupils)(?:[/?]|$)|^\/api\/schools\/[^/]+\/(?:pupils|conversations)(?:[/?]|$)/;

async function auditedRequest(db: Db, res: Reply): Promise<boolean> {
  const id = res.headers.get('x-request-id') ?? '';
  const rows = (await db.execute(sql`select 1 from audit_log where request_id = ${id} limit 1`)) as unknown as unknown[];
  return rows.length > 0;
}

async function inRollback(lane: Lane, run: () => Promise<Reply>): Promise<{ res: Reply; written: string[]; audited: boolean }> {
  let out: { res: Reply; written: string[]; audited: boolean } | undefined;
  try {
    await base.transaction(async (tx) => {
      lane.sw.use(tx);
      let res: Reply;
      try {
        res = await run();
      } finally {
        lane.sw.use(base);
      }
      const written = res.status >= 400 ? [...(await fingerprint(tx))].filter(([t, h]) => h !== worldPrint.get(t)).map(([t]) => t) : [];
      out = { res, written, audited: await auditedRequest(tx, res) };
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  return out!;
}

/** One session per persona (the clock stands still while the matrix runs). */
const cookies = new Map<string, Promise<string>>();
async function send(lane: Lane, c: Cell, req: Req): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (c.persona !== 'anonymous') {
    const id = w.persona[c.persona];
    if (!cookies.has(id)) cookies.set(id, sessionCookie(base, id, x.clock.now));
    headers['cookie'] = await cookies.get(id)!;
  }
  let body: string | undefined;
  if (req.raw !== undefined) body = req.raw;
  else if (req.body !== undefined) body = JSON.stringify(req.body);
  if (body !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
  const res = await lane.app.request(req.path, { method: req.method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // HTML (the case file)
  }
  return { status: res.status, body: parsed as any, headers: res.headers };
}

/** Names, national ids and case ids the persona may not learn from any answer. */
function secretsFor(c: Cell): string[] {
  const out: string[] = [];
  for (const scope of SCOPES) {
    const school = w.schools[scope];
    for (const key of [...VARIANTS, 'contact'] as const) {
      const p = school.pupils[key];
      out.push(p.nationalId);
      const seenInCase = key !== 'contact' && sees(c.persona, scope, key) === 'case';
      if (!worksAt(c.persona, scope) && !seenInCase) out.push(p.name);
    }
    for (const v of VARIANTS) if (sees(c.persona, scope, v) === 'none') out.push(school.cases[v].id);
  }
  return out;
}

async function operationsOf(): Promise<string[]> {
  const doc = (await x.as(null).get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
}

beforeAll(async () => {
  // Production-like: no dev login, no dev mode; a mailbox directory so its routes exist.
  mailboxDir = mkdtempSync(join(tmpdir(), 'trygg-authz-mailbox-'));
  x = await createTestApp({ devLogin: false, mailboxDir });
  // A pool of its own: each lane's write holds a connection for its transaction.
  pool = createDb(x.t.url, { max: LANES * 2 + 2 });
  base = pool.db;
  w = await buildWorld();
  worldPrint = await fingerprint(base);
  lanes = Array.from({ length: LANES }, newLane);
  writeFileSync(join(mailboxDir, w.mailboxFile), 'To: a@example.test\r\nSubject: Test\r\nDate: Mon, 13 Apr 2026 07:00:00 +0000\r\n\r\nHei\r\n');
}, 120_000);
afterAll(async () => {
  await pool?.close();
  await x?.drop();
});

describe('authorization matrix', () => {
  it('has a row for every operation of the OpenAPI document', async () => {
    const ops = await operationsOf();
    const rows = new Set(ROWS.map((r) => r.op));
    const missing = ops.filter((op) => !rows.has(op));
    expect(missing, `operations without a row in authz.int.test.ts ROWS — add one (who may, which status):\n${missing.join('\n')}`).toEqual([]);
  });

  it('answers every role × operation × school (× case) with the expected status, no unexpected 2xx, nothing beyond what the role may see', async () => {
    const ops = new Set(await operationsOf());
    x.clock.now = osloDate('2026-04-13T10:00');
    const problems: string[] = [];
    let cells = 0;
    let unexpected2xx = 0;
    const unknownCase = new Map<string, Promise<{ code: string; message: string }>>();
    const queue: { row: Row; c: Cell }[] = [];
    for (const row of ROWS.filter((r) => ops.has(r.op))) {
      for (const persona of PERSONAS) {
        for (const scope of row.scoped === 'none' ? [null] : SCOPES) {
          for (const variant of row.scoped === 'case' ? VARIANTS : [null]) queue.push({ row, c: { persona, scope, variant } });
        }
      }
    }
    const runCell = async (lane: Lane, row: Row, c: Cell) => {
      const write = row.op.startsWith('POST') || row.op.startsWith('PATCH');
      const label = `${row.op} as ${c.persona}${c.scope ? ` at ${c.scope}` : ''}${c.variant ? ` on ${c.variant}` : ''}`;
      const req = row.request(c);
      const expected = row.expect(c);
      const { res, written, audited } = write
        ? await inRollback(lane, () => send(lane, c, req))
        : await send(lane, c, req).then(async (r) => ({ res: r, written: [] as string[], audited: await auditedRequest(base, r) }));
      // Every read and write of a case (and of pupil data) is in the audit log — also when refused.
      // Not the refused anonymous ones: nothing was read, and nobody could fill the log with them.
      if (AUDITED.test(req.path) && (c.persona !== 'anonymous' || res.status < 400) && !audited) problems.push(`${label}: no audit entry`);
      cells += 1;
      // Case and pupil data must not linger in caches, whatever the answer.
      if (res.headers.get('cache-control') !== 'no-store' || res.headers.get('x-content-type-options') !== 'nosniff') {
        problems.push(`${label}: cache-control ${res.headers.get('cache-control')}, x-content-type-options ${res.headers.get('x-content-type-options')}`);
      }
      if (res.status !== expected) {
        problems.push(`${label}: ${res.status}, expected ${expected}${res.body?.error ? ` (${res.body.error.code}: ${res.body.error.message})` : ''}`);
        if (res.status < 300 && expected >= 300) unexpected2xx += 1;
        return;
      }
      if (res.status < 300 && row.check) problems.push(...row.check(c, res).map((p) => `${label}: ${p}`));
      if (res.status >= 400 && written.length) problems.push(`${label}: refused (${res.status}) but wrote ${written.join(', ')}`);
      const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
      for (const secret of secretsFor(c)) if (text.includes(secret)) problems.push(`${label}: the answer contains ${secret}`);
      // Nobody outside learns that the case exists: its 404 is the 404 of a case that does not.
      if (row.scoped === 'case' && res.status === 404) {
        if (!unknownCase.has(row.op)) {
          const probe = { ...req, path: req.path.replace(K(c).id, '00000000-0000-4000-8000-00000000abcd') };
          const asPrincipal: Cell = { ...c, persona: 'principal' };
          unknownCase.set(
            row.op,
            (write ? inRollback(lane, () => send(lane, asPrincipal, probe)).then((r) => r.res) : send(lane, asPrincipal, probe)).then((a) => ({
              code: a.body.error.code,
              message: a.body.error.message,
            })),
          );
        }
        const { code, message } = await unknownCase.get(row.op)!;
        if (res.body.error.code !== code || res.body.error.message !== message) {
          problems.push(`${label}: 404 differs from an unknown case's (${res.body.error.message} / ${message})`);
        }
      }
    };
    const started = performance.now();
    await Promise.all(
      lanes.map(async (lane) => {
        for (let next = queue.shift(); next; next = queue.shift()) await runCell(lane, next.row, next.c);
      }),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const endpoints = ROWS.filter((r) => ops.has(r.op)).length;
    console.log(
      `authorization matrix: ${cells} cells — ${PERSONAS.length} roles × ${endpoints} operations × 3 schools (case operations × 3 cases; ` +
        `unscoped operations once); ${unexpected2xx} unexpected 2xx, ${problems.length} problems; ${seconds} s in ${LANES} lanes`,
    );
    if (problems.length) console.log(problems.join('\n'));
    expect(unexpected2xx).toBe(0);
    expect(problems).toEqual([]);
  }, 600_000);

  it("does not let an owner's notices and digest go to anyone but the owner's own officials", async () => {
    const lane = lanes[0]!;
    const asOwner: Cell = { persona: 'owner', scope: 'own', variant: null };
    const patch = async (body: unknown) =>
      (await inRollback(lane, () => send(lane, asOwner, { method: 'PATCH', path: `/api/owners/${w.ownerIds.own}`, body }))).res;
    for (const body of [
      { digestRecipientIds: [w.persona.staff] },
      { digestRecipientIds: [x.s.ownerOfficial, o2.ownerOfficial] },
      { secondContactId: w.persona.accusedPrincipal },
      { secondContactId: o2.ownerOfficial },
    ]) {
      const res = await patch(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.problems[0].field).toMatch(/^(digestRecipientIds\.\d|secondContactId)$/);
    }
    expect((await patch({ digestRecipientIds: [x.s.ownerOfficial], secondContactId: x.s.secondContact })).status).toBe(200);
  });
});
