// Logging in and out: the one place that turns "someone proved who they are" into a session.
// Feide (OpenID Connect, oidc.ts) in the product; in tests also an email-only login that
// main.ts never switches on.
//
//   GET  /api/auth/login?next=/saker   → 302 to the identity provider (PKCE, state, nonce, MFA asked)
//   GET  /api/auth/callback            → checks, maps the Feide user to a trygg person, session, 303 to next
//   POST /api/auth/logout (/api/logout)→ deletes the session row, clears the cookie
//   GET  /api/auth/methods             → which login methods this server offers (the login page)
//   GET  /api/me                       → the person and their roles
import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getCookie, deleteCookie, setCookie } from 'hono/cookie';
import { people } from '@trygg/db';
import { devLogin, personView } from '@trygg/contracts';
import { loadCaller, type Caller } from '../caller';
import { callerOf, errors, jsonBody, jsonContent, type Api, type Ctx, type RouteDeps } from '../context';
import { ApiError } from '../errors';
import { checkMembership, externalSubject, safeNextPath, type MembershipRefusal } from '../feide';
import { OidcLoginError, PENDING_LOGIN_TTL_MS, openPendingLogin, sealPendingLogin, type OidcIdentity } from '../oidc';

export function meView(caller: Caller): z.infer<typeof personView> {
  return {
    id: caller.personId,
    name: caller.name,
    email: caller.email,
    kind: caller.kind,
    roles: caller.roleRows.map((r) => ({ role: r.role, schoolId: r.schoolId, ownerId: r.ownerId })),
  };
}

export const authMethods = z.object({ feide: z.boolean(), testLogin: z.boolean() }).openapi('AuthMethods');

type Refusal = MembershipRefusal | 'MFA_REQUIRED' | 'NO_PERSON' | 'EMAIL_NOT_VERIFIED' | 'SUBJECT_CONFLICT';

/** Why a login was refused, in Bokmål for the person (the reason code goes to programs). */
const REFUSALS: Record<Refusal, string> = {
  MFA_REQUIRED:
    'trygg krever innlogging med to faktorer (for eksempel engangskode eller app). Logg inn på nytt og velg innlogging med to faktorer hos Feide.',
  STUDENT: 'Elever kan ikke logge inn i trygg. trygg er for de som arbeider i skolen.',
  NOT_EMPLOYEE: 'Feide-brukeren din er ikke registrert som ansatt. trygg er bare for ansatte.',
  ORGANISATION_NOT_SERVED: 'Organisasjonen din i Feide bruker ikke trygg, eller du er ikke lenger ansatt der.',
  NO_PERSON: 'Du har ingen bruker i trygg. Be skoleeieren eller administratoren om tilgang.',
  EMAIL_NOT_VERIFIED: 'E-postadressen fra Feide er ikke bekreftet, så vi kan ikke knytte deg til en bruker i trygg. Kontakt administratoren.',
  SUBJECT_CONFLICT: 'Brukeren i trygg med denne e-postadressen er allerede knyttet til en annen Feide-bruker. Kontakt administratoren.',
};

const PENDING_COOKIE = 'trygg_login';

