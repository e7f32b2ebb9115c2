import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api';
import { useConference } from '../context';
import { FormMessages } from './FormMessages';
import { PointItem, pointsPath } from './pointsApi';
import { usePointMutation } from './usePointMutation';

interface LinkAnswer {
  mailedTo: string | null;
}

/**
 * What is done to the point as a whole: mail its coordinator the link to their site page (the
 * coordinator-links API; only with a coordinator saved), and remove it after a confirmation.
 */
export function PointActions({ point }: { point: PointItem }) {
  const { t } = useTranslation();
  const conference = useConference();
  const [done, setDone] = useState<string>();
  const link = usePointMutation(
    () =>
      api<LinkAnswer>('POST', `/conferences/${encodeURIComponent(conference.id)}/invitations/coordinator-links`, {
        siteId: point.id,
        mail: true,
      }),
    (answer) => setDone(answer.mailedTo ? t('points.linkSent', { email: answer.mailedTo }) : t('points.linkNoEmail')),
  );
  const remove = usePointMutation(() => api<void>('DELETE', `${pointsPath(conference.id)}/${point.id}`));
  const error = link.mutation.error ?? remove.mutation.error;

  return (
    <div className="point-actions">
      <FormMessages error={error} fieldErrors={false} done={done} />
      <div className="form-actions">
        {point.coordinator && (
          <button
            type="button"
            className="button-secondary"
            disabled={link.mutation.isPending}
            onClick={() => (setDone(undefined), link.mutation.mutate(undefined))}
          >
            {t('points.sendLink')}
          </button>
        )}
        <button
          type="button"
          className="button-danger"
          disabled={remove.mutation.isPending}
          onClick={() => {
            if (window.confirm(t('points.removeConfirm', { name: point.name }))) remove.mutation.mutate(undefined);
          }}
        >
          {t('points.remove')}
        </button>
      </div>
    </div>
  );
}
