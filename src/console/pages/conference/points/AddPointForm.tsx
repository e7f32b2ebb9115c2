import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api';
import { Field } from '../../../fields';
import { useConference } from '../context';
import { FormMessages } from './FormMessages';
import { ParentSelect } from './ParentSelect';
import { PointItem, pointsPath } from './pointsApi';
import { usePointMutation } from './usePointMutation';

/** One point by hand: the host point, or a remote point under a chosen parent. */
export function AddPointForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const conference = useConference();
  const [name, setName] = useState('');
  const [host, setHost] = useState(false);
  const [parent, setParent] = useState('');
  const [room, setRoom] = useState('');
  const [address, setAddress] = useState('');
  const [added, setAdded] = useState<string>();
  const { mutation, fieldError, hasFieldErrors } = usePointMutation(
    (body: Record<string, unknown>) => api<PointItem>('POST', pointsPath(conference.id), body),
    (point) => (setAdded(point.name), setName(''), setHost(false)),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(undefined);
    mutation.mutate({
      name,
      role: host ? 'host' : 'remote',
      parentId: host || parent === '' ? undefined : parent === 'top' ? null : parent,
      room: room.trim() || undefined,
      address: address.trim() || undefined,
    });
  };

  return (
    <form className="form form-wide points-panel" onSubmit={submit} noValidate aria-labelledby="point-one-title">
      <h3 id="point-one-title">{t('points.oneTitle')}</h3>
      <FormMessages
        error={mutation.error}
        fieldErrors={hasFieldErrors}
        done={added ? t('points.oneDone', { name: added }) : undefined}
      />
      <Field label={t('points.name')} error={fieldError('name')}>
        {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} aria-required="true" />}
      </Field>
      <label className="check">
        <input type="checkbox" checked={host} onChange={(e) => setHost(e.target.checked)} />
        {t('points.isHost')}
      </label>
      {!host && <ParentSelect value={parent} onChange={setParent} error={fieldError('parentId')} />}
      <div className="row">
        <Field label={t('points.room')} error={fieldError('room')}>
          {(props) => <input {...props} value={room} onChange={(e) => setRoom(e.target.value)} />}
        </Field>
        <Field label={t('points.address')} error={fieldError('address')}>
          {(props) => <input {...props} value={address} onChange={(e) => setAddress(e.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={mutation.isPending}>
          {t('points.oneSubmit')}
        </button>
        <button type="button" className="button-quiet" onClick={onClose}>
          {t('points.cancel')}
        </button>
      </div>
    </form>
  );
}
