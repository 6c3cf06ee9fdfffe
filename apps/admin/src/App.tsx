// The frame around every page: skip link, header with navigation, language and session,
// the page itself in <main>, and an error boundary so a bug never leaves a blank page.
import { Component, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { personView } from '@trygg/contracts';
import { ApiContext, createApiClient } from './api';
import { ErrorMessage, Loading } from './components';
import { toProblem } from './errors';
import { dictionaries, I18nContext, useI18n, type Language } from './i18n';
import { roleLabel } from './labels';
import { AcknowledgementPage } from './pages/AcknowledgementPage';
import { CasePage } from './pages/CasePage';
import { CasesPage } from './pages/CasesPage';
import { ConversationsPage } from './pages/ConversationsPage';
import { FailedNotificationsPage, isAdmin } from './pages/FailedNotificationsPage';
import { LoginPage } from './pages/LoginPage';
import { MailboxPage, MailPage } from './pages/MailboxPage';
import { MyMeasuresPage } from './pages/MyMeasuresPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ReportPage } from './pages/ReportPage';
import { isPublicRoute, Link, matchRoute, navigate, paths, useLocation, type Route } from './router';
import { SessionContext, useSession, worksAtAnySchool, type Me, type Session, type SessionApi } from './session';

const LANGUAGE_KEY = 'trygg.language';

function initialLanguage(): Language {
  try {
    return window.localStorage.getItem(LANGUAGE_KEY) === 'nn' ? 'nn' : 'nb';
  } catch {
    return 'nb';
  }
}

export function App() {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  const setLang = useCallback((next: Language) => {
    setLangState(next);
    try {
      window.localStorage.setItem(LANGUAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const i18n = useMemo(() => ({ lang, t: dictionaries[lang], setLang }), [lang, setLang]);

  const [session, setSession] = useState<Session>({ status: 'loading' });
  const api = useMemo(
    () =>
      createApiClient({
        // Any 401 (the session expired, the cookie was removed): back to the login page, and
        // afterwards back to where the user was.
        onUnauthenticated: () => {
          setSession({ status: 'anonymous' });
          const here = window.location.pathname + window.location.search;
          if (!isPublicRoute(matchRoute(window.location.pathname, window.location.search))) navigate(paths.login(here), { replace: true });
        },
      }),
    [],
  );

  const [loadCount, setLoadCount] = useState(0);
  useEffect(() => {
    let live = true;
    api
      .get('/api/me', personView, { allowUnauthenticated: true })
      .then((me) => live && setSession({ status: 'signedIn', me }))
      .catch((error: unknown) => {
        if (!live) return;
        const problem = toProblem(error);
        setSession(problem.status === 401 ? { status: 'anonymous' } : { status: 'error', problem });
      });
    return () => {
      live = false;
    };
  }, [api, loadCount]);

  const sessionApi: SessionApi = useMemo(
    () => ({
      session,
      signedIn: (me: Me) => setSession({ status: 'signedIn', me }),
      signOut: async () => {
        try {
          await api.postEmpty('/api/logout', { allowUnauthenticated: true });
        } finally {
          setSession({ status: 'anonymous' });
          navigate(paths.login());
        }
      },
      reload: () => {
        setSession({ status: 'loading' });
        setLoadCount((n) => n + 1);
      },
    }),
    [api, session],
  );

  return (
    <I18nContext.Provider value={i18n}>
      <ApiContext.Provider value={api}>
        <SessionContext.Provider value={sessionApi}>
          <ErrorBoundary t={i18n.t}>
            <Shell />
          </ErrorBoundary>
        </SessionContext.Provider>
      </ApiContext.Provider>
    </I18nContext.Provider>
  );
}

function Shell() {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  const route = matchRoute(pathname, search);
  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <Header route={route} />
      <main id="main" tabIndex={-1}>
        <ErrorBoundary key={pathname} t={t}>
          <Page route={route} />
        </ErrorBoundary>
      </main>
      <footer className="site-footer">
        <p>{t.tagline}</p>
      </footer>
    </>
  );
}

function Header({ route }: { route: Route }) {
  const { t, lang, setLang } = useI18n();
  const { session, signOut } = useSession();
  const me = session.status === 'signedIn' ? session.me : null;
  const current = (name: Route['name'] | Route['name'][]) => ((Array.isArray(name) ? name : [name]).includes(route.name) ? ('page' as const) : undefined);
  const roles = me ? [...new Set(me.roles.map((r) => roleLabel(t, r.role)))].join(', ') : '';
  return (
    <header className="site-header">
      <div className="header-top">
        <Link to={paths.cases()} className="brand">
          {t.appName}
        </Link>
        <div className="header-tools">
          <label className="language">
            <span>{t.language}</span>{' '}
            <select value={lang} onChange={(e) => setLang(e.target.value === 'nn' ? 'nn' : 'nb')}>
              <option value="nb">{t.languageNb}</option>
              <option value="nn">{t.languageNn}</option>
            </select>
          </label>
          {me ? (
            <>
              <span className="who">
                {t.signedInAs(me.name)}
                {roles ? ` (${roles})` : ''}
              </span>
              <button type="button" className="link-button" onClick={() => void signOut()}>
                {t.logout}
              </button>
            </>
          ) : session.status === 'anonymous' && route.name !== 'login' ? (
            <Link to={paths.login()}>{t.navLogin}</Link>
          ) : null}
        </div>
      </div>
      <nav aria-label={t.mainNav}>
        <ul>
          {me && (
            <li>
              <Link to={paths.cases()} aria-current={current(['cases', 'case'])}>
                {t.navCases}
              </Link>
            </li>
          )}
          {me && worksAtAnySchool(me) && (
            <li>
              <Link to={paths.report()} aria-current={current('report')}>
                {t.navReport}
              </Link>
            </li>
          )}
          {me && worksAtAnySchool(me) && (
            <li>
              <Link to={paths.myMeasures()} aria-current={current('myMeasures')}>
                {t.navMyMeasures}
              </Link>
            </li>
          )}
          {me && worksAtAnySchool(me) && (
            <li>
              <Link to={paths.conversations()} aria-current={current('conversations')}>
                {t.navConversations}
              </Link>
            </li>
          )}
          {me && isAdmin(me) && (
            <li>
              <Link to={paths.failedNotifications()} aria-current={current('failedNotifications')}>
                {t.navFailedNotifications}
              </Link>
            </li>
          )}
          <li>
            <Link to={paths.mailbox()} aria-current={current(['mailbox', 'mail'])}>
              {t.navMailbox}
            </Link>
          </li>
          <li>
            <a href="/api/docs">{t.navApiDocs}</a>
          </li>
        </ul>
      </nav>
    </header>
  );
}

function Page({ route }: { route: Route }) {
  const { t } = useI18n();
  const { session, reload } = useSession();

  // Redirect to the login page when a signed-in page is opened without a session.
  const needsLogin = !isPublicRoute(route) && session.status === 'anonymous';
  useEffect(() => {
    if (needsLogin) navigate(paths.login(window.location.pathname + window.location.search), { replace: true });
  }, [needsLogin]);

  switch (route.name) {
    case 'login':
      return <LoginPage next={route.next} />;
    case 'acknowledgement':
      return <AcknowledgementPage token={route.token} />;
    case 'mailbox':
      return <MailboxPage />;
    case 'mail':
      return <MailPage file={route.file} />;
    case 'notFound':
      return <NotFoundPage />;
    default:
      break;
  }
  if (session.status === 'loading' || session.status === 'anonymous') return <Loading />;
  if (session.status === 'error') return <ErrorMessage problem={session.problem} onRetry={reload} />;
  switch (route.name) {
    case 'cases':
      return <CasesPage key={route.query.toString()} query={route.query} />;
    case 'case':
      return <CasePage id={route.id} />;
    case 'report':
      return <ReportPage />;
    case 'myMeasures':
      return <MyMeasuresPage />;
    case 'conversations':
      return <ConversationsPage query={route.query} />;
    case 'failedNotifications':
      return <FailedNotificationsPage query={route.query} />;
  }
  return <p>{t.notFoundText}</p>;
}

/** A rendering bug shows a message and a way out, never a blank page. */
class ErrorBoundary extends Component<{ children: ReactNode; t: (typeof dictionaries)['nb'] }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('trygg: page failed to render', error);
  }

  override render() {
    const { t } = this.props;
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert" className="error-box">
        <h1>{t.crashTitle}</h1>
        <p>{t.crashText}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {t.reload}
        </button>
      </div>
    );
  }
}
