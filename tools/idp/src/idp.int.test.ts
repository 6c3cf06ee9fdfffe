// The local identity provider on its own: discovery, PKCE required, its pages, the groups API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACR_MFA, ACR_PASSWORD, employeeAccount, groupsOf, stableSub, type IdpOrganisation } from './accounts';
import { startIdp, type Idp } from './idp';

const ORG: IdpOrganisation = {
  realm: 'eik.kommune.test',
  name: 'Eik kommune',
  orgNumber: 'NO999999001',
  schools: [
    { key: 'bjork', name: 'Bjørk skole', orgNumber: 'NO999999002' },
    { key: 'lind', name: 'Lind skole', orgNumber: 'NO999999003' },
  ],
};
const teacher = employeeAccount({ name: 'Tone Lærer', email: 'Tone@eik.test', organisation: ORG, schools: ['lind', 'bjork'], title: 'lærer' });
const redirectUri = 'http://127.0.0.1:5173/api/auth/callback';

let idp: Idp;
beforeAll(async () => {
  idp = await startIdp({ accounts: [teacher], clients: [{ clientId: 'trygg', clientSecret: 's', redirectUris: [redirectUri] }], port: 0, showAccounts: true });
});
afterAll(() => idp?.close());

const authorize = (params: Record<string, string>) =>
  fetch(`${idp.issuer}/auth?${new URLSearchParams({ client_id: 'trygg', redirect_uri: redirectUri, response_type: 'code', scope: 'openid', ...params })}`, {
    redirect: 'manual',
  });

describe('the local identity provider', () => {
  it('publishes its metadata: code flow, S256, the Feide levels, the groups scope', async () => {
    const meta = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(meta).toMatchObject({
      issuer: idp.issuer,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      acr_values_supported: [ACR_PASSWORD, ACR_MFA],
    });
    expect(meta['scopes_supported']).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'groups-org']));
  });

  it('requires PKCE', async () => {
    const res = await authorize({ state: 's' });
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('shows a self-contained login page in Bokmål, listing the demo users', async () => {
    const res = await authorize({ state: 's', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' });
    expect(res.status).toBe(303);
    const cookies = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const page = await fetch(new URL(res.headers.get('location')!, idp.issuer), { headers: { cookie: cookies } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain('Brukernavn (e-postadresse)');
    expect(html).toContain('<code>tone@eik.test</code>');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
  });

  it('answers the groups API only with a valid access token', async () => {
    expect((await fetch(`${idp.issuer}/groups/me/groups`)).status).toBe(401);
    expect((await fetch(`${idp.issuer}/groups/me/groups`, { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
  });

  it("gives Feide's group shape: the municipality with the affiliation, the schools under it", () => {
    expect(teacher.sub).toBe(stableSub('tone@eik.test'));
    expect(groupsOf(teacher)).toEqual([
      {
        id: 'fc:org:eik.kommune.test',
        type: 'fc:org',
        displayName: 'Eik kommune',
        public: false,
        orgType: ['primary_and_lower_secondary_owner'],
        norEduOrgNIN: 'NO999999001',
        eduOrgLegalName: 'Eik kommune',
        membership: { basic: 'member', affiliation: ['member', 'employee'], primaryAffiliation: 'employee' },
      },
      {
        id: 'fc:org:eik.kommune.test:unit:NO999999003',
        type: 'fc:org',
        displayName: 'Lind skole',
        public: false,
        parent: 'fc:org:eik.kommune.test',
        orgType: ['primary_and_lower_secondary'],
        membership: { basic: 'member', primarySchool: true },
      },
      expect.objectContaining({ id: 'fc:org:eik.kommune.test:unit:NO999999002', membership: { basic: 'member', primarySchool: false } }),
    ]);
  });
});
