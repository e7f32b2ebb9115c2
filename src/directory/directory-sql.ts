import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../common/sql';
import { foldVietnamese } from '../common/text';

/** Collects the parameters of a hand-built statement: `params.add(value)` answers its `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The column list every unit read uses, aliased to the UnitRecord fields. */
export const UNIT_COLUMNS = (alias = 'u') =>
  `${alias}.id, ${alias}.name, ${alias}.short_name AS "shortName", ${alias}.kind, ${alias}.parent_id AS "parentId",
   ${alias}.external_code AS "externalCode", ${alias}.active, ${alias}.created_at AS "createdAt", ${alias}.updated_at AS "updatedAt",
   ${alias}.version`;

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const MAX_SEARCH_WORDS = 8;

/**
 * "Sở Nội  vụ" → ['%so%', '%noi%', '%vu%']: each word of the folded query must appear in the folded
 * search key, in any order, so "noi vu so" and "So Noi vu" find "Sở Nội vụ". The trigram index
 * serves every pattern of three letters or more.
 */
export function searchPatterns(q: string): string[] {
  const words = [
    ...new Set(
      foldVietnamese(q)
        .split(' ')
        .filter((w) => w !== ''),
    ),
  ].slice(0, MAX_SEARCH_WORDS);
  return words.map((w) => `%${escapeLike(w)}%`);
}

/** `search_key ILIKE $1 AND search_key ILIKE $2 …`, or TRUE for an empty query. */
export function searchCondition(column: string, q: string, params: SqlParams): string {
  const patterns = searchPatterns(q);
  return patterns.length === 0 ? 'TRUE' : patterns.map((p) => `${column} ILIKE ${params.add(p)}`).join(' AND ');
}

/** What the search key of a unit is built from. */
export const unitSearchKey = (name: string, shortName: string | null) => foldVietnamese(`${name} ${shortName ?? ''}`);
export const personSearchKey = (fullName: string) => foldVietnamese(fullName);

/**
 * Every change to the unit tree (parents, codes, activity) takes this lock for its transaction:
 * two moves at once could otherwise close a cycle that neither saw, and an import resolves parent
 * codes against a tree nobody else is changing.
 */
export const UNIT_TREE_LOCK = 7_318_101;
/** People imports run one at a time: two big upserts of the same rows in different orders deadlock. */
export const PEOPLE_IMPORT_LOCK = 7_318_102;

export async function lockFor(
  manager: { query(sql: string, params?: unknown[]): Promise<unknown> },
  lock: number,
): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [lock]);
}

/** The columns of a position with its unit (alias pp for the position, pu for the unit). */
export const POSITION_COLUMNS = `pp.id, pp.person_id AS "personId", pp.unit_id AS "unitId", pu.name AS "unitName", pu.short_name AS "unitShortName",
  pu.kind AS "unitKind", pu.external_code AS "unitExternalCode", pu.active AS "unitActive", pp.role, pp.title,
  pp.started_on::text AS "startedOn", pp.ended_on::text AS "endedOn"`;

export const PERSON_COLUMNS = (alias = 'p') =>
  `${alias}.id, ${alias}.full_name AS "fullName", ${alias}.email, ${alias}.phone, ${alias}.language, ${alias}.active,
   ${alias}.created_at AS "createdAt", ${alias}.updated_at AS "updatedAt", ${alias}.version`;

/**
 * Big imports write in slices: one statement per slice keeps the parameter arrays (and the memory
 * they take while encoded) small; the slices share the import's transaction.
 */
export const WRITE_BATCH = 20_000;

export async function inBatches<T, R>(
  items: T[],
  write: (batch: T[]) => Promise<R[]>,
  size = WRITE_BATCH,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await write(items.slice(i, i + size))));
  return out;
}

/**
 * One page of a list statement and the total: `sql` selects `count(*) OVER () AS total` besides its
 * columns and has no LIMIT; a page past the end still answers the real total.
 */
export async function pagedRows<T>(
  runner: DataSource | EntityManager,
  sql: string,
  p: SqlParams,
  page: { limit: number; offset: number },
): Promise<{ items: T[]; total: number }> {
  const values = [...p.values];
  const rows = await queryRows<T & { total: string }>(
    runner,
    `${sql} LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`,
    p.values,
  );
  let total = rows.length > 0 ? Number(rows[0].total) : 0;
  if (rows.length === 0 && page.offset > 0) {
    const [row] = await queryRows<{ n: string }>(runner, `SELECT count(*) AS n FROM (${sql}) AS q`, values);
    total = Number(row.n);
  }
  return { items: rows.map(({ total: _total, ...item }) => item as T), total };
}
