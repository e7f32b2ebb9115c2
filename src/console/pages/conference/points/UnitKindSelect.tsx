import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, Page } from '../../../api';
import { Field } from '../../../fields';
import type { UnitKind } from './pointsApi';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** The choice of no kind, when the level is optional. */
  none?: string;
}

/** The directory's kinds of unit with their names (GET /units/kinds), read once. */
export function useUnitKinds() {
  const { i18n } = useTranslation();
  const kinds = useQuery({
    queryKey: ['unit-kinds'],
    queryFn: () => api<Page<UnitKind>>('GET', '/units/kinds?limit=100'),
    staleTime: Infinity,
  });
  const lang: 'vi' | 'en' = i18n.language === 'en' ? 'en' : 'vi';
  const nameOf = (code: string) => kinds.data?.items.find((k) => k.code === code)?.[lang] ?? code;
  return { kinds, lang, nameOf };
}

/** A kind of unit, named in the user's language as the directory names it. */
export function UnitKindSelect({ label, value, onChange, error, none }: Props) {
  const { t } = useTranslation();
  const { kinds, lang } = useUnitKinds();
  return (
    <Field label={label} error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          {none !== undefined && <option value="">{none}</option>}
          {!kinds.data && <option value={value}>{t('points.loading')}</option>}
          {kinds.data?.items.map((k) => (
            <option key={k.code} value={k.code}>
              {k[lang]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
