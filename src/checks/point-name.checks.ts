import type { EntityManager } from 'typeorm';
import { FOLDED_LETTERS, VIETNAMESE_LETTERS } from '../common/sql-fold';
import { Check } from './check.types';
import { MANY_POINTS } from './bridge-point.checks';
import { CHECK_MESSAGES } from './check.messages';

/**
 * How two point names are compared: trimmed, inner spaces collapsed, lower case, tone marks and
 * đ folded ("Điểm cầu  Tam Kỳ" = "điểm cầu tam ky"), as the console's search folds them.
 */
const KEY = `translate(lower(regexp_replace(btrim(name), '\\s+', ' ', 'g')), '${VIETNAMESE_LETTERS}', '${FOLDED_LETTERS}')`;

/**
 * Two or more points of one conference with the same name: a letter or a list could not tell them
 * apart (a national conference may have namesakes: "UBND xã Tân Hiệp" is in several provinces). One
 * check per name, on the second point, the others related; past MANY_POINTS names, one on the
 * conference with their number.
 */
export async function pointNameChecks(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  const rows: { ids: string[]; name: string }[] = await manager.query(
    `SELECT array_agg(id ORDER BY created_at, id) AS ids, min(name) AS name
       FROM bridge_point WHERE conference_id = $1
      GROUP BY ${KEY} HAVING count(*) > 1 ORDER BY 2`,
    [conferenceId],
  );
  if (rows.length > MANY_POINTS)
    return [
      {
        code: 'POINT_NAME_DUPLICATE',
        severity: 'warning',
        message: CHECK_MESSAGES.POINT_NAMES_DUPLICATE(rows.length),
        target: { type: 'conference', id: conferenceId },
      },
    ];
  return rows.map(({ ids, name }) => ({
    code: 'POINT_NAME_DUPLICATE',
    severity: 'warning',
    message: CHECK_MESSAGES.POINT_NAME_DUPLICATE(name, ids.length),
    target: { type: 'bridge_point', id: ids[1] },
    related: [ids[0], ...ids.slice(2)].map((id) => ({ type: 'bridge_point', id })),
  }));
}
