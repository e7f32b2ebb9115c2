import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../fields';
import { useConference } from '../context';
import { boardKeys, exportCsvUrl, generateInvitations, sendInvitations, Summary } from './board-api';

interface Props {
  summary: Summary | undefined;
  previewOpen: boolean;
  onPreview: () => void;
  onNotice: (text: string) => void;
}

/** Generate from the composition, send (after saying how many letters will go), export, preview. */
export function BoardActions({ summary, previewOpen, onPreview, onNotice }: Props) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const conference = useConference();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: boardKeys.all(conference.id) });
  const generate = useMutation({
    mutationFn: () => generateInvitations(conference.id),
    onSuccess: (r) => {
      onNotice(t('invitations.generated', { created: r.created, existing: r.existing }));
      void refresh();
    },
  });
  const send = useMutation({
    mutationFn: () => sendInvitations(conference.id),
    onSuccess: (r) => {
      setConfirming(false);
      onNotice(t('invitations.sentResult', { queued: r.queued }));
      void refresh();
    },
  });
  const toSend = summary?.totals.toSend ?? 0;
  const error = generate.error ?? send.error;

  return (
    <>
      <div className="board-actions" role="group" aria-label={t('invitations.actions')}>
        <button
          type="button"
          className="button-secondary"
          disabled={generate.isPending}
          onClick={() => generate.mutate()}
        >
          {t('invitations.generate')}
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={!summary}
          onClick={() => (toSend > 0 ? setConfirming(true) : onNotice(t('invitations.sendNothing')))}
        >
          {t('invitations.send')} ({toSend})
        </button>
        <button type="button" className="button-secondary" aria-expanded={previewOpen} onClick={onPreview}>
          {previewOpen ? t('invitations.previewClose') : t('invitations.previewOpen')}
        </button>
        <a className="button-secondary" href={exportCsvUrl(conference.id, i18n.language)} download>
          {t('invitations.export')}
        </a>
      </div>
      {error && !confirming && (
        <p className="form-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {confirming && (
        <div className="overlay">
          <div
            className="dialog"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="send-title"
            aria-describedby="send-what"
          >
            <h2 id="send-title">{t('invitations.sendTitle')}</h2>
            <p id="send-what">
              {t('invitations.sendConfirm', { count: toSend })}
              {summary && summary.totals.withoutEmail > 0 && (
                <> {t('invitations.sendWithoutEmail', { count: summary.totals.withoutEmail })}</>
              )}
            </p>
            {send.error && (
              <p className="form-error" role="alert">
                {errorText(send.error)}
              </p>
            )}
            <div className="form-actions">
              <button type="button" className="button-primary" disabled={send.isPending} onClick={() => send.mutate()}>
                {t('invitations.sendYes', { count: toSend })}
              </button>
              <button type="button" className="button-quiet" autoFocus onClick={() => setConfirming(false)}>
                {t('invitations.cancel')}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
