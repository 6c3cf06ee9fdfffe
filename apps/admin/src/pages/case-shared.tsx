// What the case page's sections share: posting a form and keeping its problem, the school's
// staff for the person pickers, and a way to go to a form from the side panel.
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorMessage } from '../components';
import { toProblem, type ApiProblem, type FieldProblem } from '../errors';
import { useI18n } from '../i18n';

export interface Option {
  value: string;
  label: string;
}

/** Runs one request at a time for a form; keeps the refusal to show it. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const run = useCallback(async <T,>(request: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await request();
      setBusy(false);
      return result;
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
      return undefined;
    }
  }, []);
  return { busy, problem, setProblem, run };
}

/** A form inside a case section: title, help, the refusal with the problems no field shows, buttons. */
export function SectionForm({
  id,
  title,
  help,
  busy,
  problem,
  other,
  submitLabel,
  onSubmit,
  onCancel,
  children,
}: {
  id?: string;
  title: string;
  help?: ReactNode;
  busy: boolean;
  problem: ApiProblem | null;
  other: readonly FieldProblem[];
  submitLabel: string;
  onSubmit: () => void;
  onCancel?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form id={id} className="section-form" onSubmit={submit} noValidate aria-label={title}>
      <h4 tabIndex={-1} className="form-title">
        {title}
      </h4>
      {help && <div className="hint">{help}</div>}
      {problem && <ErrorMessage problem={problem} other={other} />}
      {children}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.sending : submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} disabled={busy}>
            {t.actionCancel}
          </button>
        )}
      </div>
    </form>
  );
}

/** Moves to a form on the page (from the side panel) and puts focus on its title. */
export function goToForm(id: string): void {
  const form = document.getElementById(id);
  if (!form) return;
  form.scrollIntoView({ block: 'start' });
  form.querySelector<HTMLElement>('.form-title')?.focus({ preventScroll: true });
}

/** «Gjelder andre elever»: what the parents' copy of the case file leaves out. */
export function ConcernsOthersTag({ when }: { when: boolean }) {
  const { t } = useI18n();
  if (!when) return null;
  return (
    <>
      {' '}
      <span className="tag tag-others">{t.invConcernsOthers}</span>
    </>
  );
}
