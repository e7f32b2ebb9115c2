import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../fields';
import { useConference } from '../context';
import {
  BOARD_PAGE,
  BoardFilter,
  BoardInvitation,
  boardKeys,
  listInvitations,
  resendInvitation,
  withdrawInvitation,
} from './board-api';

interface Props {
  filter: BoardFilter;
  onPage: (offset: number) => void;
  onNotice: (text: string) => void;
  onPreview: (invitationId: string) => void;
}

/** One page of the board, from the server (search and filters applied there). */
export function BoardList({ filter, onPage, onNotice, onPreview }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const conference = useConference();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: boardKeys.list(conference.id, filter),
    queryFn: () => listInvitations(conference.id, filter),
    placeholderData: keepPreviousData,
    // While letters wait for the relay, the board follows them.
    refetchInterval: (q) => (q.state.data?.items.some((i) => i.mail?.status === 'queued') ? 3000 : false),
  });
  const refresh = () => client.invalidateQueries({ queryKey: boardKeys.all(conference.id) });
  const resend = useMutation({
    mutationFn: (i: BoardInvitation) => resendInvitation(conference.id, i.id),
    onSuccess: (_r, i) => {
      onNotice(t('invitations.resent', { name: i.person.fullName }));
      void refresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: (i: BoardInvitation) => withdrawInvitation(conference.id, i.id),
    onSuccess: (_r, i) => {
      onNotice(t('invitations.withdrawn', { name: i.person.fullName }));
      void refresh();
    },
  });
  const error = list.error ?? resend.error ?? withdraw.error;
  const page = list.data;
  const filtered = Boolean(filter.q || filter.answer || filter.mail || filter.siteId);

  return (
    <div className="board-list" aria-busy={list.isFetching || undefined}>
      {list.isPending && <p>{t('invitations.loading')}</p>}
      {error && (
        <p className="form-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {page && page.items.length === 0 && (
        <p className="empty">{filtered ? t('invitations.empty') : t('invitations.noInvitations')}</p>
      )}
      {page && page.items.length > 0 && (
        <>
          <table className="board-table">
            <thead>
              <tr>
                <th scope="col">{t('invitations.colPerson')}</th>
                <th scope="col">{t('invitations.colSite')}</th>
                <th scope="col">{t('invitations.colAnswer')}</th>
                <th scope="col">{t('invitations.colMail')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('invitations.colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((i) => (
                <Row
                  key={i.id}
                  invitation={i}
                  busy={resend.isPending || withdraw.isPending}
                  onPreview={() => onPreview(i.id)}
                  onResend={() => resend.mutate(i)}
                  onWithdraw={() => {
                    if (window.confirm(t('invitations.withdrawConfirm', { name: i.person.fullName })))
                      withdraw.mutate(i);
                  }}
                />
              ))}
            </tbody>
          </table>
          {(page.offset > 0 || page.total > page.items.length) && (
            <nav className="pager" aria-label={t('invitations.pages')}>
              <button
                type="button"
                className="button-secondary"
                disabled={filter.offset === 0}
                onClick={() => onPage(Math.max(0, filter.offset - BOARD_PAGE))}
              >
                {t('invitations.previous')}
              </button>
              <span>
                {t('invitations.range', {
                  from: page.offset + 1,
                  to: page.offset + page.items.length,
                  total: page.total,
                })}
              </span>
              <button
                type="button"
                className="button-secondary"
                disabled={page.offset + page.items.length >= page.total}
                onClick={() => onPage(filter.offset + BOARD_PAGE)}
              >
                {t('invitations.next')}
              </button>
            </nav>
          )}
        </>
      )}
    </div>
  );
}

interface RowProps {
  invitation: BoardInvitation;
  busy: boolean;
  onPreview: () => void;
  onResend: () => void;
  onWithdraw: () => void;
}

function Row({ invitation: i, busy, onPreview, onResend, onWithdraw }: RowProps) {
  const { t } = useTranslation();
  const answer = i.answer ?? 'none';
  const mail = i.mail?.status ?? 'none';
  return (
    <tr>
      <td data-label={t('invitations.colPerson')}>
        <span className="invitee-name">{i.person.fullName}</span>
        {i.person.position && <span className="muted">{i.person.position}</span>}
        <span className="muted">{i.person.email ?? t('invitations.noEmail')}</span>
        {i.substituteForName && (
          <span className="muted">{t('invitations.replaces', { name: i.substituteForName })}</span>
        )}
      </td>
      <td data-label={t('invitations.colSite')}>{i.site.name}</td>
      <td data-label={t('invitations.colAnswer')}>
        <span className={`status answer-${answer}`}>{t(`invitations.answers.${answer}`)}</span>
        {i.answer === 'delegated' && i.substitutedByName && (
          <span className="board-detail">{t('invitations.delegatedTo', { name: i.substitutedByName })}</span>
        )}
        {i.answeredEarlierVersion && <span className="board-detail board-earlier">{t('invitations.earlier')}</span>}
        {i.answerNote && <span className="muted">{t('invitations.note', { note: i.answerNote })}</span>}
      </td>
      <td data-label={t('invitations.colMail')}>
        <span className={`status mail-${mail}`}>{t(`invitations.mail.${mail}`)}</span>
        {i.mail?.reason && mail !== 'sent' && <span className="muted board-reason">{i.mail.reason}</span>}
      </td>
      <td className="board-row-actions">
        <button
          type="button"
          className="button-quiet"
          aria-label={t('invitations.previewOneOf', { name: i.person.fullName })}
          onClick={onPreview}
        >
          {t('invitations.previewOne')}
        </button>
        {i.mail && i.answer !== 'delegated' && (
          <button
            type="button"
            className="button-quiet"
            disabled={busy}
            aria-label={t('invitations.resendOne', { name: i.person.fullName })}
            onClick={onResend}
          >
            {t('invitations.resend')}
          </button>
        )}
        <button
          type="button"
          className="button-quiet button-danger"
          disabled={busy}
          aria-label={t('invitations.withdrawOne', { name: i.person.fullName })}
          onClick={onWithdraw}
        >
          {t('invitations.withdraw')}
        </button>
      </td>
    </tr>
  );
}
