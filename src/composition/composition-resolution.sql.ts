/**
 * Composition rules resolved to people, as SQL: the one implementation behind the preview, the
 * delegates' suggestions and invitation generation (which inserts what `PICKS` answers). Many sites
 * in one pass; test/invitations-generation.e2e-spec.ts checks random worlds against a plain
 * reference model (test/support/composition-oracle.ts).
 *
 *  - a rule selects active units: its `unit_ids`; or the children of `children_of_unit_id`, or the
 *    units within `within_unit_id` (itself and below, any depth), narrowed by `unit_kinds`; or every
 *    unit of `unit_kinds`. The table's CHECK makes ids stand alone and allows one tree scope at most,
 *    so the one that is set generates the candidates and only the kinds remain to filter;
 *  - its holders are the current positions there (in `roles`, when it has them) of active people;
 *  - per rule and unit, each person once by their best-ranked position (the rule's first roles
 *    first, then role, name and id), at most `max_per_unit` of them;
 *  - per site, the first rule that picked a person invites them (the host point's own rules before
 *    those of the conference as a whole, then position, creation, id), as the position that rule
 *    matched in its first unit (name, id) that picked them; the later rules are "also matching";
 *  - a gap for each selected unit with nobody in one of the rule's roles (nobody at all: `everyone`),
 *    unless the unit already has as many people as the rule allows.
 *
 * Parameters: `$1` the conference; the sites as `$2` ids, `$3` kinds (`bridge_point`, `cluster`,
 * or `conference` for the rules of the conference as a whole, with the conference id as its id) and
 * `$4` host flags (a host also takes the conference's rules), in the order the sites invite;
 * `$5` null for the sites' own undelegated rules, or exactly these rule ids (delegated ones too: the
 * suggestions for a delegate); `$6` null, or a unit that bounds every rule (itself and below; a
 * rule that names no units of its own then means the bound's units, narrowed by its kinds).
 */
const RESOLVED = `
  site AS (
    SELECT s.id, s.kind, s.host, s.ord FROM unnest($2::uuid[], $3::text[], $4::boolean[]) WITH ORDINALITY AS s(id, kind, host, ord)
  ),
  site_rule AS (
    SELECT s.id AS site_id, s.ord, 0 AS part, r.position, r.created_at, r.id AS rule_id
      FROM site s JOIN composition_rule r ON r.conference_id = $1 AND r.site_kind = 'bridge_point' AND r.bridge_point_id = s.id
     WHERE s.kind = 'bridge_point'
    UNION ALL
    SELECT s.id, s.ord, 0, r.position, r.created_at, r.id
      FROM site s JOIN composition_rule r ON r.conference_id = $1 AND r.site_kind = 'cluster' AND r.cluster_id = s.id
     WHERE s.kind = 'cluster'
    UNION ALL
    SELECT s.id, s.ord, CASE WHEN s.kind = 'conference' THEN 0 ELSE 1 END, r.position, r.created_at, r.id
      FROM site s JOIN composition_rule r ON r.conference_id = $1 AND r.site_kind = 'conference'
     WHERE s.host OR s.kind = 'conference'
  ),
  chosen_rule AS (
    SELECT sr.* FROM site_rule sr JOIN composition_rule r ON r.id = sr.rule_id
     WHERE CASE WHEN $5::uuid[] IS NULL THEN r.delegate_mode IS NULL ELSE r.id = ANY($5::uuid[]) END
  ),
  rule AS MATERIALIZED (
    SELECT r.id, r.unit_kinds, r.unit_ids, r.children_of_unit_id, r.within_unit_id, r.roles, r.max_per_unit
      FROM composition_rule r WHERE r.id IN (SELECT rule_id FROM chosen_rule)
  ),
  within (rule_id, unit_id) AS (
    SELECT r.id, u.id FROM rule r JOIN unit u ON u.id = r.within_unit_id
    UNION ALL
    SELECT w.rule_id, c.id FROM within w JOIN unit c ON c.parent_id = w.unit_id
  ),
  bound (unit_id) AS (
    SELECT u.id FROM unit u WHERE u.id = $6::uuid
    UNION ALL
    SELECT c.id FROM bound b JOIN unit c ON c.parent_id = b.unit_id
  ),
  candidate (rule_id, unit_id) AS (
    SELECT DISTINCT r.id, x.unit_id FROM rule r CROSS JOIN LATERAL unnest(r.unit_ids) AS x(unit_id) WHERE r.unit_ids IS NOT NULL
    UNION ALL
    SELECT r.id, u.id FROM rule r JOIN unit u ON u.parent_id = r.children_of_unit_id WHERE r.unit_ids IS NULL
    UNION ALL
    SELECT w.rule_id, w.unit_id FROM within w
    UNION ALL
    SELECT r.id, u.id FROM rule r JOIN unit u ON u.kind = ANY(r.unit_kinds)
     WHERE r.unit_ids IS NULL AND r.children_of_unit_id IS NULL AND r.within_unit_id IS NULL AND $6::uuid IS NULL
    UNION ALL
    -- Bounded, a rule without a place of its own (a delegated "everyone") means the bound's units.
    SELECT r.id, b.unit_id FROM rule r CROSS JOIN bound b
     WHERE r.unit_ids IS NULL AND r.children_of_unit_id IS NULL AND r.within_unit_id IS NULL
  ),
  rule_unit AS MATERIALIZED (
    SELECT c.rule_id, u.id AS unit_id, u.name AS unit_name
      FROM candidate c JOIN rule r ON r.id = c.rule_id JOIN unit u ON u.id = c.unit_id
     WHERE u.active AND (r.unit_kinds IS NULL OR u.kind = ANY(r.unit_kinds))
       AND ($6::uuid IS NULL OR u.id IN (SELECT unit_id FROM bound))
  ),
  holder AS MATERIALIZED (
    SELECT ru.rule_id, ru.unit_id, ru.unit_name, pp.person_id, pp.id AS position_id, pp.role, p.full_name,
           CASE WHEN r.roles IS NULL THEN 0 ELSE array_position(r.roles, pp.role) END AS rank
      FROM rule_unit ru
      JOIN rule r ON r.id = ru.rule_id
      JOIN person_position pp ON pp.unit_id = ru.unit_id AND pp.ended_on IS NULL AND (r.roles IS NULL OR pp.role = ANY(r.roles))
      JOIN person p ON p.id = pp.person_id AND p.active
  )`;

