import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { fieldProblem, unprocessable } from '../common/problem';
import { nfc } from '../common/text';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { attendanceOf, AttendanceRow, invitationsPerPoint } from './bridge-point-attendance';
import {
  BulkBridgePointsDto,
  BulkLevelDto,
  BulkResult,
  BridgePointSummary,
  ReadinessCounts,
} from './bridge-points.dto';

interface LevelOutcome {
  candidates: number;
  created: number;
  unitIds: string[] | null;
}

/**
 * Bridge points by the thousand: "one per district of the province", "one per province and
 * under each one per commune". Set-based SQL (INSERT … SELECT over a recursive walk of the
 * directory), one statement per level, one transaction. Units that already have a point in the
 * conference keep it, so running the same request again adds only what is missing.
 */
@Injectable()
export class BridgePointsBulkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
    private readonly audit: AuditService,
  ) {}

  async createFromDirectory(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    dto: BulkBridgePointsDto,
  ): Promise<BulkResult> {
    return this.dataSource.transaction(async (manager) => {
      await this.access.lockForChange(manager, principal, conferenceId);
      const top = await this.topParent(manager, conferenceId, dto.parentId);
      await this.assertUnit(manager, dto.rootUnitId);
      const result: BulkResult = { created: 0, existing: 0, levels: [] };
      let previousUnits: string[] | null = null;
      for (const [index, level] of dto.levels.entries()) {
        const outcome: LevelOutcome =
          index === 0
            ? await this.firstLevel(manager, conferenceId, top, dto.rootUnitId ?? null, level, dto.levels.length > 1)
            : await this.lowerLevel(manager, conferenceId, previousUnits ?? [], level, index < dto.levels.length - 1);
        result.levels.push({
          level: index + 1,
          unitKind: level.unitKind,
          created: outcome.created,
          existing: outcome.candidates - outcome.created,
        });
        result.created += outcome.created;
        result.existing += outcome.candidates - outcome.created;
        previousUnits = outcome.unitIds;
      }
      await this.audit.record(manager, actor, {
        action: 'bridge_point.bulk_create',
        entityType: 'conference',
        entityId: conferenceId,
        conferenceId,
        after: { request: dto, result },
      });
      return result;
    });
  }

  /**
   * Counts per level (with readiness and gaps) and per parent, with the expected attendance and
   * the invitations beside it, in one query: a page of the national tree (31,000 points) is one
   * pass over the conference's points and one over its invitations.
   */
  async summary(principal: Principal, conferenceId: string): Promise<BridgePointSummary> {
    await this.access.assertCanRead(principal, conferenceId);
    const rows: SummaryRow[] = await this.dataSource.query(
      `WITH inv AS (${invitationsPerPoint('i.conference_id = $1 AND i.bridge_point_id IS NOT NULL')}),
       g AS (
         SELECT grouping(bp.depth) AS by_parent, bp.depth, bp.parent_id, count(*)::int AS count,
                count(*) FILTER (WHERE bp.coordinator_person_id IS NULL)::int AS without_coordinator,
                count(*) FILTER (WHERE bp.meeting_link IS NULL AND bp.meeting_room_id IS NULL)::int AS without_link,
                count(*) FILTER (WHERE bp.readiness = 'untested')::int AS untested,
                count(*) FILTER (WHERE bp.readiness = 'test_scheduled')::int AS test_scheduled,
                count(*) FILTER (WHERE bp.readiness = 'passed')::int AS passed,
                count(*) FILTER (WHERE bp.readiness = 'failed')::int AS failed,
                coalesce(sum(bp.expected_attendance), 0)::int AS expected,
                count(*) FILTER (WHERE bp.expected_attendance_approximate)::int AS approximate,
                count(*) FILTER (WHERE bp.expected_attendance IS NULL)::int AS without_expected,
                coalesce(sum(inv.invited), 0)::int AS invited,
                coalesce(sum(inv.confirmed), 0)::int AS confirmed
           FROM bridge_point bp LEFT JOIN inv ON inv.bridge_point_id = bp.id
          WHERE bp.conference_id = $1
          GROUP BY GROUPING SETS ((bp.depth), (bp.parent_id)))
       SELECT g.*, p.name AS parent_name FROM g LEFT JOIN bridge_point p ON p.id = g.parent_id
        ORDER BY g.by_parent, g.depth, p.depth NULLS FIRST, p.name`,
      [conferenceId],
    );
    const levels = rows.filter((r) => r.by_parent === 0);
    return {
      total: levels.reduce((sum, r) => sum + r.count, 0),
      attendance: attendanceOf({
        expected: levels.reduce((sum, r) => sum + r.expected, 0),
        approximate: levels.reduce((sum, r) => sum + r.approximate, 0),
        without_expected: levels.reduce((sum, r) => sum + r.without_expected, 0),
        invited: levels.reduce((sum, r) => sum + r.invited, 0),
        confirmed: levels.reduce((sum, r) => sum + r.confirmed, 0),
      }),
      byLevel: levels.map((r) => ({
        depth: r.depth!,
        count: r.count,
        withoutCoordinator: r.without_coordinator,
        withoutLink: r.without_link,
        readiness: {
          untested: r.untested,
          test_scheduled: r.test_scheduled,
          passed: r.passed,
          failed: r.failed,
        } satisfies ReadinessCounts,
        attendance: attendanceOf(r),
      })),
      byParent: rows
        .filter((r) => r.by_parent === 1)
        .map((r) => ({
          parentId: r.parent_id,
          parentName: r.parent_name,
          count: r.count,
          attendance: attendanceOf(r),
        })),
    };
  }

  private async firstLevel(
    manager: EntityManager,
    conferenceId: string,
    top: Parent,
    rootUnitId: string | null,
    level: BulkLevelDto,
    wantUnits: boolean,
  ): Promise<LevelOutcome> {
    // Under a given unit: its descendants. Without one: the whole directory, from the top units down.
    const parents = `SELECT $2::uuid AS point_id, $3::int AS depth, u.id, u.kind, u.name, u.active
                       FROM unit u WHERE ($4::uuid IS NULL AND u.parent_id IS NULL) OR u.parent_id = $4::uuid`;
    return this.insertLevel(
      manager,
      parents,
      [conferenceId, top?.id ?? null, top ? top.depth + 1 : 0, rootUnitId],
      level,
      wantUnits,
    );
  }

  private async lowerLevel(
    manager: EntityManager,
    conferenceId: string,
    unitIds: string[],
    level: BulkLevelDto,
    wantUnits: boolean,
  ): Promise<LevelOutcome> {
    const parents = `SELECT bp.id AS point_id, bp.depth + 1 AS depth, u.id, u.kind, u.name, u.active
                       FROM bridge_point bp JOIN unit u ON u.parent_id = bp.unit_id
                      WHERE bp.conference_id = $1 AND bp.unit_id = ANY($2::uuid[])`;
    return this.insertLevel(manager, parents, [conferenceId, unitIds], level, wantUnits);
  }

  /**
   * `start` answers the units directly below each parent point's unit (point_id, depth, unit
   * columns); the walk goes down from there to units of the level's kind, at any depth.
   */
  private async insertLevel(
    manager: EntityManager,
    start: string,
    params: unknown[],
    level: BulkLevelDto,
    wantUnits: boolean,
  ): Promise<LevelOutcome> {
    const n = params.length;
    const sql = `
      WITH RECURSIVE walk AS (
        ${start}
        UNION ALL
        SELECT w.point_id, w.depth, u.id, u.kind, u.name, u.active FROM walk w JOIN unit u ON u.parent_id = w.id
      ),
      candidates AS (SELECT DISTINCT ON (id) point_id, depth, id, name FROM walk WHERE kind = $${n + 1} AND active ORDER BY id, depth),
      inserted AS (
        INSERT INTO bridge_point (conference_id, parent_id, role, depth, name, unit_id, room, address, capacity,
                                  expected_attendance, expected_attendance_approximate)
        SELECT $1, c.point_id, 'remote', c.depth, replace($${n + 2}, '{unit}', c.name), c.id, $${n + 3}, $${n + 4}, $${n + 5},
               $${n + 6}::int, $${n + 7}::boolean
          FROM candidates c
        ON CONFLICT (conference_id, unit_id) DO NOTHING
        RETURNING 1)
      SELECT (SELECT count(*) FROM candidates)::int AS candidates, (SELECT count(*) FROM inserted)::int AS created,
             ${wantUnits ? '(SELECT array_agg(id) FROM candidates)' : 'NULL::uuid[]'} AS unit_ids`;
    const values = [
      ...params,
      level.unitKind,
      nfc(level.name?.trim() || '{unit}'),
      level.room ? nfc(level.room) : null,
      level.address ? nfc(level.address) : null,
      level.capacity ?? null,
      level.expectedAttendance ?? null,
      level.expectedAttendance != null && level.expectedAttendanceApproximate === true,
    ];
    const [row] = await manager.query(sql, values);
    return { candidates: row.candidates, created: row.created, unitIds: row.unit_ids };
  }

  private async topParent(manager: EntityManager, conferenceId: string, parentId: string | undefined): Promise<Parent> {
    const [row] = parentId
      ? await manager.query(`SELECT id, depth FROM bridge_point WHERE conference_id = $1 AND id = $2`, [
          conferenceId,
          parentId,
        ])
      : await manager.query(`SELECT id, depth FROM bridge_point WHERE conference_id = $1 AND role = 'host'`, [
          conferenceId,
        ]);
    if (parentId && !row)
      throw unprocessable(
        [fieldProblem('parentId', 'reference', 'parentId names no point of this conference')],
        undefined,
        'REFERENCE_NOT_FOUND',
      );
    return row ?? null;
  }

  private async assertUnit(manager: EntityManager, unitId: string | undefined): Promise<void> {
    if (!unitId) return;
    const [row] = await manager.query(`SELECT 1 FROM unit WHERE id = $1`, [unitId]);
    if (!row)
      throw unprocessable(
        [fieldProblem('rootUnitId', 'reference', 'rootUnitId names no unit of the directory')],
        undefined,
        'REFERENCE_NOT_FOUND',
      );
  }
}

type Parent = { id: string; depth: number } | null;

interface SummaryRow extends AttendanceRow {
  by_parent: number;
  depth: number | null;
  parent_id: string | null;
  parent_name: string | null;
  count: number;
  without_coordinator: number;
  without_link: number;
  untested: number;
  test_scheduled: number;
  passed: number;
  failed: number;
}
