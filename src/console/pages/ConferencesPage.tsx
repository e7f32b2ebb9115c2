import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, asPage, CONFERENCE_STATUSES, ConferenceSummary, Page, query } from '../api';
import { useErrorText } from '../fields';
import { ConferenceTime } from '../time';

const PAGE_SIZE = 20;

export function ConferencesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const year = params.get('year') ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const list = useQuery({
    queryKey: ['conference-summaries', { q, status, year, offset }],
    queryFn: async () =>
      asPage(
        await api<Page<ConferenceSummary> | ConferenceSummary[]>(
          'GET',
          `/conference-summaries${query({ q, status, year: /^\d{4}$/.test(year) ? year : undefined, limit: PAGE_SIZE, offset })}`,
        ),
      ),
    placeholderData: keepPreviousData,
  });

  const filter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ['q', 'status', 'year']) {
      const entry = data.get(key);
      const value = typeof entry === 'string' ? entry.trim() : '';
      if (value) next.set(key, value);
    }
    setParams(next);
  };
  const goTo = (nextOffset: number) => {
    const next = new URLSearchParams(params);
    if (nextOffset > 0) next.set('offset', String(nextOffset));
    else next.delete('offset');
    setParams(next);
  };
  const page = list.data;

  return (
    <>
      <div className="page-head">
        <h1>{t('list.title')}</h1>
        <Link to="/conferences/new" className="button-primary">
          {t('list.create')}
        </Link>
      </div>
      <form className="filters" role="search" onSubmit={filter} key={`${q}|${status}|${year}`}>
        <div className="field filter-q">
          <label htmlFor="filter-q">{t('list.search')}</label>
          <input id="filter-q" name="q" type="search" defaultValue={q} />
        </div>
        <div className="field">
          <label htmlFor="filter-status">{t('list.status')}</label>
          <select id="filter-status" name="status" defaultValue={status}>
            <option value="">{t('list.anyStatus')}</option>
            {CONFERENCE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field filter-year">
          <label htmlFor="filter-year">{t('list.year')}</label>
          <input
            id="filter-year"
            name="year"
            inputMode="numeric"
            pattern="[0-9]{4}"
            maxLength={4}
            defaultValue={year}
          />
        </div>
        <div className="filter-actions">
          <button type="submit" className="button-secondary">
            {t('list.filter')}
          </button>
          {(q || status || year) && (
            <button type="button" className="button-quiet" onClick={() => setParams(new URLSearchParams())}>
              {t('list.clear')}
            </button>
          )}
        </div>
      </form>

      {list.isPending && <p>{t('list.loading')}</p>}
      {list.isError && (
        <p className="form-error" role="alert">
          {errorText(list.error)}
        </p>
      )}
      {page && page.items.length === 0 && <p className="empty">{t('list.empty')}</p>}
      {page && page.items.length > 0 && (
        <>
          <ul className="conference-list" aria-busy={list.isFetching || undefined}>
            {page.items.map((c) => (
              <li key={c.id} className="conference-item">
                <div className="conference-main">
                  <Link to={`/conferences/${c.id}`} className="conference-title">
                    {c.title}
                  </Link>
                  <span className={`status status-${c.status}`}>{t(`status.${c.status}`)}</span>
                </div>
                <div className="conference-meta">
                  <ConferenceTime conference={c} />
                  {c.plan.reference && <span>{c.plan.reference}</span>}
                </div>
                <dl className="counts">
                  <div>
                    <dt>{t('list.colPoints')}</dt>
                    <dd>{c.counts.bridgePoints}</dd>
                  </div>
                  <div>
                    <dt>{t('list.colInvitees')}</dt>
                    <dd>{c.counts.invitees}</dd>
                  </div>
                  <div>
                    <dt>{t('list.colAnswers')}</dt>
                    <dd>{c.counts.answers}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
          {(page.offset > 0 || page.total > page.items.length) && (
            <nav className="pager" aria-label={t('list.pages')}>
              <button
                type="button"
                className="button-secondary"
                disabled={offset === 0}
                onClick={() => goTo(Math.max(0, offset - PAGE_SIZE))}
              >
                {t('list.previous')}
              </button>
              <span>
                {t('list.range', {
                  from: page.offset + 1,
                  to: page.offset + page.items.length,
                  total: page.total,
                })}
              </span>
              <button
                type="button"
                className="button-secondary"
                disabled={page.offset + page.items.length >= page.total}
                onClick={() => goTo(offset + PAGE_SIZE)}
              >
                {t('list.next')}
              </button>
            </nav>
          )}
        </>
      )}
    </>
  );
}
