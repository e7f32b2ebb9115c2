import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { browserZone, localDate } from '../../format';
import { ConferenceTime } from '../../time';
import { ActionBar } from './actions/ActionBar';
import { ChecksPanel } from './actions/ChecksPanel';
import { HistoryPanel } from './actions/HistoryPanel';
import { CopyButton } from './copy/CopyButton';
import { useConference } from './context';

/** What the plan says of the conference, its status and its time. */
export function OverviewSection() {
  const { t } = useTranslation();
  const c = useConference();
  const zoneDiffers = c.timeZone !== browserZone();
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title" className="visually-hidden">
        {t('conference.sections.overview')}
      </h2>
      <ActionBar conference={c} />
      <p>
        <Link to="edit" className="button-secondary">
          {t('editConference.open')}
        </Link>{' '}
        <CopyButton conference={c} />
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
      <ChecksPanel conference={c} />
      <HistoryPanel conference={c} />
    </section>
  );
}
