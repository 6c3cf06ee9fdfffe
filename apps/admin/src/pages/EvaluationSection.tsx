// Evaluering (seeds/000: "en god evaluering er todelt"): on a planned evaluation date, for each
// measure — how was it carried out since last time, and what effect did it have for the pupil —
// with the pupil's and the parents' views. The decision: continue; adjust (a new version of the
// plan, written in the same form and sent with the evaluation); or close the case, only when
// the pupil is safe and well (§ 12-4). Every evaluation but a closing one sets the next date.
import { useState } from 'react';
import { evaluationRecorded, type EvaluationView, type FullCaseView, type PlanVersionView } from '@trygg/contracts';
import { useApi } from '../api';
import { ErrorMessage, Loading, Notice, RadioGroup, TextArea, TextField } from '../components';
import type { ApiProblem, FieldProblem } from '../errors';
import { formatIsoDate, formatOsloDateTime, toOsloInputValue } from '../format';
import { useI18n } from '../i18n';
import { decisionLabel, deadlineStateLabel } from '../labels';
import { SectionForm, useSubmit, type Option } from './case-shared';
import { PlanFields } from './PlanSection';
import { bracketPath, draftFromPlan, planBody, planFieldErrors, type PlanDraft } from './plan-draft';

export interface PlannedEvaluation {
  date: string;
  state: 'open' | 'missed';
  /** The numbers (1-based, in the current plan) of the measures planned to be evaluated that day. */
  measureNumbers: number[];
}

/**
 * The evaluation dates the case is waiting for (the API's plannedEvaluations: open or missed),
 * earliest first, with the current plan's measures due that day by their number. Pure (tested).
 */
export function plannedEvaluations(kase: Pick<FullCaseView, 'plannedEvaluations'>, plan: Pick<PlanVersionView, 'measures'> | null): PlannedEvaluation[] {
  const numberOf = (id: string) => (plan ? plan.measures.findIndex((m) => m.id === id) + 1 : 0);
  return [...kase.plannedEvaluations]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((p) => ({ date: p.date, state: p.state, measureNumbers: p.measureIds.map(numberOf).filter((n) => n > 0) }));
}

export interface EvaluationDraft {
  plannedDate: string;
  at: string;
  measures: Record<string, { howCarriedOut: string; effect: string }>;
  pupilView: string;
  parentsView: string;
  situationSafe: '' | 'yes' | 'no';
  decision: '' | 'continue' | 'adjust' | 'close';
  nextEvaluationOn: string;
}

export const emptyEvaluation = (plannedDate = ''): EvaluationDraft => ({
  plannedDate,
  at: '',
  measures: {},
  pupilView: '',
  parentsView: '',
  situationSafe: '',
  decision: '',
  nextEvaluationOn: '',
});

/**
 * The body of POST …/evaluations, and the measure id at each index of body.measures (problems
 * name measures by index). A measure is evaluated when something is written for it or it has
 * started by the planned date; one that has not started may be left out. Pure (tested).
 */
export function evaluationBody(d: EvaluationDraft, plan: PlanVersionView, revised: PlanDraft | null): { body: Record<string, unknown>; measureIds: string[] } {
  const measureIds = plan.measures
    .filter((m) => {
      const e = d.measures[m.id];
      return (e && (e.howCarriedOut.trim() || e.effect.trim())) || (d.plannedDate !== '' && m.start <= d.plannedDate);
    })
    .map((m) => m.id);
  const body: Record<string, unknown> = {
    ...(d.plannedDate ? { plannedDate: d.plannedDate } : {}),
    ...(d.at ? { at: d.at } : {}),
    measures: measureIds.map((id) => ({ measureId: id, howCarriedOut: d.measures[id]?.howCarriedOut ?? '', effect: d.measures[id]?.effect ?? '' })),
    pupilView: d.pupilView,
    ...(d.parentsView.trim() ? { parentsView: d.parentsView } : {}),
    ...(d.situationSafe ? { situationSafe: d.situationSafe === 'yes' } : {}),
    ...(d.decision ? { decision: d.decision } : {}),
    ...(d.decision !== 'close' && d.nextEvaluationOn ? { nextEvaluationOn: d.nextEvaluationOn } : {}),
    ...(d.decision === 'adjust' && revised ? { revisedPlan: planBody(revised) } : {}),
  };
  return { body, measureIds };
}

