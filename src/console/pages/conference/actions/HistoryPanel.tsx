import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, Conference, Page } from '../../../api';
import { useErrorText } from '../../../fields';
import { instantIn, timeRange } from '../../../format';
import type { ScheduleChange } from './types';

/** The schedule history, newest first: when (in the conference's zone), what, who, why. */
export function HistoryPanel({ conference }: { conference: Conference }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const zone = conference.timeZone;
  const history = useQuery({
    queryKey: ['conference-actions', conference.id, 'history'],
    queryFn: () =>
      api<Page<ScheduleChange>>('GET', `/conferences/${encodeURIComponent(conference.id)}/schedule-history?limit=100`),
  });
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('actions.history.title')}</h2>
      {history.isError && <p className="form-error">{errorText(history.error)}</p>}
      {history.data && history.data.items.length === 0 && <p className="muted">{t('actions.history.empty')}</p>}
      {history.data && history.data.items.length > 0 && (
        <ol className="history">
          {[...history.data.items].reverse().map((c) => {
            const at = instantIn(c.at, zone);
            const moved = c.action === 'schedule' && c.fromStatus !== 'draft' && c.fromStatus !== 'postponed';
            return (
              <li key={c.id}>
                <p className="history-head">
                  <time dateTime={c.at}>{`${at.date} ${at.time}`}</time>{' '}
                  <strong>{t(`actions.history.action.${moved ? 'move' : c.action}`)}</strong>{' '}
                  {c.to && c.action === 'schedule' && timeRange(c.to.startsAt, c.to.endsAt, zone)}{' '}
                  <span className="muted">{t('actions.history.by', { who: c.actor.label })}</span>
                </p>
                {moved && c.from && (
                  <p className="muted">
                    {t('actions.history.was', { range: timeRange(c.from.startsAt, c.from.endsAt, zone) })}
                  </p>
                )}
                {c.reason && <p>{t('actions.history.reason', { reason: c.reason })}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
