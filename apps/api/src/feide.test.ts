import { describe, expect, it } from 'vitest';
import { checkMembership, safeNextPath, type FeideGroup } from './feide';
import { openPendingLogin, sealPendingLogin, type PendingLogin } from './oidc';

const owner = (affiliation: string[], id = 'fc:org:eikvik.kommune.no', nin = 'NO999999001'): FeideGroup => ({
  id,
  type: 'fc:org',
  displayName: 'Eikvik kommune',
  orgType: ['primary_and_lower_secondary_owner'],
  norEduOrgNIN: nin,
  membership: { basic: 'member', affiliation, primaryAffiliation: affiliation[0] ?? 'member' },
});
const school: FeideGroup = {
  id: 'fc:org:eikvik.kommune.no:unit:NO999999002',
  type: 'fc:org',
  parent: 'fc:org:eikvik.kommune.no',
  displayName: 'Bjørkly skole',
  orgType: ['primary_and_lower_secondary'],
  membership: { basic: 'member' },
};

describe('Feide membership', () => {
  it('lets in an employee or staff member of a served organisation, by organisation number or id', () => {
    expect(checkMembership([owner(['member', 'employee', 'faculty']), school], ['NO999999001'])).toEqual({
      ok: true,
      organisation: { id: 'fc:org:eikvik.kommune.no', name: 'Eikvik kommune', nin: 'NO999999001' },
    });
    expect(checkMembership([owner(['staff'])], ['fc:org:eikvik.kommune.no']).ok).toBe(true);
  });

  it('refuses students, even when they are employees too', () => {
    expect(checkMembership([owner(['student'])], ['NO999999001'])).toEqual({ ok: false, reason: 'STUDENT' });
    expect(checkMembership([owner(['employee', 'student'])], ['NO999999001'])).toEqual({ ok: false, reason: 'STUDENT' });
    expect(checkMembership([owner(['employee']), owner(['student'], 'fc:org:uni.no', 'NO1')], ['NO999999001'])).toEqual({
      ok: false,
      reason: 'STUDENT',
    });
  });

  it('refuses members and affiliates who are not employed, and people with no organisation', () => {
    expect(checkMembership([owner(['member', 'affiliate'])], ['NO999999001'])).toEqual({ ok: false, reason: 'NOT_EMPLOYEE' });
    expect(checkMembership([], ['NO999999001'])).toEqual({ ok: false, reason: 'NOT_EMPLOYEE' });
    // A school unit says nothing about employment: only the home organisation does.
    expect(checkMembership([{ ...school, membership: { affiliation: ['employee'] } }], ['NO999999001'])).toEqual({
      ok: false,
      reason: 'NOT_EMPLOYEE',
    });
  });

  it('refuses employees of an organisation trygg does not serve (moved to another municipality)', () => {
    expect(checkMembership([owner(['employee'], 'fc:org:ask.kommune.no', 'NO999999009')], ['NO999999001'])).toEqual({
      ok: false,
      reason: 'ORGANISATION_NOT_SERVED',
    });
    expect(checkMembership([owner(['employee'])], [])).toEqual({ ok: false, reason: 'ORGANISATION_NOT_SERVED' });
  });

  it('reads a single affiliation string as a list', () => {
    expect(checkMembership([{ ...owner([]), membership: { affiliation: ['employee'] } }], ['NO999999001']).ok).toBe(true);
  });
});

describe('after login', () => {
  it('goes only to a path of the web app', () => {
    expect(safeNextPath('/saker?status=reported')).toBe('/saker?status=reported');
    for (const bad of [undefined, '', 'https://evil.example/', '//evil.example/', '/\\evil.example', 'saker', '/a\nb', `/${'x'.repeat(600)}`]) {
      expect(safeNextPath(bad)).toBe('/');
    }
  });
});

describe('the pending login cookie', () => {
  const secret = 's'.repeat(32);
  const now = new Date('2026-04-13T07:00:00Z');
  const pending: PendingLogin = { state: 'st', nonce: 'no', codeVerifier: 'cv', next: '/saker', expiresAt: now.getTime() + 600_000 };

  it('opens what it sealed, until it expires', () => {
    const sealed = sealPendingLogin(secret, pending);
    expect(openPendingLogin(secret, sealed, now)).toEqual(pending);
    expect(openPendingLogin(secret, sealed, new Date(pending.expiresAt))).toBeNull();
  });

  it('refuses a forged, altered or foreign one', () => {
    const sealed = sealPendingLogin(secret, pending);
    const [payload, mac] = sealed.split('.') as [string, string];
    const altered = Buffer.from(JSON.stringify({ ...pending, next: 'https://evil.example' })).toString('base64url');
    expect(openPendingLogin(secret, `${altered}.${mac}`, now)).toBeNull();
    expect(openPendingLogin('t'.repeat(32), sealed, now)).toBeNull();
    expect(openPendingLogin(secret, `${payload}.`, now)).toBeNull();
    expect(openPendingLogin(secret, undefined, now)).toBeNull();
    expect(openPendingLogin(secret, 'garbage', now)).toBeNull();
  });
});
