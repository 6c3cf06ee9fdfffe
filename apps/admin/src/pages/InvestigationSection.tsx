// Undersøkelse (§ 12-4 "undersøkje" "snarast"): what the school did to find out (conversations
// with the pupil, other pupils, the parents; observations, surveys, sociograms), the findings,
// the child's-best assessment (§ 10-1) and the conclusion. Concluding is refused until the
// pupil has been heard (§ 10-2) and the child's best assessed in this round: the API reads both
// from this record, so the page shows where the record stands instead of asking.
import { useEffect, useState } from 'react';
import { z } from 'zod';
import {
  fullCaseView,
  investigationRecorded,
  pupilView,
  type FullCaseView,
  type InvestigationView,
} from '@trygg/contracts';
import { useApi } from '../api';
import { Checkbox, ErrorMessage, Loading, Notice, RadioGroup, SelectField, SlotPicker, TextArea, TextField, type Slot } from '../components';
import { splitProblems, toProblem, type ApiProblem } from '../errors';
import { formatOsloDateTime, toOsloInputValue } from '../format';
import { useI18n, type Dictionary } from '../i18n';
import { pupilLabel, STEP_KIND_KEYS, stepKindLabel } from '../labels';
import { ConcernsOthersTag, SectionForm, useSubmit, type Option } from './case-shared';

const pupilList = z.object({ items: z.array(pupilView) });

export const STEP_KINDS = Object.keys(STEP_KIND_KEYS);

export interface StepDraft {
  kind: string;
  at: string;
  performedById: string;
  summary: string;
  concernsOtherPupils: boolean;
  otherPupils: Slot[];
}

/** The body of POST …/investigation/steps. Pure (tested): a conversation with other pupils always concerns them. */
export function stepBody(d: StepDraft): Record<string, unknown> {
  const others = d.otherPupils.map((s) => s.value).filter(Boolean);
  const concerns = d.kind === 'other_pupils' || d.concernsOtherPupils;
  return {
    ...(d.kind ? { kind: d.kind } : {}),
    ...(d.at ? { at: d.at } : {}),
    ...(d.performedById ? { performedById: d.performedById } : {}),
    summary: d.summary,
    concernsOtherPupils: concerns,
    ...(concerns && others.length ? { otherPupilIds: others } : {}),
  };
}

interface Props {
  kase: FullCaseView;
  investigation: InvestigationView | null;
  loadProblem: ApiProblem | null;
  onRetry: () => void;
  mayLead: boolean;
  meId: string;
  staff: Option[] | null;
  onInvestigation: (view: InvestigationView) => void;
  onCase: (view: FullCaseView) => void;
  /** The conclusion was recorded: the record (its conclusions) must be read again. */
  onConcluded: () => void;
}

type Open = null | 'step' | 'findings' | 'bestInterest';

export function InvestigationSection(props: Props) {
  const { t } = useI18n();
  const { kase, investigation, loadProblem, onRetry, mayLead } = props;
  const [open, setOpen] = useState<Open>(null);
  const [saved, setSaved] = useState(0);
  const started = kase.status !== 'reported';
  const writable = mayLead && started && kase.status !== 'closed';
  const done = () => {
    setOpen(null);
    setSaved((n) => n + 1);
  };
  const toggle = (which: Exclude<Open, null>) => setOpen(open === which ? null : which);

  return (
    <section aria-labelledby="case-investigation" id="undersokelse" className="case-section">
      <h2 id="case-investigation">{t.invHeading}</h2>
      <p className="hint">{t.invIntro}</p>
      {!started && <p>{t.invNotStarted}</p>}
      {loadProblem && <ErrorMessage problem={loadProblem} onRetry={onRetry} />}
      {!investigation && !loadProblem && started && <Loading />}
      {saved > 0 && <Notice key={saved}>{t.invSaved}</Notice>}
      {investigation && (
        <>
          <RoundStatus investigation={investigation} concluded={kase.investigationConcludedAt !== null} />

          <h3>{t.invStepsHeading}</h3>
          <Steps investigation={investigation} />
          {writable && (
            <p>
              <button type="button" aria-expanded={open === 'step'} onClick={() => toggle('step')}>
                {t.invAddStep}
              </button>
            </p>
          )}
          {open === 'step' && (
            <StepForm {...props} onSaved={(view) => (props.onInvestigation(view.investigation), props.onCase(view.case), done())} onCancel={() => setOpen(null)} />
          )}

          <h3>{t.invFindingsHeading}</h3>
          <TextHistory entries={investigation.findings} empty={t.invFindingsEmpty} />
          {writable && (
            <p>
              <button type="button" aria-expanded={open === 'findings'} onClick={() => toggle('findings')}>
                {investigation.findings.length ? t.invFindingsNew : t.invFindingsWrite}
              </button>
            </p>
          )}
          {open === 'findings' && (
            <TextForm
              {...props}
              path="findings"
              title={t.invFindingsWrite}
              label={t.invFindingsLabel}
              help={t.invFindingsHelp}
              initial={investigation.findings.at(-1)?.text ?? ''}
              onSaved={(view) => (props.onInvestigation(view.investigation), props.onCase(view.case), done())}
              onCancel={() => setOpen(null)}
            />
          )}

          <h3>{t.invBestHeading}</h3>
          <p className="hint">{t.invBestExplain}</p>
          <TextHistory entries={investigation.bestInterest} empty={t.invBestEmpty} />
          {writable && (
            <p>
              <button type="button" aria-expanded={open === 'bestInterest'} onClick={() => toggle('bestInterest')}>
                {investigation.bestInterest.length ? t.invBestNew : t.invBestWrite}
              </button>
            </p>
          )}
          {open === 'bestInterest' && (
            <TextForm
              {...props}
              path="best-interest"
              title={t.invBestWrite}
              label={t.invBestLabel}
              help={t.invBestExplain}
              initial={investigation.bestInterest.at(-1)?.text ?? ''}
              onSaved={(view) => (props.onInvestigation(view.investigation), props.onCase(view.case), done())}
              onCancel={() => setOpen(null)}
            />
          )}

          <h3>{t.invConclusionHeading}</h3>
          <Conclusions investigation={investigation} />
          {mayLead && kase.availableActions.includes('conclude_investigation') && (
            <ConcludeForm kase={kase} investigation={investigation} onDone={(view) => (props.onCase(view), props.onConcluded(), setSaved((n) => n + 1))} />
          )}
        </>
      )}
    </section>
  );
}

