// A small history router: real paths (the owner's acknowledgement link is /kvittering/<token>),
// pushState for in-app links, and a match table the App renders from. No pupil data ever goes
// into a path: cases are addressed by id, mails by file name.
import { useEffect, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type Route =
  | { name: 'login'; next: string | null }
  | { name: 'cases'; query: URLSearchParams }
  | { name: 'case'; id: string }
  | { name: 'myMeasures' }
  | { name: 'report' }
  | { name: 'conversations'; query: URLSearchParams }
  | { name: 'acknowledgement'; token: string }
  | { name: 'mailbox' }
  | { name: 'mail'; file: string }
  | { name: 'failedNotifications'; query: URLSearchParams }
  | { name: 'notFound' };

/** Pure: which page a location shows. */
export function matchRoute(pathname: string, search: string): Route {
  const query = new URLSearchParams(search);
  const path = pathname.replace(/\/+$/, '') || '/';
  const segments = path.split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const [first, second, ...rest] = segments;
  if (rest.length > 0) return { name: 'notFound' };
  if (first === undefined) return { name: 'cases', query };
  if (first === 'logg-inn' && second === undefined) return { name: 'login', next: safeNext(query.get('neste')) };
  if (first === 'saker' && second === undefined) return { name: 'cases', query };
  if (first === 'saker' && second) return { name: 'case', id: second };
  if (first === 'meld' && second === undefined) return { name: 'report' };
  if (first === 'mine-tiltak' && second === undefined) return { name: 'myMeasures' };
  if (first === 'elevsamtaler' && second === undefined) return { name: 'conversations', query };
  if (first === 'kvittering' && second) return { name: 'acknowledgement', token: second };
  if (first === 'e-post' && second === undefined) return { name: 'mailbox' };
  if (first === 'e-post' && second) return { name: 'mail', file: second };
  if (first === 'varsler-som-feilet' && second === undefined) return { name: 'failedNotifications', query };
  return { name: 'notFound' };
}

/** Only our own paths are followed after login (never another site). */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/logg-inn')) return null;
  return next;
}

/** Pages anyone may open: no session needed. */
export const isPublicRoute = (route: Route) =>
  route.name === 'login' || route.name === 'acknowledgement' || route.name === 'mailbox' || route.name === 'mail' || route.name === 'notFound';

export const paths = {
  login: (next?: string) => (next ? `/logg-inn?neste=${encodeURIComponent(next)}` : '/logg-inn'),
  cases: (query?: URLSearchParams) => (query && query.size > 0 ? `/saker?${query.toString()}` : '/saker'),
  case: (id: string) => `/saker/${encodeURIComponent(id)}`,
  report: () => '/meld',
  myMeasures: () => '/mine-tiltak',
  /** ?skole=<id>&halvar=2026-spring: ids and the half-year only, never a pupil's name. */
  conversations: (query?: URLSearchParams) => (query && query.size > 0 ? `/elevsamtaler?${query.toString()}` : '/elevsamtaler'),
  acknowledgement: (token: string) => `/kvittering/${encodeURIComponent(token)}`,
  mailbox: () => '/e-post',
  mail: (file: string) => `/e-post/${encodeURIComponent(file)}`,
  /** ?side=<n>: the page number only. */
  failedNotifications: (page = 1) => (page > 1 ? `/varsler-som-feilet?side=${page}` : '/varsler-som-feilet'),
};

const CHANGE = 'trygg:navigate';

/** Set once the user has moved inside the app: from then on each page focuses its heading. */
let navigatedInApp = false;
export const hasNavigatedInApp = () => navigatedInApp;

/**
 * Goes to a path. `focus`: the new page's heading takes focus (default for user navigation;
 * a redirect that replaces the address, like "log in first", leaves focus where it starts).
 */
export function navigate(to: string, options: { replace?: boolean; focus?: boolean } = {}): void {
  if (options.focus ?? !options.replace) navigatedInApp = true;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
}

function subscribe(onChange: () => void): () => void {
  const onPop = () => {
    navigatedInApp = true;
    onChange();
  };
  window.addEventListener('popstate', onPop);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onPop);
    window.removeEventListener(CHANGE, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current location (path + query), re-rendering on navigation. */
export function useLocation(): { pathname: string; search: string; href: string } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const q = href.indexOf('?');
  return { pathname: q < 0 ? href : href.slice(0, q), search: q < 0 ? '' : href.slice(q), href };
}

/** An in-app link: a real <a href> (open in new tab works), navigated without a reload. */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

/** Sets the page title; never put pupil names in it (browser history, tabs, screen sharing). */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} – trygg` : 'trygg';
  }, [title]);
}
