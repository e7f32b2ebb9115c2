import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api';
import { Field } from '../../../fields';
import { useConference } from '../context';
import { CoordinatorPicker } from './CoordinatorPicker';
import { FormMessages } from './FormMessages';
import { PointActions } from './PointActions';
import { PointItem, pointsPath } from './pointsApi';
import { ReadinessForm } from './ReadinessForm';
import { usePointMutation } from './usePointMutation';

const TEXTS = ['name', 'room', 'address', 'meetingLink', 'meetingRoomId'] as const;
type Draft = Record<(typeof TEXTS)[number] | 'capacity', string> & {
  coordinator: { personId: string; fullName: string } | null;
};

const draftOf = (p: PointItem): Draft => ({
  name: p.name,
  room: p.room ?? '',
  address: p.address ?? '',
  meetingLink: p.meetingLink ?? '',
  meetingRoomId: p.meetingRoomId ?? '',
  capacity: p.capacity === null ? '' : String(p.capacity),
  coordinator: p.coordinator,
});

/** Blank clears a field (null); a capacity that is not a number goes as typed, for the API to name its rule. */
function toBody(d: Draft): Record<string, unknown> {
  const body: Record<string, unknown> = { coordinatorPersonId: d.coordinator?.personId ?? null };
  for (const key of TEXTS) body[key] = d[key].trim() || (key === 'name' ? '' : null);
  const capacity = d.capacity.trim();
  body.capacity = capacity === '' ? null : /^\d+$/.test(capacity) ? Number(capacity) : capacity;
  return body;
}

/** A point's description, its coordinator, its connection test and its removal, opened under its row. */
export function PointEditor({ point, onClose }: { point: PointItem; onClose: () => void }) {
  const { t } = useTranslation();
  const conference = useConference();
  const [draft, setDraft] = useState<Draft>(() => draftOf(point));
  const [saved, setSaved] = useState(false);
  const { mutation, fieldError, hasFieldErrors } = usePointMutation(
    (body: Record<string, unknown>) => api<PointItem>('PATCH', `${pointsPath(conference.id)}/${point.id}`, body),
    () => setSaved(true),
  );
  const bind = (key: (typeof TEXTS)[number] | 'capacity') => ({
    name: key,
    value: draft[key],
    onChange: (e: { target: { value: string } }) => {
      setSaved(false);
      setDraft((d) => ({ ...d, [key]: e.target.value }));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(toBody(draft));
  };

  return (
    <div className="point-editor" role="group" aria-label={t('points.editOf', { name: point.name })}>
      <form className="form" onSubmit={submit} noValidate>
        <FormMessages
          error={mutation.error}
          fieldErrors={hasFieldErrors}
          done={saved ? t('points.saved') : undefined}
        />
        <Field label={t('points.name')} error={fieldError('name')}>
          {(props) => <input {...props} {...bind('name')} aria-required="true" />}
        </Field>
        <div className="row">
          <Field label={t('points.room')} error={fieldError('room')}>
            {(props) => <input {...props} {...bind('room')} />}
          </Field>
          <Field label={t('points.capacity')} error={fieldError('capacity')}>
            {(props) => <input {...props} {...bind('capacity')} inputMode="numeric" />}
          </Field>
        </div>
        <Field label={t('points.address')} error={fieldError('address')}>
          {(props) => <input {...props} {...bind('address')} />}
        </Field>
        <div className="row">
          <Field label={t('points.meetingLink')} hint={t('points.meetingLinkHint')} error={fieldError('meetingLink')}>
            {(props) => <input {...props} {...bind('meetingLink')} type="url" inputMode="url" />}
          </Field>
          <Field label={t('points.meetingRoomId')} error={fieldError('meetingRoomId')}>
            {(props) => <input {...props} {...bind('meetingRoomId')} />}
          </Field>
        </div>
        <CoordinatorPicker
          unitId={point.unitId}
          savedId={point.coordinatorPersonId}
          chosen={draft.coordinator}
          error={fieldError('coordinatorPersonId')}
          onChoose={(coordinator) => {
            setSaved(false);
            setDraft((d) => ({ ...d, coordinator }));
          }}
        />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={mutation.isPending}>
            {mutation.isPending ? t('points.saving') : t('points.save')}
          </button>
          <button type="button" className="button-quiet" onClick={onClose}>
            {t('points.cancel')}
          </button>
        </div>
      </form>
      <ReadinessForm point={point} />
      <PointActions point={point} />
    </div>
  );
}
