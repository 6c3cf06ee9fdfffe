// Sessions, logging in and out, CSRF and the login rate limit, against a real database. The
// identity provider is a stub here (what it answers is the test's choice); the whole flow
// through a real one (tools/idp) is tested in tools/idp/src/login-flow.int.test.ts.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { people, sessions } from '@trygg/db';
import { createApp } from './app';
import type { FeideGroup } from './feide';
import { OidcLoginError, type OidcClient, type OidcIdentity, type PendingLogin } from './oidc';
import { sessionCookie } from './session';
import { SECRET, createTestApp, type TestApp } from './test-support';

const ISSUER = 'https://idp.example';
const ORG = 'NO999999001';
const employee: FeideGroup[] = [
  { id: 'fc:org:eik.kommune.no', type: 'fc:org', norEduOrgNIN: ORG, membership: { basic: 'member', affiliation: ['member', 'employee'] } },
];

/** An identity provider whose answer the test sets; it checks state as the real client does. */
function stubProvider(): { answer: (() => OidcIdentity) | null; client: OidcClient } {
  const stub: { answer: (() => OidcIdentity) | null; client: OidcClient } = {
    answer: null,
    client: {
      config: {
        issuer: ISSUER,
        clientId: 'trygg',
        clientSecret: 'x',
        redirectUri: 'http://127.0.0.1:5173/api/auth/callback',
        scopes: 'openid',
        requiredAcr: 'urn:mace:feide.no:auth:level:fad08:3',
        groupsApiUrl: 'https://groups.example',
        servedOrganisations: [ORG],
      },
      begin: async (next: string, now: Date) => {
        const pending: PendingLogin = { state: `state-${Math.random()}`, nonce: 'n', codeVerifier: 'v', next, expiresAt: now.getTime() + 600_000 };
        return { url: new URL(`${ISSUER}/auth?state=${pending.state}`), pending };
      },
      complete: async (query: URLSearchParams, pending: PendingLogin): Promise<OidcIdentity> => {
        if (query.get('state') !== pending.state) throw new OidcLoginError('STATE_MISMATCH', 'Innloggingen kunne ikke bekreftes (state stemmer ikke).');
        if (!stub.answer) throw new Error('no answer set');
        return stub.answer();
      },
    },
  };
  return stub;
}

const identity = (over: Partial<OidcIdentity>): OidcIdentity => ({
  issuer: ISSUER,
  sub: 'sub-1',
  acr: 'urn:mace:feide.no:auth:level:fad08:3',
  name: 'Tone Lærer',
  email: null,
  emailVerified: true,
  groups: employee,
  ...over,
});

let x: TestApp;
let stub: ReturnType<typeof stubProvider>;
beforeAll(async () => {
  stub = stubProvider();
  x = await createTestApp({ oidc: stub.client });
});
afterAll(() => x?.drop());

const emailOf = async (personId: string) => (await x.t.db.select({ email: people.email }).from(people).where(eq(people.id, personId)))[0]!.email;
const cookieFrom = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));

/** Runs /api/auth/login → (the stub provider) → /api/auth/callback; returns the callback's answer. */
async function logIn(app: ReturnType<typeof createApp>, opts: { state?: string; accept?: string } = {}) {
  const start = await app.request('/api/auth/login?next=%2Fsaker');
  expect(start.status).toBe(302);
  const pending = cookieFrom(start, 'trygg_login')!;
  const state = opts.state ?? new URL(start.headers.get('location')!).searchParams.get('state')!;
  return app.request(`/api/auth/callback?code=c&state=${encodeURIComponent(state)}`, {
    headers: { cookie: pending, accept: opts.accept ?? 'application/json' },
  });
}