/**
 * The CTEs up to `site_pick` (every person each chosen rule of a site picked, in each unit) and
 * `site_invitee` (per site and person, the winning pick), for statements to build on.
 */
export const PICKS = `
  WITH RECURSIVE ${RESOLVED},
  best AS (
    SELECT DISTINCT ON (rule_id, unit_id, person_id) rule_id, unit_id, unit_name, person_id, position_id, rank, role, full_name
      FROM holder ORDER BY rule_id, unit_id, person_id, rank, role
  ),
  picked AS (
    SELECT b.rule_id, b.unit_id, b.unit_name, b.person_id, b.position_id, b.rank, b.role, b.full_name
      FROM (SELECT b.*, row_number() OVER (PARTITION BY b.rule_id, b.unit_id ORDER BY b.rank, b.role, b.full_name, b.person_id) AS n FROM best b) b
      JOIN rule r ON r.id = b.rule_id
     WHERE r.max_per_unit IS NULL OR b.n <= r.max_per_unit
  ),
  site_pick AS MATERIALIZED (
    SELECT cr.site_id, cr.ord, cr.part, cr.position, cr.created_at, pk.*
      FROM chosen_rule cr JOIN picked pk ON pk.rule_id = cr.rule_id
  ),
  site_invitee AS MATERIALIZED (
    SELECT DISTINCT ON (sp.site_id, sp.person_id) sp.*
      FROM site_pick sp
     ORDER BY sp.site_id, sp.person_id, sp.part, sp.position, sp.created_at, sp.rule_id, sp.unit_name, sp.unit_id
  )`;

/**
 * Each site's invitees with what the preview shows of them, in the order the rules list them
 * (rule, unit, rank, name), and the later rules of the site that matched them too.
 */
export const SITE_INVITEES = `
  ${PICKS},
  also AS (
    SELECT x.site_id, x.person_id, array_agg(x.rule_id ORDER BY x.part, x.position, x.created_at, x.rule_id) AS rule_ids
      FROM (SELECT DISTINCT site_id, person_id, rule_id, part, position, created_at FROM site_pick) x
     GROUP BY x.site_id, x.person_id
  )
  SELECT si.site_id AS "siteId", si.person_id AS "personId", p.full_name AS "fullName", p.email, p.language,
         si.unit_id AS "unitId", si.unit_name AS "unitName", pp.role, pp.title, si.rule_id AS "ruleId",
         array_remove(a.rule_ids, si.rule_id) AS "alsoMatching"
    FROM site_invitee si
    JOIN person p ON p.id = si.person_id
    JOIN person_position pp ON pp.id = si.position_id
    JOIN also a ON a.site_id = si.site_id AND a.person_id = si.person_id
   ORDER BY si.ord, si.part, si.position, si.created_at, si.rule_id, si.unit_name, si.unit_id, si.rank, si.role, si.full_name, si.person_id`;

/**
 * The gaps of the sites' rules, by site, rule order, unit (name, id) and the rule's role order.
 */
export const SITE_GAPS = `
  WITH RECURSIVE ${RESOLVED},
  unit_holders AS (
    SELECT rule_id, unit_id, count(DISTINCT person_id)::int AS people, array_agg(DISTINCT role) AS roles
      FROM holder GROUP BY rule_id, unit_id
  ),
  rule_gap AS (
    SELECT ru.rule_id, ru.unit_id, ru.unit_name, 'everyone' AS role, 0::bigint AS role_ord
      FROM rule_unit ru JOIN rule r ON r.id = ru.rule_id
      LEFT JOIN unit_holders h ON h.rule_id = ru.rule_id AND h.unit_id = ru.unit_id
     WHERE r.roles IS NULL AND h.rule_id IS NULL
    UNION ALL
    SELECT ru.rule_id, ru.unit_id, ru.unit_name, x.role, x.ord
      FROM rule_unit ru JOIN rule r ON r.id = ru.rule_id
      LEFT JOIN unit_holders h ON h.rule_id = ru.rule_id AND h.unit_id = ru.unit_id
      CROSS JOIN LATERAL unnest(r.roles) WITH ORDINALITY AS x(role, ord)
     WHERE r.roles IS NOT NULL
       AND (r.max_per_unit IS NULL OR coalesce(h.people, 0) < r.max_per_unit)
       AND NOT coalesce(x.role = ANY(h.roles), false)
  )
  SELECT cr.site_id AS "siteId", g.rule_id AS "ruleId", g.unit_id AS "unitId", g.unit_name AS "unitName", g.role
    FROM chosen_rule cr JOIN rule_gap g ON g.rule_id = cr.rule_id
   ORDER BY cr.ord, cr.part, cr.position, cr.created_at, cr.rule_id, g.unit_name, g.unit_id, g.role_ord`;
