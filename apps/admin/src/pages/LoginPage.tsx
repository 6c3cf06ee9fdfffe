// Logging in: "Logg inn med Feide" is a plain link to GET /api/auth/login, which sends the browser
// to Feide (or, under `npm start`, to the local identity provider in tools/idp) and back to
// /api/auth/callback, which starts the session and returns to `next`.
// A server started for automated tests (createApp({ devLogin: true })) also offers a clearly
// marked email-only login; the running product never does (GET /api/auth/methods says which).
import { useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { personView } from '@trygg/contracts';
import { useApi } from '../api';
import { ErrorMessage, PageHeading, TextField } from '../components';
import { splitProblems, toProblem, type ApiProblem } from '../errors';
import { useI18n } from '../i18n';
import { navigate, paths, useTitle } from '../router';
import { useSession } from '../session';

const authMethods = z.object({ feide: z.boolean(), testLogin: z.boolean() });
type Methods = z.infer<typeof authMethods>;

export function LoginPage({ next }: { next: string | null }) {
  const { t } = useI18n();
  const api = useApi();
  const [methods, setMethods] = useState<Methods | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  useTitle(t.loginTitle);

  useEffect(() => {
    let live = true;
    api
      .get('/api/auth/methods', authMethods, { allowUnauthenticated: true })
      .then((m) => live && setMethods(m))
      // Not knowing: offer Feide (the API explains itself if it is not set up).
      .catch((error: unknown) => live && (setMethods({ feide: true, testLogin: false }), setProblem(toProblem(error))));
    return () => {
      live = false;
    };
  }, [api]);

  const target = next ?? paths.cases();
  const feideHref = `/api/auth/login?next=${encodeURIComponent(target)}`;

  return (
    <div className="narrow">
      <PageHeading>{t.loginTitle}</PageHeading>
      <p>{t.loginIntro}</p>
      {problem && <ErrorMessage problem={problem} />}
      {methods?.feide === false ? (
        <p className="hint">{t.loginFeideMissing}</p>
      ) : (
        <p>
          <a className="login-feide" href={feideHref}>
            {t.loginFeide}
          </a>
        </p>
      )}
      {import.meta.env.DEV && <p className="hint">{t.loginDevHint}</p>}
      {methods?.testLogin && <TestLogin next={target} />}
    </div>
  );
}

/** Tests only: log in by email alone (POST /api/dev/login exists only on a server built for tests). */
function TestLogin({ next }: { next: string }) {
  const { t } = useI18n();
  const api = useApi();
  const { signedIn } = useSession();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const me = await api.post('/api/dev/login', { email: email.trim() }, personView, { allowUnauthenticated: true });
      signedIn(me);
      navigate(next, { replace: true, focus: true });
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  }

  const { byField, other } = splitProblems(problem, ['email']);
  return (
    <section className="test-login" aria-labelledby="login-test">
      <h2 id="login-test">{t.loginTestHeading}</h2>
      <p className="hint">{t.loginTestHelp}</p>
      {problem && <ErrorMessage problem={problem} other={other} />}
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField label={t.loginEmail} name="email" type="email" autoComplete="email" value={email} onChange={setEmail} errors={byField['email']} required />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.sending : t.loginSubmit}
        </button>
      </form>
    </section>
  );
}
