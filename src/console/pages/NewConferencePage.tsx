import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, Conference, CONFERENCE_FORMATS, CONFERENCE_KINDS } from '../api';
import { toIsoDate } from '../dates';
import { Field, problemsByField, useErrorText, useProblemText } from '../fields';

interface Draft {
  title: string;
  kind: string;
  format: string;
  planReference: string;
  planIssuedOn: string;
  chair: string;
  purposes: string;
  timeZone: string;
  windowFrom: string;
  windowTo: string;
}

const EMPTY: Draft = {
  title: '',
  kind: 'conference',
  format: 'hybrid',
  planReference: '',
  planIssuedOn: '',
  chair: '',
  purposes: '',
  timeZone: 'Asia/Ho_Chi_Minh',
  windowFrom: '',
  windowTo: '',
};

/** The API's body: empty optional fields are left out rather than sent blank. */
function toBody(d: Draft): Record<string, unknown> {
  const text = (value: string) => value.trim() || undefined;
  const purposes = d.purposes
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  const plan =
    text(d.planReference) || text(d.planIssuedOn)
      ? { reference: text(d.planReference), issuedOn: text(d.planIssuedOn) && toIsoDate(d.planIssuedOn, true) }
      : undefined;
  const window =
    text(d.windowFrom) || text(d.windowTo)
      ? { from: toIsoDate(d.windowFrom || d.windowTo), to: toIsoDate(d.windowTo || d.windowFrom) }
      : undefined;
  return {
    title: d.title,
    kind: d.kind,
    format: d.format,
    timeZone: text(d.timeZone),
    plan,
    chair: text(d.chair) ? { text: d.chair.trim() } : undefined,
    purposes: purposes.length > 0 ? purposes : undefined,
    window,
  };
}

/** Field names of the API → the form's controls. */
const CONTROL_OF: Record<string, keyof Draft> = {
  title: 'title',
  kind: 'kind',
  format: 'format',
  'plan.reference': 'planReference',
  'plan.issuedOn': 'planIssuedOn',
  'chair.text': 'chair',
  purposes: 'purposes',
  timeZone: 'timeZone',
  window: 'windowTo',
  'window.from': 'windowFrom',
  'window.to': 'windowTo',
};

export function NewConferencePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const problemText = useProblemText();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const formRef = useRef<HTMLFormElement>(null);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Conference>('POST', '/conferences', body),
    onSuccess: async (conference) => {
      await client.invalidateQueries({ queryKey: ['conference-summaries'] });
      client.setQueryData(['conference', conference.id], conference);
      await navigate(`/conferences/${conference.id}`);
    },
  });

  const errors = new Map<keyof Draft, string>();
  for (const [field, problem] of problemsByField(create.error)) {
    const control = CONTROL_OF[field] ?? CONTROL_OF[field.replace(/\[\d+\]$/, '')];
    if (control && !errors.has(control)) errors.set(control, problemText(problem));
  }
  const unplaced = create.error && errors.size === 0;

  // After a refusal, the first field to correct gets the focus.
  useEffect(() => {
    if (errors.size > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [create.error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(toBody(draft));
  };
  const bind = (key: keyof Draft) => ({
    name: key,
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
  });

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
        <Field label={t('form.fieldTitle')} error={errors.get('title')}>
          {(props) => <input {...props} {...bind('title')} aria-required="true" />}
        </Field>
        <div className="row">
          <Field label={t('form.kind')} error={errors.get('kind')}>
            {(props) => (
              <select {...props} {...bind('kind')}>
                {CONFERENCE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('form.format')} error={errors.get('format')}>
            {(props) => (
              <select {...props} {...bind('format')}>
                {CONFERENCE_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {t(`format.${f}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="row">
          <Field label={t('form.planReference')} hint={t('form.planReferenceHint')} error={errors.get('planReference')}>
            {(props) => <input {...props} {...bind('planReference')} />}
          </Field>
          <Field label={t('form.planIssuedOn')} hint={t('form.dateHint')} error={errors.get('planIssuedOn')}>
            {(props) => <input {...props} {...bind('planIssuedOn')} inputMode="numeric" />}
          </Field>
        </div>
        <Field label={t('form.chair')} hint={t('form.chairHint')} error={errors.get('chair')}>
          {(props) => <input {...props} {...bind('chair')} />}
        </Field>
        <Field label={t('form.purposes')} hint={t('form.purposesHint')} error={errors.get('purposes')}>
          {(props) => <textarea {...props} {...bind('purposes')} rows={4} />}
        </Field>
        <div className="row">
          <Field label={t('form.windowFrom')} hint={t('form.windowHint')} error={errors.get('windowFrom')}>
            {(props) => <input {...props} {...bind('windowFrom')} inputMode="numeric" />}
          </Field>
          <Field label={t('form.windowTo')} hint={t('form.windowHint')} error={errors.get('windowTo')}>
            {(props) => <input {...props} {...bind('windowTo')} inputMode="numeric" />}
          </Field>
        </div>
        <Field label={t('form.timeZone')} error={errors.get('timeZone')}>
          {(props) => <input {...props} {...bind('timeZone')} />}
        </Field>
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
