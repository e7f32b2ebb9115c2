import { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { CONFERENCE_FORMATS, CONFERENCE_KINDS } from '../api';
import { toIsoDate } from '../dates';
import { Field, problemsByField, useProblemText } from '../fields';

/** A conference's own fields as typed: the create form and the edit form share them. */
export interface ConferenceDraft {
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

export const EMPTY_DRAFT: ConferenceDraft = {
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

/** Field names of the API → the form's controls. */
const CONTROL_OF: Record<string, keyof ConferenceDraft> = {
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

/** The API's field problems, placed at the controls they belong to. */
export function useDraftErrors(error: unknown): Map<keyof ConferenceDraft, string> {
  const problemText = useProblemText();
  const errors = new Map<keyof ConferenceDraft, string>();
  for (const [field, problem] of problemsByField(error)) {
    const control = CONTROL_OF[field] ?? CONTROL_OF[field.replace(/\[\d+\]$/, '')];
    if (control && !errors.has(control)) errors.set(control, problemText(problem));
  }
  return errors;
}

const text = (value: string) => value.trim() || undefined;

/** The plan, chair, purposes and window parts of a body, as the API takes them (dates to ISO). */
export const draftParts = (d: ConferenceDraft) => ({
  plan: { reference: text(d.planReference), issuedOn: text(d.planIssuedOn) && toIsoDate(d.planIssuedOn, true) },
  chair: { text: text(d.chair) },
  purposes: d.purposes
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean),
  window:
    text(d.windowFrom) || text(d.windowTo)
      ? { from: toIsoDate(d.windowFrom || d.windowTo), to: toIsoDate(d.windowTo || d.windowFrom) }
      : undefined,
});

interface Props {
  draft: ConferenceDraft;
  setDraft: Dispatch<SetStateAction<ConferenceDraft>>;
  errors: Map<keyof ConferenceDraft, string>;
}

/** Title, kind and format, the plan, chair, purposes, the tentative window and the time zone. */
export function ConferenceFields({ draft, setDraft, errors }: Props) {
  const { t } = useTranslation();
  const bind = (key: keyof ConferenceDraft) => ({
    name: key,
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
  });
  return (
    <>
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
    </>
  );
}
