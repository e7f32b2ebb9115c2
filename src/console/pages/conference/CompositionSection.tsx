import { useTranslation } from 'react-i18next';

/** Being built on its own branch this session; replaced whole when it lands. */
export function CompositionSection() {
  const { t } = useTranslation();
  return <h2>{t('conference.sections.composition')}</h2>;
}
