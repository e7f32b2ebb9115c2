import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, Conference } from '../api';
import { useErrorText } from '../fields';
import { browserZone, localDate } from '../format';
import { ConferenceTime } from '../time';

/** One conference, read only: what the plan says, its status and its time. */
export function ConferencePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const conference = useQuery({
    queryKey: ['conference', id],
    queryFn: () => api<Conference>('GET', `/conferences/${encodeURIComponent(id)}`),
  });

  if (conference.isPending) return <p>{t('list.loading')}</p>;
  if (conference.isError) {
    const missing = conference.error instanceof ApiError && [400, 404].includes(conference.error.status);
    return (
      <>
        <p className="form-error" role="alert">
          {missing ? t('overview.notFound') : errorText(conference.error)}
        </p>
        <Link to="/conferences">{t('overview.back')}</Link>
      </>
    );
  }
  const c = conference.data;
  const zoneDiffers = c.timeZone !== browserZone();
  return (
    <article className="overview">
      <p>
        <Link to="/conferences">← {t('overview.back')}</Link>
      </p>
      <h1>{c.title}</h1>
      <p>
        <span className={`status status-${c.status}`}>{t(`status.${c.status}`)}</span>
      </p>
      <dl className="facts">
        <div>
          <dt>{t('overview.time')}</dt>
          <dd>
            <ConferenceTime conference={c} showZone={false} />
            {c.window?.note && <div className="muted">{c.window.note}</div>}
            {zoneDiffers && c.startsAt && (
              <div className="muted">{t('overview.zoneNote', { zone: c.timeZone, browser: browserZone() })}</div>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('overview.plan')}</dt>
          <dd>
            {c.plan.reference || c.plan.issuedOn
              ? [
                  c.plan.reference && t('overview.planLine', { reference: c.plan.reference }),
                  c.plan.issuedOn && t('overview.planDate', { date: localDate(c.plan.issuedOn) }),
                ]
                  .filter(Boolean)
                  .join(' ')
              : t('overview.noPlan')}
          </dd>
        </div>
        <div>
          <dt>{t('overview.kind')}</dt>
          <dd>{t(`kind.${c.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('overview.format')}</dt>
          <dd>{t(`format.${c.format}`)}</dd>
        </div>
        <div>
          <dt>{t('overview.chair')}</dt>
          <dd>{c.chair.text ?? t('overview.none')}</dd>
        </div>
        <div>
          <dt>{t('overview.purposes')}</dt>
          <dd>
            {c.purposes.length > 0 ? (
              <ul className="plain-list">
                {c.purposes.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            ) : (
              t('overview.none')
            )}
          </dd>
        </div>
      </dl>
    </article>
  );
}
