import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, Navigate, Outlet, RouterProvider, useLocation, useNavigate } from 'react-router';
import { LoginForm, LoginPage } from './pages/LoginPage';
import { ConferencesPage } from './pages/ConferencesPage';
import { NewConferencePage } from './pages/NewConferencePage';
import { SitePage } from './pages/SitePage';
import { conferenceSectionRoutes } from './pages/conference/routes';
import { ConferenceLayout } from './pages/conference/ConferenceLayout';
import { SessionProvider, useSession } from './session';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { setLanguage } = useSession();
  const next = i18n.language === 'en' ? 'vi' : 'en';
  return (
    <button
      type="button"
      className="button-quiet"
      lang={next}
      aria-label={t('language.switchTo')}
      onClick={() => void setLanguage(next)}
    >
      {next === 'en' ? 'English' : 'Tiếng Việt'}
    </button>
  );
}

function RequireUser({ children }: { children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (loading) return <p className="page">{t('list.loading')}</p>;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

/** Over the page, so that nothing being typed is lost: log in again, then carry on. */
function SessionExpiredDialog({ email }: { email?: string }) {
  const { t } = useTranslation();
  return (
    <div className="overlay">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="again-title">
        <h2 id="again-title">{t('login.againTitle')}</h2>
        <p>{t('login.again')}</p>
        <LoginForm email={email} />
      </div>
    </div>
  );
}

function Shell() {
  const { t } = useTranslation();
  const { user, expired, logout } = useSession();
  const navigate = useNavigate();
  return (
    <RequireUser>
      <a className="skip" href="#main">
        {t('shell.skip')}
      </a>
      <header className="header">
        <Link to="/conferences" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('shell.nav')} className="nav">
          <Link to="/conferences">{t('shell.conferences')}</Link>
        </nav>
        <div className="header-user">
          <span className="user-name" title={user?.email}>
            {user?.displayName}
          </span>
          <LanguageSwitch />
          <button
            type="button"
            className="button-quiet"
            onClick={() => void logout().finally(() => void navigate('/login', { replace: true }))}
          >
            {t('shell.logout')}
          </button>
        </div>
      </header>
      <main id="main" className="page" aria-hidden={expired || undefined}>
        <Outlet />
      </main>
      {expired && <SessionExpiredDialog email={user?.email} />}
    </RequireUser>
  );
}

function LoginRoute() {
  const { user } = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/conferences';
  if (user) return <Navigate to={from} replace />;
  return (
    <>
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <LoginPage />
    </>
  );
}

/** A site coordinator has no account: their page stands outside the organizer's login. */
function SiteRoute() {
  return (
    <>
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <SitePage />
    </>
  );
}

const router = createBrowserRouter(
  [
    { path: '/login', element: <LoginRoute /> },
    { path: '/site/:conferenceId', element: <SiteRoute /> },
    {
      element: <Shell />,
      children: [
        { index: true, element: <Navigate to="/conferences" replace /> },
        { path: 'conferences', element: <ConferencesPage /> },
        { path: 'conferences/new', element: <NewConferencePage /> },
        { path: 'conferences/:id', element: <ConferenceLayout />, children: conferenceSectionRoutes },
        { path: '*', element: <Navigate to="/conferences" replace /> },
      ],
    },
  ],
  { basename: '/app' },
);

export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
