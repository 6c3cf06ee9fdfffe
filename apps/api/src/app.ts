// Builds the HTTP app from its dependencies; no I/O happens at import or construction.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { mountQueueDashboard } from '@trygg/jobs';
import { problemsFromIssues, summariseProblems } from '@trygg/contracts';
import { InvalidDateError, NonexistentLocalTimeError } from '@trygg/domain';
import { loadCaller, requireAdmin, unauthenticated } from './caller';
import { callerOf } from './context';
import type { AppDeps, AppEnv, Ctx, RouteDeps } from './context';
import { auditTrail } from './audit';
import { renderDocsPage } from './docs-page';
import { describeError } from './log-safe';
import { refuseNulCharacters } from './body-guard';
import { ApiError, errorBody } from './errors';
import { crossOriginProtection } from './csrf';
import { createOidcClient, type OidcClient } from './oidc';
import { rateLimit } from './rate-limit';
import { cookieIsSecure, createSessionStore } from './session';
import { registerAcknowledgementRoutes } from './routes/acknowledgements';
import { registerAuthRoutes } from './routes/auth';
import { registerCaseRoutes } from './routes/cases';
import { registerCaseFileRoutes } from './routes/casefile';
import { registerConversationRoutes } from './routes/conversations';
import { CSV_IMPORT_PATH, registerPupilImportRoutes } from './routes/pupil-import';
import { registerEvaluationRoutes } from './routes/evaluations';
import { registerExternalBodyRoutes } from './routes/external-bodies';
import { registerFailedNotificationRoutes } from './routes/failed-notifications';
import { registerInvestigationRoutes } from './routes/investigation';
import { registerPlanRoutes } from './routes/plans';
import { registerMailboxRoutes } from './routes/mailbox';
import { registerMyMeasureRoutes } from './routes/my-measures';
import { registerOrganisationRoutes } from './routes/organisation';
import { registerReportRoutes } from './routes/reports';

export type { AppDeps } from './context';
export { sessionCookie } from './session';

/** Login attempts per IP on /api/auth/login (and, counted apart, on /api/auth/callback). */
export const LOGIN_RATE_LIMIT = { max: 10, windowMs: 60 * 1000 };

export const MAX_BODY_BYTES = 1024 * 1024;
export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

const OPENAPI_INFO = {
  openapi: '3.0.3',
  info: {
    title: 'trygg',
    version: '0.1.0',
    description:
      'Aktivitetsplikten (opplæringsloven kapittel 12) med frister som ikke glipper. Feil svarer alltid ' +
      '{ error: { code, message, requestId, reason?, problems? } } med en forklaring på bokmål.',
  },
};

function sendError(c: Ctx, error: ApiError): Response {
  return c.json(errorBody(error, c.get('requestId') ?? ''), error.status);
}

