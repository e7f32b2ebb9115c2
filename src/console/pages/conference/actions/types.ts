import type { ConferenceStatus } from '../../../api';

/** The actions the API allows on the conference now (GET /conferences/:id answers them). */
export type ScheduleAction = 'schedule' | 'postpone' | 'cancel' | 'hold' | 'close';

/** The dialogs of the action bar: a first schedule and a move both POST /schedule. */
export type DialogKind = 'schedule' | 'move' | 'postpone' | 'cancel';

export const ENDPOINT: Record<DialogKind, 'schedule' | 'postpone' | 'cancel'> = {
  schedule: 'schedule',
  move: 'schedule',
  postpone: 'postpone',
  cancel: 'cancel',
};

interface Span {
  startsAt: string;
  endsAt: string;
}

/** POST /conferences/:id/{schedule,postpone,cancel}/preview. */
export interface ActionPreview {
  action: 'schedule' | 'postpone' | 'cancel';
  changes: boolean;
  status: { from: ConferenceStatus; to: ConferenceStatus };
  time: { from: Span | null; to: Span | null };
  invitations: {
    updates: number;
    cancellations: number;
    withoutEmail: number;
    answerAgain: number;
    byAnswer: { accepted: number; declined: number; tentative: number; delegated: number; none: number };
  };
  clustersCancelled: number;
  reminders: { planned: number; withdrawn: number };
  messagesWithdrawn: number;
  dues: { papers: number; tasks: number };
  agendaSlotsMoved: number;
}

/** GET /conferences/:id/schedule-history items. */
export interface ScheduleChange {
  id: string;
  at: string;
  action: ScheduleAction;
  fromStatus: ConferenceStatus;
  toStatus: ConferenceStatus;
  from: Span | null;
  to: Span | null;
  reason: string | null;
  actor: { kind: string; id: string | null; label: string };
}

/** GET /conferences/:id/checks. */
export interface ChecksAnswer {
  counts: { error: number; warning: number; info: number };
  checks: {
    code: string;
    severity: 'error' | 'warning' | 'info';
    message: { vi: string; en: string };
    target: { type: string; id: string };
  }[];
}
