import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError, Conference } from '../../../api';
import { toIsoDate } from '../../../dates';
import { Field, problemsByField, useErrorText, useProblemText } from '../../../fields';

/** Next year's title: the source's with its year moved on by one, as organizers name them. */
const nextTitle = (title: string) => title.replace(/(\d{4})(?!.*\d{4})/, (year) => String(Number(year) + 1));

/** Asks the new title and tentative window, copies, then opens the copy. */
export function CopyDialog({ conference, onClose }: { conference: Conference; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const errorText = useErrorText();
  const [title, setTitle] = useState(nextTitle(conference.title));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const copy = useMutation({
    mutationFn: () =>
      api<Conference>('POST', `/conferences/${encodeURIComponent(conference.id)}/copy`, {
        title,
        window: { from: toIsoDate(from), to: toIsoDate(to), ...(note.trim() ? { note } : {}) },
      }),
    onSuccess: async (created) => {
      onClose();
      await navigate(`/conferences/${created.id}`);
    },
  });
  const problems = problemsByField(copy.error);
  const at = (field: string) => {
    const p = problems.get(field);
    return p ? problemText(p) : undefined;
  };
  const error = copy.error;
  // A changed value is no longer the one the server refused: its message goes until the next try.
  const edit = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    copy.reset();
  };
  const general = error && (!(error instanceof ApiError) || error.errors.length === 0) ? errorText(error) : null;

  return (
    <div className="overlay">
      <div
        className="dialog dialog-wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby="copy-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <h2 id="copy-title">{t('copy.title')}</h2>
        <p className="hint">{t('copy.intro')}</p>
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            copy.mutate();
          }}
        >
          {general && (
            <p className="form-error" role="alert">
              {general}
            </p>
          )}
          <Field label={t('copy.newTitle')} error={at('title')}>
            {(p) => <input {...p} value={title} onChange={edit(setTitle)} autoFocus />}
          </Field>
          <div className="row">
            <Field label={t('copy.windowFrom')} error={at('window.from') ?? at('window')}>
              {(p) => <input {...p} value={from} onChange={edit(setFrom)} inputMode="numeric" />}
            </Field>
            <Field label={t('copy.windowTo')} error={at('window.to')}>
              {(p) => <input {...p} value={to} onChange={edit(setTo)} inputMode="numeric" />}
            </Field>
          </div>
          <Field label={t('copy.windowNote')} error={at('window.note')}>
            {(p) => <input {...p} value={note} onChange={edit(setNote)} />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={copy.isPending}>
              {copy.isPending ? t('copy.submitting') : t('copy.submit')}
            </button>
            <button type="button" className="button-quiet" onClick={onClose}>
              {t('copy.close')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
