// Logging in and out. The one place that turns "someone proved who they are" into a session:
// today the development login (email only); single sign-on with Feide (OIDC) comes here later
// and ends in the same startSession call.
import { createRoute, z } from '@hono/zod-openapi';
import { and, isNull, sql } from 'drizzle-orm';
import { people } from '@trygg/db';
import { devLogin, personView } from '@trygg/contracts';
import { loadCaller, type Caller } from '../caller';
import { callerOf, errors, jsonBody, jsonContent, type Api, type RouteDeps } from '../context';
import { ApiError } from '../errors';
import { endSession, startSession } from '../session';

export function meView(caller: Caller): z.infer<typeof personView> {
  return {
    id: caller.personId,
    name: caller.name,
    email: caller.email,
    kind: caller.kind,
    roles: caller.roleRows.map((r) => ({ role: r.role, schoolId: r.schoolId, ownerId: r.ownerId })),
  };
}

export function registerAuthRoutes(app: Api, deps: RouteDeps): void {
  if (deps.devLogin) {
    app.openapi(
      createRoute({
        method: 'post',
        path: '/api/dev/login',
        tags: ['Innlogging'],
        summary: 'Utviklingsinnlogging med e-post (bare utenfor produksjon)',
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
        startSession(c, { secret: deps.sessionSecret, personId: caller.personId, now: deps.clock(), secure: deps.secureCookies });
        return c.json(meView(caller), 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/logout',
      tags: ['Innlogging'],
      summary: 'Logg ut',
      responses: { 204: { description: 'Utlogget' }, 401: errors[401] },
    }),
    (c) => {
      endSession(c, deps.secureCookies);
      return c.body(null, 204);
    },
  );

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
}
