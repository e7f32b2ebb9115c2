import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, Conference } from '../api';
import { useErrorText } from '../fields';
import { ConferenceDraft, ConferenceFields, draftParts, EMPTY_DRAFT, useDraftErrors } from './ConferenceFields';

/** The API's body: empty optional fields are left out rather than sent blank. */
function toBody(d: ConferenceDraft): Record<string, unknown> {
  const { plan, chair, purposes, window } = draftParts(d);
  return {
    title: d.title,
    kind: d.kind,
    format: d.format,
    timeZone: d.timeZone.trim() || undefined,
    plan: plan.reference || plan.issuedOn ? plan : undefined,
    chair: chair.text ? chair : undefined,
    purposes: purposes.length > 0 ? purposes : undefined,
    window,
  };
}

export function NewConferencePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<ConferenceDraft>(EMPTY_DRAFT);
  const formRef = useRef<HTMLFormElement>(null);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Conference>('POST', '/conferences', body),
    onSuccess: async (conference) => {
      await client.invalidateQueries({ queryKey: ['conference-summaries'] });
      client.setQueryData(['conference', conference.id], conference);
      await navigate(`/conferences/${conference.id}`);
    },
  });

  const errors = useDraftErrors(create.error);
  const unplaced = create.error && errors.size === 0;

  // After a refusal, the first field to correct gets the focus.
  useEffect(() => {
    if (errors.size > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [create.error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(toBody(draft));
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('form.title')}</h1>
      </div>
      <p className="intro">{t('form.intro')}</p>
      {create.error && (
        <p className="form-error" role="alert">
          {unplaced ? errorText(create.error) : t('form.problems')}
        </p>
      )}
      <form ref={formRef} className="form form-wide" onSubmit={submit} noValidate>
        <ConferenceFields draft={draft} setDraft={setDraft} errors={errors} />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={create.isPending}>
            {create.isPending ? t('form.submitting') : t('form.submit')}
          </button>
          <Link to="/conferences" className="button-quiet">
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
