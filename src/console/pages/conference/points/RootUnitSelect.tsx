import { useQuery } from '@tanstack/react-query';
import { KeyboardEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, Page, query } from '../../../api';
import { Field } from '../../../fields';
import type { UnitOption } from './pointsApi';

interface Props {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/** The unit below which the directory is read: the directory's top units, or those a search by name finds. */
export function RootUnitSelect({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const units = useQuery({
    queryKey: ['units', 'roots', q],
    queryFn: () =>
      api<Page<UnitOption>>(
        'GET',
        `/units${query(q ? { q, active: 'true', limit: 20 } : { root: 'true', limit: 100 })}`,
      ),
  });
  // A search's first find is chosen, so that the choice shown is the one that will be sent.
  useEffect(() => {
    const items = units.data?.items ?? [];
    if (q && items.length > 0 && !items.some((u) => u.id === value)) onChange(items[0].id);
  }, [units.data, q]);
  const find = () => setQ(typed.trim());
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      find();
    }
  };
  return (
    <div className="row">
      <Field label={t('points.rootUnit')} hint={t('points.rootUnitHint')} error={error}>
        {(props) => (
          <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">{t('points.wholeDirectory')}</option>
            {units.data?.items.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('points.rootUnitSearch')}>
        {(props) => (
          <div className="search-row">
            <input
              {...props}
              type="search"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={onKey}
            />
            <button type="button" className="button-secondary" onClick={find}>
              {t('points.find')}
            </button>
          </div>
        )}
      </Field>
    </div>
  );
}
