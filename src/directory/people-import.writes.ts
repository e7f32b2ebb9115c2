import type { EntityManager } from 'typeorm';
import { queryRows } from '../common/sql';
import { defaultTitle } from './directory.labels';
import { inBatches } from '../common/sql-params';
import { personSearchKey } from './directory-sql';
import { dayInVietnam } from './directory-time';
import type { RowOutcome } from './import-report';
import type { PersonRow } from './person-rows';

// The statements of a people import, each set-based and sliced (WRITE_BATCH rows per statement):
// upsert people by e-mail, find their ids, upsert current positions, end the unlisted ones.

/** A row with a position, its unit and person resolved to ids. */
export interface PositionToWrite {
  row: PersonRow;
  unitId: string | null;
  personId: string;
}

export const positionKey = (personId: string, unitId: string, role: string) => `${personId}/${unitId}/${role}`;

/**
 * Columns the file lacks keep their stored values; new people get the defaults (no phone, vi,
 * active). Rows already as the file says are filtered out by a join, so they are not even locked.
 */
export async function upsertPeople(
  manager: EntityManager,
  people: PersonRow[],
  now: Date,
): Promise<Map<string, RowOutcome>> {
  const outcome = new Map<string, RowOutcome>();
  if (people.length === 0) return outcome;
  const keep = (field: 'phone' | 'language' | 'active') => people[0][field] === undefined;
  // The value a row ends with: the stored one where the file has no such column.
  const kept = (stored: string, incoming: string, column: string, flag: string) =>
    `CASE WHEN ${flag}::bool THEN ${stored}.${column} ELSE ${incoming}.${column} END`;
  const after = (stored: string, incoming: string) =>
    `(${incoming}.full_name, ${kept(stored, incoming, 'phone', '$8')}, ${kept(stored, incoming, 'language', '$9')}, ${kept(stored, incoming, 'active', '$10')})`;
  const changed = await inBatches(people, (batch) =>
    queryRows<{ email: string; created: boolean }>(
      manager,
      `INSERT INTO person AS t (email, full_name, phone, language, active, search_key, created_at, updated_at)
       SELECT r.*, $7::timestamptz, $7::timestamptz
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::text[]) AS r(email, full_name, phone, language, active, search_key)
       LEFT JOIN person cur ON cur.email = r.email
       WHERE cur.id IS NULL OR (cur.full_name, cur.phone, cur.language, cur.active) IS DISTINCT FROM ${after('cur', 'r')}
       ON CONFLICT (email) DO UPDATE SET full_name = EXCLUDED.full_name, phone = ${kept('t', 'EXCLUDED', 'phone', '$8')},
         language = ${kept('t', 'EXCLUDED', 'language', '$9')}, active = ${kept('t', 'EXCLUDED', 'active', '$10')},
         search_key = EXCLUDED.search_key, updated_at = EXCLUDED.updated_at
       WHERE (t.full_name, t.phone, t.language, t.active) IS DISTINCT FROM ${after('t', 'EXCLUDED')}
       RETURNING t.email, (t.xmax = 0) AS created`,
      [
        batch.map((p) => p.email),
        batch.map((p) => p.fullName),
        batch.map((p) => p.phone ?? null),
        batch.map((p) => p.language ?? 'vi'),
        batch.map((p) => p.active ?? true),
        batch.map((p) => personSearchKey(p.fullName)),
        now,
        keep('phone'),
        keep('language'),
        keep('active'),
      ],
    ),
  );
  for (const { email, created } of changed) outcome.set(email, created ? 'created' : 'updated');
  return outcome;
}

export async function personIds(manager: EntityManager, emails: string[]): Promise<Map<string, string>> {
  const rows = await inBatches(emails, (batch) =>
    queryRows<{ id: string; email: string }>(manager, 'SELECT id, email FROM person WHERE email = ANY($1::text[])', [
      batch,
    ]),
  );
  return new Map(rows.map((r) => [r.email, r.id]));
}

/**
 * A written title replaces the stored one; an empty title keeps it (a new position then gets the
 * role's name). Two statements, since ON CONFLICT cannot tell which rows had a title.
 */
export async function upsertPositions(
  manager: EntityManager,
  rows: PositionToWrite[],
  now: Date,
): Promise<Map<string, RowOutcome>> {
  const outcome = new Map<string, RowOutcome>();
  const statement = (titled: boolean) => `
    INSERT INTO person_position AS t (person_id, unit_id, role, title, created_at)
    SELECT r.*, $5::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS r(person_id, unit_id, role, title)
    LEFT JOIN person_position cur ON cur.person_id = r.person_id AND cur.unit_id = r.unit_id AND cur.role = r.role AND cur.ended_on IS NULL
    WHERE cur.id IS NULL ${titled ? 'OR cur.title IS DISTINCT FROM r.title' : ''}
    ON CONFLICT (person_id, unit_id, role) WHERE ended_on IS NULL
    ${titled ? 'DO UPDATE SET title = EXCLUDED.title WHERE t.title IS DISTINCT FROM EXCLUDED.title' : 'DO NOTHING'}
    RETURNING t.person_id AS "personId", t.unit_id AS "unitId", t.role, (t.xmax = 0) AS created`;
  const write = (titled: boolean) => (batch: typeof rows) =>
    queryRows<{ personId: string; unitId: string; role: string; created: boolean }>(manager, statement(titled), [
      batch.map((r) => r.personId),
      batch.map((r) => r.unitId),
      batch.map((r) => r.row.position!.role),
      batch.map((r) => r.row.position!.title ?? defaultTitle(r.row.position!.role)),
      now,
    ]);
  const changed = [
    ...(await inBatches(
      rows.filter((r) => r.row.position!.title !== null),
      write(true),
    )),
    ...(await inBatches(
      rows.filter((r) => r.row.position!.title === null),
      write(false),
    )),
  ];
  for (const c of changed) outcome.set(positionKey(c.personId, c.unitId, c.role), c.created ? 'created' : 'updated');
  return outcome;
}

/** replacePositions: the file is the whole truth about its people's current positions. */
export async function endUnlisted(manager: EntityManager, personIds: string[], listed: PositionToWrite[], now: Date) {
  const today = dayInVietnam(now);
  const ended = await queryRows<{ personId: string; n: string }>(
    manager,
    `WITH listed AS (SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS k(person_id, unit_id, role)),
     ended AS (
       UPDATE person_position t SET ended_on = GREATEST($5::date, t.started_on)
       WHERE t.ended_on IS NULL AND t.person_id = ANY($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM listed k WHERE k.person_id = t.person_id AND k.unit_id = t.unit_id AND k.role = t.role)
       RETURNING t.person_id)
     SELECT person_id AS "personId", count(*) AS n FROM ended GROUP BY person_id`,
    [
      personIds,
      listed.map((l) => l.personId),
      listed.map((l) => l.unitId),
      listed.map((l) => l.row.position!.role),
      today,
    ],
  );
  return new Map(ended.map((e) => [e.personId, Number(e.n)]));
}