/** § 10-2 and § 10-1 in the current round, as the API will read them when concluding. */
function RoundStatus({ investigation, concluded }: { investigation: InvestigationView; concluded: boolean }) {
  const { t } = useI18n();
  if (concluded) return null;
  const item = (ok: boolean, label: string, missing: string) => (
    <li className={ok ? 'check-ok' : 'check-missing'}>
      <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
      <strong>{label}:</strong> {ok ? t.yes : `${t.no}. ${missing}`}
    </li>
  );
  return (
    <ul className="checklist" aria-label={t.invChecklist}>
      {item(investigation.pupilHeard, t.invPupilHeard, t.invPupilHeardMissing)}
      {item(investigation.bestInterestAssessed, t.invBestAssessed, t.invBestAssessedMissing)}
    </ul>
  );
}

function Steps({ investigation }: { investigation: InvestigationView }) {
  const { t, lang } = useI18n();
  if (investigation.steps.length === 0) return <p>{t.invStepsEmpty}</p>;
  return (
    <ol className="record-list">
      {investigation.steps.map((s) => (
        <li key={s.id}>
          <p className="record-head">
            <strong>{stepKindLabel(t, s.kind)}</strong> <time dateTime={s.at}>{formatOsloDateTime(s.at, lang)}</time>
            {' · '}
            {t.invDoneBy(s.performedBy.name)}
            <ConcernsOthersTag when={s.concernsOtherPupils} />
          </p>
          {s.otherPupils.length > 0 && (
            <p className="hint">
              {t.invOtherPupilsNamed}: {s.otherPupils.map((p) => p.name).join(', ')}
            </p>
          )}
          <p className="prewrap">{s.summary}</p>
        </li>
      ))}
    </ol>
  );
}

function TextHistory({ entries, empty }: { entries: InvestigationView['findings']; empty: string }) {
  const { t, lang } = useI18n();
  const latest = entries.at(-1);
  if (!latest) return <p>{empty}</p>;
  const earlier = entries.slice(0, -1).reverse();
  return (
    <div className="record-text">
      <p className="hint">
        {t.invWrittenBy(latest.recordedBy.name, formatOsloDateTime(latest.recordedAt, lang))}
        <ConcernsOthersTag when={latest.concernsOtherPupils} />
      </p>
      <p className="prewrap">{latest.text}</p>
      {earlier.length > 0 && (
        <details>
          <summary>{t.invEarlierTexts(earlier.length)}</summary>
          {earlier.map((e) => (
            <div key={e.id} className="earlier">
              <p className="hint">{t.invWrittenBy(e.recordedBy.name, formatOsloDateTime(e.recordedAt, lang))}</p>
              <p className="prewrap">{e.text}</p>
            </div>
          ))}
        </details>
      )}
    </div>
  );
}

