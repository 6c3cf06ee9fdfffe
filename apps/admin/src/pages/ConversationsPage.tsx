// Elevsamtaler (§ 12-4 "følgje med"): every pupil's planned conversation this half-year, who is
// still waiting and who has had it, and a form to record one with the answer to "Har eleven det
// trygt og godt på skolen?". A "nei" files a report to the principal and opens a case in the
// same step (the pupil's own experience decides); the page says so before and shows the new
// case number after. Principals import pupils and contact teachers from the administration
// system's CSV file here. Staff of the school see the pupils' names on the page; the address
// and the title carry the school id and the half-year only.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { conversationList, conversationRecorded, pupilImportResult, schoolView } from '@trygg/contracts';
import { useApi } from '../api';
import { ErrorMessage, Loading, PageHeading, RadioGroup, SelectField, TextArea, TextField } from '../components';
import { splitProblems, toProblem, type ApiProblem } from '../errors';
import { formatIsoDate, formatOsloDate, toOsloInputValue } from '../format';
import { useI18n, type Dictionary } from '../i18n';
import { CATEGORY_KEYS, answerLabel, categoryLabel } from '../labels';
import { Link, navigate, paths, useTitle } from '../router';
import { useSubmit } from './case-shared';

const schoolList = z.object({ items: z.array(schoolView) });
type ConversationList = z.infer<typeof conversationList>;
type Item = ConversationList['items'][number];

// ---- half-years ('2026-spring' = January–July 2026, '2026-autumn' = August–December 2026) ----

export interface Term {
  year: number;
  half: 'spring' | 'autumn';
}

export function parseTerm(id: string | null | undefined): Term | null {
  const m = /^(\d{4})-(spring|autumn)$/.exec(id ?? '');
  return m ? { year: Number(m[1]), half: m[2] as Term['half'] } : null;
}

export const termString = (t: Term) => `${t.year}-${t.half}`;

export const previousTerm = (t: Term): Term => (t.half === 'autumn' ? { year: t.year, half: 'spring' } : { year: t.year - 1, half: 'autumn' });

export const nextTerm = (t: Term): Term => (t.half === 'spring' ? { year: t.year, half: 'autumn' } : { year: t.year + 1, half: 'spring' });

/** The half-years to choose from: the current one (as the API counts it) and the four before it. Pure (tested). */
export function termChoices(current: string, shown: string): string[] {
  const anchor = parseTerm(current) ?? parseTerm(shown);
  if (!anchor) return [shown];
  const out: string[] = [];
  let term = anchor;
  for (let i = 0; i < 5; i++) {
    out.push(termString(term));
    term = previousTerm(term);
  }
  if (!out.includes(shown) && parseTerm(shown)) out.push(shown);
  return out;
}

export const termLabel = (t: Dictionary, id: string) => {
  const term = parseTerm(id);
  return term ? t.termName(term.half === 'spring' ? t.termSpring : t.termAutumn, term.year) : id;
};

/** The body of POST /api/pupils/{id}/conversations. Pure (tested): a category only goes with a "no". */
export function conversationBody(d: { heldAt: string; answer: string; note: string; category: string }): Record<string, unknown> {
  return {
    ...(d.heldAt ? { heldAt: d.heldAt } : {}),
    ...(d.answer ? { answer: d.answer } : {}),
    ...(d.note.trim() ? { note: d.note } : {}),
    ...(d.answer === 'no' && d.category ? { category: d.category } : {}),
  };
}

