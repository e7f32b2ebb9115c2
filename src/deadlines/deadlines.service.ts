import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { isoInZone } from '../common/zoned-time';
import { Due, occurrences } from '../dues/reader';
import { deadlineSql, DeadlineScope } from './deadline-query';
import { DeadlineResponse, DeadlineStatus } from './deadlines.dto';
import { DueEntry } from '../dues/due-entry.entity';
import { toDueResponse } from '../dues/due-response';
import { planReference } from '../dues/due-warnings';

/** A row of the deadline relation (see deadline-query.ts). */
export interface DeadlineRow {
  id: string;
  position: number;
  due: Due;
  kind: string;
  resolves_at: Date | null;
  met_at: Date | null;
  updated_at: Date;
  source: 'presentation' | 'task';
  presentation_id: string | null;
  task_id: string | null;
  plan_id: string | null;
  conference_id: string | null;
  unit_id: string | null;
  person_id: string | null;
  title: string;
  owner_status: string;
  owner_updated_at: Date;
  status: DeadlineStatus;
  total: string;
  /** The plan's date the due is compared with (the conference's plan date for a paper). */
  issued_on: string | null;
  partial_reference: boolean;
}

const YEAR_MS = 366 * 24 * 3600 * 1000;

/** The next occurrence of a recurring due within a year from `now`, or null. */
export function nextOccurrence(due: Due, now: Date): string | null {
  if (due.kind !== 'recurring') return null;
  return occurrences(due, { from: now, to: new Date(now.getTime() + YEAR_MS) })[0]?.resolvesAt ?? null;
}

/** `GET /deadlines`: papers and tasks together, soonest first, and the rows feeds are built from. */
@Injectable()
export class DeadlinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, query: DeadlineScope): Promise<{ items: DeadlineResponse[]; total: number }> {
    const rows = await this.rows(this.dataSource.manager, principal, query);
    return {
      items: await this.responses(this.dataSource.manager, rows),
      total: rows.length ? Number(rows[0].total) : 0,
    };
  }

  /** Rows as the caller may see them (null: no visibility restriction, for feeds). */
  async rows(manager: EntityManager, principal: Principal | null, query: DeadlineScope): Promise<DeadlineRow[]> {
    const sql = deadlineSql(principal, this.clock.now(), query);
    return manager.query(sql.text, sql.params);
  }

  async responses(manager: EntityManager, rows: DeadlineRow[]): Promise<DeadlineResponse[]> {
    const names = await this.names(manager, rows);
    const now = this.clock.now();
    return rows.map((row) => {
      const entry = { id: row.id, position: row.position, due: row.due, metAt: row.met_at } as DueEntry;
      const zone = row.due.zone;
      return {
        id: row.id,
        source: row.source,
        title: row.title,
        ...(row.presentation_id
          ? { presentation: { id: row.presentation_id, topic: row.title, status: row.owner_status } }
          : {}),
        ...(row.task_id
          ? {
              task: {
                id: row.task_id,
                planId: row.plan_id!,
                number: row.title.split('. ')[0],
                status: row.owner_status,
              },
            }
          : {}),
        conferenceId: row.conference_id,
        planId: row.plan_id,
        units: row.unit_id
          ? [{ id: row.unit_id, name: names.units.get(row.unit_id) ?? '', role: 'presenting' as const }]
          : (names.taskUnits.get(row.task_id!) ?? []),
        person: row.person_id ? { id: row.person_id, name: names.people.get(row.person_id) ?? '' } : null,
        due: toDueResponse(entry, planReference(row.issued_on, zone, row.partial_reference)),
        status: row.status,
        overdue: row.status === 'overdue',
        nextOccurrence: (() => {
          const next = row.status === 'recurring' ? nextOccurrence(row.due, now) : null;
          return next ? isoInZone(new Date(next), zone) : null;
        })(),
      };
    });
  }

  private async names(manager: EntityManager, rows: DeadlineRow[]) {
    const unitIds = [...new Set(rows.map((r) => r.unit_id).filter((id): id is string => !!id))];
    const personIds = [...new Set(rows.map((r) => r.person_id).filter((id): id is string => !!id))];
    const taskIds = rows.map((r) => r.task_id).filter((id): id is string => !!id);
    const units: { id: string; name: string }[] = unitIds.length
      ? await manager.query(`SELECT id, name FROM unit WHERE id = ANY($1::uuid[])`, [unitIds])
      : [];
    const people: { id: string; full_name: string }[] = personIds.length
      ? await manager.query(`SELECT id, full_name FROM person WHERE id = ANY($1::uuid[])`, [personIds])
      : [];
    const taskUnits: { task_id: string; unit_id: string; name: string; role: 'lead' | 'coordinating' }[] =
      taskIds.length
        ? await manager.query(
            `SELECT tu.task_id, tu.unit_id, u.name, tu.role FROM task_unit tu JOIN unit u ON u.id = tu.unit_id WHERE tu.task_id = ANY($1::uuid[]) ORDER BY tu.position`,
            [taskIds],
          )
        : [];
    const byTask = new Map<string, { id: string; name: string; role: 'lead' | 'coordinating' }[]>();
    for (const u of taskUnits)
      byTask.set(u.task_id, [...(byTask.get(u.task_id) ?? []), { id: u.unit_id, name: u.name, role: u.role }]);
    return {
      units: new Map(units.map((u) => [u.id, u.name])),
      people: new Map(people.map((p) => [p.id, p.full_name])),
      taskUnits: byTask,
    };
  }
}
