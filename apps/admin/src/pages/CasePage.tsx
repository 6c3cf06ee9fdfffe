// Sak: one case (GET /api/cases/:id) — its status, the deadlines with their state in Oslo time,
// the school's work on it (investigation, activity plan, evaluations), the case file, the
// timeline, and the actions allowed now. The page title carries the case number only.
import { useEffect, useState } from 'react';
import { z } from 'zod';
import {
  caseView,
  evaluationList,
  investigationView,
  personView,
  planVersionList,
  type CaseView,
  type EvaluationView,
  type FullCaseView,
  type InvestigationView,
  type PlanVersionView,
} from '@trygg/contracts';
import { useApi } from '../api';
import { ErrorMessage, Loading, Notice, PageHeading } from '../components';
import { toProblem, type ApiProblem } from '../errors';
import { formatOsloDateTime } from '../format';
import { useI18n, type Dictionary, type Language } from '../i18n';
import { basisLabel, categoryLabel, deadlineLabel, deadlineStateLabel, decisionLabel, statusLabel, timelineLabel } from '../labels';
import { Link, paths, useTitle } from '../router';
import { CaseActions, DelayReasonForm, type Permissions } from './CaseActions';
import { CaseFileSection } from './CaseFileSection';
import { EvaluationSection } from './EvaluationSection';
import { ExternalBodiesSection } from './ExternalBodiesSection';
import { InvestigationSection } from './InvestigationSection';
import { OwnMeasuresSection } from './MyMeasuresPage';
import { PlanSection } from './PlanSection';
import type { Option } from './case-shared';
import { hasRoleAt, useMe, type Me } from '../session';

const peopleList = z.object({ items: z.array(personView) });

export function CasePage({ id }: { id: string }) {
  const { t } = useI18n();
  const api = useApi();
  const [kase, setKase] = useState<CaseView | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  /** How many actions succeeded on this page: each success shows (and focuses) a fresh notice. */
  const [done, setDone] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setProblem(null);
    api
      .get(`/api/cases/${encodeURIComponent(id)}`, caseView, { signal: controller.signal })
      .then(setKase)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setProblem(toProblem(error));
      });
    return () => controller.abort();
  }, [api, id, attempt]);

  useTitle(kase ? t.caseTitle(kase.number) : t.casesTitle);

  const updated = (view: FullCaseView) => {
    setKase(view);
    setDone((n) => n + 1);
  };

  if (problem && !kase) {
    return (
      <>
        <PageHeading>{t.casesTitle}</PageHeading>
        <ErrorMessage problem={problem} onRetry={problem.status === 404 ? undefined : () => setAttempt((n) => n + 1)} />
        <p>
          <Link to={paths.cases()}>{t.caseBack}</Link>
        </p>
      </>
    );
  }
  if (!kase) return <Loading />;

  return (
    <>
      <p className="breadcrumb">
        <Link to={paths.cases()}>{t.caseBack}</Link>
      </p>
      <PageHeading>
        {t.caseTitle(kase.number)} <span className={`status status-${kase.status}`}>{statusLabel(t, kase.status)}</span>
      </PageHeading>
      {kase.access === 'case' ? (
        <FullCase kase={kase} done={done} onUpdated={updated} onChanged={setKase} />
      ) : kase.ownMeasures ? (
        // A staff member who carries out measures: their own measures, nothing else of the case.
        <OwnMeasuresSection pupilInitials={kase.pupilInitials ?? ''} measures={kase.ownMeasures} />
      ) : (
        <p>{t.caseLimited}</p>
      )}
    </>
  );
}

function permissionsOf(me: Me, kase: FullCaseView): Permissions {
  // In a § 12-5 case about the school's leadership the school owner takes the principal's place.
  const leadershipBarred = kase.section125 && kase.accusedInLeadership;
  const owner = me.roles.some((r) => r.role === 'owner');
  const principal = leadershipBarred ? owner : hasRoleAt(me, kase.school.id, 'principal');
  const lead = principal || (!leadershipBarred && kase.caseLeader?.id === me.id && hasRoleAt(me, kase.school.id, 'leader'));
  return { principal, lead, leadershipBarred };
}

/** One resource of the case's work, loaded next to the case itself. */
interface Loaded<T> {
  data: T | null;
  problem: ApiProblem | null;
}