export function ConversationsPage({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const api = useApi();
  useTitle(t.convTitle);
  const [schools, setSchools] = useState<z.infer<typeof schoolView>[] | null>(null);
  const [schoolsProblem, setSchoolsProblem] = useState<ApiProblem | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api
      .get('/api/schools', schoolList, { signal: controller.signal })
      .then((list) => setSchools(list.items.filter((s) => s.myRoles.some((r) => r === 'staff' || r === 'leader' || r === 'principal'))))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setSchoolsProblem(toProblem(error));
      });
    return () => controller.abort();
  }, [api]);

  const wanted = query.get('skole');
  const school = schools?.find((s) => s.id === wanted) ?? schools?.[0] ?? null;
  const term = parseTerm(query.get('halvar')) ? query.get('halvar')! : null;
  const go = (next: { school?: string; term?: string | null }) => {
    const q = new URLSearchParams();
    const s = next.school ?? school?.id;
    if (s && schools && schools.length > 1) q.set('skole', s);
    const h = next.term === undefined ? term : next.term;
    if (h) q.set('halvar', h);
    navigate(paths.conversations(q), { focus: false });
  };

  return (
    <>
      <PageHeading>{t.convTitle}</PageHeading>
      <p className="narrow">{t.convIntro}</p>
      {schoolsProblem && <ErrorMessage problem={schoolsProblem} />}
      {!schools && !schoolsProblem && <Loading />}
      {schools && schools.length === 0 && <p>{t.convNoSchool}</p>}
      {schools && schools.length > 1 && school && (
        <div className="filters">
          <SelectField label={t.reportSchool} name="skole" value={school.id} onChange={(id) => go({ school: id, term: null })} options={schools.map((s) => ({ value: s.id, label: s.name }))} />
        </div>
      )}
      {school && <SchoolConversations key={school.id} schoolId={school.id} isPrincipal={school.myRoles.includes('principal')} term={term} onTerm={(h) => go({ term: h })} />}
    </>
  );
}

