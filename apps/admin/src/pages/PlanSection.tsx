// Aktivitetsplan (§ 12-4 third paragraph): the current version, every version with the time it
// was made, and "Lag ny versjon" — a plan is never edited in place (seeds/000: "it must be clear
// when each document was made"), so a change is a new version prefilled from the latest. The
// API's problems (every one at once, 422 PLAN_INVALID) are shown next to the input they name.
import { useState, type ReactNode } from 'react';
import { planVersionCreated, type FullCaseView, type PlanVersionView } from '@trygg/contracts';
import { useApi } from '../api';
import { ErrorMessage, Loading, Notice, RadioGroup, SelectField, SlotPicker, TextArea, TextField } from '../components';
import { formatIsoDate, formatOsloDateTime } from '../format';
import { useI18n } from '../i18n';
import { levelLabel } from '../labels';
import type { ApiProblem } from '../errors';
import { SectionForm, useSubmit, type Option } from './case-shared';
import {
  MEASURE_LEVELS,
  draftFromPlan,
  emptyMeasure,
  emptyProposal,
  measureHasErrors,
  planBody,
  planFieldErrors,
  slotErrorsOf,
  type MeasureDraft,
  type PlanDraft,
  type ProposalDraft,
} from './plan-draft';

interface Props {
  kase: FullCaseView;
  plans: PlanVersionView[] | null;
  loadProblem: ApiProblem | null;
  onRetry: () => void;
  mayLead: boolean;
  staff: Option[] | null;
  onPlan: (plan: PlanVersionView, view: FullCaseView) => void;
}

export const PLAN_FORM_ID = 'ny-planversjon';

/** "Versjon 2, laget 6. april 2026 kl. 10.12 av Petra Rektor" */
function VersionLine({ plan }: { plan: PlanVersionView }) {
  const { t, lang } = useI18n();
  return (
    <>
      {t.planVersion(plan.version)}, {t.planMadeAt(formatOsloDateTime(plan.createdAt, lang, { weekday: false }))} {t.planMadeBy(plan.createdBy.name)}
    </>
  );
}

