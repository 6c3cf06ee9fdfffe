// The local identity provider's users, and what Feide's groups API says about them.
import { createHash } from 'node:crypto';

/** Feide's authentication levels: password only, and two factors (MFA). */
export const ACR_PASSWORD = 'urn:mace:feide.no:auth:level:fad08:2';
export const ACR_MFA = 'urn:mace:feide.no:auth:level:fad08:3';

/** Everyone's password on the local identity provider. */
export const DEMO_PASSWORD = 'demo';

/** A school owner (municipality) as Feide knows it: its realm and organisation number. */
export interface IdpOrganisation {
  /** Feide realm: the organisation's group id is `fc:org:<realm>`. */
  realm: string;
  name: string;
  /** 'NO' + organisation number (norEduOrgNIN). */
  orgNumber: string;
  /** Schools (org units) of the organisation. */
  schools: readonly { key: string; name: string; orgNumber: string }[];
}

export interface IdpAccount {
  /** Feide's `sub`: stable and opaque (a UUID). */
  sub: string;
  /** What is typed into the login form (the Feide name; here the email address). */
  username: string;
  password: string;
  name: string;
  email: string;
  /** eduPersonAffiliation at the home organisation: employee, staff, faculty, student, member … */
  affiliation: readonly string[];
  organisation: IdpOrganisation;
  /** Keys of the organisation's schools the person belongs to. */
  schools: readonly string[];
  /** false: logs in with password only (acr fad08:2), which trygg refuses. Default true. */
  mfa?: boolean;
  /** Shown on the login page (job title and school). */
  title?: string;
}

/** A UUID derived from a name, so a user's `sub` is the same on every start. */
export function stableSub(seed: string): string {
  const h = createHash('sha256').update(`trygg-idp:${seed}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** An employee account with the demo password and two-factor login. */
export function employeeAccount(p: {
  name: string;
  email: string;
  organisation: IdpOrganisation;
  schools?: readonly string[];
  title?: string;
  affiliation?: readonly string[];
  mfa?: boolean;
}): IdpAccount {
  return {
    sub: stableSub(p.email.toLowerCase()),
    username: p.email.toLowerCase(),
    password: DEMO_PASSWORD,
    name: p.name,
    email: p.email,
    affiliation: p.affiliation ?? ['member', 'employee'],
    organisation: p.organisation,
    schools: p.schools ?? [],
    ...(p.mfa === undefined ? {} : { mfa: p.mfa }),
    ...(p.title ? { title: p.title } : {}),
  };
}

/** A group as Feide's groups API returns it (GET /groups/me/groups). */
export interface FeideGroup {
  id: string;
  type: 'fc:org';
  displayName: string;
  public: boolean;
  parent?: string;
  orgType: string[];
  norEduOrgNIN?: string;
  eduOrgLegalName?: string;
  membership: { basic: 'member'; affiliation?: string[]; primaryAffiliation?: string; primarySchool?: boolean };
}

/**
 * The account's groups in Feide's shape: the home organisation (the municipality, with the
 * person's affiliation) and the schools they belong to (org units with `parent`).
 */
export function groupsOf(account: IdpAccount): FeideGroup[] {
  const org = account.organisation;
  const orgId = `fc:org:${org.realm}`;
  const primary = account.affiliation.find((a) => a !== 'member') ?? 'member';
  return [
    {
      id: orgId,
      type: 'fc:org',
      displayName: org.name,
      public: false,
      orgType: ['primary_and_lower_secondary_owner'],
      norEduOrgNIN: org.orgNumber,
      eduOrgLegalName: org.name,
      membership: { basic: 'member', affiliation: [...account.affiliation], primaryAffiliation: primary },
    },
    ...account.schools.flatMap((key, i) => {
      const school = org.schools.find((s) => s.key === key);
      if (!school) return [];
      return [
        {
          id: `${orgId}:unit:${school.orgNumber}`,
          type: 'fc:org' as const,
          displayName: school.name,
          public: false,
          parent: orgId,
          orgType: ['primary_and_lower_secondary'],
          membership: { basic: 'member' as const, primarySchool: i === 0 },
        },
      ];
    }),
  ];
}
