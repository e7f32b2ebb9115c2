import { beforeAnchor, beforeDue, OVERDUE_LABEL, overdueNoticeAt, parseOffset } from './reminder-offsets';
import { SLOT_REASONS } from './reminder.reasons';

/** What a series of reminders hangs on. */
export const REMINDER_KINDS = ['conference', 'readiness', 'deadline'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface PlannedSlot {
  label: string;
  fireAt: Date;
  /** A slot whose time had already passed when it was planned is recorded as skipped, never sent. */
  skipped: string | null;
}

export interface SeriesToPlan {
  kind: ReminderKind;
  anchorAt: Date;
  zone: string;
  /** Offsets before the anchor; for deadlines also "overdue", the notice of the day after. */
  offsets: string[];
}

/**
 * The reminders of one version of a series: one per offset, in the zone of the conference (or
 * plan). Planned late — the conference was scheduled two days ahead, so its "3 days before" is
 * already past — such a slot is skipped with the reason, rather than sent as if it were on time.
 */
export function planSlots(series: SeriesToPlan, now: Date): PlannedSlot[] {
  const slots: PlannedSlot[] = [];
  for (const label of series.offsets) {
    if (label === OVERDUE_LABEL && series.kind === 'deadline') {
      slots.push({ label, fireAt: overdueNoticeAt(series.anchorAt, series.zone), skipped: null });
      continue;
    }
    const offset = parseOffset(label);
    if (!offset) continue;
    const fireAt =
      series.kind === 'deadline'
        ? beforeDue(series.anchorAt, offset.days, series.zone)
        : beforeAnchor(series.anchorAt, offset, series.zone);
    slots.push({ label: offset.label, fireAt, skipped: fireAt <= now ? SLOT_REASONS.pastWhenPlanned : null });
  }
  return slots.sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
}

export interface DueSlot {
  label: string;
  fireAt: Date;
  version: number;
  anchorAt: Date;
}

export interface SeriesNow {
  version: number;
  /** null when the target no longer has a time (postponed, cancelled, test done, due met). */
  anchorAt: Date | null;
}

export interface PlannedSeries {
  version: number;
  anchorAt: Date | null;
  offsets: string[];
}

export type SeriesChange =
  | { kind: 'none' }
  | { kind: 'create' }
  /** The time changed (or went away): a new version, the old one's pending reminders withdrawn. */
  | { kind: 'move'; version: number }
  | { kind: 'offsets'; removed: string[] };

/** What to do with a series, given what was planned and what the data says now. */
export function seriesChange(
  planned: PlannedSeries | null,
  current: { anchorAt: Date | null; offsets: string[] },
): SeriesChange {
  if (!planned) return current.anchorAt ? { kind: 'create' } : { kind: 'none' };
  if ((planned.anchorAt?.getTime() ?? null) !== (current.anchorAt?.getTime() ?? null))
    return { kind: 'move', version: planned.version + 1 };
  const removed = planned.offsets.filter((o) => !current.offsets.includes(o));
  const added = current.offsets.filter((o) => !planned.offsets.includes(o));
  return removed.length > 0 || added.length > 0 ? { kind: 'offsets', removed } : { kind: 'none' };
}

export type SlotDecision = { send: true; late: boolean } | { skip: string };

/** How late a reminder may go out and still count as on time (one scheduler tick and some). */
export const ON_TIME_GRACE_MS = 10 * 60_000;

/**
 * Whether a slot whose time has come is fanned out: only for the current version of its series,
 * before its anchor (an overdue notice: whenever the due is still open). Catch-up after downtime:
 * of several reminders of one series that all came due meanwhile, only the latest goes out.
 */
export function decideSlot(slot: DueSlot, series: SeriesNow, now: Date, laterSlotDue: boolean): SlotDecision {
  if (series.anchorAt === null) return { skip: SLOT_REASONS.noLongerScheduled };
  if (series.version !== slot.version || series.anchorAt.getTime() !== slot.anchorAt.getTime())
    return { skip: SLOT_REASONS.rescheduled };
  if (slot.label !== OVERDUE_LABEL && now >= slot.anchorAt) return { skip: SLOT_REASONS.anchorPassed };
  if (laterSlotDue) return { skip: SLOT_REASONS.superseded };
  return { send: true, late: now.getTime() - slot.fireAt.getTime() > ON_TIME_GRACE_MS };
}
