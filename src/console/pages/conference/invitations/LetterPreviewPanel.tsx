import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api';
import { useErrorText } from '../../../fields';
import { useConference } from '../context';
import { boardKeys, letterPreview, previewHtmlUrl } from './board-api';

interface Props {
  /** null: the first invitee, or a sample one. */
  invitationId: string | null;
  onClose: () => void;
}

/**
 * The letter as the outbox renders it (GET …/invitation-letter/preview): the HTML in a sandboxed
 * frame loaded from preview.html, which carries its own policy for the letter's inline styles (the
 * console's own forbids them), then the plain text and the calendar entry.
 */
export function LetterPreviewPanel({ invitationId, onClose }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const conference = useConference();
  const preview = useQuery({
    queryKey: boardKeys.preview(conference.id, invitationId),
    queryFn: () => letterPreview(conference.id, invitationId),
    retry: false,
  });
  const p = preview.data;
  const unscheduled = preview.error instanceof ApiError && preview.error.code === 'CONFERENCE_NOT_SCHEDULED';
  return (
    <section className="letter-preview" aria-labelledby="preview-title">
      <div className="letter-preview-head">
        <h3 id="preview-title">{t('invitations.previewTitle')}</h3>
        <button type="button" className="button-quiet" onClick={onClose}>
          {t('invitations.previewClose')}
        </button>
      </div>
      {preview.isPending && <p>{t('invitations.loading')}</p>}
      {preview.isError && (
        <p className="form-error" role="alert">
          {unscheduled ? t('invitations.previewUnavailable') : errorText(preview.error)}
        </p>
      )}
      {p && (
        <>
          <dl className="letter-envelope">
            <div>
              <dt className="visually-hidden">{t('invitations.colPerson')}</dt>
              <dd>
                {t('invitations.previewTo', { name: p.recipient.name, email: p.recipient.email })}
                {p.sample && <span className="muted"> — {t('invitations.previewSample')}</span>}
              </dd>
            </div>
            <div>
              <dt className="visually-hidden">{t('invitations.colMail')}</dt>
              <dd className="letter-subject">{t('invitations.previewSubject', { subject: p.subject })}</dd>
            </div>
          </dl>
          <iframe
            className="letter-frame"
            title={t('invitations.previewFrame')}
            sandbox=""
            src={previewHtmlUrl(conference.id, invitationId)}
          />
          <p className="hint">{t('invitations.previewLinkNote')}</p>
          <details>
            <summary>{t('invitations.previewText')}</summary>
            <pre className="letter-source">{p.text}</pre>
          </details>
          {p.calendar && (
            <details>
              <summary>{t('invitations.previewCalendar')}</summary>
              <pre className="letter-source">{p.calendar.content}</pre>
            </details>
          )}
        </>
      )}
    </section>
  );
}
