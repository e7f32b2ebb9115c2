import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound } from '../common/problem';
import { foldVietnamese } from '../common/text';
import { queryRows } from '../common/sql';
import { pagedRows, searchCondition, SqlParams } from '../common/sql-params';
import { UNIT_COLUMNS } from './directory-sql';
import { DescendantsQuery, UnitListQuery, UnitRecord, UnitTreeQuery } from './units.dto';

/** Reading the unit tree: lists, children, descendants of any depth, and the path up to the root. */
@Injectable()
export class UnitTreeService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: UnitListQuery): Promise<{ items: UnitRecord[]; total: number }> {
    const p = new SqlParams();
    const where = ['TRUE'];
    if (query.kind?.length) where.push(`u.kind = ANY(${p.add(query.kind)}::text[])`);
    if (query.parentId) where.push(`u.parent_id = ${p.add(query.parentId)}`);
    if (query.root === true) where.push('u.parent_id IS NULL');
    if (query.root === false) where.push('u.parent_id IS NOT NULL');
    if (query.active !== undefined) where.push(`u.active = ${p.add(query.active)}`);
    if (query.externalCode) where.push(`u.external_code = ${p.add(query.externalCode)}`);
    let order = 'u.name, u.id';
    if (query.q) {
      where.push(searchCondition('u.search_key', query.q, p));
      // Best matches first: "So Noi vu" puts Sở Nội vụ before Phòng Nội vụ.
      order = `similarity(u.search_key, ${p.add(foldVietnamese(query.q))}) DESC, ${order}`;
    }
    return pagedRows<UnitRecord>(
      this.dataSource,
      `SELECT ${UNIT_COLUMNS()}, count(*) OVER () AS total FROM unit u WHERE ${where.join(' AND ')} ORDER BY ${order}`,
      p,
      query,
    );
  }

  async children(id: string, query: UnitTreeQuery): Promise<{ items: UnitRecord[]; total: number }> {
    await this.mustExist(id);
    return this.list({ ...query, parentId: id });
  }

  /** Everything under a unit, at any depth, in tree order (each unit followed by its sub-units). */
  async descendants(id: string, query: DescendantsQuery): Promise<{ items: UnitRecord[]; total: number }> {
    await this.mustExist(id);
    const p = new SqlParams();
    const root = p.add(id);
    const depthLimit = query.maxDepth ? `WHERE sub.depth < ${p.add(query.maxDepth)}` : '';
    const where = ['TRUE'];
    if (query.kind?.length) where.push(`u.kind = ANY(${p.add(query.kind)}::text[])`);
    if (query.active !== undefined) where.push(`u.active = ${p.add(query.active)}`);
    const sql = `
      WITH RECURSIVE sub AS (
        SELECT c.id, 1 AS depth, ARRAY[c.name, c.id::text] AS path FROM unit c WHERE c.parent_id = ${root}
        UNION ALL
        SELECT c.id, sub.depth + 1, sub.path || ARRAY[c.name, c.id::text] FROM unit c JOIN sub ON c.parent_id = sub.id ${depthLimit})
      SELECT ${UNIT_COLUMNS()}, sub.depth, count(*) OVER () AS total
      FROM sub JOIN unit u ON u.id = sub.id WHERE ${where.join(' AND ')} ORDER BY sub.path`;
    return pagedRows<UnitRecord>(this.dataSource, sql, p, query);
  }

  /** The units above this one, root first; depth counts up from the unit (1 = its parent). */
  async ancestors(id: string): Promise<UnitRecord[]> {
    await this.mustExist(id);
    return queryRows<UnitRecord>(
      this.dataSource,
      `WITH RECURSIVE up AS (
         SELECT parent_id AS id, 1 AS depth FROM unit WHERE id = $1 AND parent_id IS NOT NULL
         UNION ALL SELECT u.parent_id, up.depth + 1 FROM unit u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)
       SELECT ${UNIT_COLUMNS()}, up.depth FROM up JOIN unit u ON u.id = up.id ORDER BY up.depth DESC`,
      [id],
    );
  }

  private async mustExist(id: string): Promise<void> {
    const rows = await this.dataSource.query('SELECT 1 FROM unit WHERE id = $1', [id]);
    if (rows.length === 0) throw notFound('unit', id);
  }
}
