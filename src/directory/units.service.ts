import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../identity/principal';
import { Clock } from '../common/clock';
import { fieldProblem, notFound, ProblemException, unprocessable } from '../common/problem';
import { queryRows } from '../common/sql';
import { SqlParams } from '../common/sql-params';
import { lockFor, UNIT_COLUMNS, UNIT_TREE_LOCK, unitSearchKey } from './directory-sql';
import { StewardsService } from './stewards.service';
import { CreateUnitDto, toUnitResponse, UnitRecord, UpdateUnitDto } from './units.dto';
import { assertFresh, IfMatch } from '../common/etag';

const MAX_NAMED = 5;

/** Creating, changing and deactivating units; each command one transaction under the tree lock. */
@Injectable()
export class UnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly stewards: StewardsService,
  ) {}

  async get(id: string, manager: EntityManager | DataSource = this.dataSource, lock = false): Promise<UnitRecord> {
    const [unit] = await queryRows<UnitRecord>(
      manager,
      `SELECT ${UNIT_COLUMNS()} FROM unit u WHERE u.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    if (!unit) throw notFound('unit', id);
    return unit;
  }

  async findByExternalCode(code: string): Promise<UnitRecord | null> {
    const [unit] = await queryRows<UnitRecord>(
      this.dataSource,
      `SELECT ${UNIT_COLUMNS()} FROM unit u WHERE u.external_code = $1`,
      [code],
    );
    return unit ?? null;
  }

  async create(actor: Actor, dto: CreateUnitDto): Promise<UnitRecord> {
    return this.dataSource.transaction(async (manager) => {
      await lockFor(manager, UNIT_TREE_LOCK);
      if (dto.parentId) await this.checkParent(manager, dto.parentId, true);
      if (dto.parentId) await this.stewards.assertUnits(manager, actor, [dto.parentId]);
      const now = this.clock.now();
      const shortName = dto.shortName || null;
      const [unit] = await queryRows<UnitRecord>(
        manager,
        `INSERT INTO unit AS u (name, short_name, kind, parent_id, external_code, search_key, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ${UNIT_COLUMNS()}`,
        [
          dto.name,
          shortName,
          dto.kind,
          dto.parentId ?? null,
          dto.externalCode || null,
          unitSearchKey(dto.name, shortName),
          now,
        ],
      );
      await this.audit.record(manager, actor, {
        action: 'unit.create',
        entityType: 'unit',
        entityId: unit.id,
        after: toUnitResponse(unit),
      });
      if (!unit.parentId) await this.stewards.adoptRoot(manager, actor, unit.id);
      return unit;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateUnitDto, ifMatch: IfMatch = null): Promise<UnitRecord> {
    return this.dataSource.transaction(async (manager) => {
      await lockFor(manager, UNIT_TREE_LOCK);
      const before = await this.get(id, manager, true);
      assertFresh(ifMatch, before.version, 'unit');
      await this.stewards.assertUnits(manager, actor, [id]);
      const next = {
        name: dto.name ?? before.name,
        shortName: dto.shortName === undefined ? before.shortName : dto.shortName || null,
        kind: dto.kind ?? before.kind,
        parentId: dto.parentId === undefined ? before.parentId : dto.parentId,
        externalCode: dto.externalCode === undefined ? before.externalCode : dto.externalCode || null,
        active: dto.active ?? before.active,
      };
      if (next.parentId !== before.parentId && next.parentId !== null) await this.checkMove(manager, id, next.parentId);
      if (next.active && next.parentId !== null && (next.parentId !== before.parentId || !before.active)) {
        await this.checkParent(manager, next.parentId, true, dto.parentId !== undefined ? 'parentId' : 'active');
      }
      if (!next.active && before.active) await this.checkNoActiveChildren(manager, id);
      if (next.parentId !== before.parentId && next.parentId !== null) {
        await this.stewards.assertUnits(manager, actor, [next.parentId]);
      }
      const unit = await this.write(manager, id, next);
      // A unit moved to the top of the tree stays with whoever moved it.
      if (next.parentId === null && before.parentId !== null) await this.stewards.adoptRoot(manager, actor, id);
      await this.audit.record(manager, actor, {
        action: 'unit.update',
        entityType: 'unit',
        entityId: id,
        before: toUnitResponse(before),
        after: toUnitResponse(unit),
      });
      return unit;
    });
  }

  /** Units are never deleted (invitations and histories point at them): they are deactivated. */
  async deactivate(actor: Actor, id: string, cascade: boolean): Promise<UnitRecord> {
    return this.dataSource.transaction(async (manager) => {
      await lockFor(manager, UNIT_TREE_LOCK);
      const before = await this.get(id, manager, true);
      await this.stewards.assertUnits(manager, actor, [id]);
      if (!cascade) await this.checkNoActiveChildren(manager, id);
      const rows = await queryRows<{ id: string }>(
        manager,
        `WITH RECURSIVE sub AS (SELECT id FROM unit WHERE id = $1 UNION ALL SELECT c.id FROM unit c JOIN sub ON c.parent_id = sub.id)
         UPDATE unit SET active = false, updated_at = $2 WHERE id IN (SELECT id FROM sub) AND active RETURNING id`,
        [id, this.clock.now()],
      );
      const unit = await this.get(id, manager);
      if (rows.length === 0) return unit;
      const also = rows.map((r) => r.id).filter((other) => other !== id);
      await this.audit.record(manager, actor, {
        action: 'unit.deactivate',
        entityType: 'unit',
        entityId: id,
        before: toUnitResponse(before),
        after: { ...toUnitResponse(unit), ...(also.length > 0 ? { alsoDeactivated: also } : {}) },
      });
      return unit;
    });
  }

  private async write(
    manager: EntityManager,
    id: string,
    next: Omit<UnitRecord, 'id' | 'createdAt' | 'updatedAt' | 'version'>,
  ): Promise<UnitRecord> {
    const p = new SqlParams();
    const [unit] = await queryRows<UnitRecord>(
      manager,
      `UPDATE unit AS u SET name = ${p.add(next.name)}, short_name = ${p.add(next.shortName)}, kind = ${p.add(next.kind)},
         parent_id = ${p.add(next.parentId)}, external_code = ${p.add(next.externalCode)}, active = ${p.add(next.active)},
         search_key = ${p.add(unitSearchKey(next.name, next.shortName))}, updated_at = ${p.add(this.clock.now())}
       WHERE u.id = ${p.add(id)} RETURNING ${UNIT_COLUMNS()}`,
      p.values,
    );
    return unit;
  }

  private async checkParent(
    manager: EntityManager,
    parentId: string,
    mustBeActive: boolean,
    field = 'parentId',
  ): Promise<void> {
    const [parent] = await queryRows<{ active: boolean; name: string }>(
      manager,
      'SELECT active, name FROM unit WHERE id = $1',
      [parentId],
    );
    if (!parent)
      throw unprocessable([fieldProblem('parentId', 'unknownParent', `parentId: no unit has the id ${parentId}`)]);
    if (mustBeActive && !parent.active) {
      throw unprocessable([
        fieldProblem(
          field,
          'inactiveParent',
          `${field}: the parent unit "${parent.name}" is deactivated; an active unit cannot belong to it`,
        ),
      ]);
    }
  }

  /** A new parent may not be the unit itself or anything under it. */
  private async checkMove(manager: EntityManager, id: string, parentId: string): Promise<void> {
    await this.checkParent(manager, parentId, false);
    const [hit] = await queryRows<{ path: string }>(
      manager,
      `WITH RECURSIVE up AS (
         SELECT id, parent_id, ARRAY[name] AS path FROM unit WHERE id = $2
         UNION ALL SELECT u.id, u.parent_id, up.path || u.name FROM unit u JOIN up ON u.id = up.parent_id WHERE up.id <> $1)
       SELECT array_to_string(path, ' → ') AS path FROM up WHERE id = $1`,
      [id, parentId],
    );
    if (hit) {
      throw unprocessable([
        fieldProblem(
          'parentId',
          'cycle',
          `parentId would make a cycle: the new parent is under this unit (${hit.path})`,
        ),
      ]);
    }
  }

  private async checkNoActiveChildren(manager: EntityManager, id: string): Promise<void> {
    const children = await queryRows<{ name: string }>(
      manager,
      'SELECT name FROM unit WHERE parent_id = $1 AND active ORDER BY name LIMIT $2',
      [id, MAX_NAMED + 1],
    );
    if (children.length === 0) return;
    const named =
      children
        .slice(0, MAX_NAMED)
        .map((c) => c.name)
        .join(', ') + (children.length > MAX_NAMED ? '…' : '');
    throw new ProblemException(
      HttpStatus.CONFLICT,
      'UNIT_HAS_ACTIVE_CHILDREN',
      `The unit has active sub-units (${named}); deactivate them first, or pass cascade=true to deactivate the whole branch.`,
    );
  }
}
