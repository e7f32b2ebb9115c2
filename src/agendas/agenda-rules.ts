/**
 * The arithmetic of agendas, without Nest or a database: overlaps, gaps, slots outside the
 * session, instantiating a template at a start time, pushing later slots down.
 */
import { wallClock } from '../common/zoned-time';
import { RECEPTION_LEAD_MINUTES } from './agenda.constants';

export interface Span {
  startsAt: Date;
  endsAt: Date;
}

export interface TimedSlot extends Span {
  id: string;
}

export interface TemplateTiming {
  offsetMinutes: number;
  durationMinutes: number;
}

const MINUTE = 60_000;

const byStart = <T extends Span>(slots: T[]): T[] =>
  [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime());

/** Every pair of slots that share time, each pair once, earlier slot first. */
export function findOverlaps<T extends Span>(slots: T[]): [T, T][] {
  const sorted = byStart(slots);
  const pairs: [T, T][] = [];
  for (let i = 0; i < sorted.length; i += 1) {
    for (let j = i + 1; j < sorted.length && sorted[j].startsAt < sorted[i].endsAt; j += 1)
      pairs.push([sorted[i], sorted[j]]);
  }
  return pairs;
}

/**
 * Stretches of the session no slot covers (before the first, between, after the last), within
 * one day: `dayOf` names the local day of an instant, and time from one day's last slot to the
 * next day's first (the night of a two-day agenda) is not a gap.
 */
export function findGaps(slots: Span[], session: Span, dayOf: (instant: Date) => string = () => ''): Span[] {
  const gaps: Span[] = [];
  let cursor = session.startsAt;
  for (const slot of byStart(slots)) {
    if (slot.startsAt > cursor && dayOf(slot.startsAt) === dayOf(cursor))
      gaps.push({ startsAt: cursor, endsAt: slot.startsAt < session.endsAt ? slot.startsAt : session.endsAt });
    if (slot.endsAt > cursor) cursor = slot.endsAt;
  }
  if (cursor < session.endsAt && dayOf(cursor) === dayOf(session.endsAt))
    gaps.push({ startsAt: cursor, endsAt: session.endsAt });
  return gaps.filter((g) => g.endsAt > g.startsAt && g.startsAt >= session.startsAt);
}

/** The local day of an instant in a zone ("2026-03-27"), for findGaps. */
export const localDay =
  (zone: string) =>
  (instant: Date): string => {
    const { year, month, day } = wallClock(instant, zone);
    return `${year}-${month}-${day}`;
  };

/** Where a slot of this kind may lie: the session, and for a reception up to RECEPTION_LEAD_MINUTES before it. */
export function allowedSpan(kind: string | undefined, session: Span): Span {
  if (kind !== 'reception') return session;
  return { startsAt: addMinutes(session.startsAt, -RECEPTION_LEAD_MINUTES), endsAt: session.endsAt };
}

export function isInside(slot: Span & { kind?: string }, session: Span): boolean {
  const span = allowedSpan(slot.kind, session);
  return slot.startsAt >= span.startsAt && slot.endsAt <= span.endsAt;
}

export function outsideSession<T extends Span & { kind?: string }>(slots: T[], session: Span): T[] {
  return slots.filter((s) => !isInside(s, session));
}

export function durationMinutes(span: Span): number {
  return Math.round((span.endsAt.getTime() - span.startsAt.getTime()) / MINUTE);
}

export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * MINUTE);
}

/** Template slots placed at a session start: offsets and durations become instants. */
export function instantiate<T extends TemplateTiming>(template: T[], sessionStart: Date): (T & Span)[] {
  return template.map((t) => ({
    ...t,
    startsAt: addMinutes(sessionStart, t.offsetMinutes),
    endsAt: addMinutes(sessionStart, t.offsetMinutes + t.durationMinutes),
  }));
}

/** How long a template runs, from the session start to the end of its last slot. */
export function templateLength(template: TemplateTiming[]): number {
  return template.reduce((max, t) => Math.max(max, t.offsetMinutes + t.durationMinutes), 0);
}

/**
 * Makes room for `changed` by moving every later slot down by as much as the first one it
 * collides with needs; slots before it stay. Answers the new times of the slots that moved.
 */
export function pushFollowing<T extends TimedSlot>(slots: T[], changed: TimedSlot): Map<string, Span> {
  const later = byStart(slots.filter((s) => s.id !== changed.id && s.startsAt >= changed.startsAt));
  const first = later[0];
  const moved = new Map<string, Span>();
  if (!first || first.startsAt >= changed.endsAt) return moved;
  const delta = (changed.endsAt.getTime() - first.startsAt.getTime()) / MINUTE;
  for (const slot of later)
    moved.set(slot.id, { startsAt: addMinutes(slot.startsAt, delta), endsAt: addMinutes(slot.endsAt, delta) });
  return moved;
}
