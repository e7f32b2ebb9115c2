import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../fields';
import { useConference } from '../context';
import { listPoints, pointsKey } from './pointsApi';

/** How many of the upper points the parent choice offers: the host and the levels just below it. */
const CHOICES = 200;

interface Props {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** One point can be put at the top; a bulk run goes under the host, or the top when there is none. */
  allowTop?: boolean;
}

/**
 * The point new points go under: '' is the API's default (the host point), 'top' a top-level
 * point, else one of the upper points (ordered by level, so the host and the provinces or
 * districts come first).
 */
export function ParentSelect({ value, onChange, error, allowTop = true }: Props) {
  const { t } = useTranslation();
  const conference = useConference();
  const upper = useQuery({
    queryKey: [...pointsKey(conference.id), 'upper'],
    queryFn: () => listPoints(conference.id, { limit: CHOICES }),
  });
  return (
    <Field label={t('points.parent')} error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('points.parentDefault')}</option>
          {allowTop && <option value="top">{t('points.parentTop')}</option>}
          {upper.data?.items.map((p) => (
            <option key={p.id} value={p.id}>
              {`${'– '.repeat(p.depth)}${p.name}`}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
