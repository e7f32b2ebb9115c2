import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useParams } from 'react-router';
import { api, ApiError, Conference } from '../../api';
import { useErrorText } from '../../fields';
import type { ConferenceContext } from './context';
import { CONFERENCE_SECTIONS } from './sections';

/** One conference: its title and status over the tabs of its sections, in the order an organizer works. */
export function ConferenceLayout() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const conference = useQuery({
    queryKey: ['conference', id],
    queryFn: () => api<Conference>('GET', `/conferences/${encodeURIComponent(id)}`),
  });

  if (conference.isPending) return <p>{t('list.loading')}</p>;
  if (conference.isError) {
    const missing = conference.error instanceof ApiError && [400, 404].includes(conference.error.status);
    return (
      <>
        <p className="form-error" role="alert">
          {missing ? t('overview.notFound') : errorText(conference.error)}
        </p>
        <Link to="/conferences">{t('overview.back')}</Link>
      </>
    );
  }
  const c = conference.data;
  const context: ConferenceContext = { conference: c };
  return (
    <article className="overview">
      <p>
        <Link to="/conferences">← {t('overview.back')}</Link>
      </p>
      <h1>{c.title}</h1>
      <p>
        <span className={`status status-${c.status}`}>{t(`status.${c.status}`)}</span>
      </p>
      {CONFERENCE_SECTIONS.length > 1 && (
        <nav className="section-tabs" aria-label={t('conference.sectionsNav')}>
          {CONFERENCE_SECTIONS.map((s) => (
            <NavLink key={s.key} to={s.path} end={s.path === ''}>
              {t(`conference.sections.${s.key}`)}
            </NavLink>
          ))}
        </nav>
      )}
      <Outlet context={context} />
    </article>
  );
}