function useCaseResource<T>(path: string, load: (signal: AbortSignal) => Promise<T>, enabled = true) {
  const [state, setState] = useState<Loaded<T>>({ data: null, problem: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    setState((s) => ({ data: s.data, problem: null }));
    load(controller.signal)
      .then((data) => setState({ data, problem: null }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ data: null, problem: toProblem(error) });
      });
    return () => controller.abort();
    // `load` is recreated each render; the path and the attempt say when to load again.
  }, [path, attempt, enabled]);
  const set = (data: T) => setState({ data, problem: null });
  return { ...state, set, reload: () => setAttempt((n) => n + 1) };
}

/** The school's staff who may carry out measures and investigate (never the accused, § 12-5). Pure (tested). */
export function staffOptions(people: z.infer<typeof peopleList>['items'], schoolId: string, accusedId: string | null): Option[] {
  return people
    .filter((p) => p.id !== accusedId && p.roles.some((r) => r.schoolId === schoolId && (r.role === 'staff' || r.role === 'leader' || r.role === 'principal')))
    .map((p) => ({ value: p.id, label: p.name }))
    .sort((a, b) => a.label.localeCompare(b.label, 'nb'));
}

function FullCase({ kase, done, onUpdated, onChanged }: { kase: FullCaseView; done: number; onUpdated: (view: FullCaseView) => void; onChanged: (view: FullCaseView) => void }) {
  const { t, lang } = useI18n();
  const api = useApi();
  const me = useMe();
  const permissions = permissionsOf(me, kase);
  const when = (iso: string | null) => (iso ? formatOsloDateTime(iso, lang) : t.notYet);
  const base = `/api/cases/${encodeURIComponent(kase.id)}`;

  const investigation = useCaseResource<InvestigationView>(`${base}/investigation`, (signal) => api.get(`${base}/investigation`, investigationView, { signal }));
  const plans = useCaseResource<PlanVersionView[]>(`${base}/plans`, (signal) => api.get(`${base}/plans`, planVersionList, { signal }).then((l) => l.versions));
  const evaluations = useCaseResource<EvaluationView[]>(`${base}/evaluations`, (signal) =>
    api.get(`${base}/evaluations`, evaluationList, { signal }).then((l) => l.evaluations),
  );
  const schoolPeople = `/api/schools/${encodeURIComponent(kase.school.id)}/people`;
  const staffResource = useCaseResource<Option[]>(
    schoolPeople,
    (signal) => api.get(schoolPeople, peopleList, { signal }).then((l) => staffOptions(l.items, kase.school.id, kase.accused?.id ?? null)),
    permissions.lead,
  );
  // Without the list (it could not be read) the pickers are empty and the API names what is missing.
  const staff = { data: staffResource.problem ? [] : staffResource.data };

  return (
    <div className="case-layout">
      <div className="case-main">
        {done > 0 && <Notice key={done}>{t.actionDone}</Notice>}
        <nav className="on-this-page" aria-label={t.onThisPage}>
          <ul>
            <li>
              <a href="#case-facts">{t.caseFacts}</a>
            </li>
            <li>
              <a href="#case-deadlines">{t.deadlinesHeading}</a>
            </li>
            <li>
              <a href="#undersokelse">{t.invHeading}</a>
            </li>
            <li>
              <a href="#aktivitetsplan">{t.planHeading}</a>
            </li>
            <li>
              <a href="#evaluering">{t.evalHeading}</a>
            </li>
            <li>
              <a href="#eksterne-instanser">{t.extHeading}</a>
            </li>
            {permissions.lead && (
              <li>
                <a href="#saksmappe">{t.fileHeading}</a>
              </li>
            )}
            <li>
              <a href="#case-timeline">{t.timelineHeading}</a>
            </li>
          </ul>
        </nav>
        <section aria-labelledby="case-facts">
          <h2 id="case-facts">{t.caseFacts}</h2>
          <dl className="facts">
            <dt>{t.caseSchool}</dt>
            <dd>{kase.school.name}</dd>
            <dt>{t.casePupil}</dt>
            <dd>
              {kase.pupil.name} ({kase.pupil.initials})
            </dd>
            <dt>{t.caseLeader}</dt>
            <dd>{kase.caseLeader ? kase.caseLeader.name : t.caseLeaderNone}</dd>
            {(kase.serious || kase.section125) && (
              <>
                <dt>{t.colFlags}</dt>
                <dd>
                  {kase.serious && <span className="tag tag-serious">{t.caseSerious}</span>}
                  {kase.section125 && <span className="tag tag-s125">{t.caseSection125}</span>}
                  {kase.accused && (
                    <span>
                      {' '}
                      {t.caseAccused}: {kase.accused.name}
                    </span>
                  )}
                </dd>
              </>
            )}
            <dt>{t.caseOpened}</dt>
            <dd>{when(kase.openedAt)}</dd>
            <dt>{t.caseAcknowledged}</dt>
            <dd>{when(kase.acknowledgedAt)}</dd>
            <dt>{t.casePrincipalKnew}</dt>
            <dd>{when(kase.principalKnewAt)}</dd>
            <dt>{t.caseEnforcement}</dt>
            <dd>{when(kase.enforcementWindowOpensAt)}</dd>
            <dt>{t.caseInvestigationStarted}</dt>
            <dd>{when(kase.investigationStartedAt)}</dd>
            <dt>{t.caseInvestigationConcluded}</dt>
            <dd>{when(kase.investigationConcludedAt)}</dd>
            {kase.closedAt && (
              <>
                <dt>{t.caseClosed}</dt>
                <dd>{when(kase.closedAt)}</dd>
              </>
            )}
          </dl>
        </section>

        <Deadlines kase={kase} mayWriteReason={permissions.lead} onUpdated={onUpdated} />
        <InvestigationSection
          kase={kase}
          investigation={investigation.data}
          loadProblem={investigation.problem}
          onRetry={investigation.reload}
          mayLead={permissions.lead}
          meId={me.id}
          staff={staff.data}
          onInvestigation={investigation.set}
          onCase={onChanged}
          onConcluded={investigation.reload}
        />
        <PlanSection
          kase={kase}
          plans={plans.data}
          loadProblem={plans.problem}
          onRetry={plans.reload}
          mayLead={permissions.lead}
          staff={staff.data}
          onPlan={(plan, view) => {
            plans.set([...(plans.data ?? []), plan]);
            onChanged(view);
          }}
        />
        <EvaluationSection
          kase={kase}
          plans={plans.data}
          evaluations={evaluations.data}
          loadProblem={evaluations.problem ?? plans.problem}
          onRetry={() => (evaluations.reload(), plans.reload())}
          mayLead={permissions.lead}
          staff={staff.data}
          onEvaluation={(evaluation, plan, view) => {
            evaluations.set([...(evaluations.data ?? []), evaluation]);
            if (plan) plans.set([...(plans.data ?? []), plan]);
            onChanged(view);
          }}
        />
        <ExternalBodiesSection kase={kase} mayLead={permissions.lead} onCase={onChanged} />
        {permissions.lead && <CaseFileSection caseId={kase.id} />}
        <Reports kase={kase} />
        <Timeline kase={kase} />
      </div>
      <aside className="case-side" aria-labelledby="case-actions">
        <h2 id="case-actions">{t.actionsHeading}</h2>
        <CaseActions kase={kase} permissions={permissions} onUpdated={onUpdated} />
      </aside>
    </div>
  );
}

