// Meld bekymring (§ 12-4 "melde frå"): a short form any staff member fills in; the principal is
// told at once. The reporter gets the case number back and sees nothing more of the case.
import { useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { personView, pupilView, reportCreated, schoolView } from '@trygg/contracts';
import { useApi } from '../api';
import { Checkbox, ErrorMessage, Loading, PageHeading, RadioGroup, SelectField, TextArea, TextField } from '../components';
import { splitProblems, toProblem, type ApiProblem } from '../errors';
import { toOsloInputValue } from '../format';
import { useI18n } from '../i18n';
import { CATEGORY_KEYS, categoryLabel, pupilLabel } from '../labels';
import { Link, paths, useTitle } from '../router';
import { useMe } from '../session';

const schoolList = z.object({ items: z.array(schoolView) });
const pupilList = z.object({ items: z.array(pupilView) });
const peopleList = z.object({ items: z.array(personView) });

export interface ReportDraft {
  schoolId: string;
  pupilId: string;
  basis: 'suspicion' | 'knowledge' | '';
  category: string;
  description: string;
  occurredAt: string;
  intervened: 'yes' | 'no' | '';
  intervention: string;
  serious: boolean;
  concernsEmployee: boolean;
  accusedPersonId: string;
}

export const emptyDraft = (schoolId = ''): ReportDraft => ({
  schoolId,
  pupilId: '',
  basis: '',
  category: '',
  description: '',
  occurredAt: '',
  intervened: '',
  intervention: '',
  serious: false,
  concernsEmployee: false,
  accusedPersonId: '',
});

/**
 * The request body for POST /api/reports. Pure (tested). Unanswered questions are left out, so
 * the API names them; fields hidden by an answer (how you intervened, whom it concerns) are not sent.
 */
export function reportBody(d: ReportDraft): Record<string, unknown> {
  return {
    schoolId: d.schoolId,
    ...(d.pupilId ? { pupilId: d.pupilId } : {}),
    ...(d.basis ? { basis: d.basis } : {}),
    ...(d.category ? { category: d.category } : {}),
    description: d.description,
    ...(d.occurredAt ? { occurredAt: d.occurredAt } : {}),
    ...(d.intervened ? { intervened: d.intervened === 'yes' } : {}),
    ...(d.intervened === 'yes' && d.intervention.trim() ? { intervention: d.intervention } : {}),
    serious: d.serious,
    concernsEmployee: d.concernsEmployee,
    ...(d.concernsEmployee && d.accusedPersonId ? { accusedPersonId: d.accusedPersonId } : {}),
  };
}

const FIELDS = ['schoolId', 'pupilId', 'basis', 'category', 'description', 'occurredAt', 'intervened', 'intervention', 'serious', 'concernsEmployee', 'accusedPersonId'];

export function ReportPage() {
  const { t } = useI18n();
  const api = useApi();
  useTitle(t.reportTitle);
  const [schools, setSchools] = useState<z.infer<typeof schoolView>[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [sent, setSent] = useState<{ caseId: string; number: string } | null>(null);
  const [formKey, setFormKey] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoadProblem(null);
    api
      .get('/api/schools', schoolList, { signal: controller.signal })
      .then((list) => setSchools(list.items.filter((s) => s.myRoles.some((r) => r === 'staff' || r === 'leader' || r === 'principal'))))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadProblem(toProblem(error));
      });
    return () => controller.abort();
  }, [api, attempt]);

  if (sent) {
    return (
      <div className="narrow">
        <PageHeading>{t.reportSentTitle}</PageHeading>
        <div className="confirmation" role="status">
          <p>{t.reportSentText(sent.number)}</p>
          <p className="case-number">
            {t.reportSentNumber}: <strong>{sent.number}</strong>
          </p>
        </div>
        <p>
          <Link to={paths.case(sent.caseId)}>{t.reportSeeCase}</Link>
        </p>
        <p>
          <button
            type="button"
            onClick={() => {
              setSent(null);
              setFormKey((k) => k + 1);
            }}
          >
            {t.reportAnother}
          </button>
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <PageHeading>{t.reportTitle}</PageHeading>
      <p>{t.reportIntro}</p>
      {loadProblem && <ErrorMessage problem={loadProblem} onRetry={() => setAttempt((n) => n + 1)} />}
      {!schools && !loadProblem && <Loading />}
      {schools && schools.length === 0 && <p>{t.reportNoSchool}</p>}
      {schools && schools.length > 0 && <ReportForm key={formKey} schools={schools} onSent={setSent} />}
    </div>
  );
}

