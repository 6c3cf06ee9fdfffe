import { describe, expect, it } from 'vitest';
import type { Db } from '@trygg/db';
import { createApp } from './app';
import { cookieIsSecure } from './session';
import { parseApiEnv, DEV_SESSION_SECRET } from './env';

// No database: these requests never get past the middleware that would need one.
const db = new Proxy(
  {},
  {
    get: () => {
      throw new Error('no database in unit tests');
    },
  },
) as unknown as Db;
const now = new Date('2026-04-06T05:30:00Z');
const app = createApp({ db, clock: () => now, sessionSecret: 's'.repeat(32), appUrl: 'http://127.0.0.1:5173/' });

describe('api without a database', () => {
  it('answers the health check with the injected clock, a request id and security headers', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', time: '2026-04-06T05:30:00.000Z' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 401 in the error shape without a session', async () => {
    const res = await app.request('/api/cases');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error).toEqual({ code: 'UNAUTHENTICATED', message: 'Du må logge inn.', requestId: res.headers.get('x-request-id') });
  });

  it('ignores a session cookie that is not one of ours without asking the database', async () => {
    for (const cookie of ['trygg_session=forged', 'trygg_session=eyJwIjoiMCIsImUiOjF9.AAAA', `trygg_session=${'x'.repeat(44)}`]) {
      expect((await app.request('/api/me', { headers: { cookie } })).status).toBe(401);
    }
  });

  it('refuses non-JSON bodies with 415 and bodies over 1 MB with 413', async () => {
    const text = await app.request('/api/reports', { method: 'POST', body: 'hei', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(((await text.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await app.request('/api/reports', {
      method: 'POST',
      body: JSON.stringify({ description: 'x'.repeat(1024 * 1024 + 10) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves the OpenAPI document and an offline docs page', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/reports', '/api/cases/{id}', '/api/cases/{id}/start-investigation']),
    );
    const page = await app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/cases/{id}/conclude-investigation');
    expect(html).not.toMatch(/<script|https?:\/\/cdn/i);
  });

  it('gives anonymous callers no map of the API: unknown paths answer 401 too', async () => {
    expect((await app.request('/api/nothing-here')).status).toBe(401);
  });

  it('marks cookies Secure except on plain-http localhost', () => {
    expect(cookieIsSecure('http://127.0.0.1:5173/')).toBe(false);
    expect(cookieIsSecure('http://localhost:5173')).toBe(false);
    expect(cookieIsSecure('https://trygg.kommune.no')).toBe(true);
    expect(cookieIsSecure('http://trygg.kommune.no')).toBe(true);
  });
});

describe('env', () => {
  it('requires DATABASE_URL, defaults the rest, and warns-by-flag about the dev secret', () => {
    expect(() => parseApiEnv({})).toThrow(/DATABASE_URL/);
    const env = parseApiEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/trygg' });
    expect(env).toMatchObject({
      PORT: 3000,
      SESSION_SECRET: DEV_SESSION_SECRET,
      sessionSecretIsDefault: true,
      APP_URL: 'http://127.0.0.1:5173/',
    });
  });

  it('reads the OIDC settings: Feide defaults, the redirect under APP_URL, the served organisations', () => {
    const env = parseApiEnv({
      DATABASE_URL: 'postgres://x@127.0.0.1/t',
      OIDC_ISSUER: 'http://127.0.0.1:4000',
      OIDC_CLIENT_ID: 'trygg',
      OIDC_CLIENT_SECRET: 'secret',
      FEIDE_ORGS: 'NO999999001, fc:org:eik.kommune.no',
    });
    expect(env.oidc).toEqual({
      issuer: 'http://127.0.0.1:4000',
      clientId: 'trygg',
      clientSecret: 'secret',
      redirectUri: 'http://127.0.0.1:5173/api/auth/callback',
      scopes: 'openid profile email groups-org',
      requiredAcr: 'urn:mace:feide.no:auth:level:fad08:3',
      groupsApiUrl: 'https://groups-api.dataporten.no',
      servedOrganisations: ['NO999999001', 'fc:org:eik.kommune.no'],
      trustEmail: false,
    });
    expect(env).toMatchObject({ SESSION_IDLE_MINUTES: 30, SESSION_MAX_HOURS: 10 });
    expect(parseApiEnv({ DATABASE_URL: 'postgres://x@127.0.0.1/t' }).oidc).toBeNull();
    expect(() => parseApiEnv({ DATABASE_URL: 'postgres://x@127.0.0.1/t', OIDC_ISSUER: 'https://auth.dataporten.no' })).toThrow(
      /OIDC_CLIENT_ID[\s\S]*OIDC_CLIENT_SECRET[\s\S]*FEIDE_ORGS/,
    );
  });

  it('refuses production without a login provider, or with one over plain http', () => {
    const prod = { DATABASE_URL: 'postgres://x@127.0.0.1/t', NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) };
    expect(() => parseApiEnv(prod)).toThrow(/OIDC_ISSUER: required in production/);
    expect(() =>
      parseApiEnv({ ...prod, OIDC_ISSUER: 'http://idp.example', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', FEIDE_ORGS: 'NO1' }),
    ).toThrow(/OIDC_ISSUER: must be https in production/);
  });

  it('refuses production without a session secret', () => {
    expect(() => parseApiEnv({ DATABASE_URL: 'postgres://x@127.0.0.1/t', NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
  });
});
