import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api';
import { Field } from '../../../fields';
import { useConference } from '../context';
import { FormMessages } from './FormMessages';
import { ParentSelect } from './ParentSelect';
import { BulkResult, pointsPath } from './pointsApi';
import { RootUnitSelect } from './RootUnitSelect';
import { UnitKindSelect, useUnitKinds } from './UnitKindSelect';
import { usePointMutation } from './usePointMutation';

interface Draft {
  rootUnitId: string;
  unitKind: string;
  secondKind: string;
  name: string;
  room: string;
  parent: string;
}

const EMPTY: Draft = { rootUnitId: '', unitKind: 'district_committee', secondKind: '', name: '', room: '', parent: '' };

function toBody(d: Draft): Record<string, unknown> {
  const level = (unitKind: string) => ({
    unitKind,
    name: d.name.trim() || undefined,
    room: d.room.trim() || undefined,
  });
  return {
    rootUnitId: d.rootUnitId || undefined,
    parentId: d.parent || undefined,
    levels: d.secondKind ? [level(d.unitKind), level(d.secondKind)] : [level(d.unitKind)],
  };
}

/** "One point for each district under the province" (and, optionally, one per commune under each). */
export function BulkForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { nameOf } = useUnitKinds();
  const conference = useConference();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [result, setResult] = useState<BulkResult>();
  const { mutation, fieldError, hasFieldErrors } = usePointMutation(
    (body: Record<string, unknown>) => api<BulkResult>('POST', `${pointsPath(conference.id)}/bulk`, body),
    setResult,
  );
  const set = (key: keyof Draft) => (value: string) => {
    setResult(undefined);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(toBody(draft));
  };

  return (
    <form className="form form-wide points-panel" onSubmit={submit} noValidate aria-labelledby="points-bulk-title">
      <h3 id="points-bulk-title">{t('points.bulkTitle')}</h3>
      <p className="intro">{t('points.bulkIntro')}</p>
      <FormMessages error={mutation.error} fieldErrors={hasFieldErrors} />
      {result && (
        <div className="notice" role="status">
          <p className="points-bulk-done">
            {t('points.bulkDone', { created: result.created, existing: result.existing })}
          </p>
          {result.levels.length > 1 && (
            <ul className="plain-list">
              {result.levels.map((l) => (
                <li key={l.level}>{t('points.bulkLevel', { ...l, kind: nameOf(l.unitKind) })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <RootUnitSelect value={draft.rootUnitId} onChange={set('rootUnitId')} error={fieldError('rootUnitId')} />
      <div className="row">
        <UnitKindSelect
          label={t('points.unitKind')}
          value={draft.unitKind}
          onChange={set('unitKind')}
          error={fieldError('levels[0].unitKind') ?? fieldError('levels')}
        />
        <UnitKindSelect
          label={t('points.secondKind')}
          value={draft.secondKind}
          onChange={set('secondKind')}
          error={fieldError('levels[1].unitKind')}
          none={t('points.noSecond')}
        />
      </div>
      <div className="row">
        <Field label={t('points.namePattern')} hint={t('points.namePatternHint')} error={fieldError('levels[0].name')}>
          {(props) => (
            <input
              {...props}
              value={draft.name}
              placeholder={t('points.namePlaceholder')}
              onChange={(e) => set('name')(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('points.defaultRoom')} error={fieldError('levels[0].room')}>
          {(props) => <input {...props} value={draft.room} onChange={(e) => set('room')(e.target.value)} />}
        </Field>
      </div>
      <ParentSelect allowTop={false} value={draft.parent} onChange={set('parent')} error={fieldError('parentId')} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('points.saving') : t('points.bulkSubmit')}
        </button>
        <button type="button" className="button-quiet" onClick={onClose}>
          {t('points.cancel')}
        </button>
      </div>
    </form>
  );
}
