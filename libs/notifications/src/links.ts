/**
 * Links into the web app. Every email carries one (DOMAIN.md "Privacy": the details stay in
 * the app, behind a login). The routes are kept here, in one place, so the app can match them.
 */
export interface AppLinks {
  /** The case page: /cases/{caseId} */
  caseUrl(caseId: string): string;
  /** A school's overview: /schools/{schoolId} */
  schoolUrl(schoolId: string): string;
  /** A school's pupil conversations that are still outstanding: /schools/{schoolId}/conversations?status=outstanding */
  conversationsUrl(schoolId: string): string;
  /** The owner's overview for an ISO week: /overview?week=2026-W15 */
  ownerOverviewUrl(isoWeek: string): string;
  /** An absolute http(s) URL as is; a path resolved against the app's base URL. */
  resolve(urlOrPath: string): string;
}

function assertHttpUrl(url: URL, what: string): void {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`${what} must be an http(s) URL, got ${JSON.stringify(url.href)}`);
  }
}

/**
 * Builds the app's links from its base URL. A path prefix in the base is kept
 * ('https://kommune.no/trygg' → 'https://kommune.no/trygg/cases/…').
 */
export function appLinks(appUrl: string): AppLinks {
  let base: URL;
  try {
    base = new URL(appUrl);
  } catch {
    throw new TypeError(`appUrl must be an absolute URL, got ${JSON.stringify(appUrl)}`);
  }
  assertHttpUrl(base, 'appUrl');
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';

  const at = (path: string): string => new URL(path, base).href;
  const seg = (id: string): string => {
    if (id.length === 0) throw new TypeError('An id in a link must not be empty');
    return encodeURIComponent(id);
  };

  return {
    caseUrl: (caseId) => at(`cases/${seg(caseId)}`),
    schoolUrl: (schoolId) => at(`schools/${seg(schoolId)}`),
    conversationsUrl: (schoolId) => at(`schools/${seg(schoolId)}/conversations?status=outstanding`),
    ownerOverviewUrl: (isoWeek) => at(`overview?week=${encodeURIComponent(isoWeek)}`),
    resolve(urlOrPath) {
      // A path (never a protocol-relative '//host' one) is a route of this app.
      const url = /^\/(?!\/)/.test(urlOrPath) ? new URL(urlOrPath.slice(1), base) : new URL(urlOrPath);
      assertHttpUrl(url, 'A link');
      return url.href;
    },
  };
}
