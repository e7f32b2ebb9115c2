import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../common/sql';
import type { Language, PersonRole, UnitKind } from './directory.constants';
import { SqlParams } from '../common/sql-params';

/**
 * "Who currently holds role R in units of kind K / in these units / in the children of unit U /
 * anywhere within unit U": the question attendee-composition rules ask. Criteria combine with AND.
 */
export interface HolderCriteria {
  roles?: PersonRole[];
  unitKinds?: UnitKind[];
  /** Positions in exactly these units. */
  unitIds?: string[];
  /** Positions in the direct children of this unit. */
  childrenOf?: string;
  /** Positions in this unit or any unit under it, at any depth. */
  withinUnitId?: string;
  /** Also deactivated people and units (default: only active ones). */
  includeInactive?: boolean;
}

export interface Holder {
  personId: string;
  fullName: string;
  email: string | null;
  language: Language;
  positionId: string;
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  role: PersonRole;
  title: string;
}

/**
 * One statement per question. The current-position index (unit_id, role) WHERE ended_on IS NULL
 * serves each unit the tree walk or the kind index yields.
 */
@Injectable()
export class HoldersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(criteria: HolderCriteria, manager: EntityManager | DataSource = this.dataSource): Promise<Holder[]> {
    const { sql, params } = holdersQuery(criteria);
    return queryRows<Holder>(manager, sql, params);
  }
}

export function holdersQuery(criteria: HolderCriteria): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const where = ['pp.ended_on IS NULL'];
  let cte = '';
  if (!criteria.includeInactive) where.push('p.active', 'u.active');
  if (criteria.roles) where.push(`pp.role = ANY(${p.add(criteria.roles)}::text[])`);
  if (criteria.unitKinds) where.push(`u.kind = ANY(${p.add(criteria.unitKinds)}::text[])`);
  if (criteria.unitIds) where.push(`pp.unit_id = ANY(${p.add(criteria.unitIds)}::uuid[])`);
  if (criteria.childrenOf) where.push(`u.parent_id = ${p.add(criteria.childrenOf)}`);
  if (criteria.withinUnitId) {
    cte = `WITH RECURSIVE within_unit AS (
      SELECT id FROM unit WHERE id = ${p.add(criteria.withinUnitId)}
      UNION ALL SELECT c.id FROM unit c JOIN within_unit w ON c.parent_id = w.id)`;
    where.push('pp.unit_id IN (SELECT id FROM within_unit)');
  }
  const sql = `${cte}
    SELECT p.id AS "personId", p.full_name AS "fullName", p.email, p.language, pp.id AS "positionId", u.id AS "unitId",
           u.name AS "unitName", u.kind AS "unitKind", pp.role, pp.title
    FROM person_position pp JOIN unit u ON u.id = pp.unit_id JOIN person p ON p.id = pp.person_id
    WHERE ${where.join(' AND ')}
    ORDER BY u.name, u.id, pp.role, p.full_name, p.id`;
  return { sql, params: p.values };
}