function ReportForm({ schools, onSent }: { schools: z.infer<typeof schoolView>[]; onSent: (created: { caseId: string; number: string }) => void }) {
  const { t } = useI18n();
  const api = useApi();
  const me = useMe();
  const [draft, setDraft] = useState<ReportDraft>(() => emptyDraft(schools.length === 1 ? schools[0]!.id : ''));
  const set = <K extends keyof ReportDraft>(key: K) => (value: ReportDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const [pupils, setPupils] = useState<{ value: string; label: string }[] | null>(null);
  const [staff, setStaff] = useState<{ value: string; label: string }[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  // The school's pupils and staff, for the two pickers.
  useEffect(() => {
    if (!draft.schoolId) return;
    const controller = new AbortController();
    setPupils(null);
    setStaff(null);
    setLoadProblem(null);
    const base = `/api/schools/${encodeURIComponent(draft.schoolId)}`;
    Promise.all([api.get(`${base}/pupils`, pupilList, { signal: controller.signal }), api.get(`${base}/people`, peopleList, { signal: controller.signal })])
      .then(([p, people]) => {
        setPupils(p.items.map((x) => ({ value: x.id, label: pupilLabel(x) })));
        setStaff(
          people.items
            .filter((x) => x.id !== me.id && x.roles.some((r) => r.schoolId === draft.schoolId && r.role !== 'owner'))
            .map((x) => ({ value: x.id, label: x.name })),
        );
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadProblem(toProblem(error));
      });
    return () => controller.abort();
  }, [api, draft.schoolId, me.id]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onSent(await api.post('/api/reports', reportBody(draft), reportCreated));
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
      // The summary at the top is announced (role=alert); the fields show their own problems.
    }
  };

  // A problem about a field that is not on screen goes to the summary at the top.
  const shown = FIELDS.filter(
    (f) =>
      (f !== 'schoolId' || schools.length > 1) &&
      (f !== 'pupilId' || pupils !== null) &&
      (f !== 'intervention' || draft.intervened === 'yes') &&
      (f !== 'accusedPersonId' || (draft.concernsEmployee && staff !== null)),
  );
  const { byField, other } = splitProblems(problem, shown);
  const categories = Object.keys(CATEGORY_KEYS).map((c) => ({ value: c, label: categoryLabel(t, c) }));

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="report-form">
      {problem && <ErrorMessage problem={problem} other={other} />}
      {schools.length > 1 && (
        <SelectField
          label={t.reportSchool}
          name="schoolId"
          value={draft.schoolId}
          onChange={set('schoolId')}
          placeholder=""
          options={schools.map((s) => ({ value: s.id, label: s.name }))}
          errors={byField['schoolId']}
          required
        />
      )}
      {loadProblem && <ErrorMessage problem={loadProblem} />}
      {draft.schoolId && !pupils && !loadProblem && <Loading />}
      {pupils && (
        <SelectField label={t.reportPupil} name="pupilId" value={draft.pupilId} onChange={set('pupilId')} placeholder={t.reportPupilChoose} options={pupils} errors={byField['pupilId']} required />
      )}
      <RadioGroup
        label={t.reportBasisLegend}
        name="basis"
        value={draft.basis}
        onChange={set('basis')}
        options={[
          { value: 'suspicion', label: t.basisSuspicion, help: t.basisSuspicionHelp },
          { value: 'knowledge', label: t.basisKnowledge, help: t.basisKnowledgeHelp },
        ]}
        errors={byField['basis']}
        required
      />
      <SelectField label={t.reportCategoryLabel} name="category" value={draft.category} onChange={set('category')} placeholder={t.reportCategoryChoose} options={categories} errors={byField['category']} required />
      <TextArea label={t.reportDescriptionLabel} help={t.reportDescriptionHelp} name="description" value={draft.description} onChange={set('description')} errors={byField['description']} required rows={6} />
      <TextField
        label={`${t.reportOccurredAt} ${t.optional}`}
        name="occurredAt"
        type="datetime-local"
        value={draft.occurredAt}
        onChange={set('occurredAt')}
        errors={byField['occurredAt']}
        max={toOsloInputValue(new Date())}
      />
      <RadioGroup
        label={t.reportIntervenedLegend}
        help={t.reportIntervenedHelp}
        name="intervened"
        value={draft.intervened}
        onChange={set('intervened')}
        options={[
          { value: 'yes', label: t.yes },
          { value: 'no', label: t.no },
        ]}
        errors={byField['intervened']}
        required
      />
      {draft.intervened === 'yes' && (
        <TextArea label={t.reportIntervention} name="intervention" value={draft.intervention} onChange={set('intervention')} errors={byField['intervention']} required rows={3} />
      )}
      <Checkbox label={t.reportSeriousLabel} help={t.reportSeriousHelp} name="serious" checked={draft.serious} onChange={set('serious')} errors={byField['serious']} />
      <Checkbox
        label={t.reportEmployeeLabel}
        help={t.reportEmployeeHelp}
        name="concernsEmployee"
        checked={draft.concernsEmployee}
        onChange={set('concernsEmployee')}
        errors={byField['concernsEmployee']}
      />
      {draft.concernsEmployee && staff && (
        <SelectField
          label={t.reportAccused}
          name="accusedPersonId"
          value={draft.accusedPersonId}
          onChange={set('accusedPersonId')}
          placeholder={t.reportAccusedChoose}
          options={staff}
          errors={byField['accusedPersonId']}
          required
        />
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t.sending : t.reportSubmit}
      </button>
    </form>
  );
}