export function PlanSection({ kase, plans, loadProblem, onRetry, mayLead, staff, onPlan }: Props) {
  const { t } = useI18n();
  const [writing, setWriting] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const latest = plans?.at(-1) ?? null;
  const canWrite = mayLead && kase.status !== 'closed' && (latest ? kase.availableActions.includes('revise_plan') : kase.availableActions.includes('create_plan'));
  const earlier = plans ? [...plans].reverse() : [];

  return (
    <section aria-labelledby="case-plan" id="aktivitetsplan" className="case-section">
      <h2 id="case-plan">{t.planHeading}</h2>
      <p className="hint">{t.planIntro}</p>
      {loadProblem && <ErrorMessage problem={loadProblem} onRetry={onRetry} />}
      {!plans && !loadProblem && <Loading />}
      {saved !== null && <Notice key={saved}>{t.planSaved(saved)}</Notice>}
      {plans && !latest && <p>{kase.status === 'reported' || kase.status === 'investigating' ? t.planNoneYet : t.planNone}</p>}
      {latest && (
        <>
          <h3>
            {t.planCurrent}: <VersionLine plan={latest} />
          </h3>
          <div className="current-plan">
            <PlanDetails plan={latest} />
          </div>
        </>
      )}
      {canWrite && !writing && (
        <p>
          <button type="button" className={!latest && kase.investigationConcludedAt ? 'primary' : undefined} onClick={() => setWriting(true)} aria-controls={PLAN_FORM_ID}>
            {latest ? t.planNewVersion : t.planCreate}
          </button>
        </p>
      )}
      {writing && plans && (
        <PlanForm
          kase={kase}
          latest={latest}
          staff={staff}
          onSaved={(plan, view) => {
            setWriting(false);
            setSaved(plan.version);
            onPlan(plan, view);
          }}
          onCancel={() => setWriting(false)}
        />
      )}
      {plans && plans.length > 0 && (
        <>
          <h3>{t.planAllVersions}</h3>
          <p className="hint">{t.planNeverEdited}</p>
          <ul className="versions">
            {earlier.map((p) => (
              <li key={p.id}>
                <details>
                  <summary>
                    <VersionLine plan={p} />
                    {p.id === latest?.id ? ` (${t.planCurrentShort})` : ''}
                  </summary>
                  <PlanDetails plan={p} />
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** One version as it was made: the five parts, the pupil's and the parents' views, the proposals. */
export function PlanDetails({ plan }: { plan: PlanVersionView }) {
  const { t, lang } = useI18n();
  const notChosen = plan.parentProposals.filter((p) => !p.chosen);
  const chosen = plan.parentProposals.filter((p) => p.chosen);
  return (
    <div className="plan">
      {plan.problem !== null && (
        <>
          <h4>{t.planProblem}</h4>
          <p className="prewrap">{plan.problem}</p>
        </>
      )}
      <h4>{t.planMeasures}</h4>
      <div className="table-wrap">
        <table className="measures">
          <caption className="visually-hidden">{t.planMeasuresCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.measureWhat}</th>
              <th scope="col">{t.measureLevel}</th>
              <th scope="col">{t.measurePeriod}</th>
              <th scope="col">{t.measureResponsible}</th>
              <th scope="col">{t.measureEvaluation}</th>
            </tr>
          </thead>
          <tbody>
            {plan.measures.map((m) => (
              <tr key={m.id}>
                <td className="prewrap">{m.description}</td>
                <td>{levelLabel(t, m.level)}</td>
                <td>{t.measureFromTo(formatIsoDate(m.start, lang), formatIsoDate(m.end, lang))}</td>
                <td>{m.responsible.map((p) => p.name).join(', ')}</td>
                <td>{formatIsoDate(m.evaluationDate, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {plan.problem !== null && (
        <dl className="facts">
          <dt>{t.planPupilView}</dt>
          <dd className="prewrap">{plan.pupilView ?? t.notRecorded}</dd>
          <dt>{t.planParentsView}</dt>
          <dd className="prewrap">{plan.parentsView ?? t.notRecorded}</dd>
          {chosen.length > 0 && (
            <>
              <dt>{t.planProposalsChosen}</dt>
              <dd>
                <ul>
                  {chosen.map((p, i) => (
                    <li key={i}>{p.text}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {notChosen.length > 0 && (
            <>
              <dt>{t.planProposalsNotChosen}</dt>
              <dd>
                <ul>
                  {notChosen.map((p, i) => (
                    <li key={i}>
                      {p.text} — <em>{t.planReasonLabel}:</em> {p.reasonNotChosen}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
      )}
    </div>
  );
}

const deadlineMissed = (kase: FullCaseView, kind: string) => kase.deadlines.some((d) => d.kind === kind && d.state === 'missed');

function PlanForm({
  kase,
  latest,
  staff,
  onSaved,
  onCancel,
}: {
  kase: FullCaseView;
  latest: PlanVersionView | null;
  staff: Option[] | null;
  onSaved: (plan: PlanVersionView, view: FullCaseView) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const { busy, problem, run } = useSubmit();
  const [draft, setDraft] = useState<PlanDraft>(() => draftFromPlan(latest));
  const [sent, setSent] = useState<PlanDraft>(draft);
  const [delayReason, setDelayReason] = useState('');
  const { byField, other } = planFieldErrors(problem?.problems ?? [], sent);
  const late = !latest && (deadlineMissed(kase, 'plan') || problem?.reason === 'DELAY_REASON_REQUIRED');
  const submit = async () => {
    setSent(draft);
    const result = await run(() =>
      api.post(
        `/api/cases/${encodeURIComponent(kase.id)}/plans`,
        { ...planBody(draft), ...(late && delayReason.trim() ? { delayReason } : {}) },
        planVersionCreated,
      ),
    );
    if (result) onSaved(result.plan, result.case);
  };
  return (
    <SectionForm
      id={PLAN_FORM_ID}
      title={latest ? t.planNewVersionOf(latest.version + 1) : t.planCreate}
      help={latest ? t.planFormHelpRevision : t.planFormHelp}
      busy={busy}
      problem={problem}
      other={other}
      submitLabel={latest ? t.planSaveVersion : t.planSave}
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <PlanFields draft={draft} onChange={setDraft} byField={byField} staff={staff} />
      {late && <TextArea label={t.delayReason} help={t.planLate} name="delayReason" value={delayReason} onChange={setDelayReason} errors={byField['delayReason']} required />}
    </SectionForm>
  );
}

/** The plan's inputs, for a version on its own and inside an evaluation that adjusts the plan. */
export function PlanFields({
  draft,
  onChange,
  byField,
  staff,
}: {
  draft: PlanDraft;
  onChange: (next: PlanDraft) => void;
  byField: Record<string, string[]>;
  staff: Option[] | null;
}) {
  const { t } = useI18n();
  const setMeasure = (key: string, patch: Partial<MeasureDraft>) => onChange({ ...draft, measures: draft.measures.map((m) => (m.key === key ? { ...m, ...patch } : m)) });
  const setProposal = (key: string, patch: Partial<ProposalDraft>) =>
    onChange({ ...draft, parentProposals: draft.parentProposals.map((p) => (p.key === key ? { ...p, ...patch } : p)) });
  return (
    <>
      <TextArea label={t.planProblem} help={t.planProblemHelp} name="problem" value={draft.problem} onChange={(problem) => onChange({ ...draft, problem })} errors={byField['problem']} required rows={5} />
      <GroupErrors errors={byField['measures']} />
      {draft.measures.map((m, i) => (
        <MeasureFields
          key={m.key}
          index={i}
          measure={m}
          byField={byField}
          staff={staff}
          onChange={(patch) => setMeasure(m.key, patch)}
          onRemove={draft.measures.length > 1 ? () => onChange({ ...draft, measures: draft.measures.filter((x) => x.key !== m.key) }) : undefined}
        />
      ))}
      <p>
        <button type="button" onClick={() => onChange({ ...draft, measures: [...draft.measures, emptyMeasure()] })}>
          {t.planAddMeasure}
        </button>
      </p>
      <TextArea label={t.planPupilView} help={t.planPupilViewHelp} name="pupilView" value={draft.pupilView} onChange={(pupilView) => onChange({ ...draft, pupilView })} errors={byField['pupilView']} />
      <TextArea label={t.planParentsView} name="parentsView" value={draft.parentsView} onChange={(parentsView) => onChange({ ...draft, parentsView })} errors={byField['parentsView']} />
      <fieldset className="field group">
        <legend>{t.planProposals}</legend>
        <p className="hint">{t.planProposalsHelp}</p>
        <GroupErrors errors={byField['parentProposals']} />
        {draft.parentProposals.map((p, i) => (
          <div key={p.key} className="subgroup">
            <GroupErrors errors={byField[`p:${p.key}`]} />
            <TextField label={t.planProposalN(i + 1)} name={`parentProposals[${i}].text`} value={p.text} onChange={(text) => setProposal(p.key, { text })} errors={byField[`p:${p.key}.text`]} required />
            <RadioGroup
              label={t.planProposalChosen}
              name={`parentProposals[${i}].chosen`}
              value={p.chosen}
              onChange={(chosen) => setProposal(p.key, { chosen })}
              options={[
                { value: 'yes', label: t.planProposalYes },
                { value: 'no', label: t.planProposalNo },
              ]}
              errors={byField[`p:${p.key}.chosen`]}
              required
            />
            {p.chosen === 'no' && (
              <TextArea
                label={t.planReasonNotChosen}
                name={`parentProposals[${i}].reasonNotChosen`}
                value={p.reasonNotChosen}
                onChange={(reasonNotChosen) => setProposal(p.key, { reasonNotChosen })}
                errors={byField[`p:${p.key}.reasonNotChosen`]}
                required
                rows={2}
              />
            )}
            <button type="button" className="small" onClick={() => onChange({ ...draft, parentProposals: draft.parentProposals.filter((x) => x.key !== p.key) })}>
              {t.planRemoveProposal(i + 1)}
            </button>
          </div>
        ))}
        <p>
          <button type="button" onClick={() => onChange({ ...draft, parentProposals: [...draft.parentProposals, emptyProposal()] })}>
            {t.planAddProposal}
          </button>
        </p>
      </fieldset>
    </>
  );
}

function GroupErrors({ errors }: { errors: readonly string[] | undefined }): ReactNode {
  if (!errors?.length) return null;
  return <p className="field-error">{errors.join(' ')}</p>;
}

function MeasureFields({
  index,
  measure: m,
  byField,
  staff,
  onChange,
  onRemove,
}: {
  index: number;
  measure: MeasureDraft;
  byField: Record<string, string[]>;
  staff: Option[] | null;
  onChange: (patch: Partial<MeasureDraft>) => void;
  onRemove: (() => void) | undefined;
}) {
  const { t } = useI18n();
  const key = (field: string) => byField[`m:${m.key}.${field}`];
  const name = (field: string) => `measures[${index}].${field}`;
  const levels = MEASURE_LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }));
  return (
    <fieldset className={`field group measure${measureHasErrors(byField, m.key) ? ' measure-error' : ''}`}>
      <legend>
        {t.planMeasureN(index + 1)}
        {m.id ? <span className="hint"> — {t.planCarriedOver}</span> : null}
      </legend>
      <GroupErrors errors={byField[`m:${m.key}`]} />
      <TextArea label={t.measureWhatLabel} help={t.measureWhatHelp} name={name('description')} value={m.description} onChange={(description) => onChange({ description })} errors={key('description')} required rows={3} />
      <SelectField label={t.measureLevel} name={name('level')} value={m.level} onChange={(level) => onChange({ level })} placeholder={t.measureLevelChoose} options={levels} errors={key('level')} required />
      <div className="field-row">
        <TextField label={t.measureStart} name={name('start')} type="date" value={m.start} onChange={(start) => onChange({ start })} errors={key('start')} required />
        <TextField label={t.measureEnd} name={name('end')} type="date" value={m.end} onChange={(end) => onChange({ end })} errors={key('end')} required min={m.start || undefined} />
      </div>
      {staff ? (
        <SlotPicker
          label={t.measureResponsible}
          help={t.measureResponsibleHelp}
          name={name('responsible')}
          slots={m.responsible}
          onChange={(responsible) => onChange({ responsible })}
          options={staff}
          slotLabel={t.measureResponsibleN}
          placeholder={t.chooseStaff}
          addLabel={t.measureAddResponsible}
          removeLabel={t.measureRemoveResponsible}
          errors={key('responsible')}
          slotErrors={slotErrorsOf(byField, m.key)}
          required
        />
      ) : (
        <Loading />
      )}
      <TextField
        label={t.measureEvaluation}
        help={t.measureEvaluationHelp}
        name={name('evaluationDate')}
        type="date"
        value={m.evaluationDate}
        onChange={(evaluationDate) => onChange({ evaluationDate })}
        errors={key('evaluationDate')}
        required
        min={m.start || undefined}
      />
      {onRemove && (
        <button type="button" className="small" onClick={onRemove}>
          {t.planRemoveMeasure(index + 1)}
        </button>
      )}
    </fieldset>
  );
}
