// The local identity provider's pages, in Bokmål: self-contained (inline styles, no scripts, no
// fonts or images from anywhere), so they work offline and under a strict CSP.

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** The CSP the pages are served with: nothing but this document and its inline style. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'";

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} – lokal Feide</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1d2428; line-height: 1.5; }
  header { border-bottom: 3px solid #1f4698; margin-bottom: 1.5rem; }
  header p { margin: 0 0 .5rem; color: #1f4698; font-weight: 600; }
  h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; border: 1px solid #6b7780; border-radius: 4px; }
  button { margin-top: 1.25rem; margin-right: .5rem; padding: .6rem 1.2rem; font-size: 1rem; border-radius: 4px; border: 1px solid #1f4698; background: #1f4698; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #1f4698; }
  button:focus-visible, input:focus-visible { outline: 3px solid #f4a100; outline-offset: 2px; }
  .error { background: #fdf1ef; border-left: 4px solid #b3261e; padding: .5rem 1rem; }
  .note { background: #f1f4f8; padding: .75rem 1rem; font-size: .95rem; }
  table { border-collapse: collapse; font-size: .9rem; width: 100%; }
  td { padding: .2rem .4rem; border-bottom: 1px solid #dde3e8; vertical-align: top; }
  code { font-size: .9rem; }
</style>
</head>
<body>
<header><p>Lokal identitetsleverandør (Feide-lik) – bare for utvikling og tester</p></header>
<main>
${body}
</main>
</body>
</html>`;
}

export interface LoginPageAccount {
  username: string;
  name: string;
  title?: string;
}

export function loginPage(opts: { action: string; clientName: string; username?: string; error?: string; accounts: readonly LoginPageAccount[] }): string {
  const list = opts.accounts.length
    ? `<details>
<summary>Demobrukere (passord: <code>demo</code>)</summary>
<table>
${opts.accounts.map((a) => `<tr><td><code>${escape(a.username)}</code></td><td>${escape(a.name)}${a.title ? `, ${escape(a.title)}` : ''}</td></tr>`).join('\n')}
</table>
</details>`
    : '';
  return layout(
    'Logg inn',
    `<h1>Logg inn til ${escape(opts.clientName)}</h1>
${opts.error ? `<p class="error" role="alert">${escape(opts.error)}</p>` : ''}
<form method="post" action="${escape(opts.action)}" autocomplete="off">
<label for="username">Brukernavn (e-postadresse)</label>
<input type="text" id="username" name="username" value="${escape(opts.username ?? '')}" required autofocus>
<label for="password">Passord</label>
<input type="password" id="password" name="password" required>
<button type="submit">Logg inn</button>
</form>
<p class="note">Her spørres det ikke om engangskode: demobrukerne regnes som innlogget med to faktorer (Feide-nivå
<code>fad08:3</code>), unntatt de som er merket «uten to faktorer» — dem avviser trygg.</p>
${list}`,
  );
}

export function consentPage(opts: { action: string; abortAction: string; clientName: string; scopes: readonly string[] }): string {
  const described: Record<string, string> = {
    openid: 'at du er logget inn (en fast, anonym identifikator)',
    profile: 'navnet ditt',
    email: 'e-postadressen din',
    'groups-org': 'organisasjonen og skolene du tilhører, og om du er ansatt eller elev',
  };
  return layout(
    'Godkjenn',
    `<h1>${escape(opts.clientName)} ber om tilgang</h1>
<p>Tjenesten vil få vite:</p>
<ul>
${opts.scopes.map((s) => `<li>${escape(described[s] ?? s)}</li>`).join('\n')}
</ul>
<form method="post" action="${escape(opts.action)}">
<button type="submit">Godta og fortsett</button>
</form>
<form method="post" action="${escape(opts.abortAction)}">
<button type="submit" class="secondary">Avbryt</button>
</form>`,
  );
}

export function errorPage(message: string): string {
  return layout('Feil', `<h1>Noe gikk galt</h1>\n<p class="error" role="alert">${escape(message)}</p>`);
}
