// Mine tiltak: the measures the signed-in staff member carries out (GET /api/my-measures),
// nearest evaluation first, with a marker when an evaluation date has passed; and the same
// person's part of a case page (the case view's `ownMeasures`). The pupil appears by initials
// only, as in the emails: a staff member who carries out a measure sees nothing else of the case.
import { useEffect, useState } from 'react';
import { myMeasuresList, type MyMeasuresItem, type NextEvaluation, type OwnMeasureView } from '@trygg/contracts';
import { useApi } from '../api';
import { ErrorMessage, Loading, PageHeading } from '../components';
import { toProblem, type ApiProblem } from '../errors';
import { formatIsoDate, formatOsloDateTime } from '../format';
import { useI18n, type Dictionary, type Language } from '../i18n';
import { levelLabel, statusLabel } from '../labels';
import { Link, paths, useTitle } from '../router';

/** How many measures the caller carries out in these cases. Pure (tested). */
export const measureCount = (items: readonly MyMeasuresItem[]) => items.reduce((n, i) => n + i.measures.length, 0);

/** How many of the caller's measures wait for an evaluation whose date has passed. Pure (tested). */
export const overdueCount = (items: readonly MyMeasuresItem[]) => items.flatMap((i) => i.measures).filter((m) => m.nextEvaluation?.overdue).length;

export function MyMeasuresPage() {
  const { t } = useI18n();
  const api = useApi();
  useTitle(t.myMeasuresTitle);
  const [state, setState] = useState<{ items?: MyMeasuresItem[]; problem?: ApiProblem } | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState(null);
    api
      .get('/api/my-measures', myMeasuresList, { signal: controller.signal })
      .then((list) => setState({ items: list.items }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ problem: toProblem(error) });
      });
    return () => controller.abort();
  }, [api, attempt]);

  const count = state?.items ? measureCount(state.items) : 0;
  return (
    <>
      <PageHeading>{t.myMeasuresTitle}</PageHeading>
      <p>{t.myMeasuresIntro}</p>
      {!state && <Loading />}
      {state?.problem && <ErrorMessage problem={state.problem} onRetry={() => setAttempt((n) => n + 1)} />}
      {state?.items && (
        <>
          <p role="status">
            {count === 0 ? t.myMeasuresEmpty : t.myMeasuresCount(count)}
            {overdueCount(state.items) > 0 && ` ${t.myMeasuresOverdue(overdueCount(state.items))}`}
          </p>
          {count > 0 && (
            <div className="table-wrap">
              <table className="cases my-measures">
                <caption>{t.myMeasuresCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.colNumber}</th>
                    <th scope="col">{t.colPupil}</th>
                    <th scope="col">{t.colMeasure}</th>
                    <th scope="col">{t.measureLevel}</th>
                    <th scope="col">{t.measurePeriod}</th>
                    <th scope="col">{t.colNextEvaluation}</th>
                  </tr>
                </thead>
                {/* One row group per case: the case number heads its measures' rows. */}
                {state.items.map((item) => (
                  <tbody key={item.caseId}>
                    {item.measures.map((measure, i) => (
                      <MeasureTableRow key={measure.id} item={item} measure={measure} first={i === 0} />
                    ))}
                  </tbody>
                ))}
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}

function MeasureTableRow({ item, measure, first }: { item: MyMeasuresItem; measure: MyMeasuresItem['measures'][number]; first: boolean }) {
  const { t, lang } = useI18n();
  const span = item.measures.length;
  return (
    <tr className={measure.nextEvaluation?.overdue ? 'overdue' : undefined}>
      {first && (
        <>
          <th scope="rowgroup" rowSpan={span}>
            <Link to={paths.case(item.caseId)}>{item.number}</Link>
            <span className="hint"> ({statusLabel(t, item.status)})</span>
          </th>
          <td rowSpan={span}>{item.pupilInitials}</td>
        </>
      )}
      <td className="prewrap">{measure.description}</td>
      <td>{levelLabel(t, measure.level)}</td>
      <td>{t.measureFromTo(formatIsoDate(measure.start, lang), formatIsoDate(measure.end, lang))}</td>
      <td>
        <NextEvaluationText next={measure.nextEvaluation} t={t} lang={lang} />
      </td>
    </tr>
  );
}

function NextEvaluationText({ next, t, lang }: { next: NextEvaluation | null; t: Dictionary; lang: Language }) {
  if (!next) return <>{t.noEvaluationWaiting}</>;
  return (
    <>
      {formatIsoDate(next.date, lang, { weekday: true })}
      {next.overdue && (
        <>
          {' '}
          <span className="tag tag-overdue">
            <span aria-hidden="true">⚠ </span>
            {t.evaluationOverdueTag}
          </span>
        </>
      )}
    </>
  );
}

/** A measure owner's part of a case page: their measures, each with its evaluations. */
export function OwnMeasuresSection({ pupilInitials, measures }: { pupilInitials: string; measures: readonly OwnMeasureView[] }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="own-measures">
      <h2 id="own-measures">{t.ownMeasuresHeading}</h2>
      <p>{t.ownMeasuresIntro(pupilInitials)}</p>
      <p>
        <Link to={paths.myMeasures()}>{t.myMeasuresTitle}</Link>
      </p>
      {measures.map((m, i) => {
        const headingId = `own-measure-${i + 1}`;
        return (
          <article key={m.id} className="measure" aria-labelledby={headingId}>
            <h3 id={headingId}>{t.planMeasureN(i + 1)}</h3>
            <dl className="facts">
              <dt>{t.measureWhat}</dt>
              <dd className="prewrap">{m.description}</dd>
              <dt>{t.measureLevel}</dt>
              <dd>{levelLabel(t, m.level)}</dd>
              <dt>{t.measurePeriod}</dt>
              <dd>{t.measureFromTo(formatIsoDate(m.start, lang), formatIsoDate(m.end, lang))}</dd>
              <dt>{t.colNextEvaluation}</dt>
              <dd>
                <NextEvaluationText next={m.nextEvaluation} t={t} lang={lang} />
              </dd>
            </dl>
            <h4>{t.ownMeasureEvaluations}</h4>
            {m.evaluations.length === 0 ? (
              <p>{t.ownMeasureNoEvaluations}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption>{t.ownMeasureEvaluationsCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.colPlannedDate}</th>
                      <th scope="col">{t.colHeld}</th>
                      <th scope="col">{t.evalHow}</th>
                      <th scope="col">{t.evalEffect}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.evaluations.map((e) => (
                      <tr key={e.plannedDate}>
                        <th scope="row">{formatIsoDate(e.plannedDate, lang)}</th>
                        <td>{formatOsloDateTime(e.doneAt, lang)}</td>
                        <td className="prewrap">{e.howCarriedOut}</td>
                        <td className="prewrap">{e.effect}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </article>
        );
      })}
    </section>
  );
}
