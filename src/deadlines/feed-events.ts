import type { CalendarEvent } from '../calendar';
import { Due, formatDeadline, occurrences } from '../dues/reader';
import type { DeadlineRow } from './deadlines.service';
import { DEADLINE_ALARM_DAYS, FEED_TEXT } from './deadlines.messages';
import type { FeedEntry } from './feed-sources';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Recurring dues are listed from a quarter back to a year ahead. */
const RECURRING_BACK = 92 * DAY;
const RECURRING_AHEAD = 366 * DAY;

/**
 * Where a deadline sits in a calendar: a minute-precise due at its minute; a day, month or
 * longer one at 23:59 of its last day on time (its first late instant is the next midnight, which
 * calendars would show on the wrong day). An event of no length: written without DTEND.
 */
export function deadlineInstant(resolvesAt: Date, precision: Due['precision']): Date {
  return precision === 'minute' ? resolvesAt : new Date(resolvesAt.getTime() - MINUTE);
}

/** The calendar events of one deadline row: one, none while unresolved, or one per occurrence of a recurring due. */
export function deadlineEvents(row: DeadlineRow, language: 'vi' | 'en', now: Date): FeedEntry[] {
  const due = row.due;
  const title = row.source === 'presentation' ? FEED_TEXT.paperDue(row.title) : FEED_TEXT.taskDue(row.title);
  const done = row.status === 'met' || row.status === 'closed';
  const changedAt = new Date(Math.max(new Date(row.updated_at).getTime(), new Date(row.owner_updated_at).getTime()));
  const event = (uid: string, at: Date, dueOfEvent: Due): FeedEntry => {
    const when = deadlineInstant(at, dueOfEvent.precision);
    const deadline = { vi: formatDeadline(dueOfEvent, 'vi'), en: formatDeadline(dueOfEvent, 'en') };
    const calendarEvent: CalendarEvent = {
      uid,
      sequence: 0,
      start: when,
      end: when,
      summary: `${done ? FEED_TEXT.met[language] : ''}${title[language]}`,
      description: `${FEED_TEXT.deadlineLine(deadline)[language]}\n${due.text}`,
      categories: [row.source === 'presentation' ? 'Convene: tham luận' : 'Convene: nhiệm vụ'],
      // A deadline met or closed rings no more.
      alarms: done
        ? []
        : DEADLINE_ALARM_DAYS.map((days) => ({
            minutesBefore: days * 24 * 60,
            description: FEED_TEXT.alarm(days)[language],
          })),
    };
    const owner = row.source === 'task' ? { planId: row.plan_id! } : { conferenceId: row.conference_id! };
    return { event: calendarEvent, changedAt, owner };
  };
  if (due.kind === 'recurring') {
    return occurrences(due, {
      from: new Date(now.getTime() - RECURRING_BACK),
      to: new Date(now.getTime() + RECURRING_AHEAD),
    }).map((o) => {
      const day = o.resolvesAt.slice(0, 10).replace(/-/g, '');
      return event(`deadline-${row.id}-${day}@convene`, new Date(o.resolvesAt), {
        ...due,
        resolvesAt: o.resolvesAt,
        precision: 'day',
      });
    });
  }
  if (!row.resolves_at) return [];
  return [event(`deadline-${row.id}@convene`, new Date(row.resolves_at), due)];
}
