// Its own file, with no imports: the renderer and the views both use it, and the views import the
// delivery state, which imports the renderer.

/**
 * The position the invitation `alias` names (after its own `position_title`): the one its rule
 * matched while the person holds it, else their oldest current one (invitations added by hand).
 */
export const positionTitle = (alias: string) => `coalesce(
    (SELECT pp.title FROM person_position pp WHERE pp.id = ${alias}.position_id AND pp.ended_on IS NULL),
    (SELECT pp.title FROM person_position pp WHERE pp.person_id = ${alias}.person_id AND pp.ended_on IS NULL ORDER BY pp.created_at LIMIT 1))`;
