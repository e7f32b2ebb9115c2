import { useTranslation } from 'react-i18next';
import type { ConferenceDraft } from '../../ConferenceFields';
import { changedControls } from './draft';

interface Props {
  /** The copy the form was loaded from, and what is stored now. */
  from: ConferenceDraft;
  now: ConferenceDraft;
  onReload: () => void;
  onReapply: () => void;
}

/** Someone else saved first: what they changed, as it is now stored, and the two ways on. Nothing is overwritten. */
export function StaleNotice({ from, now, onReload, onReapply }: Props) {
  const { t } = useTranslation();
  const changed = changedControls(from, now);
  // Kind and format are codes: say them as the form's lists do.
  const shown = (key: keyof ConferenceDraft) =>
    key === 'kind' || key === 'format' ? t(`${key}.${now[key]}`) : now[key];
  return (
    <div className="notice notice-alert stale" role="alert" aria-labelledby="stale-title">
      <h2 id="stale-title">{t('editConference.staleTitle')}</h2>
      <p>{t('editConference.staleText')}</p>
      {changed.length > 0 ? (
        <dl className="facts">
          {changed.map((key) => (
            <div key={key}>
              <dt>{t(`editConference.field.${key}`)}</dt>
              <dd>{shown(key) || t('overview.none')}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>{t('editConference.staleElsewhere')}</p>
      )}
      <div className="form-actions">
        <button type="button" className="button-primary" onClick={onReapply}>
          {t('editConference.reapply')}
        </button>
        <button type="button" className="button-secondary" onClick={onReload}>
          {t('editConference.reload')}
        </button>
      </div>
    </div>
  );
}
