import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { notFound } from '../common/problem';
import { Cluster } from '../clusters/cluster.entity';
import { Conference } from '../conferences/conference.entity';
import { AgendaSlot } from './agenda-slot.entity';
import { instantiate, Span } from './agenda-rules';
import { allPerformers, namesOf } from './agenda-content';
import { SlotRow, TemplateSlotResponse, TemplateSlotRow, toTemplateSlotResponse } from './agendas.dto';

/** Whose agenda: a conference's own (clusterId null) or one cluster's. */
export interface AgendaScope {
  conference: Conference;
  cluster: Cluster | null;
  /** The session the slots must lie in; null while the conference (or the cluster) has no confirmed time. */
  session: Span | null;
}

const CONTENT_COLUMNS = `s.performers, s.sub_items AS "subItems", s.place, s.presentation_id AS "presentationId", s.note`;

/** Reads and bulk writes of agendas, inside the caller's transaction. */
@Injectable()
export class AgendaStore {
  async scope(manager: EntityManager, conference: Conference, clusterId: string | null): Promise<AgendaScope> {
    if (!clusterId) {
      const session =
        conference.startsAt && conference.endsAt ? { startsAt: conference.startsAt, endsAt: conference.endsAt } : null;
      return { conference, cluster: null, session };
    }
    const cluster = await manager.findOneBy(Cluster, { id: clusterId, conferenceId: conference.id });
    if (!cluster) throw notFound('cluster', clusterId);
    const session = cluster.startsAt && cluster.endsAt ? { startsAt: cluster.startsAt, endsAt: cluster.endsAt } : null;
    return { conference, cluster, session };
  }

  entities(manager: EntityManager, conferenceId: string, clusterId: string | null): Promise<AgendaSlot[]> {
    return manager.find(AgendaSlot, {
      where: { conferenceId, clusterId: clusterId ?? IsNull() },
      order: { startsAt: 'ASC', endsAt: 'ASC' },
    });
  }

  async rows(manager: EntityManager, conferenceId: string, clusterId: string | null): Promise<SlotRow[]> {
    const rows: SlotRow[] = await manager.query(
      `SELECT s.id, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.title, s.kind, s.version, ${CONTENT_COLUMNS}
         FROM agenda_slot s
        WHERE s.conference_id = $1 AND s.cluster_id IS NOT DISTINCT FROM $2
        ORDER BY s.starts_at, s.ends_at, s.id`,
      [conferenceId, clusterId],
    );
    return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) }));
  }

  /** The template as answered, with the names of the units and people its performers name. */
  async templateResponses(manager: EntityManager, conferenceId: string): Promise<TemplateSlotResponse[]> {
    const rows = await this.template(manager, conferenceId);
    const names = await namesOf(manager, allPerformers(rows));
    return rows.map((r) => toTemplateSlotResponse(r, names));
  }

  template(manager: EntityManager, conferenceId: string): Promise<TemplateSlotRow[]> {
    return manager.query(
      `SELECT s.id, s.position, s.offset_minutes AS "offsetMinutes", s.duration_minutes AS "durationMinutes", s.title, s.kind, ${CONTENT_COLUMNS}
         FROM agenda_template_slot s
        WHERE s.conference_id = $1 ORDER BY s.offset_minutes, s.position`,
      [conferenceId],
    );
  }

  /** Replaces the scope's slots with the template placed at `start`; answers how many were made. */
  async replaceWithTemplate(
    manager: EntityManager,
    conferenceId: string,
    clusterId: string | null,
    start: Date,
  ): Promise<AgendaSlot[]> {
    await manager.query(`DELETE FROM agenda_slot WHERE conference_id = $1 AND cluster_id IS NOT DISTINCT FROM $2`, [
      conferenceId,
      clusterId,
    ]);
    const template = await this.template(manager, conferenceId);
    const slots = instantiate(template, start).map((t) =>
      manager.create(AgendaSlot, {
        conferenceId,
        clusterId,
        startsAt: t.startsAt,
        endsAt: t.endsAt,
        title: t.title,
        kind: t.kind,
        performers: t.performers,
        subItems: t.subItems,
        place: t.place,
        presentationId: t.presentationId,
        note: t.note,
      }),
    );
    if (slots.length > 0) await manager.save(slots);
    return slots;
  }

  async shiftAll(
    manager: EntityManager,
    conferenceId: string,
    clusterId: string | null,
    minutes: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE agenda_slot SET starts_at = starts_at + make_interval(mins => $3), ends_at = ends_at + make_interval(mins => $3), updated_at = now()
        WHERE conference_id = $1 AND cluster_id IS NOT DISTINCT FROM $2`,
      [conferenceId, clusterId, minutes],
    );
  }
}
