import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../fields';

/** Above a form: what went wrong as a whole (or "see each field"), or what was done. */
export function FormMessages({ error, fieldErrors, done }: { error: unknown; fieldErrors: boolean; done?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (error)
    return (
      <p className="form-error" role="alert">
        {fieldErrors ? t('points.problems') : errorText(error)}
      </p>
    );
  return done ? (
    <p className="notice" role="status">
      {done}
    </p>
  ) : null;
}