export function createApp(deps: AppDeps) {
  const secureCookies = cookieIsSecure(deps.appUrl);
  const { oidc: oidcDep, ...rest } = deps;
  const oidc: OidcClient | null = !oidcDep ? null : 'begin' in oidcDep ? oidcDep : createOidcClient(oidcDep);
  const routeDeps: RouteDeps = {
    ...rest,
    log: deps.log ?? { error: (message, meta) => console.error(message, meta ?? {}) },
    secureCookies,
    sessions: createSessionStore({ db: deps.db, clock: deps.clock, secure: secureCookies, ...(deps.sessionTimeouts ? { timeouts: deps.sessionTimeouts } : {}) }),
    oidc,
  };
  const publicPaths = new Set([
    '/api/health',
    '/api/openapi.json',
    '/api/docs',
    '/api/logout',
    '/api/auth/logout',
    '/api/auth/login',
    '/api/auth/callback',
    '/api/auth/methods',
    ...(deps.devLogin ? ['/api/dev/login'] : []),
  ]);
  const devMailboxOpen = deps.devMode === true || deps.devLogin === true;
  const isPublic = (path: string) =>
    publicPaths.has(path) || path.startsWith('/api/acknowledgements/') || (devMailboxOpen && path.startsWith('/api/dev/mailbox'));

  const app = new OpenAPIHono<AppEnv>({
    // Every validation failure: 400 with the fields named, in Bokmål.
    defaultHook: (result) => {
      if (!result.success) {
        const problems = problemsFromIssues(result.error.issues);
        throw new ApiError('VALIDATION_FAILED', summariseProblems(problems), problems);
      }
    },
  });

  app.use('*', requestId());
  const strictHeaders = secureHeaders({
    // The API serves JSON and one self-contained docs page (inline styles, no scripts).
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'unsafe-inline'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
  });
  // The queue dashboard (bull-board) is a small single-page app of its own: it may run its own
  // scripts and styles from this origin, nothing else.
  const dashboardHeaders = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'none'"],
    },
  });
  app.use('*', (c, next) => (c.req.path.startsWith(QUEUE_DASHBOARD_PATH) ? dashboardHeaders(c, next) : strictHeaders(c, next)));
  app.use('/api/*', async (c, next) => {
    await next();
    // Case data must not linger in browser or proxy caches.
    c.header('Cache-Control', 'no-store');
  });
  // Cookie sessions: no state-changing request from another site (csrf.ts).
  app.use('/api/*', crossOriginProtection({ trustedOrigins: [deps.appUrl] }));
  // Guessing logins (or flooding the identity provider through us): in-memory, per instance.
  const limit = deps.loginRateLimit ?? LOGIN_RATE_LIMIT;
  const clientIp = deps.clientIp ?? (() => undefined);
  app.use('/api/auth/login', rateLimit({ ...limit, clock: deps.clock, clientIp }));
  app.use('/api/auth/callback', rateLimit({ ...limit, clock: deps.clock, clientIp }));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => sendError(c as Ctx, new ApiError('PAYLOAD_TOO_LARGE', 'Forespørselen er for stor (høyst 1 MB).')),
    }),
  );
  // The API takes JSON only. Refusing other bodies also keeps cross-site HTML forms out
  // (they cannot send application/json), together with the SameSite=Lax session cookie.
  // The one exception: the pupil import takes the CSV file itself (the route checks its type).
  app.use('/api/*', async (c, next) => {
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(c.req.method) && !CSV_IMPORT_PATH.test(c.req.path)) {
      const type = c.req.header('content-type');
      const length = Number(c.req.header('content-length') ?? '0');
      const hasBody = length > 0 || c.req.header('transfer-encoding') !== undefined;
      const mediaType = type?.split(';')[0]?.trim() ?? '';
      if ((type !== undefined && !JSON_TYPE.test(mediaType)) || (type === undefined && hasBody)) {
        throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Forespørselen må sendes som JSON (Content-Type: application/json).');
      }
    }
    await next();
  });
  // No NUL characters in any body: they cannot be stored (body-guard.ts).
  app.use('/api/*', refuseNulCharacters());
  // Who is calling. Everything but the public paths needs a session.
  app.use('/api/*', async (c, next) => {
    const session = await routeDeps.sessions.read(c);
    const caller = session ? await loadCaller(deps.db, session.personId) : null;
    c.set('caller', caller ?? undefined);
    if (!caller && !isPublic(c.req.path)) throw unauthenticated();
    await next();
  });
  // Every request to a case, report, acknowledgement or pupil address leaves an audit entry
  // (the routes write precise ones; this catches what a route forgets).
  app.use('/api/*', auditTrail({ db: deps.db, clock: deps.clock, log: routeDeps.log }));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health',
      tags: ['Drift'],
      summary: 'Lever API-et?',
      responses: {
        200: { content: { 'application/json': { schema: z.object({ status: z.literal('ok'), time: z.string() }) } }, description: 'OK' },
      },
    }),
    (c) => c.json({ status: 'ok' as const, time: deps.clock().toISOString() }, 200),
  );

  registerAuthRoutes(app, routeDeps);
  registerOrganisationRoutes(app, routeDeps);
  registerReportRoutes(app, routeDeps);
  registerCaseRoutes(app, routeDeps);
  registerCaseFileRoutes(app, routeDeps);
  registerInvestigationRoutes(app, routeDeps);
  registerPlanRoutes(app, routeDeps);
  registerEvaluationRoutes(app, routeDeps);
  registerExternalBodyRoutes(app, routeDeps);
  registerMyMeasureRoutes(app, routeDeps);
  registerConversationRoutes(app, routeDeps);
  registerPupilImportRoutes(app, routeDeps);
  registerAcknowledgementRoutes(app, routeDeps);
  registerFailedNotificationRoutes(app, routeDeps);
  if (deps.queues) {
    // Admins only: job data is ids only, but retrying or removing jobs is an operator's call.
    app.use(`${QUEUE_DASHBOARD_PATH}/*`, async (c, next) => {
      requireAdmin(callerOf(c));
      await next();
    });
    app.use(QUEUE_DASHBOARD_PATH, async (c, next) => {
      requireAdmin(callerOf(c));
      await next();
    });
    mountQueueDashboard(app, deps.queues, QUEUE_DASHBOARD_PATH);
  }
  registerMailboxRoutes(app, routeDeps);

  app.doc('/api/openapi.json', OPENAPI_INFO);
  app.get('/api/docs', (c) =>
    c.html(renderDocsPage(app.getOpenAPIDocument(OPENAPI_INFO) as unknown as Parameters<typeof renderDocsPage>[0])),
  );

  app.notFound((c) => sendError(c as Ctx, new ApiError('NOT_FOUND', 'Fant ikke adressen.')));
  app.onError((error, c) => {
    const ctx = c as Ctx;
    if (error instanceof ApiError) return sendError(ctx, error);
    if (error instanceof NonexistentLocalTimeError || error instanceof InvalidDateError) {
      return sendError(ctx, new ApiError('INVALID_DATE', error.message));
    }
    if (error instanceof HTTPException && error.status === 400) {
      // hono's JSON reader: the body is not JSON at all.
      return sendError(
        ctx,
        new ApiError('VALIDATION_FAILED', 'Forespørselen er ikke gyldig JSON.', [{ field: '', message: 'Ugyldig JSON.' }]),
      );
    }
    if (error instanceof HTTPException && error.status === 413) {
      return sendError(ctx, new ApiError('PAYLOAD_TOO_LARGE', 'Forespørselen er for stor (høyst 1 MB).'));
    }
    routeDeps.log.error('unhandled error', {
      requestId: ctx.get('requestId'),
      path: c.req.path,
      // Never the message as it is: a failed query's message lists its parameters (log-safe.ts).
      error: describeError(error),
    });
    return sendError(ctx, new ApiError('INTERNAL', 'Noe gikk galt hos oss. Prøv igjen, og kontakt administrator hvis feilen fortsetter.'));
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
