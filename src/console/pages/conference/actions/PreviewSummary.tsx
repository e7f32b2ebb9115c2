import { useTranslation } from 'react-i18next';
import { timeRange } from '../../../format';
import type { ActionPreview } from './types';

/** What the server said the command would do, line by line; zero lines are left out. */
export function PreviewSummary({ preview: p, zone }: { preview: ActionPreview; zone: string }) {
  const { t } = useTranslation();
  if (!p.changes)
    return (
      <p className="preview" role="status">
        {t('actions.effect.nothing')}
      </p>
    );
  const letters = p.invitations.updates + p.invitations.cancellations;
  const lines: string[] = [];
  if (p.status.from !== p.status.to)
    lines.push(t('actions.effect.status', { from: t(`status.${p.status.from}`), to: t(`status.${p.status.to}`) }));
  if (p.time.to) lines.push(t('actions.effect.time', { range: timeRange(p.time.to.startsAt, p.time.to.endsAt, zone) }));
  const extra = (key: string, n: number) => n > 0 && lines.push(t(`actions.effect.${key}`, { n }));
  extra('answerAgain', p.invitations.answerAgain);
  extra('withoutEmail', p.invitations.withoutEmail);
  extra('clusters', p.clustersCancelled);
  extra('papers', p.dues.papers);
  extra('tasks', p.dues.tasks);
  extra('agenda', p.agendaSlotsMoved);
  if (p.reminders.planned + p.reminders.withdrawn > 0) lines.push(t('actions.effect.reminders', p.reminders));
  const of = [
    p.invitations.byAnswer.declined > 0 && t('actions.effect.declined', { n: p.invitations.byAnswer.declined }),
    p.invitations.byAnswer.delegated > 0 && t('actions.effect.delegated', { n: p.invitations.byAnswer.delegated }),
  ].filter(Boolean);
  return (
    <div className="preview" role="status">
      <p>
        <strong>{t('actions.effect.heading')}</strong>
      </p>
      <p className="preview-count">
        {p.invitations.updates > 0 && t('actions.effect.updates', { n: p.invitations.updates })}
        {p.invitations.cancellations > 0 && t('actions.effect.cancellations', { n: p.invitations.cancellations })}
        {letters === 0 && t('actions.effect.noLetters')}
        {of.length > 0 && ` (${of.join(', ')})`}
      </p>
      {lines.length > 0 && (
        <ul className="plain-list">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