function deadlineStateText(t: Dictionary, lang: Language, d: FullCaseView['deadlines'][number]): string {
  const label = deadlineStateLabel(t, d.state);
  return (d.state === 'met' || d.state === 'met_late') && d.metAt ? `${label} (${formatOsloDateTime(d.metAt, lang)})` : label;
}

function Deadlines({ kase, mayWriteReason, onUpdated }: { kase: FullCaseView; mayWriteReason: boolean; onUpdated: (view: FullCaseView) => void }) {
  const { t, lang } = useI18n();
  const [writing, setWriting] = useState<string | null>(null);
  return (
    <section aria-labelledby="case-deadlines">
      <h2 id="case-deadlines">{t.deadlinesHeading}</h2>
      {kase.deadlines.length === 0 ? (
        <p>{t.deadlinesEmpty}</p>
      ) : (
        <div className="table-wrap">
          <table className="deadlines">
            <caption>{t.deadlinesCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colDeadline}</th>
                <th scope="col">{t.colDue}</th>
                <th scope="col">{t.colState}</th>
                <th scope="col">{t.colDelayReason}</th>
              </tr>
            </thead>
            <tbody>
              {kase.deadlines.map((d) => {
                const late = d.state === 'missed' || d.state === 'met_late';
                return (
                  <tr key={d.key} className={d.state === 'missed' ? 'overdue' : undefined}>
                    <th scope="row">{deadlineLabel(t, d.kind)}</th>
                    <td>{formatOsloDateTime(d.dueAt, lang)}</td>
                    <td>
                      <span className={`state state-${d.state}`}>
                        {d.state === 'missed' && <span aria-hidden="true">⚠ </span>}
                        {deadlineStateText(t, lang, d)}
                      </span>
                    </td>
                    <td>
                      {d.delayReason ??
                        (late && mayWriteReason && kase.status !== 'closed' ? (
                          writing === d.key ? (
                            <DelayReasonForm
                              kase={kase}
                              deadlineKey={d.key}
                              label={t.delayReasonFor(deadlineLabel(t, d.kind))}
                              onDone={(view) => {
                                setWriting(null);
                                onUpdated(view);
                              }}
                              onCancel={() => setWriting(null)}
                            />
                          ) : (
                            <button type="button" onClick={() => setWriting(d.key)}>
                              {t.writeDelayReason}
                            </button>
                          )
                        ) : (
                          ''
                        ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Reports({ kase }: { kase: FullCaseView }) {
  const { t, lang } = useI18n();
  if (kase.reports.length === 0) return null;
  return (
    <section aria-labelledby="case-reports">
      <h2 id="case-reports">{t.caseReports}</h2>
      {kase.reports.map((r) => (
        <article key={r.id} className="report">
          <p className="hint">{t.reportFiledBy(r.filedBy.name, formatOsloDateTime(r.asOf, lang))}</p>
          <dl className="facts">
            <dt>{t.reportBasis}</dt>
            <dd>{basisLabel(t, r.basis)}</dd>
            <dt>{t.reportCategory}</dt>
            <dd>{categoryLabel(t, r.category)}</dd>
            <dt>{t.reportIntervened}</dt>
            <dd>{r.intervened ? `${t.yes}${r.intervention ? `: ${r.intervention}` : ''}` : t.no}</dd>
            <dt>{t.reportDescription}</dt>
            <dd className="prewrap">{r.description}</dd>
          </dl>
        </article>
      ))}
    </section>
  );
}

/** Free-text details a timeline entry carries (reasons, the conclusion), as label/value pairs. */
export function timelineDetails(t: Dictionary, payload: Record<string, unknown>): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const text = (key: string) => (typeof payload[key] === 'string' && payload[key] ? (payload[key] as string) : null);
  const delay = text('delayReason');
  const reason = text('reason');
  const conclusion = text('conclusion');
  if (conclusion) out.push({ label: t.timelineConclusion, value: conclusion });
  if (typeof payload['version'] === 'number') out.push({ label: t.timelinePlanVersion, value: String(payload['version']) });
  if (typeof payload['decision'] === 'string') {
    const revised = typeof payload['revisedPlanVersion'] === 'number' ? ` (${t.evalNewVersion(payload['revisedPlanVersion'])})` : '';
    out.push({ label: t.evalDecision, value: decisionLabel(t, payload['decision']) + revised });
  }
  if (delay) out.push({ label: t.delayReason, value: delay });
  if (reason) out.push({ label: t.timelineReason, value: reason });
  return out;
}

function Timeline({ kase }: { kase: FullCaseView }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="case-timeline">
      <h2 id="case-timeline">{t.timelineHeading}</h2>
      {kase.timeline.length === 0 ? (
        <p>{t.timelineEmpty}</p>
      ) : (
        <ol className="timeline">
          {kase.timeline.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.at}>{formatOsloDateTime(entry.at, lang)}</time>
              <span className="timeline-what">
                <strong>{timelineLabel(t, entry.kind)}</strong> {entry.actor ? t.timelineBy(entry.actor.name) : t.timelineSystem}
              </span>
              {timelineDetails(t, entry.payload).map((d) => (
                <span key={d.label} className="timeline-detail">
                  {d.label}: {d.value}
                </span>
              ))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
