// What Feide says about a person, and whether that lets them into trygg. Pure: no I/O.
//
// Feide's groups API (GET /groups/me/groups) lists the person's groups. The home organisation is
// a group of type `fc:org` without `parent` (a municipality: orgType
// primary_and_lower_secondary_owner, norEduOrgNIN 'NO' + organisation number), whose
// `membership.affiliation` says what the person is there (employee, staff, faculty, student,
// member, affiliate). Schools are `fc:org` groups with `parent` = the home organisation.
//
// Feide does not say who is principal: trygg's roles are its own. Feide only answers "is this
// person still employed by an organisation trygg serves?", and that is asked at every login.
import { z } from 'zod';

/** Feide's authentication level with two factors (MFA). */
export const FEIDE_MFA_ACR = 'urn:mace:feide.no:auth:level:fad08:3';

const affiliation = z.union([z.array(z.string()), z.string()]).transform((v) => (Array.isArray(v) ? v : [v]));

/** One group as the groups API returns it; unknown fields are kept out, unknown types allowed. */
export const feideGroup = z.object({
  id: z.string(),
  type: z.string(),
  displayName: z.string().optional(),
  parent: z.string().optional(),
  orgType: z.array(z.string()).optional(),
  norEduOrgNIN: z.string().optional(),
  membership: z
    .object({
      basic: z.string().optional(),
      affiliation: affiliation.optional(),
      primaryAffiliation: z.string().optional(),
    })
    .optional(),
});
export const feideGroups = z.array(feideGroup);
export type FeideGroup = z.infer<typeof feideGroup>;

export type MembershipRefusal = 'STUDENT' | 'NOT_EMPLOYEE' | 'ORGANISATION_NOT_SERVED';

export type Membership =
  | { ok: true; organisation: { id: string; name: string | null; nin: string | null } }
  | { ok: false; reason: MembershipRefusal };

/**
 * Is the person an employee (or staff) of an organisation trygg serves, and not a student?
 * `servedOrganisations` holds Feide organisation ids (`fc:org:eikvik.kommune.no`) or
 * organisation numbers (`NO964965226`).
 */
export function checkMembership(groups: readonly FeideGroup[], servedOrganisations: readonly string[]): Membership {
  const served = new Set(servedOrganisations.map((s) => s.trim()).filter(Boolean));
  const homeOrgs = groups.filter((g) => g.type === 'fc:org' && g.parent === undefined);
  const affiliations = (g: FeideGroup) => g.membership?.affiliation ?? [];
  // A pupil must never be let in, whatever else they are (a pupil who also works in the SFO
  // holds both affiliations).
  if (homeOrgs.some((g) => affiliations(g).includes('student'))) return { ok: false, reason: 'STUDENT' };
  const employedAt = homeOrgs.filter((g) => affiliations(g).some((a) => a === 'employee' || a === 'staff'));
  if (employedAt.length === 0) return { ok: false, reason: 'NOT_EMPLOYEE' };
  const match = employedAt.find((g) => served.has(g.id) || (g.norEduOrgNIN !== undefined && served.has(g.norEduOrgNIN)));
  if (!match) return { ok: false, reason: 'ORGANISATION_NOT_SERVED' };
  return { ok: true, organisation: { id: match.id, name: match.displayName ?? null, nin: match.norEduOrgNIN ?? null } };
}

/** The subject as trygg stores it (people.external_subject): the issuer folded in. */
export const externalSubject = (issuer: string, sub: string) => `${issuer}|${sub}`;

/** `next` after login: a path of the web app, never another site. */
export function safeNextPath(next: string | undefined): string {
  if (!next || next.length > 512) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(next)) return '/';
  return next;
}
