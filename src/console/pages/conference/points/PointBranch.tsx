import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../fields';
import { useConference } from '../context';
import { listPoints, PAGE_SIZE, pointsKey } from './pointsApi';
import { PointRow } from './PointRow';

/** One level of the tree, fetched when it is opened, a page at a time ("Xem thêm" asks the server for the next). */
export function PointBranch({ parentId }: { parentId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const conference = useConference();
  const branch = useInfiniteQuery({
    queryKey: [...pointsKey(conference.id), 'branch', parentId],
    queryFn: ({ pageParam }) => listPoints(conference.id, { parentId, limit: PAGE_SIZE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last) =>
      last.offset + last.items.length < last.total ? last.offset + last.items.length : undefined,
  });

  if (branch.isPending) return <p className="muted points-loading">{t('points.loading')}</p>;
  if (branch.isError)
    return (
      <p className="form-error" role="alert">
        {errorText(branch.error)}
      </p>
    );
  const items = branch.data.pages.flatMap((p) => p.items);
  const total = branch.data.pages[0]?.total ?? 0;
  return (
    <>
      <ul className={parentId === 'root' ? 'point-tree' : 'point-branch'}>
        {items.map((point) => (
          <PointRow key={point.id} point={point} />
        ))}
      </ul>
      {branch.hasNextPage && (
        <button
          type="button"
          className="button-quiet points-more"
          disabled={branch.isFetchingNextPage}
          onClick={() => void branch.fetchNextPage()}
        >
          {branch.isFetchingNextPage ? t('points.loading') : t('points.more', { count: total - items.length })}
        </button>
      )}
    </>
  );
}
