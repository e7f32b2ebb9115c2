import { foldVietnamese } from '../common/text';

/** The column list every unit read uses, aliased to the UnitRecord fields. */
export const UNIT_COLUMNS = (alias = 'u') =>
  `${alias}.id, ${alias}.name, ${alias}.short_name AS "shortName", ${alias}.kind, ${alias}.parent_id AS "parentId",
   ${alias}.external_code AS "externalCode", ${alias}.active, ${alias}.created_at AS "createdAt", ${alias}.updated_at AS "updatedAt",
   ${alias}.version`;

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
