import type { EntityManager } from 'typeorm';
import { durationMinutes, findGaps, findOverlaps, localDay, outsideSession, Span } from '../agendas/agenda-rules';
import { timeInZone } from '../common/zoned-time';
import { Check } from './check.types';
import { CHECK_MESSAGES, label } from './check.messages';

interface SlotRow extends Span {
  id: string;
  title: string;
  kind: string;
  cluster_id: string | null;
}

interface Session extends Span {
  clusterId: string | null;
  clusterNumber: number | null;
}

/**
 * Each agenda (the conference's own, each live cluster's) against its session: overlaps, slots
 * outside (a reception may start before the session), gaps within a day.
 */
export async function agendaChecks(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  const [conference]: { time_zone: string; starts_at: Date | null; ends_at: Date | null; status: string }[] =
    await manager.query(`SELECT time_zone, starts_at, ends_at, status FROM conference WHERE id = $1`, [conferenceId]);
  if (!conference || conference.status === 'cancelled') return [];
  const clusters: { id: string; number: number; starts_at: Date; ends_at: Date }[] = await manager.query(
    `SELECT id, number, starts_at, ends_at FROM cluster WHERE conference_id = $1 AND status = 'scheduled' ORDER BY number`,
    [conferenceId],
  );
  const rows: { id: string; title: string; kind: string; cluster_id: string | null; starts_at: Date; ends_at: Date }[] =
    await manager.query(
      `SELECT id, title, kind, cluster_id, starts_at, ends_at FROM agenda_slot WHERE conference_id = $1 ORDER BY starts_at, ends_at`,
      [conferenceId],
    );
  const slots: SlotRow[] = rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    cluster_id: r.cluster_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
  }));
  const sessions: Session[] = clusters.map((k) => ({
    clusterId: k.id,
    clusterNumber: k.number,
    startsAt: k.starts_at,
    endsAt: k.ends_at,
  }));
  if (conference.starts_at && conference.ends_at)
    sessions.unshift({
      clusterId: null,
      clusterNumber: null,
      startsAt: conference.starts_at,
      endsAt: conference.ends_at,
    });
  return sessions.flatMap((session) =>
    checkOne(
      session,
      slots.filter((s) => s.cluster_id === session.clusterId),
      conference.time_zone,
      conferenceId,
    ),
  );
}

function checkOne(session: Session, slots: SlotRow[], zone: string, conferenceId: string): Check[] {
  const agenda = label.agenda(session.clusterNumber);
  const time = (d: Date) => timeInZone(d, zone);
  const checks: Check[] = [];
  for (const [a, b] of findOverlaps(slots)) {
    checks.push({
      code: 'AGENDA_OVERLAP',
      severity: 'error',
      message: CHECK_MESSAGES.AGENDA_OVERLAP(agenda, b.title, a.title),
      target: { type: 'agenda_slot', id: b.id },
      related: [{ type: 'agenda_slot', id: a.id }],
    });
  }
  for (const slot of outsideSession(slots, session)) {
    checks.push({
      code: 'AGENDA_SLOT_OUTSIDE_SESSION',
      severity: 'error',
      message: CHECK_MESSAGES.AGENDA_SLOT_OUTSIDE_SESSION(
        agenda,
        slot.title,
        time(session.startsAt),
        time(session.endsAt),
      ),
      target: { type: 'agenda_slot', id: slot.id },
    });
  }
  // An agenda not written yet is not a gap.
  if (slots.length === 0) return checks;
  const owner = session.clusterId
    ? { type: 'cluster', id: session.clusterId }
    : { type: 'conference', id: conferenceId };
  for (const gap of findGaps(slots, session, localDay(zone))) {
    checks.push({
      code: 'AGENDA_GAP',
      severity: 'info',
      message: CHECK_MESSAGES.AGENDA_GAP(agenda, time(gap.startsAt), time(gap.endsAt), durationMinutes(gap)),
      target: owner,
    });
  }
  return checks;
}