describe('login through the identity provider (stubbed)', () => {
  beforeEach(() => {
    // A fresh rate-limit window for every test.
    x.clock.now = new Date(x.clock.now.getTime() + 61_000);
  });

  it('links the first login by verified email, later ones by subject, and starts a session', async () => {
    const email = await emailOf(x.s.teacher);
    stub.answer = () => identity({ sub: 'teacher-sub', email: email.toUpperCase() });
    const res = await logIn(x.app);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('http://127.0.0.1:5173/saker');
    const set = res.headers.getSetCookie();
    expect(set.find((c) => c.startsWith('trygg_session='))).toMatch(/^trygg_session=[A-Za-z0-9_-]{43}; Max-Age=36000; Path=\/; HttpOnly; SameSite=Lax$/);
    // The pending login is spent.
    expect(set.find((c) => c.startsWith('trygg_login='))).toMatch(/^trygg_login=; Max-Age=0/);
    const me = await x.app.request('/api/me', { headers: { cookie: cookieFrom(res, 'trygg_session')! } });
    expect(((await me.json()) as { id: string }).id).toBe(x.s.teacher);
    const [row] = await x.t.db.select({ externalSubject: people.externalSubject }).from(people).where(eq(people.id, x.s.teacher));
    expect(row!.externalSubject).toBe(`${ISSUER}|teacher-sub`);

    // Next time the email may have changed at Feide: the subject decides.
    stub.answer = () => identity({ sub: 'teacher-sub', email: 'ny.adresse@example.test' });
    expect((await logIn(x.app)).status).toBe(303);
    // The row holds a hash, never the cookie's id.
    const stored = await x.t.db.select({ idHash: sessions.idHash }).from(sessions).where(eq(sessions.personId, x.s.teacher));
    const cookieId = cookieFrom(res, 'trygg_session')!.split('=')[1]!;
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.idHash) && s.idHash !== cookieId)).toBe(true);
  });

  it('refuses an unverified email, an address linked to another Feide user, and an unknown person', async () => {
    const principalEmail = await emailOf(x.s.principal);
    stub.answer = () => identity({ sub: 'p-sub', email: principalEmail, emailVerified: false });
    let res = await logIn(x.app);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { reason: string } }).error.reason).toBe('EMAIL_NOT_VERIFIED');

    const teacherEmail = await emailOf(x.s.teacher); // linked to teacher-sub above
    stub.answer = () => identity({ sub: 'someone-else', email: teacherEmail });
    res = await logIn(x.app);
    expect(((await res.json()) as { error: { reason: string } }).error.reason).toBe('SUBJECT_CONFLICT');

    stub.answer = () => identity({ sub: 'nobody', email: 'ingen@example.test' });
    res = await logIn(x.app);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string; reason: string } }).error).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_PERSON' });
  });

  it('re-checks membership at every login: leaving the organisation ends every session at once', async () => {
    const email = await emailOf(x.s.leader);
    stub.answer = () => identity({ sub: 'leader-sub', email });
    const first = cookieFrom(await logIn(x.app), 'trygg_session')!;
    const second = await sessionCookie(x.t.db, x.s.leader, x.clock.now);
    expect((await x.app.request('/api/me', { headers: { cookie: first } })).status).toBe(200);

    // Moved to another municipality.
    stub.answer = () =>
      identity({ sub: 'leader-sub', email, groups: [{ id: 'fc:org:ask.kommune.no', type: 'fc:org', norEduOrgNIN: 'NO999999009', membership: { affiliation: ['employee'] } }] });
    const refused = await logIn(x.app);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { reason: string } }).error.reason).toBe('ORGANISATION_NOT_SERVED');
    for (const cookie of [first, second]) expect((await x.app.request('/api/me', { headers: { cookie } })).status).toBe(401);
    expect(await x.t.db.select().from(sessions).where(eq(sessions.personId, x.s.leader))).toEqual([]);
  });

  it('refuses students and non-employees, and a token without two factors, in plain Norwegian', async () => {
    const email = await emailOf(x.s.sfo);
    stub.answer = () => identity({ sub: 'sfo-sub', email, groups: [{ ...employee[0]!, membership: { affiliation: ['student'] } }] });
    const student = await logIn(x.app, { accept: 'text/html,application/xhtml+xml' });
    expect(student.status).toBe(403);
    expect(student.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await student.text();
    expect(page).toContain('Elever kan ikke logge inn i trygg.');
    expect(page).toContain('href="http://127.0.0.1:5173/logg-inn"');
    expect(page).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);

    stub.answer = () => identity({ sub: 'sfo-sub', email, groups: [{ ...employee[0]!, membership: { affiliation: ['member', 'affiliate'] } }] });
    expect(((await (await logIn(x.app)).json()) as { error: { reason: string } }).error.reason).toBe('NOT_EMPLOYEE');

    stub.answer = () => {
      throw new OidcLoginError('MFA_REQUIRED', 'trygg krever innlogging med to faktorer (MFA).');
    };
    const mfa = await logIn(x.app);
    expect(mfa.status).toBe(403);
    expect(((await mfa.json()) as { error: { message: string; reason: string } }).error).toMatchObject({
      reason: 'MFA_REQUIRED',
      message: expect.stringContaining('to faktorer'),
    });
  });

  it('refuses a callback whose state does not match, or without a pending login', async () => {
    stub.answer = () => identity({ sub: 'teacher-sub' });
    const res = await logIn(x.app, { state: 'forged' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { reason: string } }).error.reason).toBe('LOGIN_STATE_MISMATCH');
    const none = await x.app.request('/api/auth/callback?code=c&state=s', { headers: { accept: 'application/json' } });
    expect(((await none.json()) as { error: { reason: string } }).error.reason).toBe('LOGIN_EXPIRED');
  });

  it('answers 429 to the 11th login attempt in a minute from one address', async () => {
    const app = createApp({
      db: x.t.db,
      clock: () => x.clock.now,
      sessionSecret: SECRET,
      appUrl: 'http://127.0.0.1:5173/',
      oidc: stub.client,
      clientIp: (c) => c.req.header('x-test-ip'),
      log: { error: () => {} },
    });
    const attempt = (ip: string) => app.request('/api/auth/login', { headers: { 'x-test-ip': ip } });
    for (let i = 0; i < 10; i += 1) expect((await attempt('10.0.0.1')).status).toBe(302);
    const limited = await attempt('10.0.0.1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    // Another address is not affected; a minute later the first may try again.
    expect((await attempt('10.0.0.2')).status).toBe(302);
    x.clock.now = new Date(x.clock.now.getTime() + 60_000);
    expect((await attempt('10.0.0.1')).status).toBe(302);
  });

  it('says which login methods exist; without OIDC the login route says it is not set up', async () => {
    expect((await x.as(null).get('/api/auth/methods')).body).toEqual({ feide: true, testLogin: true });
    const bare = createApp({ db: x.t.db, clock: () => x.clock.now, sessionSecret: SECRET, appUrl: 'http://127.0.0.1:5173/' });
    expect(await (await bare.request('/api/auth/methods')).json()).toEqual({ feide: false, testLogin: false });
    expect((await bare.request('/api/auth/login')).status).toBe(404);
    expect((await bare.request('/api/dev/login', { method: 'POST', body: '{"email":"a@b.no"}', headers: { 'content-type': 'application/json' } })).status).toBe(
      401,
    );
  });
});

