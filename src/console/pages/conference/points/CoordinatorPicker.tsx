import { useQuery } from '@tanstack/react-query';
import { KeyboardEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, Page, query } from '../../../api';
import type { PersonOption } from './pointsApi';

interface Props {
  unitId: string | null;
  /** The coordinator as saved, to say when the choice is not saved yet. */
  savedId: string | null;
  chosen: { personId: string; fullName: string } | null;
  error?: string;
  onChoose: (person: { personId: string; fullName: string } | null) => void;
}

/**
 * The point's coordinator, chosen from the directory: the people of the point's unit and the units
 * below it (everyone, for a point without a unit), searched on the server. Part of the point's form
 * (no form of its own): the choice is saved with the point.
 */
export function CoordinatorPicker({ unitId, savedId, chosen, error, onChoose }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState<string | null>(null);
  const people = useQuery({
    queryKey: ['people', 'coordinator', unitId, q],
    queryFn: () =>
      api<Page<PersonOption>>(
        'GET',
        `/people${query({ q: q ?? '', withinUnitId: unitId ?? undefined, active: 'true', limit: 10 })}`,
      ),
    enabled: q !== null,
  });
  const find = () => setQ(typed.trim());
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      find();
    }
  };

  return (
    <fieldset
      className={error ? 'coordinator field-invalid' : 'coordinator'}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{t('points.coordinator')}</legend>
      <p className="coordinator-current">
        <strong>{chosen?.fullName ?? t('points.coordinatorNone')}</strong>
        {chosen && (
          <button type="button" className="button-quiet" onClick={() => onChoose(null)}>
            {t('points.removeCoordinator')}
          </button>
        )}
      </p>
      {(chosen?.personId ?? null) !== savedId && (
        <p className="hint" role="status">
          {chosen ? t('points.chosen', { name: chosen.fullName }) : t('points.unsavedRemoval')}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <label htmlFor={`${id}-q`}>{t('points.coordinatorSearch')}</label>
      <p className="hint">{unitId ? t('points.coordinatorHint') : ''}</p>
      <div className="search-row">
        <input
          id={`${id}-q`}
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={onKey}
        />
        <button type="button" className="button-secondary" onClick={find}>
          {t('points.find')}
        </button>
      </div>
      {people.data &&
        (people.data.items.length === 0 ? (
          <p className="muted">{t('points.noPeople')}</p>
        ) : (
          <ul className="invitee-list">
            {people.data.items.map((p) => (
              <li key={p.id} className="invitee">
                <span className="invitee-main">
                  <span className="invitee-name">{p.fullName}</span>
                  <span className="muted">
                    {[p.positions[0]?.title, p.positions[0]?.unit.name].filter(Boolean).join(', ')}
                  </span>
                </span>
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={t('points.chooseOne', { name: p.fullName })}
                  onClick={() => {
                    onChoose({ personId: p.id, fullName: p.fullName });
                    setQ(null);
                  }}
                >
                  {t('points.choose')}
                </button>
              </li>
            ))}
          </ul>
        ))}
    </fieldset>
  );
}
