// E-post (development): what trygg sent, read from the development mailbox (GET /api/dev/mailbox).
// This is how a newcomer sees a report reach the principal, and reminders arrive.
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { mailboxEntry, mailboxMessage } from '@trygg/contracts';
import { useApi } from '../api';
import { ErrorMessage, Loading, PageHeading } from '../components';
import { toProblem, type ApiProblem } from '../errors';
import { formatOsloDateTime } from '../format';
import { useI18n } from '../i18n';
import { Link, paths, useTitle } from '../router';

/** Splits mail text so its web links can be clicked (the acknowledgement link, links into the app). Pure. */
export function linkify(text: string): { text: string; href?: string }[] {
  const out: { text: string; href?: string }[] = [];
  let last = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ text: m[0], href: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

const mailboxList = z.object({ items: z.array(mailboxEntry) });

/** The mailbox routes exist only when the API was started with MAILBOX_DIR. */
const mailboxOff = (problem: ApiProblem) => problem.status === 404 && problem.code === 'NOT_FOUND' && problem.message === 'Fant ikke adressen.';

export function MailboxPage() {
  const { t, lang } = useI18n();
  const api = useApi();
  useTitle(t.mailTitle);
  const [items, setItems] = useState<z.infer<typeof mailboxEntry>[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setProblem(null);
    api
      .get('/api/dev/mailbox', mailboxList, { signal: controller.signal, allowUnauthenticated: true })
      .then((list) => setItems(list.items))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setProblem(toProblem(error));
      });
    return () => controller.abort();
  }, [api, attempt]);

  return (
    <>
      <PageHeading>{t.mailTitle}</PageHeading>
      <p>{t.mailIntro}</p>
      <p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          {t.mailRefresh}
        </button>
      </p>
      {problem && (mailboxOff(problem) ? <p>{t.mailOff}</p> : <ErrorMessage problem={problem} onRetry={() => setAttempt((n) => n + 1)} />)}
      {!items && !problem && <Loading />}
      {items && items.length === 0 && <p>{t.mailEmpty}</p>}
      {items && items.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>{t.mailCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.mailSubject}</th>
                <th scope="col">{t.mailTo}</th>
                <th scope="col">{t.mailDate}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.file}>
                  <th scope="row">
                    <Link to={paths.mail(m.file)}>{m.subject || m.file}</Link>
                  </th>
                  <td>{m.to}</td>
                  <td>{m.date ? formatOsloDateTime(m.date, lang) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function MailPage({ file }: { file: string }) {
  const { t, lang } = useI18n();
  const api = useApi();
  const [mail, setMail] = useState<z.infer<typeof mailboxMessage> | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  // Subjects to staff may carry a pupil's initials: the tab title stays generic.
  useTitle(t.mailTitle);

  useEffect(() => {
    const controller = new AbortController();
    api
      .get(`/api/dev/mailbox/${encodeURIComponent(file)}`, mailboxMessage, { signal: controller.signal, allowUnauthenticated: true })
      .then(setMail)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setProblem(toProblem(error));
      });
    return () => controller.abort();
  }, [api, file]);

  return (
    <>
      <p className="breadcrumb">
        <Link to={paths.mailbox()}>{t.mailBack}</Link>
      </p>
      <PageHeading>{mail ? mail.subject || file : t.mailTitle}</PageHeading>
      {problem && <ErrorMessage problem={problem} />}
      {!mail && !problem && <Loading />}
      {mail && (
        <>
          <dl className="facts">
            <dt>{t.mailFrom}</dt>
            <dd>{mail.from}</dd>
            <dt>{t.mailTo}</dt>
            <dd>{mail.to}</dd>
            <dt>{t.mailDate}</dt>
            <dd>{mail.date ? formatOsloDateTime(mail.date, lang) : ''}</dd>
          </dl>
          <pre className="mail-text">
            {linkify(mail.text).map((part, i) =>
              part.href ? (
                <a key={i} href={part.href}>
                  {part.text}
                </a>
              ) : (
                part.text
              ),
            )}
          </pre>
        </>
      )}
    </>
  );
}
