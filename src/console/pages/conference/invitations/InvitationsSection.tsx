import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../fields';
import { useConference } from '../context';
import { BoardActions } from './BoardActions';
import { BoardCounts } from './BoardCounts';
import { BoardFilters, useBoardFilter } from './BoardFilters';
import { BoardList } from './BoardList';
import { boardKeys, invitationSummary } from './board-api';
import { LetterPreviewPanel } from './LetterPreviewPanel';
import './invitations.css';

/** Giấy mời: the counts, the actions (generate, send, export, preview), then the board paged on the server. */
export function InvitationsSection() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const conference = useConference();
  const [filter, setFilter] = useBoardFilter();
  const [notice, setNotice] = useState<string | null>(null);
  const [previewOf, setPreviewOf] = useState<{ id: string | null } | null>(null);
  const summary = useQuery({
    queryKey: boardKeys.summary(conference.id),
    queryFn: () => invitationSummary(conference.id),
    refetchInterval: (q) => (q.state.data?.totals.queued ? 3000 : false),
  });

  return (
    <section aria-labelledby="invitations-title" className="board">
      <h2 id="invitations-title">{t('invitations.title')}</h2>
      {summary.isError && (
        <p className="form-error" role="alert">
          {errorText(summary.error)}
        </p>
      )}
      {summary.data && <BoardCounts totals={summary.data.totals} onPick={(f) => setFilter({ ...f, offset: 0 })} />}
      <BoardActions
        summary={summary.data}
        previewOpen={previewOf !== null}
        onPreview={() => setPreviewOf(previewOf ? null : { id: null })}
        onNotice={setNotice}
      />
      <p className="board-notice" role="status">
        {notice}
      </p>
      {previewOf && <LetterPreviewPanel invitationId={previewOf.id} onClose={() => setPreviewOf(null)} />}
      <BoardFilters filter={filter} sites={summary.data?.sites ?? []} onChange={setFilter} />
      <BoardList
        filter={filter}
        onPage={(offset) => setFilter({ ...filter, offset })}
        onNotice={setNotice}
        onPreview={(id) => {
          setPreviewOf({ id });
          window.scrollTo({ top: 0 });
        }}
      />
    </section>
  );
}