function Conclusions({ investigation }: { investigation: InvestigationView }) {
  const { t, lang } = useI18n();
  if (investigation.conclusions.length === 0) return <p>{t.invConclusionNone}</p>;
  return (
    <ol className="record-list">
      {investigation.conclusions.map((c) => (
        <li key={c.id}>
          <p className="record-head">
            <time dateTime={c.concludedAt}>{formatOsloDateTime(c.concludedAt, lang)}</time> · {t.invDoneBy(c.recordedBy.name)}
          </p>
          <p>
            <strong>{t.measuresNeeded}</strong> {c.measuresNeeded ? t.yes : t.no}
          </p>
          <p className="prewrap">{c.reasoning}</p>
        </li>
      ))}
    </ol>
  );
}

type Recorded = z.infer<typeof investigationRecorded>;

function StepForm({ kase, meId, staff, onSaved, onCancel }: Props & { onSaved: (view: Recorded) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const { busy, problem, run } = useSubmit();
  const [draft, setDraft] = useState<StepDraft>(() => ({
    kind: '',
    at: '',
    performedById: staff?.some((s) => s.value === meId) ? meId : '',
    summary: '',
    concernsOtherPupils: false,
    otherPupils: [],
  }));
  const set = <K extends keyof StepDraft>(key: K) => (value: StepDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const [pupils, setPupils] = useState<Option[] | null>(null);
  const [pupilProblem, setPupilProblem] = useState<ApiProblem | null>(null);
  const concerns = draft.kind === 'other_pupils' || draft.concernsOtherPupils;

  // The school's other pupils, for naming them (only when the step concerns them).
  useEffect(() => {
    if (!concerns || pupils) return;
    const controller = new AbortController();
    api
      .get(`/api/schools/${encodeURIComponent(kase.school.id)}/pupils`, pupilList, { signal: controller.signal })
      .then((list) => setPupils(list.items.filter((p) => p.id !== kase.pupil.id).map((p) => ({ value: p.id, label: pupilLabel(p) }))))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setPupilProblem(toProblem(error));
      });
    return () => controller.abort();
  }, [api, concerns, pupils, kase.school.id, kase.pupil.id]);

  const fields = ['kind', 'at', 'performedById', 'summary', 'concernsOtherPupils', 'otherPupilIds'];
  const { byField, other } = splitProblems(problem, fields);
  const submit = async () => {
    const result = await run(() => api.post(`/api/cases/${encodeURIComponent(kase.id)}/investigation/steps`, stepBody(draft), investigationRecorded));
    if (result) onSaved(result);
  };
  const kinds = STEP_KINDS.map((k) => ({ value: k, label: stepKindLabel(t, k) }));
  return (
    <SectionForm title={t.invAddStep} help={t.invStepHelp} busy={busy} problem={problem} other={other} submitLabel={t.save} onSubmit={() => void submit()} onCancel={onCancel}>
      <RadioGroup label={t.invStepKind} name="kind" value={draft.kind} onChange={set('kind')} options={kinds} errors={byField['kind']} required />
      <TextField
        label={`${t.invStepAt} ${t.optional}`}
        help={t.invStepAtHelp}
        name="at"
        type="datetime-local"
        value={draft.at}
        onChange={set('at')}
        errors={byField['at']}
        max={toOsloInputValue(new Date())}
      />
      {staff ? (
        <SelectField
          label={t.invStepWho}
          name="performedById"
          value={draft.performedById}
          onChange={set('performedById')}
          placeholder={t.chooseStaff}
          options={staff}
          errors={byField['performedById']}
          required
        />
      ) : (
        <Loading />
      )}
      <TextArea label={t.invStepSummary} help={t.invStepSummaryHelp} name="summary" value={draft.summary} onChange={set('summary')} errors={byField['summary']} required rows={5} />
      {draft.kind === 'other_pupils' ? (
        <p className="hint">{t.invOthersAlways}</p>
      ) : (
        <Checkbox
          label={t.invConcernsOthersLabel}
          help={t.invConcernsOthersHelp}
          name="concernsOtherPupils"
          checked={draft.concernsOtherPupils}
          onChange={set('concernsOtherPupils')}
          errors={byField['concernsOtherPupils']}
        />
      )}
      {concerns && pupilProblem && <ErrorMessage problem={pupilProblem} />}
      {concerns && pupils && (
        <SlotPicker
          label={`${t.invOtherPupils} ${t.optional}`}
          help={t.invOtherPupilsHelp}
          name="otherPupilIds"
          slots={draft.otherPupils}
          onChange={set('otherPupils')}
          options={pupils}
          slotLabel={t.invOtherPupilN}
          placeholder={t.choosePupil}
          addLabel={t.invAddOtherPupil}
          removeLabel={t.invRemoveOtherPupil}
          errors={byField['otherPupilIds']}
        />
      )}
    </SectionForm>
  );
}

