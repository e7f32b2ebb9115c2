/**
 * The composition rules of many sites resolved in one pass, as SQL: the set-wise twin of
 * `resolveRules` (src/composition/resolve-rules.ts) fed by `holdersQuery` and `selectedUnits`,
 * which resolve one site at a time. Same answers, pinned by test/invitations-generation.e2e-spec.ts
 * (random worlds checked against CompositionService.resolveSite):
 *
 *  - a rule selects active units: its `unit_ids`; or the children of `children_of_unit_id`, or the
 *    units within `within_unit_id` (itself and below, any depth), narrowed by `unit_kinds`; or every
 *    unit of `unit_kinds`. The table's CHECK makes ids stand alone and allows one tree scope at most,
 *    so the one that is set generates the candidates and only the kinds remain to filter;
 *  - its holders are the current positions there (in `roles`, when it has them) of active people;
 *  - per rule and unit, each person once by their best-ranked position (the rule's first roles
 *    first, then role, name and id: the holders query's order), at most `max_per_unit` of them;
 *  - per site, the first rule that picked a person invites them (position, creation, id; the host
 *    point's own rules before those of the conference as a whole), as the position that rule matched
 *    in its first unit (name, id) that picked them: the invitee's `title` in the preview;
 *  - a gap for each selected unit with nobody in one of the rule's roles (nobody at all: `everyone`),
 *    unless the unit already has as many people as the rule allows.
 *
 * Both statements take the sites as `$2` ids, `$3` kinds and `$4` host flags, in the order the
 * sites invite (earlier sites invite first), and the conference as `$1`.
 */

