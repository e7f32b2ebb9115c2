import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../identity/principal';
import { Clock } from '../common/clock';
import { FieldProblem, fieldProblem, notFound, unprocessable } from '../common/problem';
import { queryRows } from '../common/sql';
import { foldVietnamese } from '../common/text';
import { defaultTitle } from './directory.labels';
import { pagedRows, searchCondition, SqlParams } from '../common/sql-params';
import { PERSON_COLUMNS, personSearchKey, POSITION_COLUMNS } from './directory-sql';
import { StewardsService } from './stewards.service';
import {
  CreatePersonDto,
  PersonListQuery,
  PersonRecord,
  PositionInputDto,
  PositionRecord,
  toPersonResponse,
  UpdatePersonDto,
} from './people.dto';
import { assertFresh, IfMatch } from '../common/etag';

export interface PersonWithPositions {
  person: PersonRecord;
  positions: PositionRecord[];
}

/** People: create (with positions), read, change, deactivate; each command one transaction. */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly stewards: StewardsService,
  ) {}

  async create(actor: Actor, dto: CreatePersonDto): Promise<PersonWithPositions> {
    return this.dataSource.transaction(async (manager) => {
      const positions = dto.positions ?? [];
      await checkPositionUnits(manager, positions, 'positions');
      await this.stewards.assertUnits(
        manager,
        actor,
        positions.map((p) => p.unitId),
      );
      const now = this.clock.now();
      const [person] = await queryRows<PersonRecord>(
        manager,
        `INSERT INTO person AS p (full_name, email, phone, language, search_key, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING ${PERSON_COLUMNS()}`,
        [dto.fullName, dto.email || null, dto.phone || null, dto.language ?? 'vi', personSearchKey(dto.fullName), now],
      );
      if (positions.length > 0) {
        await manager.query(
          `INSERT INTO person_position (person_id, unit_id, role, title, started_on, created_at)
           SELECT $1::uuid, u.unit_id, u.role, u.title, u.started_on, $6::timestamptz
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::date[]) AS u(unit_id, role, title, started_on)`,
          [
            person.id,
            positions.map((p) => p.unitId),
            positions.map((p) => p.role),
            positions.map((p) => p.title ?? defaultTitle(p.role)),
            positions.map((p) => p.startedOn ?? null),
            now,
          ],
        );
      }
      const result = { person, positions: await positionsOf(manager, [person.id], false) };
      await this.audit.record(manager, actor, {
        action: 'person.create',
        entityType: 'person',
        entityId: person.id,
        after: toPersonResponse(result.person, result.positions),
      });
      return result;
    });
  }

  async get(
    id: string,
    manager: EntityManager | DataSource = this.dataSource,
    lock = false,
  ): Promise<PersonWithPositions> {
    const [person] = await queryRows<PersonRecord>(
      manager,
      `SELECT ${PERSON_COLUMNS()} FROM person p WHERE p.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    if (!person) throw notFound('person', id);
    return { person, positions: await positionsOf(manager, [id], false) };
  }

  async update(actor: Actor, id: string, dto: UpdatePersonDto, ifMatch: IfMatch = null): Promise<PersonWithPositions> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.get(id, manager, true);
      assertFresh(ifMatch, before.person.version, 'person');
      await this.stewards.assertPerson(manager, actor, id);
      const email = dto.email === undefined ? before.person.email : dto.email || null;
      if (email !== before.person.email) await this.stewards.assertEmailChange(manager, actor, id);
      const fullName = dto.fullName ?? before.person.fullName;
      const p = new SqlParams();
      const [person] = await queryRows<PersonRecord>(
        manager,
        `UPDATE person AS p SET full_name = ${p.add(fullName)}, search_key = ${p.add(personSearchKey(fullName))},
           email = ${p.add(email)},
           phone = ${p.add(dto.phone === undefined ? before.person.phone : dto.phone || null)},
           language = ${p.add(dto.language ?? before.person.language)}, active = ${p.add(dto.active ?? before.person.active)},
           updated_at = ${p.add(this.clock.now())}
         WHERE p.id = ${p.add(id)} RETURNING ${PERSON_COLUMNS()}`,
        p.values,
      );
      const after = { person, positions: before.positions };
      await this.audit.record(manager, actor, {
        action: dto.active === false && before.person.active ? 'person.deactivate' : 'person.update',
        entityType: 'person',
        entityId: id,
        before: toPersonResponse(before.person, before.positions),
        after: toPersonResponse(after.person, after.positions),
      });
      return after;
    });
  }

  /**
   * People are never deleted: invitations and answers point at them. Deactivated people keep their
   * positions (so reactivating restores them) but are left out when rules are resolved.
   */
  async deactivate(actor: Actor, id: string): Promise<PersonWithPositions> {
    const current = await this.get(id);
    if (!current.person.active) return current;
    return this.update(actor, id, { active: false });
  }

  async list(query: PersonListQuery): Promise<{ items: PersonWithPositions[]; total: number }> {
    const p = new SqlParams();
    const where = ['TRUE'];
    const ctes: string[] = [];
    if (query.active !== undefined) where.push(`p.active = ${p.add(query.active)}`);
    if (query.email) where.push(`p.email = ${p.add(query.email)}`);
    if (query.q) where.push(searchCondition('p.search_key', query.q, p));
    const held = ['pp.person_id = p.id', 'pp.ended_on IS NULL'];
    if (query.unitId) held.push(`pp.unit_id = ${p.add(query.unitId)}`);
    if (query.role?.length) held.push(`pp.role = ANY(${p.add(query.role)}::text[])`);
    if (query.unitKind?.length) held.push(`pu.kind = ANY(${p.add(query.unitKind)}::text[])`);
    if (query.withinUnitId) {
      ctes.push(
        `within_unit AS (SELECT id FROM unit WHERE id = ${p.add(query.withinUnitId)} UNION ALL SELECT c.id FROM unit c JOIN within_unit w ON c.parent_id = w.id)`,
      );
      held.push('pp.unit_id IN (SELECT id FROM within_unit)');
    }
    if (held.length > 2)
      where.push(
        `EXISTS (SELECT 1 FROM person_position pp JOIN unit pu ON pu.id = pp.unit_id WHERE ${held.join(' AND ')})`,
      );
    const order = query.q
      ? `similarity(p.search_key, ${p.add(foldVietnamese(query.q))}) DESC, p.full_name, p.id`
      : 'p.full_name, p.id';
    const { items: people, total } = await pagedRows<PersonRecord>(
      this.dataSource,
      `${ctes.length ? `WITH RECURSIVE ${ctes.join(', ')}` : ''}
       SELECT ${PERSON_COLUMNS()}, count(*) OVER () AS total FROM person p WHERE ${where.join(' AND ')} ORDER BY ${order}`,
      p,
      query,
    );
    const byPerson = new Map<string, PositionRecord[]>();
    for (const position of await positionsOf(
      this.dataSource,
      people.map((r) => r.id),
      true,
    )) {
      byPerson.set(position.personId, [...(byPerson.get(position.personId) ?? []), position]);
    }
    return { items: people.map((person) => ({ person, positions: byPerson.get(person.id) ?? [] })), total };
  }
}

/** Positions of these people with their units: current first, then the most recently ended. */
export async function positionsOf(
  manager: EntityManager | DataSource,
  personIds: string[],
  currentOnly: boolean,
): Promise<PositionRecord[]> {
  if (personIds.length === 0) return [];
  return queryRows<PositionRecord>(
    manager,
    `SELECT ${POSITION_COLUMNS} FROM person_position pp JOIN unit pu ON pu.id = pp.unit_id
     WHERE pp.person_id = ANY($1::uuid[]) ${currentOnly ? 'AND pp.ended_on IS NULL' : ''}
     ORDER BY pp.ended_on DESC NULLS FIRST, pu.name, pp.role, pp.id`,
    [personIds],
  );
}

/** Every unit named must exist and be active, and a unit and role appear once. */
export async function checkPositionUnits(
  manager: EntityManager,
  positions: PositionInputDto[],
  field: string,
): Promise<void> {
  if (positions.length === 0) return;
  const units = await queryRows<{ id: string; active: boolean; name: string }>(
    manager,
    'SELECT id, active, name FROM unit WHERE id = ANY($1::uuid[])',
    [positions.map((p) => p.unitId)],
  );
  const byId = new Map(units.map((u) => [u.id, u]));
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  positions.forEach((position, i) => {
    const at = field === '' ? 'unitId' : `${field}[${i}].unitId`;
    const unit = byId.get(position.unitId.toLowerCase());
    if (!unit) problems.push(fieldProblem(at, 'unknownUnit', `${at}: no unit has the id ${position.unitId}`));
    else if (!unit.active)
      problems.push(fieldProblem(at, 'inactiveUnit', `${at}: the unit "${unit.name}" is deactivated`));
    const key = `${position.unitId.toLowerCase()}/${position.role}`;
    if (seen.has(key))
      problems.push(
        fieldProblem(`${field}[${i}]`, 'duplicatePosition', `${field}[${i}]: the same unit and role appear twice`),
      );
    seen.add(key);
  });
  if (problems.length > 0) throw unprocessable(problems);
}