const TOP_FIELDS = ['plannedDate', 'at', 'measures', 'pupilView', 'parentsView', 'situationSafe', 'decision', 'nextEvaluationOn', 'revisedPlan'];

/**
 * Where each problem goes: 'e:<measure id>.howCarriedOut' / '.effect' for the two parts of a
 * measure, the body's own names for the rest; the revised plan's problems ('revisedPlan.…') are
 * left for the plan form. Pure (tested).
 */
export function evaluationFieldErrors(problems: readonly FieldProblem[], measureIds: readonly string[]): { byField: Record<string, string[]>; other: FieldProblem[] } {
  const byField: Record<string, string[]> = {};
  const other: FieldProblem[] = [];
  const put = (key: string, message: string) => (byField[key] ??= []).push(message);
  for (const p of problems) {
    const path = bracketPath(p.field);
    if (path.startsWith('revisedPlan.')) continue;
    if (TOP_FIELDS.includes(path)) {
      put(path, p.message);
      continue;
    }
    const m = /^measures\[(\d+)\](?:\.(\w+))?$/.exec(path);
    const id = m ? measureIds[Number(m[1])] : undefined;
    if (m && id) put(m[2] === 'howCarriedOut' || m[2] === 'effect' ? `e:${id}.${m[2]}` : `e:${id}`, p.message);
    else other.push(p);
  }
  return { byField, other };
}

interface Props {
  kase: FullCaseView;
  plans: PlanVersionView[] | null;
  evaluations: EvaluationView[] | null;
  loadProblem: ApiProblem | null;
  onRetry: () => void;
  mayLead: boolean;
  staff: Option[] | null;
  onEvaluation: (evaluation: EvaluationView, plan: PlanVersionView | null, view: FullCaseView) => void;
}

