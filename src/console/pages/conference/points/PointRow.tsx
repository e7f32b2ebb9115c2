import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { instantIn } from '../../../format';
import { useConference } from '../context';
import { PointBranch } from './PointBranch';
import { PointEditor } from './PointEditor';
import type { PointItem } from './pointsApi';

/** One point of the tree: what an organizer checks at a glance, its branch opened on demand, its editor in place. */
export function PointRow({ point, showParent = false }: { point: PointItem; showParent?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const place = [point.room, point.address].filter(Boolean).join(' · ');
  const branchId = `branch-${point.id}`;
  return (
    <li className="point">
      <div className="point-row">
        {point.childCount > 0 ? (
          <button
            type="button"
            className="point-toggle"
            aria-expanded={open}
            aria-controls={open ? branchId : undefined}
            aria-label={t(open ? 'points.close' : 'points.open', { name: point.name })}
            onClick={() => setOpen(!open)}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          </button>
        ) : (
          <span className="point-toggle point-leaf" aria-hidden="true" />
        )}
        <div className="point-main">
          <span className="point-name">
            {point.name}
            {point.role === 'host' && <span className="point-host">{t('points.host')}</span>}
          </span>
          {showParent && point.parentName && (
            <span className="muted">{t('points.under', { name: point.parentName })}</span>
          )}
          {point.unitName && <span className="muted">{point.unitName}</span>}
          {place && <span>{place}</span>}
        </div>
        <dl className="point-facts">
          <div>
            <dt>{t('points.coordinator')}</dt>
            <dd className={point.coordinator ? undefined : 'muted'}>
              {point.coordinator?.fullName ?? t('points.noCoordinator')}
            </dd>
          </div>
          <div>
            <dt>{t('points.readiness')}</dt>
            <dd>
              <ReadinessBadge point={point} />
            </dd>
          </div>
          <div>
            <dt>{t('points.children')}</dt>
            <dd>{point.childCount}</dd>
          </div>
        </dl>
        <button
          type="button"
          className="button-secondary point-edit"
          aria-expanded={editing}
          aria-label={t('points.editOf', { name: point.name })}
          onClick={() => setEditing(!editing)}
        >
          {t('points.edit')}
        </button>
      </div>
      {editing && <PointEditor point={point} onClose={() => setEditing(false)} />}
      {open && (
        <div id={branchId}>
          <PointBranch parentId={point.id} />
        </div>
      )}
    </li>
  );
}

function ReadinessBadge({ point }: { point: PointItem }) {
  const { t } = useTranslation();
  const { timeZone } = useConference();
  const { status, testAt } = point.readiness;
  const at = testAt ? instantIn(testAt, timeZone) : null;
  return (
    <span className={`readiness readiness-${status}`}>
      {t(`points.ready.${status}`)}
      {at && status !== 'untested' && ` ${t('points.testAtShort', { time: `${at.date} ${at.time}` })}`}
    </span>
  );
}
