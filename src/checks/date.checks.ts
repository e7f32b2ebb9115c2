import type { EntityManager } from 'typeorm';
import { earliestDay, formatPlanDate, parsePlanDate } from '../conferences/plan-date';
import { Check, CheckTarget } from './check.types';
import { dayText, localDay, localDayText, momentText } from './check-format';
import { CHECK_MESSAGES, Label, label } from './check.messages';

interface ConferenceRow {
  id: string;
  status: string;
  time_zone: string;
  plan_issued_on: string | null;
  window_from: string | null;
  window_to: string | null;
  starts_at: Date | null;
  last_scheduled_at: Date | null;
  last_scheduled_start: Date | null;
}

interface DatedThing {
  target: CheckTarget;
  what: Label;
  /** The calendar day in the conference's zone. */
  day: string;
  text: { vi: string; en: string };
}

/**
 * Dates against the plan: before the plan's issue date, or in another year than the plan (one
 * warning per date, the first that applies); and times already past when they were scheduled.
 */
export async function dateChecks(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  const [c]: ConferenceRow[] = await manager.query(
    `SELECT c.id, c.status, c.time_zone, c.plan_issued_on, c.window_from::text, c.window_to::text, c.starts_at,
            h.at AS last_scheduled_at, h.starts_at AS last_scheduled_start
       FROM conference c
       LEFT JOIN LATERAL (SELECT at, starts_at FROM conference_schedule_change WHERE conference_id = c.id AND action = 'schedule' ORDER BY id DESC LIMIT 1) h ON true
      WHERE c.id = $1`,
    [conferenceId],
  );
  if (!c || c.status === 'cancelled') return [];
  const live: {
    id: string;
    number: number;
    starts_at: Date | null;
    window_from: string | null;
    window_to: string | null;
    scheduled_at: Date;
  }[] = await manager.query(
    `SELECT id, number, starts_at, window_from::text, window_to::text, scheduled_at FROM cluster
        WHERE conference_id = $1 AND status IN ('scheduled', 'tentative') ORDER BY number`,
    [conferenceId],
  );
  const clusters = live.filter((k): k is typeof k & { starts_at: Date } => k.starts_at !== null);
  const zone = c.time_zone;
  const conferenceTarget = { type: 'conference', id: c.id };
  const dated: DatedThing[] = [];
  if (c.starts_at)
    dated.push({
      target: conferenceTarget,
      what: label.conference,
      day: localDay(c.starts_at, zone),
      text: dayText(c.starts_at, zone),
    });
  else if (c.window_from)
    dated.push({ target: conferenceTarget, what: label.window, day: c.window_from, text: localDayText(c.window_from) });
  for (const k of live)
    dated.push({
      target: { type: 'cluster', id: k.id },
      what: label.cluster(k.number),
      // A tentative cluster is dated by its window's first day, as the conference is.
      day: k.starts_at ? localDay(k.starts_at, zone) : k.window_from!,
      text: k.starts_at ? dayText(k.starts_at, zone) : localDayText(k.window_from!),
    });

  const checks = planChecks(c.plan_issued_on, dated);
  if (!['held', 'closed'].includes(c.status)) {
    if (c.last_scheduled_start && c.last_scheduled_at && c.last_scheduled_start < c.last_scheduled_at) {
      checks.push(past(conferenceTarget, label.conference, c.last_scheduled_start, c.last_scheduled_at, zone));
    }
    for (const k of clusters)
      if (k.starts_at < k.scheduled_at)
        checks.push(past({ type: 'cluster', id: k.id }, label.cluster(k.number), k.starts_at, k.scheduled_at, zone));
  }
  if (c.starts_at && c.status === 'scheduled')
    checks.push(...outsideOwnWindow(conferenceTarget, c.starts_at, c.window_from, c.window_to, zone));
  // A cluster confirmed after its tentative window, as a conference can be.
  for (const k of clusters)
    checks.push(...outsideOwnWindow({ type: 'cluster', id: k.id }, k.starts_at, k.window_from, k.window_to, zone));
  return checks;
}

function outsideOwnWindow(
  target: CheckTarget,
  startsAt: Date,
  from: string | null,
  to: string | null,
  zone: string,
): Check[] {
  const day = localDay(startsAt, zone);
  if (!from || !to || (day >= from && day <= to)) return [];
  return [
    {
      code: 'SCHEDULE_OUTSIDE_WINDOW',
      severity: 'warning',
      message: CHECK_MESSAGES.SCHEDULE_OUTSIDE_WINDOW(
        dayText(startsAt, zone),
        localDayText(from).vi,
        localDayText(to).vi,
      ),
      target,
    },
  ];
}

function planChecks(planIssuedOn: string | null, dated: DatedThing[]): Check[] {
  const plan = planIssuedOn ? parsePlanDate(planIssuedOn) : null;
  if (!plan) return [];
  const earliest = earliestDay(plan);
  const planText = { vi: formatPlanDate(plan, 'vi'), en: formatPlanDate(plan, 'en') };
  const checks: Check[] = [];
  for (const thing of dated) {
    const year = Number(thing.day.slice(0, 4));
    if (thing.day < earliest) {
      checks.push({
        code: 'DATE_BEFORE_PLAN',
        severity: 'warning',
        message: CHECK_MESSAGES.DATE_BEFORE_PLAN(thing.what, thing.text, planText),
        target: thing.target,
      });
    } else if (year !== plan.year) {
      checks.push({
        code: 'DATE_OTHER_YEAR',
        severity: 'warning',
        message: CHECK_MESSAGES.DATE_OTHER_YEAR(thing.what, year, plan.year),
        target: thing.target,
      });
    }
  }
  return checks;
}

function past(target: CheckTarget, what: Label, startsAt: Date, scheduledAt: Date, zone: string): Check {
  return {
    code: 'DATE_PAST_WHEN_SCHEDULED',
    severity: 'warning',
    message: CHECK_MESSAGES.DATE_PAST_WHEN_SCHEDULED(what, momentText(startsAt, zone), momentText(scheduledAt, zone)),
    target,
  };
}