export function registerAuthRoutes(app: Api, deps: RouteDeps): void {
  const { sessions, oidc } = deps;
  const pendingCookieName = deps.secureCookies ? `__Host-${PENDING_COOKIE}` : PENDING_COOKIE;
  const pendingCookieOptions = { httpOnly: true, sameSite: 'Lax', secure: deps.secureCookies, path: '/' } as const;
  const loginPage = new URL('logg-inn', deps.appUrl).href;

  /** A refused or failed login: a plain page for the browser, the usual error body for a program. */
  const loginProblem = (c: Ctx, error: ApiError) => {
    const wantsHtml = (c.req.header('accept') ?? '').includes('text/html');
    if (!wantsHtml) throw error;
    return c.html(loginErrorPage(error.message, loginPage), error.status);
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/methods',
      tags: ['Innlogging'],
      summary: 'Hvilke innloggingsmåter serveren tilbyr',
      responses: { 200: jsonContent(authMethods, 'Innloggingsmåter') },
    }),
    (c) => c.json({ feide: oidc !== null, testLogin: deps.devLogin === true }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/login',
      tags: ['Innlogging'],
      summary: 'Logg inn med Feide: sender nettleseren til identitetsleverandøren',
      description:
        'Autorisasjonskode med PKCE, state og nonce; ber om to faktorer (acr_values=urn:mace:feide.no:auth:level:fad08:3). ' +
        'Høyst 10 forsøk i minuttet per IP-adresse (429).',
      request: { query: z.object({ next: z.string().max(512).optional() }) },
      responses: {
        302: { description: 'Videre til Feide' },
        404: errors[404],
        429: jsonContent(errorBodySchema(), 'For mange forsøk (RATE_LIMITED)'),
      },
    }),
    async (c) => {
      if (!oidc) return loginProblem(c, new ApiError('NOT_FOUND', 'Innlogging med Feide er ikke satt opp på denne serveren.'));
      const { next } = c.req.valid('query');
      let begun: Awaited<ReturnType<typeof oidc.begin>>;
      try {
        begun = await oidc.begin(safeNextPath(next), deps.clock());
      } catch (error) {
        deps.log.error('login: the identity provider is unavailable', { detail: error instanceof OidcLoginError ? error.detail : String(error) });
        return loginProblem(c, new ApiError('INTERNAL', 'Fikk ikke kontakt med Feide. Prøv igjen om litt.', undefined, 'PROVIDER_UNAVAILABLE'));
      }
      setCookie(c, pendingCookieName, sealPendingLogin(deps.sessionSecret, begun.pending), {
        ...pendingCookieOptions,
        maxAge: Math.floor(PENDING_LOGIN_TTL_MS / 1000),
      });
      return c.redirect(begun.url.href, 302);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/callback',
      tags: ['Innlogging'],
      summary: 'Feide sender nettleseren tilbake hit',
      description:
        'Sjekker state, PKCE og nonce, at ID-tokenet har acr fad08:3 (to faktorer), at brukeren er ansatt (ikke elev) i en ' +
        'organisasjon trygg betjener (Feides gruppe-API), og knytter Feide-brukeren til en person i trygg (første gang via ' +
        'bekreftet e-post, siden via sub). En avvist innlogging avslutter alle personens økter.',
      request: {
        query: z.object({
          code: z.string().optional(),
          state: z.string().optional(),
          iss: z.string().optional(),
          error: z.string().optional(),
          error_description: z.string().optional(),
        }),
      },
      responses: {
        303: { description: 'Innlogget; videre til siden brukeren ville til' },
        400: errors[400],
        403: errors[403],
        429: jsonContent(errorBodySchema(), 'For mange forsøk (RATE_LIMITED)'),
      },
    }),
    async (c) => {
      if (!oidc) return loginProblem(c, new ApiError('NOT_FOUND', 'Innlogging med Feide er ikke satt opp på denne serveren.'));
      const now = deps.clock();
      // One attempt per pending login: the cookie goes whatever happens next.
      const pending = openPendingLogin(deps.sessionSecret, getCookie(c, pendingCookieName), now);
      deleteCookie(c, pendingCookieName, pendingCookieOptions);
      if (!pending) {
        return loginProblem(
          c,
          new ApiError('VALIDATION_FAILED', 'Innloggingen tok for lang tid, eller ble startet i en annen fane. Prøv igjen.', undefined, 'LOGIN_EXPIRED'),
        );
      }
      let identity: OidcIdentity;
      try {
        identity = await oidc.complete(new URL(c.req.url).searchParams, pending);
      } catch (error) {
        if (!(error instanceof OidcLoginError)) throw error;
        switch (error.kind) {
          case 'MFA_REQUIRED':
            return loginProblem(c, new ApiError('FORBIDDEN', REFUSALS.MFA_REQUIRED, undefined, 'MFA_REQUIRED'));
          case 'STATE_MISMATCH':
            return loginProblem(c, new ApiError('VALIDATION_FAILED', `${error.message} Prøv å logge inn igjen.`, undefined, 'LOGIN_STATE_MISMATCH'));
          case 'PROVIDER_ERROR':
            return loginProblem(c, new ApiError('FORBIDDEN', `${error.message} Prøv igjen.`, undefined, 'LOGIN_CANCELLED'));
          default:
            deps.log.error('login: the identity provider answered something we could not use', { kind: error.kind, detail: error.detail });
            return loginProblem(c, new ApiError('INTERNAL', `${error.message} Prøv igjen om litt.`, undefined, error.kind));
        }
      }

      const refuse = (reason: Refusal) => loginProblem(c, new ApiError('FORBIDDEN', REFUSALS[reason], undefined, reason));
      const found = await findPerson(deps, identity);
      const membership = checkMembership(identity.groups, oidc.config.servedOrganisations);
      if (!membership.ok) {
        // Access ends at once: a person who left the organisation, or is no longer employed,
        // is logged out everywhere, not only refused this time.
        if (found.linkedPersonId) await sessions.endAllFor(found.linkedPersonId);
        return refuse(membership.reason);
      }
      if (found.refusal) return refuse(found.refusal);
      if (found.link) {
        await deps.db
          .update(people)
          .set({ externalSubject: externalSubject(identity.issuer, identity.sub), updatedAt: now })
          .where(and(eq(people.id, found.personId), isNull(people.externalSubject)));
      }
      await sessions.start(c, { personId: found.personId, method: 'oidc', acr: identity.acr });
      return c.redirect(new URL(pending.next, deps.appUrl).href, 303);
    },
  );

  // /api/logout: the web app's older path for the same thing.
  for (const path of ['/api/auth/logout', '/api/logout'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path,
        tags: ['Innlogging'],
        summary: 'Logg ut: økten slettes på serveren',
        responses: { 204: { description: 'Utlogget' } },
      }),
      async (c) => {
        await sessions.end(c);
        return c.body(null, 204);
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      tags: ['Innlogging'],
      summary: 'Hvem er innlogget, og med hvilke roller',
      responses: { 200: jsonContent(personView, 'Innlogget person'), 401: errors[401] },
    }),
    (c) => c.json(meView(callerOf(c)), 200),
  );

  if (deps.devLogin) {
    // Tests only (createApp({ devLogin: true })); main.ts never switches it on.
    app.openapi(
      createRoute({
        method: 'post',
        path: '/api/dev/login',
        tags: ['Innlogging'],
        summary: 'Testinnlogging med e-post alene (bare i automatiske tester)',
        request: jsonBody(devLogin),
        responses: { 200: jsonContent(personView, 'Innlogget; setter øktkapselen'), 400: errors[400], 404: errors[404] },
      }),
      async (c) => {
        const { email } = c.req.valid('json');
        const [person] = await deps.db
          .select({ id: people.id })
          .from(people)
          .where(and(sql`lower(${people.email}) = lower(${email})`, isNull(people.deactivatedAt)));
        const caller = person ? await loadCaller(deps.db, person.id) : null;
        if (!caller) throw new ApiError('NOT_FOUND', 'Fant ingen aktiv bruker med denne e-postadressen.');
        await sessions.start(c, { personId: caller.personId, method: 'test' });
        return c.json(meView(caller), 200);
      },
    );
  }
}

