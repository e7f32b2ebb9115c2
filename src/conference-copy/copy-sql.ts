import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** Old id → new id, for one kind of row. */
export type IdMap = Map<string, string>;

interface Maps {
  points?: IdMap;
  clusters?: IdMap;
  presentations?: IdMap;
}

/** New ids for every row of a table that belongs to the source conference. */
export async function mapIds(manager: EntityManager, table: string, conferenceId: string): Promise<IdMap> {
  const rows: { id: string }[] = await manager.query(`SELECT id FROM ${table} WHERE conference_id = $1 ORDER BY id`, [
    conferenceId,
  ]);
  return new Map(rows.map((r) => [r.id, randomUUID()]));
}

// $1 the source, $2 the copy; the maps as old/new arrays ($3–$8), then each statement's own values.
// Columns are always listed: bridge_point.search_key is generated, every `version` starts again at 1.
const MAPS = `WITH ids AS (SELECT $1::uuid AS source_id, $2::uuid AS copy_id),
  pm AS (SELECT * FROM unnest($3::uuid[], $4::uuid[]) AS m(old_id, new_id)),
  cm AS (SELECT * FROM unnest($5::uuid[], $6::uuid[]) AS m(old_id, new_id)),
  prm AS (SELECT * FROM unnest($7::uuid[], $8::uuid[]) AS m(old_id, new_id))`;

/**
 * The statements of a copy. Points keep their tree and rooms but not their readiness (tested again
 * each year); clusters become tentative in the copy's window (each is confirmed with its own
 * schedule action, which also places its agenda from the template).
 */
