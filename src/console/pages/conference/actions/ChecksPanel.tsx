import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, Conference } from '../../../api';
import { useErrorText } from '../../../fields';
import { CONFERENCE_SECTIONS } from '../sections';
import type { ChecksAnswer } from './types';

/**
 * Where each kind of finding is fixed (the route names routes.tsx gives the sections). A finding
 * links there only once that section exists; the overview's own findings are fixed here.
 */
const SECTION_OF: Record<string, string> = {
  bridge_point: 'points',
  cluster: 'points',
  agenda_slot: 'agenda',
  presentation: 'presentations',
  invitation: 'invitations',
  composition_rule: 'composition',
};

/** The plan linter's findings, errors first, each with its message and, where it helps, a link. */
export function ChecksPanel({ conference }: { conference: Conference }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const checks = useQuery({
    queryKey: ['conference-actions', conference.id, 'checks'],
    queryFn: () => api<ChecksAnswer>('GET', `/conferences/${encodeURIComponent(conference.id)}/checks`),
  });
  const built = new Set<string>(CONFERENCE_SECTIONS.map((s) => s.path));
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <section className="panel" aria-labelledby="checks-title">
      <h2 id="checks-title">{t('actions.checks.title')}</h2>
      {checks.isError && <p className="form-error">{errorText(checks.error)}</p>}
      {checks.data && checks.data.checks.length === 0 && <p className="muted">{t('actions.checks.none')}</p>}
      {checks.data && checks.data.checks.length > 0 && (
        <p className="muted">{t('actions.checks.counts', checks.data.counts)}</p>
      )}
      {checks.data && checks.data.checks.length > 0 && (
        <ul className="checks">
          {checks.data.checks.map((c, i) => {
            const section = SECTION_OF[c.target.type];
            return (
              <li key={`${c.code}-${i}`} className={`finding finding-${c.severity}`}>
                <span className="check-severity">{t(`actions.checks.severity.${c.severity}`)}</span> {c.message[lang]}
                {section && built.has(section) && (
                  <>
                    {' '}
                    <Link to={`/conferences/${conference.id}/${section}`}>
                      {t('actions.checks.fix', { section: t(`conference.sections.${section}`) })}
                    </Link>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
