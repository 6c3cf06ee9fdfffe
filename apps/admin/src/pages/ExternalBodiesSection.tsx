// Eksterne instanser: PPT, barnevernet, BUP, helsesykepleier, politiet, Statsforvalteren or
// another body involved in the case — who, what they were involved in and why, and when the
// school was in contact. The county governor asks for it in the case file (seeds/002). Entries
// are never changed (the API keeps them append-only): a correction is a new entry.
import { useEffect, useState } from 'react';
import { externalBodyList, externalBodyRecorded, type ExternalBodyView, type FullCaseView } from '@trygg/contracts';
import { useApi } from '../api';
import { Checkbox, ErrorMessage, Loading, Notice, SelectField, TextArea, TextField } from '../components';
import { splitProblems, toProblem, type ApiProblem } from '../errors';
import { formatIsoDate, formatOsloDateTime, toOsloInputValue } from '../format';
import { useI18n } from '../i18n';
import { EXTERNAL_BODY_KIND_KEYS, externalBodyKindLabel } from '../labels';
import { ConcernsOthersTag, SectionForm, useSubmit } from './case-shared';

export const EXTERNAL_BODY_KINDS = Object.keys(EXTERNAL_BODY_KIND_KEYS);

export interface ExternalBodyDraft {
  kind: string;
  name: string;
  involvement: string;
  /** YYYY-MM-DD (the date input's value). */
  contactedOn: string;
  concernsOtherPupils: boolean;
}

export const emptyExternalBody = (): ExternalBodyDraft => ({ kind: '', name: '', involvement: '', contactedOn: '', concernsOtherPupils: false });

/**
 * The body of POST …/external-bodies. Pure (tested): what is empty is left out, so the API names
 * the missing field in its own words; a name is sent for every kind when one is written.
 */
export function externalBodyBody(d: ExternalBodyDraft): Record<string, unknown> {
  const name = d.name.trim();
  return {
    ...(d.kind ? { kind: d.kind } : {}),
    ...(name ? { name } : {}),
    involvement: d.involvement,
    ...(d.contactedOn ? { contactedOn: d.contactedOn } : {}),
    concernsOtherPupils: d.concernsOtherPupils,
  };
}

interface Props {
  kase: FullCaseView;
  /** The principal, the leader the case is delegated to (§ 12-5 about the leadership: the owner). */
  mayLead: boolean;
  onCase: (view: FullCaseView) => void;
}

export function ExternalBodiesSection({ kase, mayLead, onCase }: Props) {
  const { t } = useI18n();
  const api = useApi();
  const [bodies, setBodies] = useState<ExternalBodyView[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(0);
  const path = `/api/cases/${encodeURIComponent(kase.id)}/external-bodies`;

  useEffect(() => {
    const controller = new AbortController();
    setLoadProblem(null);
    api
      .get(path, externalBodyList, { signal: controller.signal })
      .then((list) => setBodies(list.externalBodies))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadProblem(toProblem(error));
      });
    return () => controller.abort();
  }, [api, path, attempt]);

  return (
    <section aria-labelledby="case-external-bodies" id="eksterne-instanser" className="case-section">
      <h2 id="case-external-bodies">{t.extHeading}</h2>
      <p className="hint">{t.extIntro}</p>
      {loadProblem && <ErrorMessage problem={loadProblem} onRetry={() => setAttempt((n) => n + 1)} />}
      {!bodies && !loadProblem && <Loading />}
      {saved > 0 && <Notice key={saved}>{t.extSaved}</Notice>}
      {bodies && <ExternalBodyList bodies={bodies} />}
      {bodies && mayLead && (
        <p>
          <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t.extAdd}
          </button>
        </p>
      )}
      {open && (
        <ExternalBodyForm
          path={path}
          onSaved={(result) => {
            setBodies(result.externalBodies);
            onCase(result.case);
            setOpen(false);
            setSaved((n) => n + 1);
          }}
          onCancel={() => setOpen(false)}
        />
      )}
    </section>
  );
}

function ExternalBodyList({ bodies }: { bodies: ExternalBodyView[] }) {
  const { t, lang } = useI18n();
  if (bodies.length === 0) return <p>{t.extEmpty}</p>;
  return (
    <ol className="record-list">
      {bodies.map((b) => (
        <li key={b.id}>
          <p className="record-head">
            <strong>{b.kind === 'other' && b.name ? b.name : externalBodyKindLabel(t, b.kind)}</strong>
            {b.kind !== 'other' && b.name ? ` (${b.name})` : ''}
            {' · '}
            <time dateTime={b.contactedOn}>{t.extContacted(formatIsoDate(b.contactedOn, lang))}</time>
            <ConcernsOthersTag when={b.concernsOtherPupils} />
          </p>
          <p className="prewrap">{b.involvement}</p>
          <p className="hint">{t.extRecordedBy(b.recordedBy.name, formatOsloDateTime(b.recordedAt, lang))}</p>
        </li>
      ))}
    </ol>
  );
}

type Recorded = ReturnType<typeof externalBodyRecorded.parse>;

function ExternalBodyForm({ path, onSaved, onCancel }: { path: string; onSaved: (result: Recorded) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const { busy, problem, run } = useSubmit();
  const [draft, setDraft] = useState<ExternalBodyDraft>(emptyExternalBody);
  const set = <K extends keyof ExternalBodyDraft>(key: K) => (value: ExternalBodyDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const { byField, other } = splitProblems(problem, ['kind', 'name', 'involvement', 'contactedOn', 'concernsOtherPupils']);
  const submit = async () => {
    const result = await run(() => api.post(path, externalBodyBody(draft), externalBodyRecorded));
    if (result) onSaved(result);
  };
  const kinds = EXTERNAL_BODY_KINDS.map((k) => ({ value: k, label: externalBodyKindLabel(t, k) }));
  const nameRequired = draft.kind === 'other';
  return (
    <SectionForm title={t.extAdd} help={t.extHelp} busy={busy} problem={problem} other={other} submitLabel={t.save} onSubmit={() => void submit()} onCancel={onCancel}>
      <SelectField label={t.extKind} name="kind" value={draft.kind} onChange={set('kind')} placeholder={t.extChooseKind} options={kinds} errors={byField['kind']} required />
      <TextField
        label={nameRequired ? t.extName : `${t.extName} ${t.optional}`}
        help={t.extNameHelp}
        name="name"
        value={draft.name}
        onChange={set('name')}
        errors={byField['name']}
        required={nameRequired}
      />
      <TextArea label={t.extInvolvement} name="involvement" value={draft.involvement} onChange={set('involvement')} errors={byField['involvement']} required rows={4} />
      <TextField
        label={t.extContactedOn}
        help={t.extContactedOnHelp}
        name="contactedOn"
        type="date"
        value={draft.contactedOn}
        onChange={set('contactedOn')}
        errors={byField['contactedOn']}
        required
        max={toOsloInputValue(new Date()).slice(0, 10)}
      />
      <Checkbox
        label={t.invConcernsOthersLabel}
        help={t.invConcernsOthersHelp}
        name="concernsOtherPupils"
        checked={draft.concernsOtherPupils}
        onChange={set('concernsOtherPupils')}
        errors={byField['concernsOtherPupils']}
      />
    </SectionForm>
  );
}
