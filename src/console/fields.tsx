import { ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, FieldProblem } from './api';

/** The message to show for one API field problem, in the user's language (the API's own text as a last resort). */
export function useProblemText(): (problem: FieldProblem) => string {
  const { t, i18n } = useTranslation();
  return (problem) => {
    const key = `rule.${problem.rule}`;
    return i18n.exists(key) ? t(key) : t('rule.other', { message: problem.message });
  };
}

/** A whole-request error (not tied to a field), in the user's language. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    if (!(error instanceof ApiError)) return t('error.network');
    const key = `error.${error.code}`;
    return i18n.exists(key) ? t(key) : t('error.generic', { code: error.code });
  };
}

/** Problems by field name; `window` problems without a part are shown at `window.to`. */
export function problemsByField(error: unknown): Map<string, FieldProblem> {
  const byField = new Map<string, FieldProblem>();
  if (error instanceof ApiError) for (const p of error.errors) if (!byField.has(p.field)) byField.set(p.field, p);
  return byField;
}

interface FieldProps {
  label: string;
  hint?: string;
  error?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}

/** A label, the control, its hint and — right under it — what the API said is wrong with it. */
export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
