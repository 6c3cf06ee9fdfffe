// A local identity provider for development and tests, speaking OpenID Connect as Feide does
// (oidc-provider): authorization code with PKCE, `acr` fad08:3 for two-factor logins, userinfo
// (sub, name, email), and a mock of Feide's groups API (GET /groups/me/groups) on the same
// server. Its own login and consent pages, in Bokmål. State lives in memory: a restart logs
// everyone out of the provider (not out of trygg, whose sessions are its own).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { ACR_MFA, ACR_PASSWORD, groupsOf, type IdpAccount } from './accounts';
import { memoryAdapterFactory } from './memory-store';
import { consentPage, errorPage, loginPage, PAGE_CSP } from './pages';

export interface IdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: readonly string[];
  /** Shown on the login and consent pages. */
  name?: string;
}

export interface IdpOptions {
  accounts: readonly IdpAccount[];
  clients: readonly IdpClient[];
  host?: string;
  /** 0: any free port (tests). Default 4000. */
  port?: number;
  /** List the accounts on the login page (development). Default false. */
  showAccounts?: boolean;
  log?: (message: string) => void;
}

export interface Idp {
  /** The issuer, e.g. http://127.0.0.1:4000 — also the base URL of the groups API mock. */
  issuer: string;
  port: number;
  close(): Promise<void>;
}

const SCOPES = ['openid', 'profile', 'email', 'groups-org'];
const MAX_FORM_BYTES = 8 * 1024;

export async function startIdp(options: IdpOptions): Promise<Idp> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const byUsername = new Map(options.accounts.map((a) => [a.username.toLowerCase(), a]));
  const bySub = new Map(options.accounts.map((a) => [a.sub, a]));
  if (byUsername.size !== options.accounts.length || bySub.size !== options.accounts.length) {
    throw new Error('idp: two accounts share a username or a sub');
  }

  // The issuer names the port, which port 0 only tells once listening: listen first, then
  // build the provider and hand it the requests.
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503).end();
  };
  const server: Server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4000, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${host}:${port}`;

  // Keys live as long as the process: nothing signed by a previous run is trusted.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: `idp-${randomBytes(4).toString('hex')}`, use: 'sig', alg: 'RS256' };

  const configuration: Configuration = {
    adapter: memoryAdapterFactory(),
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      client_name: c.name ?? c.clientId,
      redirect_uris: [...c.redirectUris],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [jwk as never] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    scopes: SCOPES,
    claims: {
      openid: ['sub'],
      profile: ['name'],
      email: ['email', 'email_verified'],
      acr: null,
      auth_time: null,
      sid: null,
      iss: null,
    },
    acrValues: [ACR_PASSWORD, ACR_MFA],
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 60 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
    },
    findAccount: (_ctx, sub) => {
      const account = bySub.get(sub);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        claims: () => ({ sub: account.sub, name: account.name, email: account.email, email_verified: true }),
      };
    },
    renderError: (ctx: KoaContextWithOIDC, out) => {
      ctx.type = 'html';
      ctx.set('content-security-policy', PAGE_CSP);
      ctx.body = errorPage(`${out.error}: ${out.error_description ?? ''}`);
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.on('server_error', (_ctx, error) => log(`idp: server error: ${error.message}`));
  const oidc = provider.callback();
  const clientNames = new Map(options.clients.map((c) => [c.clientId, c.name ?? c.clientId]));
  const listed = options.showAccounts ? [...options.accounts].map((a) => ({ username: a.username, name: a.name, ...(a.title ? { title: a.title } : {}) })) : [];

  const html = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP, 'cache-control': 'no-store' });
    res.end(body);
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return html(res, 400, errorPage('Innloggingen hører til en annen fane. Start på nytt.'));
    const clientName = clientNames.get(String(details.params['client_id'])) ?? 'tjenesten';
    const base = `/interaction/${uid}`;

    if (req.method === 'GET' && action === undefined) {
      if (details.prompt.name === 'login') return html(res, 200, loginPage({ action: `${base}/login`, clientName, accounts: listed }));
      const scopes = String(details.params['scope'] ?? '').split(' ').filter(Boolean);
      return html(res, 200, consentPage({ action: `${base}/confirm`, abortAction: `${base}/abort`, clientName, scopes }));
    }
    if (req.method !== 'POST') return html(res, 405, errorPage('Ukjent handling.'));

    if (action === 'login') {
      const form = await readForm(req);
      const username = (form.get('username') ?? '').trim().toLowerCase();
      const account = byUsername.get(username);
      if (!account || form.get('password') !== account.password) {
        return html(res, 401, loginPage({ action: `${base}/login`, clientName, username, error: 'Feil brukernavn eller passord.', accounts: listed }));
      }
      const mfa = account.mfa !== false;
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub, acr: mfa ? ACR_MFA : ACR_PASSWORD, amr: mfa ? ['pwd', 'otp'] : ['pwd'] } },
        { mergeWithLastSubmission: false },
      );
    }
    if (action === 'confirm') {
      const { prompt, params, session } = details;
      if (prompt.name !== 'consent' || !session?.accountId) return html(res, 400, errorPage('Ingenting å godkjenne.'));
      const grant = details.grantId
        ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId: session.accountId, clientId: String(params['client_id']) }))
        : new provider.Grant({ accountId: session.accountId, clientId: String(params['client_id']) });
      const missingScope = prompt.details['missingOIDCScope'];
      const missingClaims = prompt.details['missingOIDCClaims'];
      if (Array.isArray(missingScope)) grant.addOIDCScope(missingScope.join(' '));
      if (Array.isArray(missingClaims)) grant.addOIDCClaims(missingClaims as string[]);
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
    }
    if (action === 'abort') {
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'Brukeren avbrøt innloggingen.' },
        { mergeWithLastSubmission: false },
      );
    }
    return html(res, 404, errorPage('Ukjent handling.'));
  }

  /** Feide's groups API, for the bearer of an access token with the groups-org scope. */
  async function groupsApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const auth = req.headers.authorization ?? '';
    const token = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(auth)?.[1];
    const found = token ? await provider.AccessToken.find(token) : undefined;
    if (!found) return json(res, 401, { message: 'Invalid or expired token' });
    if (!found.scopes.has('groups-org')) return json(res, 403, { message: 'The token lacks the groups-org scope' });
    const account = bySub.get(found.accountId);
    if (!account) return json(res, 401, { message: 'Unknown user' });
    return json(res, 200, groupsOf(account));
  }

  handle = (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|confirm|abort))?$/.exec(url.pathname);
    const route = match
      ? interaction(req, res, match[1]!, match[2])
      : url.pathname === '/groups/me/groups' && req.method === 'GET'
        ? groupsApi(req, res)
        : null;
    if (!route) return oidc(req, res);
    route.catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log(`idp: ${req.method} ${url.pathname}: ${message}`);
      if (!res.headersSent) html(res, 400, errorPage(`Innloggingen kunne ikke fullføres (${message}). Start på nytt fra trygg.`));
      else res.end();
    });
  };

  return {
    issuer,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new Error('skjemaet er for stort');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
