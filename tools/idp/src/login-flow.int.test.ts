// The whole login, in this process: the local identity provider on port 0 (real HTTP), the API
// (createApp with the OIDC configuration) on a fresh database, and a hand-driven browser
// between them (test-browser.ts). The API's clock is injected; the identity provider's is real.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createApp } from '@trygg/api';
import { people } from '@trygg/db';
import { createTestDatabase, seedSchool, type SeededSchool, type TestDatabase } from '@trygg/testing';
import { ACR_MFA, employeeAccount, type IdpAccount, type IdpOrganisation } from './accounts';
import { startIdp, type Idp } from './idp';
import { TestBrowser } from './test-browser';

const APP = 'http://127.0.0.1:5173';
const CLIENT = { clientId: 'trygg', clientSecret: 'trygg-test-client-secret', redirectUris: [`${APP}/api/auth/callback`], name: 'trygg' };
const EIK: IdpOrganisation = {
  realm: 'eik.kommune.test',
  name: 'Eik kommune',
  orgNumber: 'NO999999001',
  schools: [{ key: 'bjork', name: 'Bjørk skole', orgNumber: 'NO999999002' }],
};
const ASK: IdpOrganisation = { realm: 'ask.kommune.test', name: 'Ask kommune', orgNumber: 'NO999999009', schools: [] };

let t: TestDatabase;
let s: SeededSchool;
let idp: Idp;
const clock = { now: new Date('2026-04-13T07:00:00Z') };
let app: ReturnType<typeof createApp>;
const emails: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  s = await seedSchool(t.db);
  for (const [key, id] of Object.entries({ principal: s.principal, teacher: s.teacher, leader: s.leader, admin: s.admin, sfo: s.sfo })) {
    emails[key] = (await t.db.select({ email: people.email }).from(people).where(eq(people.id, id)))[0]!.email;
  }
  const accounts: IdpAccount[] = [
    employeeAccount({ name: 'Petra Rektor', email: emails['principal']!, organisation: EIK, schools: ['bjork'] }),
    employeeAccount({ name: 'Tone Lærer', email: emails['teacher']!, organisation: EIK, schools: ['bjork'] }),
    employeeAccount({ name: 'Ada Drift', email: emails['admin']!, organisation: EIK }),
    // Logs in with a password only: no two factors.
    employeeAccount({ name: 'Lars Leder', email: emails['leader']!, organisation: EIK, schools: ['bjork'], mfa: false }),
    // Moved to another municipality: Feide now says Ask kommune.
    employeeAccount({ name: 'Sofie SFO', email: emails['sfo']!, organisation: ASK }),
    employeeAccount({ name: 'Elev Elevesen', email: 'elev.elevesen@eik.kommune.test', organisation: EIK, schools: ['bjork'], affiliation: ['member', 'student'] }),
  ];
  idp = await startIdp({ accounts, clients: [CLIENT], port: 0 });
  app = createApp({
    db: t.db,
    clock: () => clock.now,
    sessionSecret: 'login-flow-test-secret-login-flow-test',
    appUrl: `${APP}/`,
    oidc: {
      issuer: idp.issuer,
      clientId: CLIENT.clientId,
      clientSecret: CLIENT.clientSecret,
      redirectUri: CLIENT.redirectUris[0]!,
      scopes: 'openid profile email groups-org',
      requiredAcr: ACR_MFA,
      groupsApiUrl: idp.issuer,
      servedOrganisations: [EIK.orgNumber],
    },
    log: { error: () => {} },
  });
});
afterAll(async () => {
  await idp?.close();
  await t?.drop();
});

/** A browser whose requests to the web app's origin go to the API in-process. */
const newBrowser = () =>
  new TestBrowser(async (url, init) => (url.origin === APP ? app.request(url.pathname + url.search, init) : fetch(url, init)));

/** Is the browser back on a page of the web app (not the API)? */
const onWebApp = (url: URL) => url.origin === APP && !url.pathname.startsWith('/api/');

/**
 * Clicks "Logg inn med Feide", logs in at the identity provider and consents; returns where the
 * browser ended up and the last response (null when it arrived on a web app page).
 */
async function logIn(browser: TestBrowser, username: string, password = 'demo', next = '/saker') {
  const toLogin = await browser.follow(`${APP}/api/auth/login?next=${encodeURIComponent(next)}`);
  expect(toLogin.url.origin).toBe(idp.issuer);
  expect(toLogin.res!.status).toBe(200);
  const loginPage = await toLogin.res!.text();
  expect(loginPage).toContain('<h1>Logg inn til trygg</h1>');
  let result = await browser.follow(new URL(`${toLogin.url.pathname}/login`, idp.issuer), { form: { username, password } }, onWebApp);
  if (result.res && result.url.origin === idp.issuer && result.res.status === 200) {
    const page = await result.res.text();
    if (page.includes('ber om tilgang')) {
      result = await browser.follow(new URL(`${result.url.pathname}/confirm`, idp.issuer), { method: 'POST' }, onWebApp);
    } else {
      return { ...result, page };
    }
  }
  return { ...result, page: result.res ? await result.res.text() : null };
}

const me = (browser: TestBrowser) =>
  app.request('/api/me', { headers: { cookie: `trygg_session=${browser.cookie('trygg_session') ?? ''}`, accept: 'application/json' } });

