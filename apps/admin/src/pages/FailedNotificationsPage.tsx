// Varsler som ikke kom fram (admins): the notifications the worker gave up on
// (GET /api/admin/failed-notifications). DOMAIN.md: the admin role receives system failures.
// The API already leaves out pupils and email addresses; the page shows what it gets.
import { useEffect, useState } from 'react';
import { failedNotificationList, type FailedNotificationItem, type FailedNotificationList } from '@trygg/contracts';
import { useApi } from '../api';
import { ErrorMessage, Loading, PageHeading } from '../components';
import { toProblem, type ApiProblem } from '../errors';
import { formatOsloDateTime } from '../format';
import { useI18n, type Dictionary } from '../i18n';
import { roleLabel } from '../labels';
import { navigate, paths, useTitle } from '../router';
import type { Me } from '../session';

export const PAGE_SIZE = 25;

/** Admins see the page in the navigation (the API refuses everyone else). */
export const isAdmin = (me: Me) => me.roles.some((r) => r.role === 'admin');

/** ?side=<n> → the API's address; anything that is not a page number is page 1. Pure. */
export function failedNotificationsApiPath(query: URLSearchParams): string {
  const side = Number(query.get('side') ?? '1');
  const page = Number.isInteger(side) && side >= 1 && side <= 10_000 ? side : 1;
  return `/api/admin/failed-notifications?page=${page}&pageSize=${PAGE_SIZE}`;
}

/** «Ola Rektor (rektor)»: the name and the roles that made the person a recipient. Pure. */
export function recipientText(t: Dictionary, recipient: FailedNotificationItem['recipient']): string {
  const roles = recipient.roles.map((r) => roleLabel(t, r)).join(', ');
  return roles ? `${recipient.name} (${roles})` : recipient.name;
}

export function FailedNotificationsPage({ query }: { query: URLSearchParams }) {
  const { t, lang } = useI18n();
  const api = useApi();
  useTitle(t.failedTitle);
  const path = failedNotificationsApiPath(query);
  const [list, setList] = useState<FailedNotificationList | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setProblem(null);
    setList(null);
    api
      .get(path, failedNotificationList, { signal: controller.signal })
      .then(setList)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setProblem(toProblem(error));
      });
    return () => controller.abort();
  }, [api, path, attempt]);

  const pages = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;
  return (
    <>
      <PageHeading>{t.failedTitle}</PageHeading>
      <p>{t.failedIntro}</p>
      {problem && <ErrorMessage problem={problem} onRetry={() => setAttempt((n) => n + 1)} />}
      {!list && !problem && <Loading />}
      {list && list.total === 0 && <p>{t.failedEmpty}</p>}
      {list && list.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>{t.failedCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.failedAt}</th>
                <th scope="col">{t.failedKind}</th>
                <th scope="col">{t.failedRecipient}</th>
                <th scope="col">{t.failedSchool}</th>
                <th scope="col">{t.failedCase}</th>
                <th scope="col">{t.failedSendAfter}</th>
                <th scope="col">{t.failedAttempts}</th>
                <th scope="col">{t.failedError}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((n) => (
                <tr key={n.id}>
                  <th scope="row">{formatOsloDateTime(n.failedAt, lang)}</th>
                  <td>
                    {n.kind} <span className="hint">({n.step})</span>
                  </td>
                  <td>{recipientText(t, n.recipient)}</td>
                  <td>{n.schoolName ?? ''}</td>
                  <td>{n.caseNumber ?? ''}</td>
                  <td>{formatOsloDateTime(n.sendAfter, lang)}</td>
                  <td>{n.attempts}</td>
                  <td>{n.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list && pages > 1 && (
        <nav className="pager" aria-label={t.pageOf(list.page, pages)}>
          <button type="button" disabled={list.page <= 1} onClick={() => navigate(paths.failedNotifications(list.page - 1))}>
            {t.previousPage}
          </button>
          <span>{t.pageOf(list.page, pages)}</span>
          <button type="button" disabled={list.page >= pages} onClick={() => navigate(paths.failedNotifications(list.page + 1))}>
            {t.nextPage}
          </button>
        </nav>
      )}
    </>
  );
}