describe('sessions', () => {
  it('ends on logout, on the server: the old cookie gets 401', async () => {
    const cookie = await sessionCookie(x.t.db, x.s.teacher, x.clock.now);
    expect((await x.app.request('/api/me', { headers: { cookie } })).status).toBe(200);
    const out = await x.app.request('/api/auth/logout', { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^trygg_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax/);
    expect((await x.app.request('/api/me', { headers: { cookie } })).status).toBe(401);
    // The web app's older path does the same.
    const again = await sessionCookie(x.t.db, x.s.teacher, x.clock.now);
    expect((await x.app.request('/api/logout', { method: 'POST', headers: { cookie: again } })).status).toBe(204);
    expect((await x.app.request('/api/me', { headers: { cookie: again } })).status).toBe(401);
  });

  it('expires after 30 idle minutes; activity keeps it alive up to the absolute limit', async () => {
    const start = x.clock.now;
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    const me = async (cookie: string) => (await x.app.request('/api/me', { headers: { cookie } })).status;
    const idle = await sessionCookie(x.t.db, x.s.principal, start);
    x.clock.now = at(29);
    expect(await me(idle)).toBe(200);
    x.clock.now = at(29 + 30);
    expect(await me(idle)).toBe(401);
    // Gone for good, also when the clock goes back.
    x.clock.now = at(30);
    expect(await me(idle)).toBe(401);

    // Active every 20 minutes: alive until 10 hours after login, then over.
    x.clock.now = start;
    const busy = await sessionCookie(x.t.db, x.s.principal, start);
    for (let minute = 20; minute < 600; minute += 20) {
      x.clock.now = at(minute);
      expect(await me(busy)).toBe(200);
    }
    x.clock.now = at(600);
    expect(await me(busy)).toBe(401);
    x.clock.now = start;
  });

  it('honours configured timeouts', async () => {
    const app = createApp({
      db: x.t.db,
      clock: () => x.clock.now,
      sessionSecret: SECRET,
      appUrl: 'http://127.0.0.1:5173/',
      sessionTimeouts: { idleMs: 5 * 60_000 },
    });
    const cookie = await sessionCookie(x.t.db, x.s.principal, x.clock.now);
    const start = x.clock.now;
    x.clock.now = new Date(start.getTime() + 6 * 60_000);
    expect((await app.request('/api/me', { headers: { cookie } })).status).toBe(401);
    x.clock.now = start;
  });

  it('a deactivated person loses access at the next request', async () => {
    const [p] = await x.t.db.insert(people).values({ name: 'Kortvarig Vikar', email: 'vikar@example.test' }).returning();
    const cookie = await sessionCookie(x.t.db, p!.id, x.clock.now);
    expect((await x.app.request('/api/me', { headers: { cookie } })).status).toBe(200);
    await x.t.db.update(people).set({ deactivatedAt: x.clock.now }).where(eq(people.id, p!.id));
    expect((await x.app.request('/api/me', { headers: { cookie } })).status).toBe(401);
  });

  it('uses a __Host- cookie, Secure, off localhost', async () => {
    const app = createApp({
      db: x.t.db,
      clock: () => x.clock.now,
      sessionSecret: SECRET,
      appUrl: 'https://trygg.eik.kommune.no/',
      devLogin: true,
    });
    const res = await app.request('/api/dev/login', {
      method: 'POST',
      body: JSON.stringify({ email: await emailOf(x.s.principal) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^__Host-trygg_session=[A-Za-z0-9_-]{43}; Max-Age=36000; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await app.request('/api/me', { headers: { cookie } })).status).toBe(200);
    // The unprefixed name is not read on https (it could have been planted by a sibling domain).
    expect((await app.request('/api/me', { headers: { cookie: cookie.replace('__Host-', '') } })).status).toBe(401);
    expect((await app.request('/api/me', { headers: { cookie: await sessionCookie(x.t.db, x.s.principal, x.clock.now, { secure: true }) } })).status).toBe(200);
  });
});

describe('the test login (tests only)', () => {
  it('logs in by email with a fresh session id; 404 for an unknown address, 400 for a malformed one', async () => {
    const old = await sessionCookie(x.t.db, x.s.principal, x.clock.now);
    const res = await x.app.request('/api/dev/login', {
      method: 'POST',
      body: JSON.stringify({ email: (await emailOf(x.s.principal)).toUpperCase() }),
      headers: { 'content-type': 'application/json', cookie: old },
    });
    expect(res.status).toBe(200);
    const fresh = res.headers.get('set-cookie')!.split(';')[0]!;
    expect(fresh).not.toBe(old);
    // Session fixation: the id the browser came with is not upgraded, it is dropped.
    expect((await x.app.request('/api/me', { headers: { cookie: old } })).status).toBe(401);
    const body = (await (await x.app.request('/api/me', { headers: { cookie: fresh } })).json()) as { id: string; roles: unknown[] };
    expect(body.id).toBe(x.s.principal);
    expect(body.roles).toEqual([{ role: 'principal', schoolId: x.s.schoolId, ownerId: null }]);

    expect((await x.as(null).post('/api/dev/login', { email: 'ingen@example.test' })).status).toBe(404);
    const bad = await x.as(null).post('/api/dev/login', { email: 'ikke-en-adresse' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems).toEqual([{ field: 'email', code: 'invalid_format', message: 'Må være en gyldig e-postadresse.' }]);
  });
});

describe('CSRF', () => {
  const post = async (headers: Record<string, string>) =>
    x.app.request('/api/auth/logout', { method: 'POST', headers: { cookie: await sessionCookie(x.t.db, x.s.teacher, x.clock.now), ...headers } });

  it('refuses a cross-origin POST that carries the session cookie', async () => {
    const cross = await post({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(cross.status).toBe(403);
    expect(((await cross.json()) as { error: { code: string; reason: string } }).error).toMatchObject({ code: 'FORBIDDEN', reason: 'CROSS_ORIGIN_REQUEST' });
    // A sibling subdomain is same-site, not same-origin: refused too.
    expect((await post({ origin: 'https://evil.kommune.no', 'sec-fetch-site': 'same-site' })).status).toBe(403);
    // An older browser without Sec-Fetch-Site: the Origin decides.
    expect((await post({ origin: 'https://evil.example' })).status).toBe(403);
    // Every unsafe method, whatever the body.
    const report = await x.app.request('/api/reports', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', cookie: await sessionCookie(x.t.db, x.s.teacher, x.clock.now) },
    });
    expect(report.status).toBe(403);
  });

  it('lets the web app itself, a typed-in request and non-browser clients through', async () => {
    expect((await post({ origin: 'http://127.0.0.1:5173', 'sec-fetch-site': 'same-origin' })).status).toBe(204);
    expect((await post({ 'sec-fetch-site': 'same-origin' })).status).toBe(204);
    expect((await post({ origin: 'http://127.0.0.1:5173' })).status).toBe(204);
    expect((await post({ 'sec-fetch-site': 'none' })).status).toBe(204);
    expect((await post({})).status).toBe(204);
    // Safe methods are never refused.
    expect((await x.app.request('/api/health', { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
  });
});
