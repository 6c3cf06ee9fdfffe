// Development login: by email alone (POST /api/dev/login). Feide (OIDC) replaces it later and
// ends in the same session cookie.
import { useState, type FormEvent } from 'react';
import { personView } from '@trygg/contracts';
import { useApi } from '../api';
import { ErrorMessage, PageHeading, TextField } from '../components';
import { DEMO_USERS } from '../demo-users';
import { splitProblems, toProblem, type ApiProblem } from '../errors';
import { useI18n } from '../i18n';
import { navigate, paths, useTitle } from '../router';
import { useSession } from '../session';

export function LoginPage({ next }: { next: string | null }) {
  const { t } = useI18n();
  const api = useApi();
  const { signedIn } = useSession();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  useTitle(t.loginTitle);

  async function login(address: string) {
    setBusy(true);
    setProblem(null);
    try {
      const me = await api.post('/api/dev/login', { email: address.trim() }, personView, { allowUnauthenticated: true });
      signedIn(me);
      navigate(next ?? paths.cases(), { replace: true, focus: true });
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void login(email);
  };

  const { byField, other } = splitProblems(problem, ['email']);

  return (
    <div className="narrow">
      <PageHeading>{t.loginTitle}</PageHeading>
      <p>{t.loginIntro}</p>
      {problem && <ErrorMessage problem={problem} other={other} />}

      <section aria-labelledby="login-demo">
        <h2 id="login-demo">{t.loginDemoHeading}</h2>
        <p className="hint">{t.loginDemoHelp}</p>
        <ul className="demo-users">
          {DEMO_USERS.map((u) => (
            <li key={u.email}>
              <button type="button" onClick={() => void login(u.email)} disabled={busy}>
                <strong>{u.name}</strong>
                <span>{u.title}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="login-email">
        <h2 id="login-email">{t.loginEmailHeading}</h2>
        <form onSubmit={onSubmit} noValidate>
          <TextField label={t.loginEmail} name="email" type="email" autoComplete="email" value={email} onChange={setEmail} errors={byField['email']} required />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.sending : t.loginSubmit}
          </button>
        </form>
      </section>

    </div>
  );
}
