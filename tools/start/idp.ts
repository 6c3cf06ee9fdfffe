// The local identity provider for `npm start`: a Feide-like login for every person of the demo
// world (tools/demo/world.ts), all employees of the demo school owner, password "demo", two
// factors — plus a pupil and a substitute without two factors, to show the refusals.
import { randomBytes } from 'node:crypto';
import { PEOPLE, LOGIN_NOTES, OWNER, SCHOOLS, DEMO_DOMAIN } from '../demo/world';
import { DEMO_PASSWORD, employeeAccount, startIdp, type Idp, type IdpAccount, type IdpOrganisation } from '../idp/src/index';

/**
 * Organisation numbers of the demo: 99999900x has no valid mod-11 check digit, so no real
 * organisation can have them.
 */
export const DEMO_ORGANISATION: IdpOrganisation = {
  realm: OWNER.domain,
  name: OWNER.name,
  orgNumber: 'NO999999001',
  schools: [
    { key: 'bjorkly', name: SCHOOLS.bjorkly.name, orgNumber: 'NO999999002' },
    { key: 'fjellstad', name: SCHOOLS.fjellstad.name, orgNumber: 'NO999999003' },
  ],
};

export const DEMO_PUPIL_LOGIN = `elev@${SCHOOLS.bjorkly.domain}`;
export const DEMO_NO_MFA_LOGIN = `vikar@${SCHOOLS.bjorkly.domain}`;

export function demoAccounts(): IdpAccount[] {
  return [
    ...PEOPLE.map((p) =>
      employeeAccount({
        name: p.name,
        email: p.email,
        organisation: DEMO_ORGANISATION,
        schools: p.school ? [p.school] : [],
        title: `${p.title}${p.school ? `, ${SCHOOLS[p.school].name}` : p.role === 'admin' ? '' : `, ${OWNER.name}`}`,
      }),
    ),
    employeeAccount({
      name: 'Emma Elev',
      email: DEMO_PUPIL_LOGIN,
      organisation: DEMO_ORGANISATION,
      schools: ['bjorkly'],
      affiliation: ['member', 'student'],
      title: `elev, ${SCHOOLS.bjorkly.name} (blir avvist: elever har ikke tilgang)`,
    }),
    employeeAccount({
      name: 'Viktor Vikar',
      email: DEMO_NO_MFA_LOGIN,
      organisation: DEMO_ORGANISATION,
      schools: ['bjorkly'],
      mfa: false,
      title: `vikar, ${SCHOOLS.bjorkly.name} (uten to faktorer: blir avvist)`,
    }),
  ];
}

export interface LocalIdp {
  idp: Idp;
  /** Environment for the api: where to log in, as which client, which organisation is served. */
  env: Record<string, string>;
  /** Console lines: who to log in as. */
  logins: string[];
}

export async function startLocalIdp(opts: { port: number; appUrl: string; log: (line: string) => void }): Promise<LocalIdp> {
  const client = { clientId: 'trygg-dev', clientSecret: randomBytes(24).toString('base64url'), name: 'trygg' };
  const redirectUri = new URL('api/auth/callback', opts.appUrl).href;
  const accounts = demoAccounts();
  const idp = await startIdp({
    accounts,
    clients: [{ ...client, redirectUris: [redirectUri] }],
    port: opts.port,
    showAccounts: true,
    log: opts.log,
  });
  const interesting = PEOPLE.filter((p) => LOGIN_NOTES[p.key] !== undefined);
  const width = Math.max(...[...interesting.map((p) => p.email), DEMO_PUPIL_LOGIN].map((e) => e.length));
  const line = (email: string, what: string) => `Logg inn som ${email.padEnd(width)}  passord: ${DEMO_PASSWORD}   ${what}`;
  const logins = [
    ...interesting.map((p) => line(p.email, `${p.title}${p.school ? `, ${SCHOOLS[p.school].name}` : ''} — ${LOGIN_NOTES[p.key]}`)),
    line(DEMO_PUPIL_LOGIN, 'elev — avvises (elever har ikke tilgang)'),
    line(DEMO_NO_MFA_LOGIN, 'vikar uten to faktorer — avvises (trygg krever MFA)'),
    `Alle ${accounts.length} demobrukere (også de som ikke står her) har passordet «${DEMO_PASSWORD}»; adressene slutter på ${DEMO_DOMAIN}.`,
  ];
  return {
    idp,
    env: {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: client.clientId,
      OIDC_CLIENT_SECRET: client.clientSecret,
      OIDC_REDIRECT_URI: redirectUri,
      FEIDE_GROUPS_API: idp.issuer,
      FEIDE_ORGS: DEMO_ORGANISATION.orgNumber,
    },
    logins,
  };
}
