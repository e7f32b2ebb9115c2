/**
 * Who is still expected at a conference — the one definition of it, which the reminders' fan-out
 * and renderer run as SQL (invitations owns the table, so it owns the rule): every invitation not
 * withdrawn, sent, with an e-mail, and neither declined nor passed on to a substitute (the
 * substitute is in the list instead). A decline of an earlier time or place does not count: the
 * update asked again, so they are still to confirm.
 *
 * One statement taking `$1` (the conference id) and `$2` (a uuid[] of person ids, or null for all),
 * one row per invitation: `recipient_key` (the person id), `invitation_id`, `email`, `name`,
 * `language`, `site_id`, `site_label`, `answer`. Set-based, so that a national conference's two
 * million invitees are an INSERT … SELECT, never an object per person; `$2` filters on the
 * indexed (conference_id, person_id) so a renderer can re-read a batch at sending time.
 */
export const STILL_EXPECTED_INVITEES_SQL = `
  SELECT p.id AS recipient_key, i.id AS invitation_id, p.email, p.full_name AS name, p.language,
         coalesce(i.bridge_point_id, i.cluster_id) AS site_id,
         coalesce(bp.name, k.name, 'Cụm ' || k.number) AS site_label, i.answer
    FROM invitation i
    JOIN person p ON p.id = i.person_id
    LEFT JOIN bridge_point bp ON bp.id = i.bridge_point_id
    LEFT JOIN cluster k ON k.id = i.cluster_id
   WHERE i.conference_id = $1 AND ($2::uuid[] IS NULL OR i.person_id = ANY($2::uuid[]))
     AND i.withdrawn_at IS NULL AND i.sent_sequence IS NOT NULL AND p.email IS NOT NULL
     AND (i.answer IS DISTINCT FROM 'declined' OR i.answer_sequence < i.sent_sequence)
     AND i.answer IS DISTINCT FROM 'delegated'`;