const STATEMENTS = {
  bridgePoints: `${MAPS}
    INSERT INTO bridge_point (id, conference_id, parent_id, role, depth, name, unit_id, room, address, capacity,
      meeting_link, meeting_room_id, coordinator_person_id, expected_attendance, expected_attendance_approximate,
      chair_person_id, chair_text)
    SELECT pm.new_id, $2, parent.new_id, b.role, b.depth, b.name, b.unit_id, b.room, b.address, b.capacity,
      b.meeting_link, b.meeting_room_id, b.coordinator_person_id, b.expected_attendance, b.expected_attendance_approximate,
      b.chair_person_id, b.chair_text
    FROM bridge_point b JOIN pm ON pm.old_id = b.id LEFT JOIN pm parent ON parent.old_id = b.parent_id
    WHERE b.conference_id = $1`,
  clusters: `${MAPS}
    INSERT INTO cluster (id, conference_id, number, name, host_unit_id, venue, min_attendees, max_attendees, status,
      scheduled_at, calendar_uid, window_from, window_to, window_note)
    SELECT cm.new_id, $2, c.number, c.name, c.host_unit_id, c.venue, c.min_attendees, c.max_attendees, 'tentative',
      $9, gen_random_uuid()::text || '@convene', n.window_from, n.window_to, n.window_note
    FROM cluster c JOIN cm ON cm.old_id = c.id CROSS JOIN conference n
    WHERE c.conference_id = $1 AND n.id = $2`,
  clusterUnits: `${MAPS}
    INSERT INTO cluster_unit (cluster_id, unit_id, position)
    SELECT cm.new_id, u.unit_id, u.position FROM cluster_unit u JOIN cm ON cm.old_id = u.cluster_id CROSS JOIN ids`,
  compositionRules: `${MAPS}
    INSERT INTO composition_rule (conference_id, site_kind, bridge_point_id, cluster_id, position, label, unit_kinds,
      unit_ids, children_of_unit_id, within_unit_id, roles, max_per_unit, delegate_mode, delegate_unit_id, note)
    SELECT $2, r.site_kind, pm.new_id, cm.new_id, r.position, r.label, r.unit_kinds,
      r.unit_ids, r.children_of_unit_id, r.within_unit_id, r.roles, r.max_per_unit, r.delegate_mode, r.delegate_unit_id, r.note
    FROM composition_rule r LEFT JOIN pm ON pm.old_id = r.bridge_point_id LEFT JOIN cm ON cm.old_id = r.cluster_id
    WHERE r.conference_id = $1`,
  presentations: `${MAPS}
    INSERT INTO presentation (id, conference_id, cluster_id, unit_id, person_id, topic, min_pages, max_pages,
      talk_minutes, receiving_unit_id, note, created_by)
    SELECT prm.new_id, $2, cm.new_id, p.unit_id, p.person_id, p.topic, p.min_pages, p.max_pages,
      p.talk_minutes, p.receiving_unit_id, p.note, $9
    FROM presentation p JOIN prm ON prm.old_id = p.id LEFT JOIN cm ON cm.old_id = p.cluster_id
    WHERE p.conference_id = $1`,
  letter: `${MAPS}
    INSERT INTO invitation_letter (conference_id, issuing_unit_id, reference, composition, contact_name, contact_phone)
    SELECT $2, l.issuing_unit_id, l.reference, l.composition, l.contact_name, l.contact_phone
    FROM invitation_letter l WHERE l.conference_id = $1`,
  template: `${MAPS}
    INSERT INTO agenda_template_slot (conference_id, position, offset_minutes, duration_minutes, title, kind,
      presentation_id, note, performers, sub_items, place)
    SELECT $2, t.position, t.offset_minutes, t.duration_minutes, t.title, t.kind,
      prm.new_id, t.note, t.performers, t.sub_items, t.place
    FROM agenda_template_slot t LEFT JOIN prm ON prm.old_id = t.presentation_id
    WHERE t.conference_id = $1`,
  // A source without a template: its own agenda, as offsets from its start, becomes the copy's
  // template (what may sit before the start is a reception of up to two hours, as the template allows).
  slotsAsTemplate: `${MAPS}, s AS (
      SELECT a.*, (extract(epoch FROM a.starts_at - c.starts_at) / 60)::int AS offset_minutes,
        (extract(epoch FROM a.ends_at - a.starts_at) / 60)::int AS duration_minutes
      FROM agenda_slot a JOIN conference c ON c.id = a.conference_id
      WHERE a.conference_id = $1 AND a.cluster_id IS NULL AND c.starts_at IS NOT NULL)
    INSERT INTO agenda_template_slot (conference_id, position, offset_minutes, duration_minutes, title, kind,
      presentation_id, note, performers, sub_items, place)
    SELECT $2, row_number() OVER (ORDER BY s.starts_at, s.id), s.offset_minutes, s.duration_minutes, s.title, s.kind,
      prm.new_id, s.note, s.performers, s.sub_items, s.place
    FROM s LEFT JOIN prm ON prm.old_id = s.presentation_id
    WHERE s.offset_minutes >= 0 OR (s.kind = 'reception' AND s.offset_minutes >= -120)`,
} as const;

const pairs = (map: IdMap | undefined) => [[...(map?.keys() ?? [])], [...(map?.values() ?? [])]];

/** Runs one copy statement; answers how many rows it wrote. */
export async function insertMapped(
  manager: EntityManager,
  statement: keyof typeof STATEMENTS,
  ids: { from: string; to: string },
  maps: Maps,
  extra: unknown[] = [],
): Promise<number> {
  const params = [
    ids.from,
    ids.to,
    ...pairs(maps.points),
    ...pairs(maps.clusters),
    ...pairs(maps.presentations),
    ...extra,
  ];
  const rows: unknown[] = await manager.query(`${STATEMENTS[statement]} RETURNING 1`, params);
  return rows.length;
}

/** The source's template, or (when it has none) its own agenda placed relative to its start. */
export async function copyTemplate(
  manager: EntityManager,
  ids: { from: string; to: string },
  presentations: IdMap,
): Promise<number> {
  const copied = await insertMapped(manager, 'template', ids, { presentations });
  return copied > 0 ? copied : insertMapped(manager, 'slotsAsTemplate', ids, { presentations });
}
