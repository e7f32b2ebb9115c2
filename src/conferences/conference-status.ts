import type { ConferenceStatus } from './conference.constants';
import type { ScheduleAction } from './schedule-change.entity';

/**
 * The life of a conference: draft → scheduled → (postponed ↔ scheduled) → held → closed, or
 * cancelled from any state before it is held. Moving a scheduled conference is scheduling it again.
 */
const TRANSITIONS: Record<ScheduleAction, { from: readonly ConferenceStatus[]; to: ConferenceStatus }> = {
  schedule: { from: ['draft', 'scheduled', 'postponed'], to: 'scheduled' },
  postpone: { from: ['scheduled'], to: 'postponed' },
  cancel: { from: ['draft', 'scheduled', 'postponed'], to: 'cancelled' },
  hold: { from: ['scheduled'], to: 'held' },
  close: { from: ['held'], to: 'closed' },
};

/** The status an action leads to, or null when the action is not allowed in the current status. */
export function nextStatus(current: ConferenceStatus, action: ScheduleAction): ConferenceStatus | null {
  const rule = TRANSITIONS[action];
  return rule.from.includes(current) ? rule.to : null;
}

/** The actions allowed in a status, for clients that show buttons. */
export function allowedActions(current: ConferenceStatus): ScheduleAction[] {
  return (Object.keys(TRANSITIONS) as ScheduleAction[]).filter((action) => nextStatus(current, action) !== null);
}
