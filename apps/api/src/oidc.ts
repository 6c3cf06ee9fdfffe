// OpenID Connect against Feide (or the local identity provider in tools/idp, which speaks the
// same protocol): authorization code flow with PKCE, state and nonce; MFA asked for with
// acr_values and required in the ID token; the user from userinfo; the organisation and
// affiliation from Feide's groups API.
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import { feideGroups, type FeideGroup } from './feide';

export interface OidcConfig {
  /** Feide: https://auth.dataporten.no; development: the local identity provider. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the identity provider sends the browser back: the web app's /api/auth/callback. */
  redirectUri: string;
  /** Feide: openid profile email groups-org (the organisation groups need groups-org). */
  scopes: string;
  /** The `acr` the ID token must carry (Feide MFA: urn:mace:feide.no:auth:level:fad08:3). */
  requiredAcr: string;
  /** Base URL of Feide's groups API (https://groups-api.dataporten.no); GET /groups/me/groups. */
  groupsApiUrl: string;
  /** Feide organisation ids or organisation numbers (NO…) of the school owners trygg serves. */
  servedOrganisations: readonly string[];
  /**
   * Link a first login to a trygg person by email even without `email_verified: true`. Feide's
   * addresses come from the home organisation's own directory; set it only for such a provider.
   */
  trustEmail?: boolean;
}

/** What the browser carries between /api/auth/login and /api/auth/callback (signed cookie). */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface OidcIdentity {
  issuer: string;
  sub: string;
  acr: string | null;
  name: string | null;
  email: string | null;
  emailVerified: boolean;
  groups: FeideGroup[];
}

export class OidcLoginError extends Error {
  constructor(
    readonly kind: 'STATE_MISMATCH' | 'PROVIDER_ERROR' | 'MFA_REQUIRED' | 'INVALID_RESPONSE' | 'PROVIDER_UNAVAILABLE',
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
export const isLocalHttp = (url: string) => {
  const u = new URL(url);
  return u.protocol === 'http:' && LOCAL_HOSTS.includes(u.hostname);
};

export interface OidcClient {
  /** The identity provider's authorization URL for a new login, and what to remember. */
  begin(next: string, now: Date): Promise<{ url: URL; pending: PendingLogin }>;
  /** Finishes a login from the callback's query string; throws OidcLoginError. */
  complete(query: URLSearchParams, pending: PendingLogin): Promise<OidcIdentity>;
  readonly config: OidcConfig;
}

export const PENDING_LOGIN_TTL_MS = 10 * 60 * 1000;

/** `opts.fetch`: how the groups API is called (default: the global fetch). */
export function createOidcClient(config: OidcConfig, opts: { fetch?: typeof fetch } = {}): OidcClient {
  // Plain http only for an identity provider on this machine (development, tests).
  const insecure = isLocalHttp(config.issuer);
  let discovered: Promise<client.Configuration> | null = null;
  const configuration = () => {
    discovered ??= client
      .discovery(new URL(config.issuer), config.clientId, { client_secret: config.clientSecret }, client.ClientSecretBasic(config.clientSecret), {
        ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((error: unknown) => {
        // Try again on the next login rather than remembering a failure forever.
        discovered = null;
        throw new OidcLoginError('PROVIDER_UNAVAILABLE', 'Fikk ikke kontakt med Feide.', String(error));
      });
    return discovered;
  };
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  return {
    config,

    async begin(next, now) {
      const c = await configuration();
      const pending: PendingLogin = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
        next,
        expiresAt: now.getTime() + PENDING_LOGIN_TTL_MS,
      };
      const url = client.buildAuthorizationUrl(c, {
        redirect_uri: config.redirectUri,
        scope: config.scopes,
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
        // Ask for two-factor login; the answer is checked in the ID token (complete()).
        acr_values: config.requiredAcr,
      });
      return { url, pending };
    },

    async complete(query, pending) {
      const error = query.get('error');
      if (error) {
        throw new OidcLoginError('PROVIDER_ERROR', 'Innloggingen ble avbrutt hos Feide.', `${error}: ${query.get('error_description') ?? ''}`);
      }
      // openid-client checks state as well; checked here first so that a mismatch is told
      // apart from every other failure.
      if (!sameString(query.get('state') ?? '', pending.state)) {
        throw new OidcLoginError('STATE_MISMATCH', 'Innloggingen kunne ikke bekreftes (state stemmer ikke).');
      }
      const c = await configuration();
      const currentUrl = new URL(config.redirectUri);
      currentUrl.search = query.toString();
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(c, currentUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (cause) {
        throw new OidcLoginError('INVALID_RESPONSE', 'Svaret fra Feide kunne ikke bekreftes.', describe(cause));
      }
      const claims = tokens.claims();
      if (!claims) throw new OidcLoginError('INVALID_RESPONSE', 'Feide sendte ingen ID-token.');
      const acr = typeof claims['acr'] === 'string' ? claims['acr'] : null;
      if (acr !== config.requiredAcr) {
        throw new OidcLoginError('MFA_REQUIRED', 'trygg krever innlogging med to faktorer (MFA).', `acr=${acr ?? '(none)'}`);
      }
      let userinfo: client.UserInfoResponse;
      let groups: FeideGroup[];
      try {
        userinfo = await client.fetchUserInfo(c, tokens.access_token, claims.sub);
        const res = await doFetch(new URL('/groups/me/groups', config.groupsApiUrl), {
          headers: { authorization: `Bearer ${tokens.access_token}`, accept: 'application/json' },
          signal: AbortSignal.timeout(10_000),
        });
        if (!res.ok) throw new Error(`groups API answered ${res.status}`);
        const parsed = feideGroups.safeParse(await res.json());
        if (!parsed.success) throw new Error('groups API answered an unexpected shape');
        groups = parsed.data;
      } catch (cause) {
        if (cause instanceof OidcLoginError) throw cause;
        throw new OidcLoginError('PROVIDER_UNAVAILABLE', 'Fikk ikke lest brukeren og organisasjonen fra Feide.', describe(cause));
      }
      return {
        issuer: claims.iss,
        sub: claims.sub,
        acr,
        name: typeof userinfo.name === 'string' ? userinfo.name : null,
        email: typeof userinfo.email === 'string' ? userinfo.email : null,
        emailVerified: userinfo.email_verified === true,
        groups,
      };
    },
  };
}

// ---- the pending login, carried in a signed cookie ----

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function sealPendingLogin(secret: string, pending: PendingLogin): string {
  const payload = Buffer.from(JSON.stringify(pending)).toString('base64url');
  return `${payload}.${mac(secret, `pending-login.${payload}`)}`;
}

/** null: missing, forged, malformed or expired. */
export function openPendingLogin(secret: string, value: string | undefined, now: Date): PendingLogin | null {
  if (!value || value.length > 2048) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  if (!sameString(value.slice(dot + 1), mac(secret, `pending-login.${payload}`))) return null;
  try {
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<PendingLogin>;
    if (
      typeof data.state !== 'string' ||
      typeof data.nonce !== 'string' ||
      typeof data.codeVerifier !== 'string' ||
      typeof data.next !== 'string' ||
      typeof data.expiresAt !== 'number'
    ) {
      return null;
    }
    if (data.expiresAt <= now.getTime()) return null;
    return { state: data.state, nonce: data.nonce, codeVerifier: data.codeVerifier, next: data.next, expiresAt: data.expiresAt };
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
  }
  return String(error);
}
