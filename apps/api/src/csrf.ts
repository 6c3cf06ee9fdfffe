// Cross-site request forgery: a page on another site making the browser send a state-changing
// request with the user's session cookie. Refused here for every unsafe method, whatever the
// content type, by asking the browser where the request came from (the algorithm of Go 1.25's
// net/http CrossOriginProtection):
//   1. An Origin header naming the web app's own origin (APP_URL) passes.
//   2. Sec-Fetch-Site (every current browser sends it): only `same-origin` or `none` (typed in
//      by the user) pass; `same-site` is refused too — a sibling subdomain is another app.
//   3. Without it (older browsers), any other Origin is refused.
//   4. Neither header: not a browser (curl, a server, a test) — nothing to forge, allowed.
// Why not SameSite=Lax alone: it does not stop a sibling subdomain (same site), and a POST
// without a body needs no CORS preflight. Why not a token: it would have to reach every form
// of the web app; the browser's own headers cannot be set by the attacking page.
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function crossOriginProtection(opts: { trustedOrigins: readonly string[] }): MiddlewareHandler {
  const trusted = new Set(opts.trustedOrigins.map((o) => new URL(o).origin));
  return async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const site = c.req.header('sec-fetch-site');
      const origin = c.req.header('origin');
      const allowed =
        (origin !== undefined && trusted.has(origin)) ||
        (site !== undefined ? site === 'same-origin' || site === 'none' : origin === undefined);
      if (!allowed) {
        throw new ApiError(
          'FORBIDDEN',
          'Forespørselen kom fra et annet nettsted og ble avvist. Åpne trygg direkte og prøv igjen.',
          undefined,
          'CROSS_ORIGIN_REQUEST',
        );
      }
    }
    await next();
  };
}
