// The few building blocks every page uses: the page heading, loading and error messages, and
// form fields that carry their label, help text and the API's problems (aria-describedby).
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { describeProblem, type ApiProblem, type FieldProblem } from './errors';
import { useI18n } from './i18n';
import { hasNavigatedInApp } from './router';

/** The page's h1. After in-app navigation it takes focus, so screen readers announce the page. */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (hasNavigatedInApp()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p role="status" className="loading">
      {label ?? t.loading}
    </p>
  );
}

/**
 * The API's message, the problems that name no field of the form, and the request id for
 * support. role="alert": announced at once, since the user just acted.
 */
export function ErrorMessage({ problem, other = problem.problems, onRetry }: { problem: ApiProblem; other?: readonly FieldProblem[]; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="error-box">
      <p className="error-title">
        <strong>{problem.status >= 400 && problem.status < 500 ? t.errorRefused : t.errorHeading}:</strong> {describeProblem(problem, t)}
      </p>
      {other.length > 0 && (
        <ul>
          {other.map((p, i) => (
            <li key={`${p.field}-${i}`}>{p.message}</li>
          ))}
        </ul>
      )}
      {/* The request id helps support find a failure on our side; a refusal needs none. */}
      {problem.requestId && problem.status >= 500 && <p className="hint">{t.errorRequestId(problem.requestId)}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}

interface FieldShell {
  label: ReactNode;
  help?: ReactNode;
  errors?: readonly string[] | undefined;
  required?: boolean;
}

/** Ids and ARIA for a control with help text and errors. */
function useFieldIds(errors: readonly string[] | undefined, help: ReactNode) {
  const id = useId();
  const helpId = help ? `${id}-help` : undefined;
  const errorId = errors && errors.length ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  return { id, helpId, errorId, aria: { 'aria-describedby': describedBy, 'aria-invalid': errorId ? (true as const) : undefined } };
}

function FieldErrors({ id, errors }: { id: string | undefined; errors: readonly string[] | undefined }) {
  if (!id || !errors?.length) return null;
  return (
    <p id={id} className="field-error">
      {errors.join(' ')}
    </p>
  );
}

function LabelText({ label, required }: { label: ReactNode; required?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {label}
      {required ? <span className="required"> {t.required}</span> : null}
    </>
  );
}

export function TextField({
  label,
  help,
  errors,
  required,
  value,
  onChange,
  type = 'text',
  name,
  autoComplete,
  max,
  min,
}: FieldShell & {
  value: string;
  onChange: (v: string) => void;
  type?: 'text' | 'email' | 'datetime-local' | 'date';
  name: string;
  autoComplete?: string;
  max?: string;
  min?: string;
}) {
  const f = useFieldIds(errors, help);
  return (
    <div className={`field${f.errorId ? ' has-error' : ''}`}>
      <label htmlFor={f.id}>
        <LabelText label={label} required={required} />
      </label>
      {help && (
        <p id={f.helpId} className="hint">
          {help}
        </p>
      )}
      <FieldErrors id={f.errorId} errors={errors} />
      <input
        id={f.id}
        name={name}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-required={required || undefined}
        autoComplete={autoComplete}
        max={max}
        min={min}
        {...f.aria}
      />
    </div>
  );
}

export function TextArea({ label, help, errors, required, value, onChange, name, rows = 4 }: FieldShell & { value: string; onChange: (v: string) => void; name: string; rows?: number }) {
  const f = useFieldIds(errors, help);
  return (
    <div className={`field${f.errorId ? ' has-error' : ''}`}>
      <label htmlFor={f.id}>
        <LabelText label={label} required={required} />
      </label>
      {help && (
        <p id={f.helpId} className="hint">
          {help}
        </p>
      )}
      <FieldErrors id={f.errorId} errors={errors} />
      <textarea id={f.id} name={name} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} aria-required={required || undefined} {...f.aria} />
    </div>
  );
}

export function SelectField({
  label,
  help,
  errors,
  required,
  value,
  onChange,
  name,
  placeholder,
  options,
}: FieldShell & { value: string; onChange: (v: string) => void; name: string; placeholder?: string; options: readonly { value: string; label: string }[] }) {
  const f = useFieldIds(errors, help);
  return (
    <div className={`field${f.errorId ? ' has-error' : ''}`}>
      <label htmlFor={f.id}>
        <LabelText label={label} required={required} />
      </label>
      {help && (
        <p id={f.helpId} className="hint">
          {help}
        </p>
      )}
      <FieldErrors id={f.errorId} errors={errors} />
      <select id={f.id} name={name} value={value} onChange={(e) => onChange(e.target.value)} aria-required={required || undefined} {...f.aria}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkbox({ label, help, errors, checked, onChange, name }: FieldShell & { checked: boolean; onChange: (v: boolean) => void; name: string }) {
  const f = useFieldIds(errors, help);
  return (
    <div className={`field checkbox${f.errorId ? ' has-error' : ''}`}>
      <FieldErrors id={f.errorId} errors={errors} />
      <input id={f.id} name={name} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} {...f.aria} />
      <label htmlFor={f.id}>{label}</label>
      {help && (
        <p id={f.helpId} className="hint">
          {help}
        </p>
      )}
    </div>
  );
}

/** A group of radio buttons in a fieldset; the legend is the question. */
export function RadioGroup<V extends string>({
  label,
  help,
  errors,
  required,
  value,
  onChange,
  name,
  options,
}: FieldShell & { value: V | ''; onChange: (v: V) => void; name: string; options: readonly { value: V; label: string; help?: string }[] }) {
  const f = useFieldIds(errors, help);
  return (
    <fieldset className={`field radios${f.errorId ? ' has-error' : ''}`} aria-describedby={f.aria['aria-describedby']}>
      <legend>
        <LabelText label={label} required={required} />
      </legend>
      {help && (
        <p id={f.helpId} className="hint">
          {help}
        </p>
      )}
      <FieldErrors id={f.errorId} errors={errors} />
      {options.map((o) => (
        <div className="radio" key={o.value}>
          <input id={`${f.id}-${o.value}`} type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <label htmlFor={`${f.id}-${o.value}`}>
            {o.label}
            {o.help && <span className="hint block">{o.help}</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * A short line confirming that an action succeeded. It takes focus (the form that had it is
 * gone) and is a status region, so screen readers read it.
 */
export function Notice({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <p role="status" className="notice" tabIndex={-1} ref={ref}>
      {children}
    </p>
  );
}

/** One choice in a SlotPicker: a stable key (React, error mapping) and the chosen value. */
export interface Slot {
  key: string;
  value: string;
}

let slotCounter = 0;
/** A key no other slot, measure or proposal on the page has. */
export const newKey = (prefix = 'k') => `${prefix}${++slotCounter}`;

/**
 * Several people chosen from a list (the staff who carry out a measure, the other pupils a step
 * names): one labelled select per person, a button to add one and a button to remove each.
 * A select left at the placeholder counts as no choice. Problems can name the group or a slot.
 */
export function SlotPicker({
  label,
  help,
  errors,
  required,
  name,
  slots,
  onChange,
  options,
  slotLabel,
  placeholder,
  addLabel,
  removeLabel,
  slotErrors = {},
}: FieldShell & {
  name: string;
  slots: readonly Slot[];
  onChange: (slots: Slot[]) => void;
  options: readonly { value: string; label: string }[];
  slotLabel: (n: number) => string;
  placeholder: string;
  addLabel: string;
  removeLabel: (n: number) => string;
  slotErrors?: Record<string, readonly string[] | undefined>;
}) {
  const f = useFieldIds(errors, help);
  const set = (key: string, value: string) => onChange(slots.map((s) => (s.key === key ? { ...s, value } : s)));
  return (
    <fieldset className={`field slots${f.errorId ? ' has-error' : ''}`} aria-describedby={f.aria['aria-describedby']}>
      <legend>
        <LabelText label={label} required={required} />
      </legend>
      {help && (
        <p id={f.helpId} className="hint">
          {help}
        </p>
      )}
      <FieldErrors id={f.errorId} errors={errors} />
      {slots.map((slot, i) => (
        <SlotRow
          key={slot.key}
          name={`${name}[${i}]`}
          label={slotLabel(i + 1)}
          value={slot.value}
          onChange={(v) => set(slot.key, v)}
          options={options}
          placeholder={placeholder}
          removeLabel={removeLabel(i + 1)}
          onRemove={() => onChange(slots.filter((s) => s.key !== slot.key))}
          errors={slotErrors[slot.key]}
        />
      ))}
      <button type="button" className="small" onClick={() => onChange([...slots, { key: newKey('s'), value: '' }])}>
        {addLabel}
      </button>
    </fieldset>
  );
}

function SlotRow({
  name,
  label,
  value,
  onChange,
  options,
  placeholder,
  removeLabel,
  onRemove,
  errors,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: readonly { value: string; label: string }[];
  placeholder: string;
  removeLabel: string;
  onRemove: () => void;
  errors: readonly string[] | undefined;
}) {
  const { t } = useI18n();
  const f = useFieldIds(errors, undefined);
  // A chosen person who is no longer in the list (left the school) still shows, by id.
  const known = value === '' || options.some((o) => o.value === value);
  return (
    <div className={`slot${f.errorId ? ' has-error' : ''}`}>
      <label htmlFor={f.id}>{label}</label>
      <FieldErrors id={f.errorId} errors={errors} />
      <div className="slot-row">
        <select id={f.id} name={name} value={value} onChange={(e) => onChange(e.target.value)} {...f.aria}>
          <option value="">{placeholder}</option>
          {!known && <option value={value}>{t.unknownChoice}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <button type="button" className="small" onClick={onRemove} aria-label={removeLabel}>
          {t.remove}
        </button>
      </div>
    </div>
  );
}
