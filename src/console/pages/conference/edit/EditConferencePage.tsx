import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, Conference, Tagged, taggedApi } from '../../../api';
import { useErrorText } from '../../../fields';
import { ConferenceDraft, ConferenceFields, useDraftErrors } from '../../ConferenceFields';
import { changedBody, draftOf, reapply } from './draft';
import { StaleNotice } from './StaleNotice';

/** The copy an edit is made from: the conference as read, and the ETag it came with. */
interface Base {
  conference: Conference;
  etag: string | null;
  draft: ConferenceDraft;
}

const baseOf = ({ data, etag }: Tagged<Conference>): Base => ({ conference: data, etag, draft: draftOf(data) });

/**
 * Edit a conference's own fields. The PATCH carries If-Match with the ETag the form was loaded
 * from; if someone else saved in between, the API answers 412 and the form shows what is now
 * stored, and lets the user reload it or carry their edits onto it — it never overwrites.
 */
export function EditConferencePage() {
  const { id = '' } = useParams();
  const path = `/conferences/${encodeURIComponent(id)}`;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const loaded = useQuery({
    queryKey: ['conference', id, 'tagged'],
    queryFn: () => taggedApi<Conference>('GET', path),
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  if (loaded.isError)
    return (
      <p className="form-error" role="alert">
        {errorText(loaded.error)}
      </p>
    );
  if (!loaded.data) return <p>{t('list.loading')}</p>;
  return <EditForm id={id} path={path} initial={baseOf(loaded.data)} />;
}

function EditForm({ id, path, initial }: { id: string; path: string; initial: Base }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const errorText = useErrorText();
  const formRef = useRef<HTMLFormElement>(null);
  const [base, setBase] = useState<Base>(initial);
  const [draft, setDraft] = useState<ConferenceDraft>(initial.draft);
  const [stale, setStale] = useState<Base | null>(null);
  const [reapplied, setReapplied] = useState(false);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => taggedApi<Conference>('PATCH', path, body, { ifMatch: base.etag }),
    onSuccess: async ({ data }) => {
      client.setQueryData(['conference', id], data);
      await client.invalidateQueries({ queryKey: ['conference-summaries'] });
      await navigate(path);
    },
    onError: async (error) => {
      if (!(error instanceof ApiError && error.code === 'STALE')) return;
      setStale(baseOf(await taggedApi<Conference>('GET', path)));
      await client.invalidateQueries({ queryKey: ['conference', id], exact: true });
    },
  });
  const errors = useDraftErrors(save.error);

  // After a refusal, the first field to correct gets the focus.
  useEffect(() => {
    if (errors.size > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [save.error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setReapplied(false);
    save.mutate(changedBody(base.draft, draft, base.conference));
  };
  /** Onto what is stored now: with the user's edits carried over, or without them. */
  const moveOnto = (next: Base, keepMine: boolean) => {
    setDraft(keepMine ? reapply(base.draft, draft, next.draft) : next.draft);
    setBase(next);
    setStale(null);
    setReapplied(keepMine);
    save.reset();
  };
  const isStale = save.error instanceof ApiError && save.error.code === 'STALE';
  const unplaced = save.error && !isStale && errors.size === 0;

  return (
    <section aria-labelledby="edit-title">
      <h2 id="edit-title">{t('editConference.title')}</h2>
      {stale && (
        <StaleNotice
          from={base.draft}
          now={stale.draft}
          onReload={() => moveOnto(stale, false)}
          onReapply={() => moveOnto(stale, true)}
        />
      )}
      {reapplied && (
        <p className="notice" role="status">
          {t('editConference.reapplied')}
        </p>
      )}
      {save.error && !isStale && (
        <p className="form-error" role="alert">
          {unplaced ? errorText(save.error) : t('form.problems')}
        </p>
      )}
      <form ref={formRef} className="form form-wide" onSubmit={submit} noValidate>
        <ConferenceFields draft={draft} setDraft={setDraft} errors={errors} />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={save.isPending || Boolean(stale)}>
            {save.isPending ? t('form.submitting') : t('editConference.save')}
          </button>
          <Link to={path} className="button-quiet">
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