type FoundPerson =
  | { refusal: null; personId: string; link: boolean; linkedPersonId: string | null }
  | { refusal: Refusal; linkedPersonId: string | null };

/**
 * The trygg person behind a Feide identity: by subject once linked; the first time by the
 * verified email address of a person not yet linked (then `link`). `linkedPersonId`: the
 * person this very Feide identity is already linked to (whose sessions a refusal ends).
 */
async function findPerson(deps: RouteDeps, identity: OidcIdentity): Promise<FoundPerson> {
  const subject = externalSubject(identity.issuer, identity.sub);
  const [bySubject] = await deps.db
    .select({ id: people.id, deactivatedAt: people.deactivatedAt })
    .from(people)
    .where(eq(people.externalSubject, subject));
  if (bySubject) {
    return bySubject.deactivatedAt
      ? { refusal: 'NO_PERSON', linkedPersonId: bySubject.id }
      : { refusal: null, personId: bySubject.id, link: false, linkedPersonId: bySubject.id };
  }
  if (!identity.email) return { refusal: 'NO_PERSON', linkedPersonId: null };
  const [byEmail] = await deps.db
    .select({ id: people.id, externalSubject: people.externalSubject, deactivatedAt: people.deactivatedAt })
    .from(people)
    .where(sql`lower(${people.email}) = lower(${identity.email})`);
  if (!byEmail || byEmail.deactivatedAt) return { refusal: 'NO_PERSON', linkedPersonId: null };
  // Linked to someone else: an address can be handed on to a new employee; the old link wins
  // until an administrator says otherwise.
  if (byEmail.externalSubject !== null) return { refusal: 'SUBJECT_CONFLICT', linkedPersonId: null };
  if (!identity.emailVerified && deps.oidc?.config.trustEmail !== true) return { refusal: 'EMAIL_NOT_VERIFIED', linkedPersonId: null };
  return { refusal: null, personId: byEmail.id, link: true, linkedPersonId: null };
}

function errorBodySchema() {
  return z.object({ error: z.object({ code: z.string(), message: z.string(), requestId: z.string() }) });
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** A self-contained page (no scripts, no external assets: the API's CSP allows inline styles only). */
function loginErrorPage(message: string, loginUrl: string): string {
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Innloggingen ble avvist – trygg</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; color: #1d2428; line-height: 1.5; }
  h1 { font-size: 1.5rem; }
  p.message { background: #fdf1ef; border-left: 4px solid #b3261e; padding: .75rem 1rem; }
  a { color: #0b5cad; }
</style>
</head>
<body>
<main>
<h1>Innloggingen ble avvist</h1>
<p class="message" role="alert">${escapeHtml(message)}</p>
<p><a href="${escapeHtml(loginUrl)}">Tilbake til innloggingssiden</a></p>
</main>
</body>
</html>`;
}
