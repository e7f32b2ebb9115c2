import { useTranslation } from 'react-i18next';
import type { BoardFilter, Counts } from './board-api';

type CountFilter = Omit<BoardFilter, 'offset'>;

interface Props {
  totals: Counts;
  /** A count is also a filter: clicking it shows those invitations. */
  onPick: (filter: CountFilter) => void;
}

/** The counts at the top: per answer and per state of the latest letter (GET …/invitations/summary). */
export function BoardCounts({ totals, onPick }: Props) {
  const { t } = useTranslation();
  const answers: [string, number][] = [
    ['accepted', totals.accepted],
    ['declined', totals.declined],
    ['tentative', totals.tentative],
    ['delegated', totals.substituted],
    ['none', totals.noAnswer],
  ];
  const mail: [string, number][] = [
    ['sent', totals.lastSent],
    ['queued', totals.queued],
    ['undeliverable', totals.failed + totals.skipped],
    ['cancelled', totals.cancelled],
    ['none', totals.notQueued],
  ];
  const base: CountFilter = { q: '', siteId: '', answer: '', mail: '' };
  return (
    <div className="board-counts">
      <div className="count-group">
        <h3>{t('invitations.answersTitle')}</h3>
        <ul>
          <li>
            <button type="button" className="count" onClick={() => onPick(base)}>
              <span className="count-n">{totals.invited}</span> {t('invitations.invited')}
            </button>
          </li>
          {answers.map(([key, n]) => (
            <li key={key}>
              <button type="button" className={`count count-${key}`} onClick={() => onPick({ ...base, answer: key })}>
                <span className="count-n">{n}</span> {t(`invitations.answers.${key}`)}
              </button>
            </li>
          ))}
          {totals.answeredEarlierVersion > 0 && (
            <li>
              <span className="count count-earlier">
                <span className="count-n">{totals.answeredEarlierVersion}</span> {t('invitations.mustConfirm')}
              </span>
            </li>
          )}
        </ul>
      </div>
      <div className="count-group">
        <h3>{t('invitations.mailTitle')}</h3>
        <ul>
          {mail.map(([key, n]) => (
            <li key={key}>
              <button type="button" className={`count mail-${key}`} onClick={() => onPick({ ...base, mail: key })}>
                <span className="count-n">{n}</span> {t(`invitations.mail.${key}`)}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