describe('login through the local identity provider', () => {
  // Each test in a fresh minute of the rate limit (all requests here come from one address).
  beforeEach(() => {
    clock.now = new Date(clock.now.getTime() + 61_000);
  });

  it('logs a demo user in: PKCE, consent, MFA level, groups API; /api/me returns the person', async () => {
    const browser = newBrowser();
    const { url, res } = await logIn(browser, emails['principal']!);
    expect(res).toBeNull();
    expect(url.href).toBe(`${APP}/saker`);
    // The authorization request asked for PKCE (S256), state, nonce and two factors.
    const authorize = browser.history.find((h) => h.url.origin === idp.issuer && h.url.pathname === '/auth')!.url;
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('acr_values')).toBe('urn:mace:feide.no:auth:level:fad08:3');
    expect(authorize.searchParams.get('scope')).toBe('openid profile email groups-org');
    const answer = await me(browser);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ id: s.principal, email: emails['principal'], roles: [{ role: 'principal', schoolId: s.schoolId }] });
    // The first login linked the Feide subject to the person.
    const [row] = await t.db.select({ externalSubject: people.externalSubject }).from(people).where(eq(people.id, s.principal));
    expect(row!.externalSubject).toMatch(new RegExp(`^${idp.issuer}\\|[0-9a-f-]{36}$`));
  });

  it('a second login rides the identity provider session (no password, no consent) and gets a new session id', async () => {
    const browser = newBrowser();
    await logIn(browser, emails['teacher']!);
    const first = browser.cookie('trygg_session');
    const again = await browser.follow(`${APP}/api/auth/login?next=%2Fmeld`, {}, onWebApp);
    expect(again.url.href).toBe(`${APP}/meld`);
    expect(browser.cookie('trygg_session')).not.toBe(first);
    expect(((await (await me(browser)).json()) as { id: string }).id).toBe(s.teacher);
  });

  it('refuses a student, in plain Norwegian', async () => {
    const { res, url, page } = await logIn(newBrowser(), 'elev.elevesen@eik.kommune.test');
    expect(url.pathname).toBe('/api/auth/callback');
    expect(res!.status).toBe(403);
    expect(page).toContain('Elever kan ikke logge inn i trygg.');
  });

  it('refuses a token without the two-factor level', async () => {
    const browser = newBrowser();
    const { res, page } = await logIn(browser, emails['leader']!);
    expect(res!.status).toBe(403);
    expect(page).toContain('trygg krever innlogging med to faktorer');
    expect(browser.cookie('trygg_session')).toBeUndefined();
  });

  it('refuses someone whose Feide organisation is no longer one trygg serves', async () => {
    const { res, page } = await logIn(newBrowser(), emails['sfo']!);
    expect(res!.status).toBe(403);
    expect(page).toContain('Organisasjonen din i Feide bruker ikke trygg');
  });

  it('refuses a callback whose state does not match the login that was started', async () => {
    const browser = newBrowser();
    const started = await browser.follow(`${APP}/api/auth/login`);
    const loggedIn = await browser.follow(
      new URL(`${started.url.pathname}/login`, idp.issuer),
      { form: { username: emails['admin']!, password: 'demo' } },
      (u) => u.origin === APP,
    );
    let callback = loggedIn.url;
    if (loggedIn.res) {
      const consent = await browser.follow(new URL(`${loggedIn.url.pathname}/confirm`, idp.issuer), { method: 'POST' }, (u) => u.origin === APP);
      callback = consent.url;
    }
    expect(callback.pathname).toBe('/api/auth/callback');
    callback.searchParams.set('state', 'forged-state');
    const res = await browser.request(callback);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('state stemmer ikke');
    expect(browser.cookie('trygg_session')).toBeUndefined();
  });

  it('refuses a wrong password at the identity provider', async () => {
    const { res, page } = await logIn(newBrowser(), emails['teacher']!, 'feil');
    expect(res!.status).toBe(401);
    expect(page).toContain('Feil brukernavn eller passord.');
  });

  it('logout ends the session on the server: the old cookie gets 401', async () => {
    const browser = newBrowser();
    await logIn(browser, emails['admin']!);
    const cookie = `trygg_session=${browser.cookie('trygg_session')}`;
    expect((await app.request('/api/me', { headers: { cookie } })).status).toBe(200);
    const out = await app.request('/api/auth/logout', { method: 'POST', headers: { cookie, origin: APP, 'sec-fetch-site': 'same-origin' } });
    expect(out.status).toBe(204);
    expect((await app.request('/api/me', { headers: { cookie } })).status).toBe(401);
  });

  it('an idle session expires (the API clock moves 31 minutes)', async () => {
    const browser = newBrowser();
    await logIn(browser, emails['teacher']!);
    expect((await me(browser)).status).toBe(200);
    const before = clock.now;
    clock.now = new Date(before.getTime() + 31 * 60_000);
    expect((await me(browser)).status).toBe(401);
    clock.now = before;
  });

  it('CSRF: a cross-origin POST with the session cookie is refused', async () => {
    const browser = newBrowser();
    await logIn(browser, emails['teacher']!);
    const cookie = `trygg_session=${browser.cookie('trygg_session')}`;
    const forged = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(forged.status).toBe(403);
    // Still logged in.
    expect((await app.request('/api/me', { headers: { cookie } })).status).toBe(200);
  });

  it('the 11th login attempt in a minute gets 429', async () => {
    const browser = newBrowser();
    for (let i = 0; i < 10; i += 1) expect((await browser.request(`${APP}/api/auth/login`)).status).toBe(302);
    const limited = await browser.request(`${APP}/api/auth/login`, { headers: { accept: 'application/json' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });
});
