import { PICKS } from '../composition/composition-resolution.sql';

/**
 * Invitation generation: the composition module's resolution of many sites in one pass
 * (src/composition/composition-resolution.sql.ts, the statements its preview runs too), inserted.
 * The sites are `$2` ids, `$3` kinds and `$4` host flags, in the order they invite (earlier sites
 * invite first); the conference is `$1`.
 */

/**
 * Inserts each person resolved at one of the sites, by the first site in order that lists them,
 * unless they are already invited to the conference (withdrawn invitations do not count); answers
 * per site how many people its rules resolved to (`resolved`) and how many were inserted there
 * (`created`), for the sites where either is not 0. `$7`–`$9`: the actor's kind, id and label
 * (`$5` and `$6` null: the sites' own undelegated rules, unbounded).
 */
export const INSERT_RESOLVED = `
  ${PICKS},
  first_site AS (
    SELECT DISTINCT ON (si.person_id) si.site_id, si.person_id, si.rule_id, si.position_id FROM site_invitee si ORDER BY si.person_id, si.ord
  ),
  inserted AS (
    INSERT INTO invitation (conference_id, bridge_point_id, cluster_id, person_id, rule_id, position_id, source, added_by_kind, added_by_id, added_by_label)
    SELECT $1, CASE WHEN s.kind = 'bridge_point' THEN s.id END, CASE WHEN s.kind = 'cluster' THEN s.id END, f.person_id, f.rule_id, f.position_id, 'composition', $7, $8, $9
      FROM first_site f JOIN site s ON s.id = f.site_id
    ON CONFLICT (conference_id, person_id) WHERE withdrawn_at IS NULL DO NOTHING
    RETURNING coalesce(bridge_point_id, cluster_id) AS site_id
  ),
  resolved AS (SELECT site_id, count(*)::int AS n FROM site_invitee GROUP BY site_id),
  created AS (SELECT site_id, count(*)::int AS n FROM inserted GROUP BY site_id)
  SELECT coalesce(r.site_id, c.site_id) AS "siteId", coalesce(r.n, 0) AS resolved, coalesce(c.n, 0) AS created
    FROM resolved r FULL JOIN created c ON c.site_id = r.site_id`;
