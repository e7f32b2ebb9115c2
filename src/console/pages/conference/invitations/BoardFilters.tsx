import { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ANSWER_FILTERS, BoardFilter, MAIL_FILTERS, SiteCounts } from './board-api';

const KEYS = ['q', 'answer', 'mail', 'siteId'] as const;

/** The board's filter lives in the address, so that a reload or a shared link shows the same list. */
export function useBoardFilter(): [BoardFilter, (next: BoardFilter) => void] {
  const [params, setParams] = useSearchParams();
  const filter: BoardFilter = {
    q: params.get('q') ?? '',
    answer: params.get('answer') ?? '',
    mail: params.get('mail') ?? '',
    siteId: params.get('siteId') ?? '',
    offset: Math.max(0, Number(params.get('offset')) || 0),
  };
  const set = (next: BoardFilter) => {
    const search = new URLSearchParams();
    for (const key of KEYS) if (next[key]) search.set(key, next[key]);
    if (next.offset > 0) search.set('offset', String(next.offset));
    setParams(search);
  };
  return [filter, set];
}

interface Props {
  filter: BoardFilter;
  sites: SiteCounts[];
  onChange: (next: BoardFilter) => void;
}

/** Search (name words without accents, or part of the e-mail), answer, letter state and bridge point. */
export function BoardFilters({ filter, sites, onChange }: Props) {
  const { t } = useTranslation();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (key: string) => {
      const entry = data.get(key);
      return typeof entry === 'string' ? entry.trim() : '';
    };
    onChange({ q: value('q'), answer: value('answer'), mail: value('mail'), siteId: value('siteId'), offset: 0 });
  };
  const active = KEYS.some((k) => filter[k]);
  return (
    <form
      className="filters board-filters"
      role="search"
      aria-label={t('invitations.filtersTitle')}
      onSubmit={submit}
      key={KEYS.map((k) => filter[k]).join('|')}
    >
      <div className="field filter-q">
        <label htmlFor="board-q">{t('invitations.search')}</label>
        <input id="board-q" name="q" type="search" maxLength={100} defaultValue={filter.q} />
      </div>
      <div className="field">
        <label htmlFor="board-answer">{t('invitations.answer')}</label>
        <select id="board-answer" name="answer" defaultValue={filter.answer}>
          <option value="">{t('invitations.any')}</option>
          {ANSWER_FILTERS.map((a) => (
            <option key={a} value={a}>
              {t(`invitations.answers.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="board-mail">{t('invitations.mailState')}</label>
        <select id="board-mail" name="mail" defaultValue={filter.mail}>
          <option value="">{t('invitations.any')}</option>
          {MAIL_FILTERS.map((m) => (
            <option key={m} value={m}>
              {t(`invitations.mail.${m}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="board-site">{t('invitations.site')}</label>
        <select id="board-site" name="siteId" defaultValue={filter.siteId}>
          <option value="">{t('invitations.any')}</option>
          {sites.map((s) => (
            <option key={s.siteId} value={s.siteId}>
              {'\u00a0'.repeat(s.depth * 2)}
              {s.name} ({s.invited})
            </option>
          ))}
        </select>
      </div>
      <div className="filter-actions">
        <button type="submit" className="button-secondary">
          {t('invitations.filter')}
        </button>
        {active && (
          <button
            type="button"
            className="button-quiet"
            onClick={() => onChange({ q: '', answer: '', mail: '', siteId: '', offset: 0 })}
          >
            {t('invitations.clear')}
          </button>
        )}
      </div>
    </form>
  );
}
