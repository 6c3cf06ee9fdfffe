// Saker: the cases the signed-in person may see (GET /api/cases), nearest deadline first. The
// filters live in the address (?status=…&overdue=true), so a filtered list can be bookmarked.
import { useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { caseList, schoolView, type CaseListItem } from '@trygg/contracts';
import { useApi } from '../api';
import { Checkbox, ErrorMessage, Loading, PageHeading, SelectField } from '../components';
import { toProblem, type ApiProblem } from '../errors';
import { formatOsloDate, formatOsloDateTime } from '../format';
import { useI18n } from '../i18n';
import { statusLabel } from '../labels';
import { Link, navigate, paths, useTitle } from '../router';
import { useMe } from '../session';

const schoolList = z.object({ items: z.array(schoolView) });
const STATUSES = ['reported', 'investigating', 'measures', 'closed'] as const;
export const PAGE_SIZE = 25;

/** The API query for the page's address. Pure (tested). */
export function casesApiQuery(query: URLSearchParams, meId: string): string {
  const out = new URLSearchParams();
  const status = query.get('status');
  if (status && (STATUSES as readonly string[]).includes(status)) out.set('status', status);
  for (const flag of ['overdue', 'serious', 'section125'] as const) if (query.get(flag) === 'true') out.set(flag, 'true');
  if (query.get('mine') === 'true') out.set('leaderId', meId);
  const page = Number(query.get('page') ?? '1');
  out.set('page', String(Number.isInteger(page) && page > 0 ? page : 1));
  out.set('pageSize', String(PAGE_SIZE));
  return `/api/cases?${out.toString()}`;
}

type Loaded = { list: z.infer<typeof caseList>; schools: Map<string, string> };

export function CasesPage({ query }: { query: URLSearchParams }) {
  const { t, lang } = useI18n();
  const api = useApi();
  const me = useMe();
  useTitle(t.casesTitle);
  const apiPath = casesApiQuery(query, me.id);
  const [state, setState] = useState<{ path: string; data?: Loaded; problem?: ApiProblem } | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([api.get(apiPath, caseList, { signal: controller.signal }), api.get('/api/schools', schoolList, { signal: controller.signal })])
      .then(([list, schools]) => setState({ path: apiPath, data: { list, schools: new Map(schools.items.map((s) => [s.id, s.name])) } }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ path: apiPath, problem: toProblem(error) });
      });
    return () => controller.abort();
  }, [api, apiPath, attempt]);

  const isLeader = me.roles.some((r) => r.role === 'leader');
  const [status, setStatus] = useState(query.get('status') ?? '');
  const [overdue, setOverdue] = useState(query.get('overdue') === 'true');
  const [serious, setSerious] = useState(query.get('serious') === 'true');
  const [section125, setSection125] = useState(query.get('section125') === 'true');
  const [mine, setMine] = useState(query.get('mine') === 'true');

  const applyFilters = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (status) next.set('status', status);
    if (overdue) next.set('overdue', 'true');
    if (serious) next.set('serious', 'true');
    if (section125) next.set('section125', 'true');
    if (mine) next.set('mine', 'true');
    navigate(paths.cases(next));
  };

  const goToPage = (page: number) => {
    const next = new URLSearchParams(query);
    next.set('page', String(page));
    navigate(paths.cases(next));
  };

  const current = state && state.path === apiPath ? state : null;
  const data = current?.data;
  const multipleSchools = data ? new Set(data.list.items.flatMap((i) => (i.access === 'case' ? [i.schoolId] : []))).size > 1 : false;
  const pages = data ? Math.max(1, Math.ceil(data.list.total / data.list.pageSize)) : 1;

  return (
    <>
      <PageHeading>{t.casesTitle}</PageHeading>
      <p>{t.casesIntro}</p>

      <form className="filters" onSubmit={applyFilters} aria-label={t.casesFilters}>
        <SelectField
          label={t.filterStatus}
          name="status"
          value={status}
          onChange={setStatus}
          placeholder={t.filterAll}
          options={STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))}
        />
        <Checkbox label={t.filterOverdue} name="overdue" checked={overdue} onChange={setOverdue} />
        <Checkbox label={t.filterSerious} name="serious" checked={serious} onChange={setSerious} />
        <Checkbox label={t.filterSection125} name="section125" checked={section125} onChange={setSection125} />
        {isLeader && <Checkbox label={t.filterMine} name="mine" checked={mine} onChange={setMine} />}
        <button type="submit">{t.filterApply}</button>
      </form>

      {!current && <Loading />}
      {current?.problem && <ErrorMessage problem={current.problem} onRetry={() => setAttempt((n) => n + 1)} />}
      {data && (
        <>
          <p role="status">{t.casesCount(data.list.items.length, data.list.total)}</p>
          {data.list.items.length === 0 ? (
            <p>{t.casesEmpty}</p>
          ) : (
            <div className="table-wrap">
              <table className="cases">
                <caption>{t.casesCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.colNumber}</th>
                    <th scope="col">{t.colStatus}</th>
                    {multipleSchools && <th scope="col">{t.caseSchool}</th>}
                    <th scope="col">{t.colPupil}</th>
                    <th scope="col">{t.colNextDeadline}</th>
                    <th scope="col">{t.colFlags}</th>
                    <th scope="col">{t.colOpened}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.list.items.map((item) => (
                    <CaseRow key={item.id} item={item} school={item.access === 'case' ? data.schools.get(item.schoolId) : undefined} showSchool={multipleSchools} lang={lang} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 && (
            <nav className="pager" aria-label={t.pageOf(data.list.page, pages)}>
              <button type="button" disabled={data.list.page <= 1} onClick={() => goToPage(data.list.page - 1)}>
                {t.previousPage}
              </button>
              <span>{t.pageOf(data.list.page, pages)}</span>
              <button type="button" disabled={data.list.page >= pages} onClick={() => goToPage(data.list.page + 1)}>
                {t.nextPage}
              </button>
            </nav>
          )}
        </>
      )}
    </>
  );
}

function CaseRow({ item, school, showSchool, lang }: { item: CaseListItem; school: string | undefined; showSchool: boolean; lang: 'nb' | 'nn' }) {
  const { t } = useI18n();
  const number = (
    <th scope="row">
      <Link to={paths.case(item.id)}>{item.number}</Link>
    </th>
  );
  if (item.access === 'own_part') {
    return (
      <tr>
        {number}
        <td>{statusLabel(t, item.status)}</td>
        <td colSpan={showSchool ? 5 : 4} className="hint">
          {t.limitedAccess}
        </td>
      </tr>
    );
  }
  return (
    <tr className={item.overdue ? 'overdue' : undefined}>
      {number}
      <td>{statusLabel(t, item.status)}</td>
      {showSchool && <td>{school ?? ''}</td>}
      <td>{item.pupilInitials}</td>
      <td>
        {item.nextDeadlineAt ? formatOsloDateTime(item.nextDeadlineAt, lang) : t.none}
        {item.overdue && (
          <>
            {' '}
            <span className="tag tag-overdue">
              <span aria-hidden="true">⚠ </span>
              {t.overdueTag}
            </span>
          </>
        )}
      </td>
      <td>
        {item.serious && <span className="tag tag-serious">{t.seriousTag}</span>}
        {item.section125 && <span className="tag tag-s125">{t.section125Tag}</span>}
      </td>
      <td>{formatOsloDate(item.openedAt, lang)}</td>
    </tr>
  );
}