function TextForm({
  kase,
  path,
  title,
  label,
  help,
  initial,
  onSaved,
  onCancel,
}: Props & { path: 'findings' | 'best-interest'; title: string; label: string; help: string; initial: string; onSaved: (view: Recorded) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const { busy, problem, run } = useSubmit();
  const [text, setText] = useState(initial);
  const [others, setOthers] = useState(false);
  const { byField, other } = splitProblems(problem, ['text', 'concernsOtherPupils']);
  const submit = async () => {
    const result = await run(() =>
      api.post(`/api/cases/${encodeURIComponent(kase.id)}/investigation/${path}`, { text, concernsOtherPupils: others }, investigationRecorded),
    );
    if (result) onSaved(result);
  };
  return (
    <SectionForm title={title} help={initial ? t.invTextKeepsOld : undefined} busy={busy} problem={problem} other={other} submitLabel={t.save} onSubmit={() => void submit()} onCancel={onCancel}>
      <TextArea label={label} help={help} name="text" value={text} onChange={setText} errors={byField['text']} required rows={6} />
      <Checkbox
        label={t.invConcernsOthersLabel}
        help={t.invConcernsOthersHelp}
        name="concernsOtherPupils"
        checked={others}
        onChange={setOthers}
        errors={byField['concernsOtherPupils']}
      />
    </SectionForm>
  );
}

/** The deadline of this step has passed (the API asks for a written reason then). */
const deadlineMissed = (kase: FullCaseView, kind: string) => kase.deadlines.some((d) => d.kind === kind && d.state === 'missed');

export const CONCLUDE_FORM_ID = 'avslutt-undersokelsen';

/** What concluding needs from the record that is still missing, in the user's words. */
export function concludeBlockers(t: Dictionary, investigation: Pick<InvestigationView, 'pupilHeard' | 'bestInterestAssessed'>): string[] {
  return [...(investigation.pupilHeard ? [] : [t.invConcludeNeedsPupil]), ...(investigation.bestInterestAssessed ? [] : [t.invConcludeNeedsBest])];
}

function ConcludeForm({ kase, investigation, onDone }: { kase: FullCaseView; investigation: InvestigationView; onDone: (view: FullCaseView) => void }) {
  const { t } = useI18n();
  const api = useApi();
  const { busy, problem, setProblem, run } = useSubmit();
  // A refusal because the record lacked something is stale once the record changes.
  useEffect(() => {
    setProblem((p) => (p?.reason === 'PUPIL_NOT_HEARD' || p?.reason === 'BEST_INTEREST_NOT_ASSESSED' ? null : p));
  }, [investigation, setProblem]);
  const [conclusion, setConclusion] = useState('');
  const [measuresNeeded, setMeasuresNeeded] = useState<'yes' | 'no' | ''>('');
  const [delayReason, setDelayReason] = useState('');
  const fields = ['conclusion', 'measuresNeeded', 'delayReason', 'at'];
  const { byField, other } = splitProblems(problem, fields);
  const late = deadlineMissed(kase, 'investigation_conclude') || problem?.reason === 'DELAY_REASON_REQUIRED';
  const blockers = concludeBlockers(t, investigation);
  const submit = async () => {
    const view = await run(() =>
      api.post(
        `/api/cases/${encodeURIComponent(kase.id)}/conclude-investigation`,
        {
          conclusion,
          ...(measuresNeeded ? { measuresNeeded: measuresNeeded === 'yes' } : {}),
          ...(delayReason.trim() ? { delayReason } : {}),
        },
        fullCaseView,
      ),
    );
    if (view) onDone(view);
  };
  return (
    <SectionForm
      id={CONCLUDE_FORM_ID}
      title={t.actionConclude}
      help={
        <>
          <p>{t.invConcludeHelp}</p>
          {blockers.length > 0 && (
            <div className="warning">
              <p>
                <strong>{t.invConcludeRefusedWhen}</strong>
              </p>
              <ul>
                {blockers.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      }
      busy={busy}
      problem={problem}
      other={other}
      submitLabel={t.actionConclude}
      onSubmit={() => void submit()}
    >
      <RadioGroup
        label={t.measuresNeeded}
        name="measuresNeeded"
        value={measuresNeeded}
        onChange={setMeasuresNeeded}
        options={[
          { value: 'yes', label: t.yes },
          { value: 'no', label: t.no },
        ]}
        errors={byField['measuresNeeded']}
        required
      />
      <TextArea label={t.invConclusionWhy} help={t.invConclusionWhyHelp} name="conclusion" value={conclusion} onChange={setConclusion} errors={byField['conclusion']} required />
      {late && <TextArea label={t.delayReason} help={t.actionConcludeLate} name="delayReason" value={delayReason} onChange={setDelayReason} errors={byField['delayReason']} required />}
    </SectionForm>
  );
}
