import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conference } from '../../../api';
import { ActionDialog } from './ActionDialog';
import type { DialogKind, ScheduleAction } from './types';

/** The buttons the conference's status allows: a first schedule or a move, postpone, cancel. */
export function ActionBar({ conference }: { conference: Conference }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<DialogKind | null>(null);
  const allowed = (conference as Conference & { allowedActions?: ScheduleAction[] }).allowedActions ?? [];
  const kinds: DialogKind[] = [];
  if (allowed.includes('schedule')) kinds.push(conference.status === 'scheduled' ? 'move' : 'schedule');
  if (allowed.includes('postpone')) kinds.push('postpone');
  if (allowed.includes('cancel')) kinds.push('cancel');
  if (kinds.length === 0) return null;
  return (
    <div className="action-bar" role="group" aria-label={t('actions.bar')}>
      {kinds.map((kind) => (
        <button
          key={kind}
          type="button"
          className={kind === 'cancel' ? 'button-secondary button-danger' : 'button-secondary'}
          onClick={() => setOpen(kind)}
        >
          {t(`actions.${kind}`)}
        </button>
      ))}
      {open && <ActionDialog kind={open} conference={conference} onClose={() => setOpen(null)} />}
    </div>
  );
}