function SchoolConversations({ schoolId, isPrincipal, term, onTerm }: { schoolId: string; isPrincipal: boolean; term: string | null; onTerm: (term: string) => void }) {
  const { t, lang } = useI18n();
  const api = useApi();
  const [list, setList] = useState<ConversationList | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  /** The half-year the API counts as now (learnt from a request without ?term). */
  const [current, setCurrent] = useState<string | null>(null);
  const [recording, setRecording] = useState<Item['pupil'] | null>(null);
  const [recorded, setRecorded] = useState<{ name: string; caseId?: string; caseNumber?: string; n: number } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setProblem(null);
    const q = new URLSearchParams({ status: 'all' });
    if (term) q.set('term', term);
    api
      .get(`/api/schools/${encodeURIComponent(schoolId)}/conversations?${q.toString()}`, conversationList, { signal: controller.signal })
      .then((result) => {
        setList(result);
        if (!term) setCurrent(result.term);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setProblem(toProblem(error));
      });
    return () => controller.abort();
  }, [api, schoolId, term, attempt]);

  const shown = list?.term ?? term ?? '';
  const outstanding = list?.items.filter((i) => i.conversation === null) ?? [];
  const held = list?.items.filter((i) => i.conversation !== null) ?? [];

  return (
    <>
      {problem && <ErrorMessage problem={problem} onRetry={problem.status === 403 ? undefined : () => setAttempt((n) => n + 1)} />}
      {!list && !problem && <Loading />}
      {list && (
        <>
          <div className="filters">
            <SelectField
              label={t.convTerm}
              name="halvar"
              value={shown}
              onChange={onTerm}
              options={termChoices(current ?? shown, shown).map((id) => ({ value: id, label: termLabel(t, id) }))}
            />
          </div>
          <p role="status">
            {t.convCounts(list.counts.pupils, list.counts.held, list.counts.outstanding)} {t.convDue(formatIsoDate(list.dueDate, lang, { weekday: true }))}
          </p>
          {recorded && <Recorded key={recorded.n} {...recorded} />}

          <section aria-labelledby="conv-outstanding">
            <h2 id="conv-outstanding">{t.convOutstanding(outstanding.length)}</h2>
            {outstanding.length === 0 ? (
              <p>{t.convNoneOutstanding}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">{t.convOutstandingCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.convPupil}</th>
                      <th scope="col">{t.convClass}</th>
                      <th scope="col">{t.convBorn}</th>
                      <th scope="col">{t.convContactTeacher}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t.convAction}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {outstanding.map(({ pupil }) => (
                      <tr key={pupil.id}>
                        <th scope="row">
                          {pupil.name}
                          {pupil.heightenedAttention && (
                            <>
                              {' '}
                              <span className="tag tag-attention">{t.convAttention}</span>
                            </>
                          )}
                        </th>
                        <td>{pupil.className ?? '–'}</td>
                        <td>{pupil.birthYear}</td>
                        <td>{pupil.contactTeacher?.name ?? t.none}</td>
                        <td>
                          <button type="button" aria-label={t.convRecordFor(pupil.name)} aria-expanded={recording?.id === pupil.id} onClick={() => setRecording(recording?.id === pupil.id ? null : pupil)}>
                            {t.convRecord}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          {recording && (
            <ConversationForm
              key={recording.id}
              pupil={recording}
              onCancel={() => setRecording(null)}
              onDone={(result) => {
                setRecorded((r) => ({ name: recording.name, ...result, n: (r?.n ?? 0) + 1 }));
                setRecording(null);
                setAttempt((n) => n + 1);
              }}
            />
          )}

          <section aria-labelledby="conv-held">
            <h2 id="conv-held">{t.convHeld(held.length)}</h2>
            {held.length === 0 ? (
              <p>{t.convNoneHeld}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">{t.convHeldCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.convPupil}</th>
                      <th scope="col">{t.convHeldAt}</th>
                      <th scope="col">{t.convHeldBy}</th>
                      <th scope="col">{t.convQuestionShort}</th>
                      <th scope="col">{t.convNote}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {held.map(({ pupil, conversation: c }) => (
                      <tr key={pupil.id} className={c!.answer === 'no' ? 'answer-no' : undefined}>
                        <th scope="row">{pupil.name}</th>
                        <td>{formatOsloDate(c!.heldAt, lang)}</td>
                        <td>{c!.heldByName}</td>
                        <td>
                          <span className={`answer answer-${c!.answer}`}>{answerLabel(t, c!.answer)}</span>
                          {c!.reportId && (
                            <>
                              {' '}
                              <span className="tag tag-serious">{t.convReported}</span>
                            </>
                          )}
                        </td>
                        <td className="prewrap">{c!.note ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
      {isPrincipal && <ImportForm schoolId={schoolId} onImported={() => setAttempt((n) => n + 1)} />}
    </>
  );
}

function Recorded({ name, caseId, caseNumber }: { name: string; caseId?: string; caseNumber?: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className={caseNumber ? 'confirmation case-opened' : 'notice'} role="status" tabIndex={-1} ref={ref}>
      <p>{t.convRecorded(name)}</p>
      {caseNumber && caseId && (
        <>
          <p>{t.convCaseOpened}</p>
          <p className="case-number">
            {t.reportSentNumber}: <strong>{caseNumber}</strong>
          </p>
          <p>
            <Link to={paths.case(caseId)}>{t.reportSeeCase}</Link>
          </p>
        </>
      )}
    </div>
  );
}

function ConversationForm({ pupil, onDone, onCancel }: { pupil: Item['pupil']; onDone: (result: { caseId?: string; caseNumber?: string }) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const { busy, problem, run } = useSubmit();
  const [draft, setDraft] = useState({ heldAt: '', answer: '' as '' | 'yes' | 'no' | 'unsure', note: '', category: '' });
  const set = <K extends keyof typeof draft>(key: K) => (value: (typeof draft)[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const fields = ['heldAt', 'answer', 'note', 'category'];
  const { byField, other } = splitProblems(problem, fields);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run(() => api.post(`/api/pupils/${encodeURIComponent(pupil.id)}/conversations`, conversationBody(draft), conversationRecorded));
    if (result) onDone({ ...(result.caseId ? { caseId: result.caseId } : {}), ...(result.caseNumber ? { caseNumber: result.caseNumber } : {}) });
  };
  const categories = Object.keys(CATEGORY_KEYS).map((c) => ({ value: c, label: categoryLabel(t, c) }));
  return (
    <section aria-labelledby="conv-form" className="panel narrow">
      <h2 id="conv-form" tabIndex={-1} ref={heading}>
        {t.convFormTitle(pupil.name)}
      </h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {problem && <ErrorMessage problem={problem} other={other} />}
        <TextField
          label={`${t.convHeldAtLabel} ${t.optional}`}
          help={t.convHeldAtHelp}
          name="heldAt"
          type="datetime-local"
          value={draft.heldAt}
          onChange={set('heldAt')}
          errors={byField['heldAt']}
          max={toOsloInputValue(new Date())}
        />
        <RadioGroup
          label={t.convQuestion}
          name="answer"
          value={draft.answer}
          onChange={set('answer')}
          options={[
            { value: 'yes', label: t.answerYes },
            { value: 'no', label: t.answerNo },
            { value: 'unsure', label: t.answerUnsure },
          ]}
          errors={byField['answer']}
          required
        />
        {draft.answer === 'no' && (
          <div className="warning" role="note">
            <p>
              <strong>{t.convNoExplainTitle}</strong>
            </p>
            <p>{t.convNoExplain}</p>
          </div>
        )}
        {draft.answer === 'no' && (
          <SelectField
            label={`${t.reportCategoryLabel} ${t.optional}`}
            name="category"
            value={draft.category}
            onChange={set('category')}
            placeholder={t.reportCategoryChoose}
            options={categories}
            errors={byField['category']}
          />
        )}
        {draft.answer === 'unsure' && <p className="hint">{t.convUnsureHint}</p>}
        <TextArea label={`${t.convNote} ${t.optional}`} help={t.convNoteHelp} name="note" value={draft.note} onChange={set('note')} errors={byField['note']} rows={3} />
        <div className="buttons">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.sending : draft.answer === 'no' ? t.convSubmitNo : t.convSubmit}
          </button>
          <button type="button" onClick={onCancel} disabled={busy}>
            {t.actionCancel}
          </button>
        </div>
      </form>
    </section>
  );
}

function ImportForm({ schoolId, onImported }: { schoolId: string; onImported: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const { busy, problem, setProblem, run } = useSubmit();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [result, setResult] = useState<z.infer<typeof pupilImportResult> | null>(null);
  const inputId = 'import-file';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    if (!file) {
      setMissing(true);
      setProblem(null);
      return;
    }
    setMissing(false);
    // The API reads the file's bytes (UTF-8 or Windows-1252) and wants the CSV media type,
    // whatever the browser calls the file (Excel's CSV is often application/vnd.ms-excel or empty).
    const imported = await run(() => api.postFile(`/api/schools/${encodeURIComponent(schoolId)}/pupils/import`, file, 'text/csv', pupilImportResult));
    if (imported) {
      setResult(imported);
      onImported();
    }
  };
  const lineProblems = problem?.problems ?? [];
  const refused = problem !== null && lineProblems.length > 0;
  const errorId = missing ? `${inputId}-error` : undefined;
  return (
    <section aria-labelledby="conv-import" className="panel">
      <h2 id="conv-import">{t.importTitle}</h2>
      <p className="hint">{t.importIntro}</p>
      <details>
        <summary>{t.importColumnsSummary}</summary>
        <p>{t.importColumns}</p>
        <pre className="mail-text">{'Fornavn;Etternavn;Fødselsår;Klasse;Kontaktlærer e-post;Fødselsnummer\nNora;Nilsen;2015;5A;tone.laerer@skole.no;'}</pre>
      </details>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {refused && (
          // The API's summary says the same as these lines; the lines are what the user fixes.
          <div role="alert" className="error-box">
            <p className="error-title">
              <strong>{t.importNothing}</strong> {t.importFix}
            </p>
            <ul className="import-problems">
              {lineProblems.map((p, i) => (
                <li key={`${p.field}-${i}`}>{p.message}</li>
              ))}
            </ul>
          </div>
        )}
        {problem && !refused && <ErrorMessage problem={problem} />}
        {result && (
          <p role="status" className="notice">
            {t.importDone(result.rows, result.created, result.updated, result.unchanged)}
          </p>
        )}
        <div className={`field${missing ? ' has-error' : ''}`}>
          <label htmlFor={inputId}>{t.importFile}</label>
          {missing && (
            <p id={errorId} className="field-error">
              {t.importChooseFile}
            </p>
          )}
          <input
            id={inputId}
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={errorId}
            aria-invalid={missing || undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setMissing(false);
            }}
          />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.sending : t.importSubmit}
        </button>
      </form>
    </section>
  );
}
