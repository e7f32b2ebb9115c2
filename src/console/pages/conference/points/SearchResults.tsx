import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../fields';
import { useConference } from '../context';
import { listPoints, PAGE_SIZE, pointsKey } from './pointsApi';
import { PointRow } from './PointRow';

/** Points found by name at any depth, a server page at a time, each saying which point it is under. */
export function SearchResults({ q, onClear }: { q: string; onClear: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const conference = useConference();
  const [offset, setOffset] = useState(0);
  const found = useQuery({
    queryKey: [...pointsKey(conference.id), 'search', q, offset],
    queryFn: () => listPoints(conference.id, { q, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });

  if (found.isPending) return <p className="muted points-loading">{t('points.loading')}</p>;
  if (found.isError)
    return (
      <p className="form-error" role="alert">
        {errorText(found.error)}
      </p>
    );
  const { items, total } = found.data;
  return (
    <div className="points-found">
      <p role="status" className="points-found-head">
        <span>{total === 0 ? t('points.noMatch') : t('points.found', { count: total })}</span>
        <button type="button" className="button-quiet" onClick={onClear}>
          {t('points.clear')}
        </button>
      </p>
      <ul className="point-tree">
        {items.map((point) => (
          <PointRow key={point.id} point={point} showParent />
        ))}
      </ul>
      {total > PAGE_SIZE && (
        <nav className="pager" aria-label={t('list.pages')}>
          <button
            type="button"
            className="button-secondary"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            {t('list.previous')}
          </button>
          <span>{t('list.range', { from: offset + 1, to: offset + items.length, total })}</span>
          <button
            type="button"
            className="button-secondary"
            disabled={offset + items.length >= total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            {t('list.next')}
          </button>
        </nav>
      )}
    </div>
  );
}
