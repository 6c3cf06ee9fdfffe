import { describe, expect, it } from 'vitest';
import { PEOPLE } from '../demo/world';
import { DEMO_NO_MFA_LOGIN, DEMO_ORGANISATION, DEMO_PUPIL_LOGIN, demoAccounts, startLocalIdp } from './idp';

describe('the local identity provider of npm start', () => {
  it('has a login for every demo person, employed by the demo owner, plus a pupil and one without two factors', () => {
    const accounts = demoAccounts();
    for (const person of PEOPLE) {
      expect(accounts.find((a) => a.email === person.email)).toMatchObject({
        name: person.name,
        username: person.email,
        password: 'demo',
        affiliation: ['member', 'employee'],
        organisation: DEMO_ORGANISATION,
        schools: person.school ? [person.school] : [],
      });
    }
    expect(accounts.find((a) => a.email === DEMO_PUPIL_LOGIN)?.affiliation).toContain('student');
    expect(accounts.find((a) => a.email === DEMO_NO_MFA_LOGIN)?.mfa).toBe(false);
    expect(new Set(accounts.map((a) => a.sub)).size).toBe(accounts.length);
    // Fictitious organisation numbers: no mod-11 check digit exists for 99999900x.
    for (const nin of [DEMO_ORGANISATION.orgNumber, ...DEMO_ORGANISATION.schools.map((s) => s.orgNumber)]) {
      const digits = nin.slice(2, 10).split('').map(Number);
      const sum = digits.reduce((acc, d, i) => acc + d * [3, 2, 7, 6, 5, 4, 3, 2][i]!, 0);
      expect(11 - (sum % 11)).toBe(10);
    }
  });

  it('starts, tells the api where to log in, and prints the logins', async () => {
    const local = await startLocalIdp({ port: 0, appUrl: 'http://127.0.0.1:5173/', log: () => {} });
    try {
      expect(local.env).toMatchObject({
        OIDC_ISSUER: local.idp.issuer,
        OIDC_CLIENT_ID: 'trygg-dev',
        OIDC_REDIRECT_URI: 'http://127.0.0.1:5173/api/auth/callback',
        FEIDE_GROUPS_API: local.idp.issuer,
        FEIDE_ORGS: 'NO999999001',
      });
      expect(local.env['OIDC_CLIENT_SECRET']!.length).toBeGreaterThanOrEqual(32);
      expect(local.logins[0]).toMatch(/^Logg inn som kommunalsjef@eikvik\.demo\.trygg\.test +passord: demo /);
      expect(local.logins.some((l) => l.startsWith(`Logg inn som ${DEMO_PUPIL_LOGIN}`) && l.includes('avvises'))).toBe(true);
      const meta = (await (await fetch(`${local.idp.issuer}/.well-known/openid-configuration`)).json()) as { issuer: string };
      expect(meta.issuer).toBe(local.idp.issuer);
    } finally {
      await local.idp.close();
    }
  });
});