export function EvaluationSection({ kase, plans, evaluations, loadProblem, onRetry, mayLead, staff, onEvaluation }: Props) {
  const { t, lang } = useI18n();
  const [writing, setWriting] = useState(false);
  const [saved, setSaved] = useState<{ n: number; text: string } | null>(null);
  const latest = plans?.at(-1) ?? null;
  const planned = plannedEvaluations(kase, latest);
  const canWrite = mayLead && latest !== null && kase.status !== 'closed' && planned.length > 0;

  return (
    <section aria-labelledby="case-evaluation" id="evaluering" className="case-section">
      <h2 id="case-evaluation">{t.evalHeading}</h2>
      <p className="hint">{t.evalIntro}</p>
      {loadProblem && <ErrorMessage problem={loadProblem} onRetry={onRetry} />}
      {(!evaluations || !plans) && !loadProblem && <Loading />}
      {saved && <Notice key={saved.n}>{saved.text}</Notice>}
      {plans && !latest && <p>{t.evalNoPlan}</p>}
      {latest && (
        <>
          <h3>{t.evalPlanned}</h3>
          {planned.length === 0 ? (
            <p>{t.evalNonePlanned}</p>
          ) : (
            <ul>
              {planned.map((p) => (
                <li key={p.date}>
                  {formatIsoDate(p.date, lang, { weekday: true })}
                  {p.measureNumbers.length > 0 && ` (${t.evalPlannedMeasures(p.measureNumbers.join(', '))})`}
                  {p.state === 'missed' && (
                    <>
                      {' '}
                      <span className="state state-missed">
                        <span aria-hidden="true">⚠ </span>
                        {deadlineStateLabel(t, p.state)}
                      </span>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {canWrite && !writing && (
        <p>
          <button type="button" onClick={() => setWriting(true)}>
            {t.evalRecord}
          </button>
        </p>
      )}
      {writing && latest && (
        <EvaluationForm
          kase={kase}
          plan={latest}
          planned={planned}
          staff={staff}
          onSaved={(evaluation, plan, view) => {
            setWriting(false);
            setSaved((s) => ({
              n: (s?.n ?? 0) + 1,
              text: plan ? t.evalSavedWithPlan(plan.version) : evaluation.decision === 'close' ? t.evalSavedClosed : t.evalSaved,
            }));
            onEvaluation(evaluation, plan, view);
          }}
          onCancel={() => setWriting(false)}
        />
      )}
      {evaluations && evaluations.length > 0 && (
        <>
          <h3>{t.evalHeld}</h3>
          <ol className="record-list">
            {[...evaluations].reverse().map((e) => (
              <EvaluationEntry key={e.id} evaluation={e} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function EvaluationEntry({ evaluation: e }: { evaluation: EvaluationView }) {
  const { t, lang } = useI18n();
  return (
    <li>
      <h4>{t.evalOf(formatIsoDate(e.plannedDate, lang))}</h4>
      <p className="hint">
        {t.evalHeldAt(formatOsloDateTime(e.doneAt, lang))} · {t.invDoneBy(e.recordedBy.name)} · {t.evalOfVersion(e.planVersion)}
      </p>
      <div className="table-wrap">
        <table className="measures">
          <caption className="visually-hidden">{t.evalMeasuresCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.measureWhat}</th>
              <th scope="col">{t.evalHow}</th>
              <th scope="col">{t.evalEffect}</th>
            </tr>
          </thead>
          <tbody>
            {e.measures.map((m) => (
              <tr key={m.measureId}>
                <th scope="row" className="prewrap">
                  {m.description}
                </th>
                <td className="prewrap">{m.howCarriedOut}</td>
                <td className="prewrap">{m.effect}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="facts">
        <dt>{t.evalPupilView}</dt>
        <dd className="prewrap">{e.pupilView}</dd>
        <dt>{t.planParentsView}</dt>
        <dd className="prewrap">{e.parentsView ?? t.notRecorded}</dd>
        <dt>{t.evalSafe}</dt>
        <dd>{e.situationSafe ? t.yes : t.no}</dd>
        <dt>{t.evalDecision}</dt>
        <dd>
          {decisionLabel(t, e.decision)}
          {e.revisedPlanVersion !== null && ` — ${t.evalNewVersion(e.revisedPlanVersion)}`}
        </dd>
        {e.nextEvaluationOn && (
          <>
            <dt>{t.evalNext}</dt>
            <dd>{formatIsoDate(e.nextEvaluationOn, lang, { weekday: true })}</dd>
          </>
        )}
      </dl>
    </li>
  );
}

function EvaluationForm({
  kase,
  plan,
  planned,
  staff,
  onSaved,
  onCancel,
}: {
  kase: FullCaseView;
  plan: PlanVersionView;
  planned: PlannedEvaluation[];
  staff: Option[] | null;
  onSaved: (evaluation: EvaluationView, plan: PlanVersionView | null, view: FullCaseView) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const api = useApi();
  const { busy, problem, run } = useSubmit();
  const [draft, setDraft] = useState<EvaluationDraft>(() => emptyEvaluation(planned[0]?.date ?? ''));
  const [revised, setRevised] = useState<PlanDraft>(() => draftFromPlan(plan));
  const [sent, setSent] = useState<{ measureIds: string[]; revised: PlanDraft }>({ measureIds: [], revised });
  const set = <K extends keyof EvaluationDraft>(key: K) => (value: EvaluationDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setPart = (id: string, part: 'howCarriedOut' | 'effect', value: string) =>
    setDraft((d) => ({ ...d, measures: { ...d.measures, [id]: { howCarriedOut: '', effect: '', ...d.measures[id], [part]: value } } }));

  const problems = problem?.problems ?? [];
  const { byField, other } = evaluationFieldErrors(problems, sent.measureIds);
  const planErrors = planFieldErrors(problems, sent.revised, 'revisedPlan');

  const submit = async () => {
    const { body, measureIds } = evaluationBody(draft, plan, revised);
    setSent({ measureIds, revised });
    const result = await run(() => api.post(`/api/cases/${encodeURIComponent(kase.id)}/evaluations`, body, evaluationRecorded));
    if (result) onSaved(result.evaluation, result.plan, result.case);
  };

  // § 12-4: the case closes only when the pupil is safe and well; the choice appears then.
  const decisions = [
    { value: 'continue' as const, label: t.decisionContinue, help: t.decisionContinueHelp },
    { value: 'adjust' as const, label: t.decisionAdjust, help: t.decisionAdjustHelp },
    ...(draft.situationSafe === 'yes' ? [{ value: 'close' as const, label: t.decisionClose, help: t.decisionCloseHelp }] : []),
  ];
  const setSafe = (situationSafe: EvaluationDraft['situationSafe']) =>
    setDraft((d) => ({ ...d, situationSafe, decision: situationSafe !== 'yes' && d.decision === 'close' ? '' : d.decision }));

  return (
    <SectionForm title={t.evalRecord} help={t.evalFormHelp} busy={busy} problem={problem} other={[...other, ...planErrors.other.filter((p) => bracketPath(p.field).startsWith('revisedPlan.'))]} submitLabel={t.evalSave} onSubmit={() => void submit()} onCancel={onCancel}>
      <RadioGroup
        label={t.evalWhichDate}
        name="plannedDate"
        value={draft.plannedDate}
        onChange={set('plannedDate')}
        options={planned.map((p) => ({ value: p.date, label: formatIsoDate(p.date, lang, { weekday: true }) }))}
        errors={byField['plannedDate']}
        required
      />
      <TextField label={`${t.evalAt} ${t.optional}`} help={t.evalAtHelp} name="at" type="datetime-local" value={draft.at} onChange={set('at')} errors={byField['at']} max={toOsloInputValue(new Date())} />
      <h5 className="subheading">{t.evalMeasuresHeading}</h5>
      {byField['measures'] && <p className="field-error">{byField['measures'].join(' ')}</p>}
      {plan.measures.map((m, i) => {
        const notStarted = draft.plannedDate !== '' && m.start > draft.plannedDate;
        return (
          <fieldset key={m.id} className="field group measure">
            <legend>
              {t.planMeasureN(i + 1)}: {m.description}
            </legend>
            <p className="hint">
              {levelPeriod(t, lang, m)}
              {notStarted ? ` ${t.evalNotStarted}` : ''}
            </p>
            {byField[`e:${m.id}`] && <p className="field-error">{byField[`e:${m.id}`]!.join(' ')}</p>}
            <TextArea
              label={t.evalHowLabel}
              name={`measures.${m.id}.howCarriedOut`}
              value={draft.measures[m.id]?.howCarriedOut ?? ''}
              onChange={(v) => setPart(m.id, 'howCarriedOut', v)}
              errors={byField[`e:${m.id}.howCarriedOut`]}
              required={!notStarted}
              rows={3}
            />
            <TextArea
              label={t.evalEffectLabel}
              name={`measures.${m.id}.effect`}
              value={draft.measures[m.id]?.effect ?? ''}
              onChange={(v) => setPart(m.id, 'effect', v)}
              errors={byField[`e:${m.id}.effect`]}
              required={!notStarted}
              rows={3}
            />
          </fieldset>
        );
      })}
      <TextArea label={t.evalPupilView} help={t.evalPupilViewHelp} name="pupilView" value={draft.pupilView} onChange={set('pupilView')} errors={byField['pupilView']} required rows={3} />
      <TextArea label={t.planParentsView} name="parentsView" value={draft.parentsView} onChange={set('parentsView')} errors={byField['parentsView']} rows={3} />
      <RadioGroup
        label={t.evalSafe}
        help={t.evalSafeHelp}
        name="situationSafe"
        value={draft.situationSafe}
        onChange={setSafe}
        options={[
          { value: 'yes', label: t.yes },
          { value: 'no', label: t.no },
        ]}
        errors={byField['situationSafe']}
        required
      />
      <RadioGroup
        label={t.evalDecision}
        help={draft.situationSafe === 'yes' ? undefined : t.decisionCloseOnlySafe}
        name="decision"
        value={draft.decision}
        onChange={set('decision')}
        options={decisions}
        errors={byField['decision']}
        required
      />
      {draft.decision === 'adjust' && (
        <fieldset className="field group revised-plan">
          <legend>{t.evalRevisedPlan(plan.version + 1)}</legend>
          <p className="hint">{t.evalRevisedPlanHelp}</p>
          {byField['revisedPlan'] && <p className="field-error">{byField['revisedPlan'].join(' ')}</p>}
          <PlanFields draft={revised} onChange={setRevised} byField={planErrors.byField} staff={staff} />
        </fieldset>
      )}
      {draft.decision !== 'close' && (
        <TextField label={t.evalNext} help={t.evalNextHelp} name="nextEvaluationOn" type="date" value={draft.nextEvaluationOn} onChange={set('nextEvaluationOn')} errors={byField['nextEvaluationOn']} required />
      )}
    </SectionForm>
  );
}

function levelPeriod(t: ReturnType<typeof useI18n>['t'], lang: ReturnType<typeof useI18n>['lang'], m: PlanVersionView['measures'][number]): string {
  return `${t.measureFromTo(formatIsoDate(m.start, lang), formatIsoDate(m.end, lang))} · ${m.responsible.map((p) => p.name).join(', ')}`;
}
