import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  ApiError,
  awaitsSending,
  Candidate,
  Invitation,
  invitationState,
  InvitationSites,
  linkApi,
  Page,
  SitePlace,
} from '../api';
import { problemsByField, useErrorText, useProblemText, Field } from '../fields';
import { browserZone, timeRange } from '../format';

const STORE = (conferenceId: string) => `convene.site.${conferenceId}`;

/**
 * The secret of the coordinator's link: taken from the fragment once (then removed from the
 * address bar, so it is not in the history, a bookmark or a screenshot), and kept for this tab
 * only — sessionStorage, never localStorage — so a reload still works.
 */
function takeSecret(conferenceId: string): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('k');
  try {
    if (fromHash) sessionStorage.setItem(STORE(conferenceId), fromHash);
  } catch {
    // Storage refused (a private window): the secret stays in memory for this page.
  }
  if (fromHash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  if (fromHash) return fromHash;
  try {
    return sessionStorage.getItem(STORE(conferenceId));
  } catch {
    return null;
  }
}

/** A link that no longer works (revoked, expired, or for another conference) reads the same. */
const isDeadLink = (error: unknown) => error instanceof ApiError && [401, 403, 404].includes(error.status);

/** The page a site coordinator's mail opens: their point, its invitees, and a form to invite more. */
export function SitePage() {
  const { conferenceId = '' } = useParams();
  const [secret] = useState(() => takeSecret(conferenceId));
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [chosen, setChosen] = useState<string | null>(null);
  const sites = useQuery({
    queryKey: ['site', conferenceId, 'sites'],
    enabled: secret !== null,
    queryFn: () =>
      linkApi<InvitationSites>(secret!, 'GET', `/conferences/${encodeURIComponent(conferenceId)}/invitations/sites`),
  });

  if (secret === null) return <Notice text={t('site.noSecret')} />;
  if (sites.isPending) return <Notice text={t('list.loading')} />;
  if (sites.isError) return <Notice text={isDeadLink(sites.error) ? t('site.dead') : errorText(sites.error)} alert />;

  const { conference } = sites.data;
  const site = sites.data.sites.find((s) => s.id === chosen) ?? sites.data.sites.find((s) => s.own);
  if (!site) return <Notice text={t('site.dead')} alert />;
  const zoneDiffers = conference.timeZone !== browserZone();
  const startsAt = site.startsAt ?? conference.startsAt;
  const endsAt = site.endsAt ?? conference.endsAt;
  return (
    <main id="main" className="page site-page">
      <p className="brand-line">{t('site.kicker')}</p>
      <h1>{conference.title}</h1>
      {conference.status !== 'scheduled' && (
        <p>
          <span className={`status status-${conference.status}`}>{t(`status.${conference.status}`)}</span>
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t('overview.time')}</dt>
          <dd>
            {startsAt && endsAt ? timeRange(startsAt, endsAt, conference.timeZone) : t('time.none')}
            {zoneDiffers && startsAt && <div className="muted">{t('time.zone', { zone: conference.timeZone })}</div>}
          </dd>
        </div>
        <div>
          <dt>{t('site.point')}</dt>
          <dd>
            <strong>{site.name}</strong>
            {site.room && <div>{t('site.room', { room: site.room })}</div>}
            {site.address && <div>{t('site.address', { address: site.address })}</div>}
            {site.meetingLink && (
              <div>
                {t('site.meetingLink')}{' '}
                <a href={site.meetingLink} rel="noreferrer noopener" target="_blank">
                  {site.meetingLink}
                </a>
              </div>
            )}
          </dd>
        </div>
        {site.composition.length > 0 && (
          <div>
            <dt>{t('site.composition')}</dt>
            <dd>
              <ul className="plain-list">
                {site.composition.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      {sites.data.sites.length > 1 && <SiteChooser sites={sites.data.sites} value={site.id} onChange={setChosen} />}
      <Invitees secret={secret} conferenceId={conferenceId} site={site} />
    </main>
  );
}

function Notice({ text, alert = false }: { text: string; alert?: boolean }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="page site-page">
      <p className="brand-line">{t('site.kicker')}</p>
      <p className={alert ? 'notice notice-alert' : 'notice'} role={alert ? 'alert' : undefined}>
        {text}
      </p>
    </main>
  );
}

function SiteChooser({
  sites,
  value,
  onChange,
}: {
  sites: SitePlace[];
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field site-chooser">
      <label htmlFor="site-choice">{t('site.choose')}</label>
      <select id="site-choice" value={value} onChange={(e) => onChange(e.target.value)}>
        {sites.map((s) => (
          <option key={s.id} value={s.id}>
            {'— '.repeat(Math.max(0, s.depth - Math.min(...sites.map((x) => x.depth)))) + s.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function Invitees({ secret, conferenceId, site }: { secret: string; conferenceId: string; site: SitePlace }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const base = `/conferences/${encodeURIComponent(conferenceId)}/invitations`;
  const key = ['site', conferenceId, 'invitations', site.id];
  const list = useQuery({
    queryKey: key,
    queryFn: () => linkApi<Page<Invitation>>(secret, 'GET', `${base}?siteId=${site.id}&limit=500`),
  });
  // Kept as a key, not as text, so that it follows a change of language.
  const [notice, setNotice] = useState<{ key: string; values: Record<string, string | number> } | null>(null);
  const withdraw = useMutation({
    mutationFn: (invitation: Invitation) => linkApi<void>(secret, 'DELETE', `${base}/${invitation.id}`),
    onSuccess: (_d, invitation) => {
      setNotice({ key: 'site.withdrawn', values: { name: invitation.person.fullName } });
      return client.invalidateQueries({ queryKey: key });
    },
  });
  const send = useMutation({
    mutationFn: () =>
      linkApi<{ queued: number; withoutEmail: number }>(secret, 'POST', `${base}/send`, { siteId: site.id }),
    onSuccess: (result) => {
      setNotice({ key: 'site.sent', values: { count: result.queued } });
      return client.invalidateQueries({ queryKey: key });
    },
  });
  const items = list.data?.items ?? [];
  const unsent = items.filter(awaitsSending).length;
  return (
    <>
      <section aria-labelledby="invitees-title" className="site-section">
        <h2 id="invitees-title">{t('site.invitees', { count: list.data?.total ?? 0 })}</h2>
        {list.isPending && <p>{t('list.loading')}</p>}
        {list.isError && (
          <p className="form-error" role="alert">
            {isDeadLink(list.error) ? t('site.dead') : errorText(list.error)}
          </p>
        )}
        {list.isSuccess && items.length === 0 && <p className="empty">{t('site.noInvitees')}</p>}
        {items.length > 0 && (
          <ul className="invitee-list">
            {items.map((i) => (
              <li key={i.id} className="invitee">
                <div className="invitee-main">
                  <span className="invitee-name">{i.person.fullName}</span>
                  <span className="muted">{[i.person.position, i.person.email].filter(Boolean).join(' · ')}</span>
                </div>
                <div className="invitee-state">
                  <span className={`status answer-${invitationState(i)}`}>
                    {t(`answer.${invitationState(i)}`)}
                    {i.answeredEarlierVersion && ` ${t('answer.earlier')}`}
                  </span>
                  {i.source === 'coordinator' && (
                    <button
                      type="button"
                      className="button-secondary"
                      disabled={withdraw.isPending}
                      aria-label={t('site.withdrawOne', { name: i.person.fullName })}
                      onClick={() => {
                        if (window.confirm(t('site.withdrawConfirm', { name: i.person.fullName }))) withdraw.mutate(i);
                      }}
                    >
                      {t('site.withdraw')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
        {notice && (
          <p className="notice" role="status">
            {t(notice.key, notice.values)}
          </p>
        )}
        {(withdraw.isError || send.isError) && (
          <p className="form-error" role="alert">
            {errorText(withdraw.error ?? send.error)}
          </p>
        )}
        {unsent > 0 && (
          <div className="form-actions">
            <button type="button" className="button-primary" disabled={send.isPending} onClick={() => send.mutate()}>
              {t('site.send', { count: unsent })}
            </button>
          </div>
        )}
      </section>
      <DirectorySearch
        secret={secret}
        path={base}
        siteId={site.id}
        onAdded={(name) => {
          setNotice({ key: 'site.added', values: { name } });
          return client.invalidateQueries({ queryKey: key });
        }}
      />
      <InviteForm
        secret={secret}
        path={base}
        siteId={site.id}
        onAdded={(name) => {
          setNotice({ key: 'site.added', values: { name } });
          return client.invalidateQueries({ queryKey: key });
        }}
      />
    </>
  );
}

/** What both ways of adding a person need: the link, the invitations path, the site, and what to do after. */
interface AddPersonProps {
  secret: string;
  path: string;
  siteId: string;
  onAdded: (name: string) => Promise<void>;
}

/** The directory's people of the point's unit and below, not invited yet; one button each. */
function DirectorySearch({ secret, path, siteId, onAdded }: AddPersonProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const key = ['site', path, 'candidates', siteId, q];
  const found = useQuery({
    queryKey: key,
    queryFn: () =>
      linkApi<{ items: Candidate[] }>(
        secret,
        'GET',
        `${path}/candidates?siteId=${siteId}${q ? `&q=${encodeURIComponent(q)}` : ''}`,
      ),
  });
  const add = useMutation({
    mutationFn: (candidate: Candidate) =>
      linkApi<Invitation>(secret, 'POST', path, { siteId, personId: candidate.personId }),
    onSuccess: async (invitation) => {
      await client.invalidateQueries({ queryKey: ['site', path, 'candidates', siteId] });
      await onAdded(invitation.person.fullName);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQ(typed.trim());
  };
  const items = found.data?.items ?? [];
  return (
    <section aria-labelledby="directory-title" className="site-section">
      <h2 id="directory-title">{t('site.directoryTitle')}</h2>
      <p className="intro">{t('site.directoryIntro')}</p>
      <form className="search-row" onSubmit={submit} role="search">
        <label htmlFor="directory-q" className="visually-hidden">
          {t('site.directorySearch')}
        </label>
        <input
          id="directory-q"
          type="search"
          placeholder={t('site.directorySearch')}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" className="button-secondary">
          {t('site.find')}
        </button>
      </form>
      {found.isError && (
        <p className="form-error" role="alert">
          {errorText(found.error)}
        </p>
      )}
      {found.isSuccess && items.length === 0 && <p className="muted">{t('site.noCandidates')}</p>}
      {items.length > 0 && (
        <ul className="invitee-list candidate-list">
          {items.map((c) => (
            <li key={c.personId} className="invitee">
              <div className="invitee-main">
                <span className="invitee-name">{c.fullName}</span>
                <span className="muted">
                  {[c.position, c.unitName].filter(Boolean).join(' · ')}
                  {!c.hasEmail && ` · ${t('site.noEmail')}`}
                </span>
              </div>
              <button
                type="button"
                className="button-secondary"
                disabled={add.isPending}
                aria-label={t('site.inviteOne', { name: c.fullName })}
                onClick={() => add.mutate(c)}
              >
                {t('site.inviteShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {add.isError && (
        <p className="form-error" role="alert">
          {add.error instanceof ApiError && add.error.code === 'ALREADY_INVITED'
            ? t('site.alreadyInvited')
            : errorText(add.error)}
        </p>
      )}
    </section>
  );
}

function InviteForm({ secret, path, siteId, onAdded }: AddPersonProps) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const errorText = useErrorText();
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [positionTitle, setPositionTitle] = useState('');
  const nameInput = useRef<HTMLInputElement>(null);
  const add = useMutation({
    mutationFn: () =>
      linkApi<Invitation>(secret, 'POST', path, {
        siteId,
        fullName,
        email,
        ...(positionTitle.trim() ? { positionTitle } : {}),
      }),
    onSuccess: async (invitation) => {
      setFullName('');
      setEmail('');
      setPositionTitle('');
      await onAdded(invitation.person.fullName);
      nameInput.current?.focus();
    },
  });
  const problems = problemsByField(add.error);
  const at = (field: string) => {
    const problem = problems.get(field);
    return problem ? problemText(problem) : undefined;
  };
  const unplaced =
    add.isError && !['fullName', 'email', 'positionTitle'].some((f) => problems.has(f))
      ? add.error instanceof ApiError && add.error.code === 'ALREADY_INVITED'
        ? t('site.alreadyInvited')
        : errorText(add.error)
      : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <section aria-labelledby="invite-title" className="site-section">
      <h2 id="invite-title">{t('site.inviteTitle')}</h2>
      <p className="intro">{t('site.inviteIntro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('site.fullName')} error={at('fullName')}>
          {(props) => (
            <input
              {...props}
              ref={nameInput}
              autoComplete="off"
              value={fullName}
              onChange={(e) => setFullName(e.target.value)}
              required
            />
          )}
        </Field>
        <Field label={t('site.email')} error={at('email')}>
          {(props) => (
            <input
              {...props}
              type="email"
              inputMode="email"
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
          )}
        </Field>
        <Field label={t('site.position')} hint={t('site.positionHint')} error={at('positionTitle')}>
          {(props) => (
            <input
              {...props}
              autoComplete="off"
              value={positionTitle}
              onChange={(e) => setPositionTitle(e.target.value)}
            />
          )}
        </Field>
        {unplaced && (
          <p className="form-error" role="alert">
            {unplaced}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={add.isPending}>
            {add.isPending ? t('form.submitting') : t('site.invite')}
          </button>
        </div>
      </form>
    </section>
  );
}
