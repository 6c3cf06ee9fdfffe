// For tests: a very small browser — a cookie jar and redirects followed by hand — in front of
// the local identity provider (real HTTP) and the API (in-process, app.request). Everything is
// on 127.0.0.1, where cookies are shared across ports, as in a real browser.

export type Fetcher = (url: URL, init: RequestInit) => Promise<Response>;

interface StoredCookie {
  value: string;
  path: string;
}

export interface Step {
  url: URL;
  status: number;
  location: string | null;
}

export class TestBrowser {
  private readonly jar = new Map<string, StoredCookie>();
  /** Every response seen, in order (status and where it sent the browser). */
  readonly history: Step[] = [];

  constructor(private readonly route: Fetcher) {}

  cookie(name: string): string | undefined {
    return [...this.jar.entries()].find(([key]) => key.split('\u0000')[0] === name)?.[1].value;
  }

  setCookie(name: string, value: string, path = '/'): void {
    this.jar.set(`${name}\u0000${path}`, { value, path });
  }

  private cookieHeader(url: URL): string | undefined {
    const pairs = [...this.jar.entries()]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([key, c]) => `${key.split('\u0000')[0]}=${c.value}`);
    return pairs.length ? pairs.join('; ') : undefined;
  }

  private store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const attr = (n: string) => attributes.find((a) => a.toLowerCase().startsWith(`${n}=`))?.split('=')[1];
      const path = attr('path') ?? '/';
      const maxAge = attr('max-age');
      const expires = attr('expires');
      const gone = maxAge !== undefined ? Number(maxAge) <= 0 : expires !== undefined && new Date(expires).getTime() <= Date.now();
      if (gone) this.jar.delete(`${name}\u0000${path}`);
      else this.jar.set(`${name}\u0000${path}`, { value, path });
    }
  }

  /** One request, no redirect followed. */
  async request(url: string | URL, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const headers: Record<string, string> = { accept: 'text/html', ...init.headers };
    const cookie = this.cookieHeader(target);
    if (cookie) headers['cookie'] = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await this.route(target, { method: init.method ?? (body ? 'POST' : 'GET'), headers, ...(body ? { body } : {}), redirect: 'manual' });
    this.store(res);
    this.history.push({ url: target, status: res.status, location: res.headers.get('location') });
    return res;
  }

  /**
   * Follows redirects (as GET) until a response that is not one, or until `stop` says the
   * browser has arrived (a page of the web app, which these tests do not serve).
   */
  async follow(
    url: string | URL,
    init: { method?: string; form?: Record<string, string> } = {},
    stop: (url: URL) => boolean = () => false,
  ): Promise<{ res: Response | null; url: URL }> {
    let current = new URL(url);
    let res = await this.request(current, init);
    for (let hops = 0; hops < 20; hops += 1) {
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { res, url: current };
      await res.body?.cancel();
      current = new URL(location, current);
      if (stop(current)) return { res: null, url: current };
      res = await this.request(current);
    }
    throw new Error('too many redirects');
  }
}
