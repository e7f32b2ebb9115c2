import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../common/sql';
import { SqlParams } from '../directory/directory-sql';
import type { HolderCriteria } from '../directory/holders.service';

/**
 * The active units a rule selects, for its gaps: the unit side of HoldersService's criteria (the
 * holders query answers only units where someone holds a position, so it cannot say who is missing).
 */
export async function selectedUnits(
  runner: DataSource | EntityManager,
  criteria: HolderCriteria,
): Promise<{ id: string; name: string }[]> {
  const p = new SqlParams();
  const where = ['u.active'];
  let cte = '';
  if (criteria.unitKinds) where.push(`u.kind = ANY(${p.add(criteria.unitKinds)}::text[])`);
  if (criteria.unitIds) where.push(`u.id = ANY(${p.add(criteria.unitIds)}::uuid[])`);
  if (criteria.childrenOf) where.push(`u.parent_id = ${p.add(criteria.childrenOf)}`);
  if (criteria.withinUnitId) {
    cte = `WITH RECURSIVE within_unit AS (
      SELECT id FROM unit WHERE id = ${p.add(criteria.withinUnitId)}
      UNION ALL SELECT c.id FROM unit c JOIN within_unit w ON c.parent_id = w.id)`;
    where.push('u.id IN (SELECT id FROM within_unit)');
  }
  return queryRows(
    runner,
    `${cte} SELECT u.id, u.name FROM unit u WHERE ${where.join(' AND ')} ORDER BY u.name, u.id`,
    p.values,
  );
}
