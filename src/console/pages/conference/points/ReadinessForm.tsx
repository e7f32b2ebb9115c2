import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api';
import { Field } from '../../../fields';
import { instantIn } from '../../../format';
import { useConference } from '../context';
import { FormMessages } from './FormMessages';
import { PointItem, pointsPath, READINESS, Readiness } from './pointsApi';
import { usePointMutation } from './usePointMutation';
import { zonedInstant } from './zonedTime';

/** The connection test: scheduled at a time (in the conference's zone), passed, or failed with a note. */
export function ReadinessForm({ point }: { point: PointItem }) {
  const { t } = useTranslation();
  const conference = useConference();
  const at = point.readiness.testAt ? instantIn(point.readiness.testAt, conference.timeZone) : null;
  const [status, setStatus] = useState<Readiness>(point.readiness.status);
  const [date, setDate] = useState(at?.date ?? '');
  const [time, setTime] = useState(at?.time ?? '');
  const [note, setNote] = useState(point.readiness.note ?? '');
  const [done, setDone] = useState<Readiness | null>(null);
  const { mutation, fieldError, hasFieldErrors } = usePointMutationFor(point, setDone);
  const timed = status !== 'untested';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = date.trim() || time.trim();
    mutation.mutate({
      status,
      testAt: timed && typed ? zonedInstant(date, time, conference.timeZone) : undefined,
      note: note.trim() || undefined,
    });
  };
  return (
    <form className="form point-readiness" onSubmit={submit} noValidate>
      <h3>{t('points.readinessTitle')}</h3>
      <FormMessages
        error={mutation.error}
        fieldErrors={hasFieldErrors}
        done={done ? t('points.readinessSaved', { status: t(`points.ready.${done}`) }) : undefined}
      />
      <Field label={t('points.readinessStatus')} error={fieldError('status')}>
        {(props) => (
          <select {...props} value={status} onChange={(e) => (setDone(null), setStatus(e.target.value as Readiness))}>
            {READINESS.map((s) => (
              <option key={s} value={s}>
                {t(`points.ready.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {timed && (
        <div className="row">
          <Field
            label={t('points.testDate')}
            hint={t('points.testHint', { zone: conference.timeZone })}
            error={fieldError('testAt')}
          >
            {(props) => <input {...props} value={date} onChange={(e) => setDate(e.target.value)} inputMode="numeric" />}
          </Field>
          <Field label={t('points.testTime')} hint="HH:mm">
            {(props) => <input {...props} value={time} onChange={(e) => setTime(e.target.value)} inputMode="numeric" />}
          </Field>
        </div>
      )}
      <Field label={t('points.note')} hint={t('points.noteHint')} error={fieldError('note')}>
        {(props) => <textarea {...props} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button-secondary" disabled={mutation.isPending}>
          {t('points.readinessSubmit')}
        </button>
      </div>
    </form>
  );
}

function usePointMutationFor(point: PointItem, setDone: (status: Readiness) => void) {
  const conference = useConference();
  return usePointMutation(
    (body: { status: Readiness; testAt?: string; note?: string }) =>
      api<PointItem>('PUT', `${pointsPath(conference.id)}/${point.id}/readiness`, body),
    (result) => setDone(result.readiness.status),
  );
}
