import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, Conference } from '../../../api';
import { Field, problemsByField, useErrorText, useProblemText } from '../../../fields';
import { toIsoDate } from '../../../dates';
import { instantIn } from '../../../format';
import { PreviewSummary } from './PreviewSummary';
import { ActionPreview, DialogKind, ENDPOINT } from './types';
import { zonedInstant } from './zoned';

interface Props {
  kind: DialogKind;
  conference: Conference;
  onClose: () => void;
}

/** The form, then "Xem trước" (the server's preview of the effect), and only then "Xác nhận". */
export function ActionDialog({ kind, conference, onClose }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const problemText = useProblemText();
  const errorText = useErrorText();
  const timed = kind === 'schedule' || kind === 'move';
  const start = conference.startsAt ? instantIn(conference.startsAt, conference.timeZone) : null;
  const end = conference.endsAt ? instantIn(conference.endsAt, conference.timeZone) : null;
  const [date, setDate] = useState(start?.date ?? '');
  const [from, setFrom] = useState(start?.time ?? '');
  const [until, setUntil] = useState(end?.time ?? '');
  const [reason, setReason] = useState('');
  // A postponement may name the new tentative window, when one is known.
  const [windowFrom, setWindowFrom] = useState('');
  const [windowTo, setWindowTo] = useState('');
  const [preview, setPreview] = useState<ActionPreview | null>(null);

  const body = () =>
    timed
      ? {
          startsAt: zonedInstant(date, from, conference.timeZone),
          endsAt: zonedInstant(date, until, conference.timeZone),
          ...(reason.trim() ? { reason } : {}),
        }
      : kind === 'postpone' && (windowFrom.trim() || windowTo.trim())
        ? { reason, window: { from: toIsoDate(windowFrom || windowTo), to: toIsoDate(windowTo || windowFrom) } }
        : { reason };
  const path = `/conferences/${encodeURIComponent(conference.id)}/${ENDPOINT[kind]}`;
  const look = useMutation({
    mutationFn: () => api<ActionPreview>('POST', `${path}/preview`, body()),
    onSuccess: setPreview,
  });
  const confirm = useMutation({
    mutationFn: () => api<Conference>('POST', path, body()),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['conference', conference.id] });
      await client.invalidateQueries({ queryKey: ['conference-actions', conference.id] });
      onClose();
    },
  });
  const error = confirm.error ?? look.error;
  const problems = problemsByField(error);
  const at = (field: string) => {
    const p = problems.get(field);
    return p ? problemText(p) : undefined;
  };
  const general = error && (!(error instanceof ApiError) || error.errors.length === 0) ? errorText(error) : null;
  const edit = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    setPreview(null);
  };

  return (
    <div className="overlay">
      <div
        className="dialog dialog-wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby="action-title"
        onKeyDown={(e) => {
          // Escape closes without doing anything, as the Đóng button does.
          if (e.key === 'Escape') onClose();
        }}
      >
        <h2 id="action-title">{t(`actions.title.${kind}`)}</h2>
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (preview) confirm.mutate();
            else look.mutate();
          }}
        >
          {general && (
            <p className="form-error" role="alert">
              {general}
            </p>
          )}
          {timed && (
            <>
              <p className="hint">{t('actions.zoneHint', { zone: conference.timeZone })}</p>
              <Field label={t('actions.date')} error={at('startsAt')}>
                {(p) => <input {...p} value={date} onChange={edit(setDate)} inputMode="numeric" autoFocus />}
              </Field>
              <div className="row">
                <Field label={t('actions.start')}>
                  {(p) => <input {...p} value={from} onChange={edit(setFrom)} inputMode="numeric" />}
                </Field>
                <Field label={t('actions.end')} error={at('endsAt')}>
                  {(p) => <input {...p} value={until} onChange={edit(setUntil)} inputMode="numeric" />}
                </Field>
              </div>
            </>
          )}
          <Field label={timed ? t('actions.reasonOptional') : t('actions.reason')} error={at('reason')}>
            {(p) => <textarea {...p} rows={2} value={reason} onChange={edit(setReason)} autoFocus={!timed} />}
          </Field>
          {kind === 'postpone' && <p className="hint">{t('actions.windowHint')}</p>}
          {kind === 'postpone' && (
            <div className="row">
              <Field label={t('actions.windowFrom')} error={at('window.from')}>
                {(p) => <input {...p} value={windowFrom} onChange={edit(setWindowFrom)} inputMode="numeric" />}
              </Field>
              <Field label={t('actions.windowTo')} error={at('window.to') ?? at('window')}>
                {(p) => <input {...p} value={windowTo} onChange={edit(setWindowTo)} inputMode="numeric" />}
              </Field>
            </div>
          )}
          {preview && <PreviewSummary preview={preview} zone={conference.timeZone} />}
          <div className="form-actions">
            {preview ? (
              <>
                <button type="submit" className="button-primary" disabled={confirm.isPending || !preview.changes}>
                  {confirm.isPending ? t('actions.confirming') : t('actions.confirm')}
                </button>
                <button type="button" className="button-secondary" onClick={() => setPreview(null)}>
                  {t('actions.edit')}
                </button>
              </>
            ) : (
              <button type="submit" className="button-primary" disabled={look.isPending}>
                {look.isPending ? t('actions.previewing') : t('actions.preview')}
              </button>
            )}
            <button type="button" className="button-quiet" onClick={onClose}>
              {t('actions.close')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
