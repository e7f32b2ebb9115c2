import { useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api';
import { useConference } from '../context';
import { AddPointForm } from './AddPointForm';
import { BulkForm } from './BulkForm';
import { PointBranch } from './PointBranch';
import { PointSummary, pointsKey, pointsPath } from './pointsApi';
import { SearchResults } from './SearchResults';
import './points.css';

type Panel = 'bulk' | 'one' | null;

/**
 * The conference's bridge points: the tree, one branch fetched when it is opened and paged on the
 * server (a national conference has 31,000 points; the browser never holds them all), or a search
 * by name at any depth; and the forms that add points.
 */
export function PointsSection() {
  const { t } = useTranslation();
  const conference = useConference();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [panel, setPanel] = useState<Panel>(null);
  const summary = useQuery({
    queryKey: [...pointsKey(conference.id), 'summary'],
    queryFn: () => api<PointSummary>('GET', `${pointsPath(conference.id)}/summary`),
  });

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(typed.trim());
  };
  const toggle = (next: Panel) => setPanel((current) => (current === next ? null : next));

  return (
    <section aria-labelledby="points-title" className="points">
      <div className="page-head">
        <h2 id="points-title">{t('points.title')}</h2>
        <div className="form-actions">
          <button
            type="button"
            className="button-primary"
            aria-expanded={panel === 'bulk'}
            onClick={() => toggle('bulk')}
          >
            {t('points.addBulk')}
          </button>
          <button
            type="button"
            className="button-secondary"
            aria-expanded={panel === 'one'}
            onClick={() => toggle('one')}
          >
            {t('points.addOne')}
          </button>
        </div>
      </div>
      {summary.data && (
        <p className="points-summary">
          <strong>{t('points.total', { count: summary.data.total })}</strong>
          {summary.data.byLevel.length > 1 && (
            <span className="muted">
              {' · '}
              {summary.data.byLevel.map((l) => t('points.level', { depth: l.depth, count: l.count })).join(' · ')}
            </span>
          )}
        </p>
      )}
      {panel === 'bulk' && <BulkForm onClose={() => setPanel(null)} />}
      {panel === 'one' && <AddPointForm onClose={() => setPanel(null)} />}
      <form className="points-search" role="search" onSubmit={search}>
        <label htmlFor="points-q">{t('points.search')}</label>
        <div className="search-row">
          <input
            id="points-q"
            type="search"
            value={typed}
            placeholder={t('points.searchExample')}
            onChange={(e) => setTyped(e.target.value)}
          />
          <button type="submit" className="button-secondary">
            {t('points.find')}
          </button>
        </div>
      </form>
      {q ? (
        <SearchResults key={q} q={q} onClear={() => (setQ(''), setTyped(''))} />
      ) : summary.data?.total === 0 ? (
        <p className="empty">{t('points.empty')}</p>
      ) : (
        <PointBranch parentId="root" />
      )}
    </section>
  );
}