/** Shared CTEs: `site`, `site_rule` (each site's resolved rules with their order), `rule`, `within`, `rule_unit`, `holder`. */
const RESOLVED = `
  site AS (
    SELECT s.id, s.kind, s.host, s.ord FROM unnest($2::uuid[], $3::text[], $4::boolean[]) WITH ORDINALITY AS s(id, kind, host, ord)
  ),
  site_rule AS (
    SELECT s.id AS site_id, s.ord, 0 AS part, r.position, r.created_at, r.id AS rule_id
      FROM site s JOIN composition_rule r ON r.conference_id = $1 AND r.site_kind = 'bridge_point' AND r.bridge_point_id = s.id
     WHERE s.kind = 'bridge_point' AND r.delegate_mode IS NULL
    UNION ALL
    SELECT s.id, s.ord, 0, r.position, r.created_at, r.id
      FROM site s JOIN composition_rule r ON r.conference_id = $1 AND r.site_kind = 'cluster' AND r.cluster_id = s.id
     WHERE s.kind = 'cluster' AND r.delegate_mode IS NULL
    UNION ALL
    SELECT s.id, s.ord, 1, r.position, r.created_at, r.id
      FROM site s JOIN composition_rule r ON r.conference_id = $1 AND r.site_kind = 'conference'
     WHERE s.host AND r.delegate_mode IS NULL
  ),
  rule AS MATERIALIZED (
    SELECT r.id, r.unit_kinds, r.unit_ids, r.children_of_unit_id, r.within_unit_id, r.roles, r.max_per_unit
      FROM composition_rule r WHERE r.id IN (SELECT rule_id FROM site_rule)
  ),
  within (rule_id, unit_id) AS (
    SELECT r.id, u.id FROM rule r JOIN unit u ON u.id = r.within_unit_id
    UNION ALL
    SELECT w.rule_id, c.id FROM within w JOIN unit c ON c.parent_id = w.unit_id
  ),
  candidate (rule_id, unit_id) AS (
    SELECT DISTINCT r.id, x.unit_id FROM rule r CROSS JOIN LATERAL unnest(r.unit_ids) AS x(unit_id) WHERE r.unit_ids IS NOT NULL
    UNION ALL
    SELECT r.id, u.id FROM rule r JOIN unit u ON u.parent_id = r.children_of_unit_id WHERE r.unit_ids IS NULL
    UNION ALL
    SELECT w.rule_id, w.unit_id FROM within w
    UNION ALL
    SELECT r.id, u.id FROM rule r JOIN unit u ON u.kind = ANY(r.unit_kinds)
     WHERE r.unit_ids IS NULL AND r.children_of_unit_id IS NULL AND r.within_unit_id IS NULL
  ),
  rule_unit AS MATERIALIZED (
    SELECT c.rule_id, u.id AS unit_id, u.name AS unit_name
      FROM candidate c JOIN rule r ON r.id = c.rule_id JOIN unit u ON u.id = c.unit_id
     WHERE u.active AND (r.unit_kinds IS NULL OR u.kind = ANY(r.unit_kinds))
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
 * Inserts each person resolved at one of the sites, by the first site in order that lists them,
 * unless they are already invited to the conference (withdrawn invitations do not count); answers
 * per site how many people its rules resolved to (`resolved`) and how many were inserted there
 * (`created`), for the sites where either is not 0. `$5`–`$7`: the actor's kind, id and label.
 */
export const INSERT_RESOLVED = `
  WITH RECURSIVE ${RESOLVED},
  best AS (
    SELECT DISTINCT ON (rule_id, unit_id, person_id) rule_id, unit_id, unit_name, person_id, position_id, rank, role, full_name
      FROM holder ORDER BY rule_id, unit_id, person_id, rank, role
  ),
  picked AS (
    SELECT b.rule_id, b.unit_id, b.unit_name, b.person_id, b.position_id
      FROM (SELECT b.*, row_number() OVER (PARTITION BY b.rule_id, b.unit_id ORDER BY b.rank, b.role, b.full_name, b.person_id) AS n FROM best b) b
      JOIN rule r ON r.id = b.rule_id
     WHERE r.max_per_unit IS NULL OR b.n <= r.max_per_unit
  ),
  site_invitee AS MATERIALIZED (
    SELECT DISTINCT ON (sr.site_id, pk.person_id) sr.site_id, sr.ord, pk.person_id, pk.rule_id, pk.position_id
      FROM site_rule sr JOIN picked pk ON pk.rule_id = sr.rule_id
     ORDER BY sr.site_id, pk.person_id, sr.part, sr.position, sr.created_at, sr.rule_id, pk.unit_name, pk.unit_id
  ),
  first_site AS (
    SELECT DISTINCT ON (si.person_id) si.site_id, si.person_id, si.rule_id, si.position_id FROM site_invitee si ORDER BY si.person_id, si.ord
  ),
  inserted AS (
    INSERT INTO invitation (conference_id, bridge_point_id, cluster_id, person_id, rule_id, position_id, source, added_by_kind, added_by_id, added_by_label)
    SELECT $1, CASE WHEN s.kind = 'bridge_point' THEN s.id END, CASE WHEN s.kind = 'cluster' THEN s.id END, f.person_id, f.rule_id, f.position_id, 'composition', $5, $6, $7
      FROM first_site f JOIN site s ON s.id = f.site_id
    ON CONFLICT (conference_id, person_id) WHERE withdrawn_at IS NULL DO NOTHING
    RETURNING coalesce(bridge_point_id, cluster_id) AS site_id
  ),
  resolved AS (SELECT site_id, count(*)::int AS n FROM site_invitee GROUP BY site_id),
  created AS (SELECT site_id, count(*)::int AS n FROM inserted GROUP BY site_id)
  SELECT coalesce(r.site_id, c.site_id) AS "siteId", coalesce(r.n, 0) AS resolved, coalesce(c.n, 0) AS created
    FROM resolved r FULL JOIN created c ON c.site_id = r.site_id`;

/**
 * The gaps of the sites' rules, in the order the per-site resolver lists them: by site, rule order,
 * unit (name, id) and the rule's role order.
 */
export const GAPS = `
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
  SELECT sr.site_id AS "siteId", g.rule_id AS "ruleId", g.unit_id AS "unitId", g.role
    FROM site_rule sr JOIN rule_gap g ON g.rule_id = sr.rule_id
   ORDER BY sr.ord, sr.part, sr.position, sr.created_at, sr.rule_id, g.unit_name, g.unit_id, g.role_ord`;
