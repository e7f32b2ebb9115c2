import { INVITATION_KIND } from './invitation.renderer';

/**
 * What became of an invitation's mail, read from the outbox (the relay's answer is recorded
 * there): `sent` once the relay accepted one of its REQUESTs, and the state of the latest REQUEST
 * (the invitation, an update or a resend): queued (also while being sent or retried), sent,
 * failed, skipped or cancelled. Queued is not sent. The expression index
 * ix_outbox_message_invitation keeps both to an index look-up per invitation.
 */
export const DELIVERY_STATES = ['queued', 'sent', 'failed', 'skipped', 'cancelled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

const REQUESTS_OF = (alias: string, invitation: string) =>
  `${alias}.kind = '${INVITATION_KIND}' AND ${alias}.payload->>'invitationId' = ${invitation}.id::text AND ${alias}.payload->>'method' = 'REQUEST'`;

/** The newest first: by SEQUENCE, then by when it was queued (a resend repeats a SEQUENCE). */
const NEWEST_FIRST = (alias: string) =>
  `(${alias}.payload->>'sequence')::int DESC, ${alias}.created_at DESC, ${alias}.id DESC`;

/** `LEFT JOIN LATERAL` giving `d.status` (null: never queued), `d.reason` and `d.id` for invitation `i`. */
export const LATEST_REQUEST_JOIN = `LEFT JOIN LATERAL (
    SELECT CASE WHEN m.status IN ('queued', 'sending', 'retrying') THEN 'queued' ELSE m.status END AS status,
           CASE WHEN m.status IN ('failed', 'retrying') THEN m.last_error ELSE m.status_reason END AS reason, m.id
      FROM outbox_message m WHERE ${REQUESTS_OF('m', 'i')}
     ORDER BY ${NEWEST_FIRST('m')} LIMIT 1) d ON true`;

/** The state of invitation `i`'s latest REQUEST as LATEST_REQUEST_JOIN names it, as a scalar (null: never queued) for a WHERE. */
export const LATEST_REQUEST_STATE = `(SELECT CASE WHEN m.status IN ('queued', 'sending', 'retrying') THEN 'queued' ELSE m.status END
      FROM outbox_message m WHERE ${REQUESTS_OF('m', 'i')}
     ORDER BY ${NEWEST_FIRST('m')} LIMIT 1)`;

/** The outbox statuses each delivery state reads (queued covers a message being sent or retried). */
export const statusesOf = (states: string[]): string[] =>
  states.flatMap((state) => (state === 'queued' ? ['queued', 'sending', 'retrying'] : [state]));

/**
 * The ids of the conference's (`$1`) invitations with a REQUEST in one of `statuses` (a text[]
 * parameter of statusesOf): an index range of ix_outbox_message_conference, a superset of those
 * whose latest REQUEST is in those states, to narrow LATEST_REQUEST_STATE's look-ups to a few.
 */
export const REQUESTS_IN_STATUSES = (
  statuses: string,
) => `SELECT (r.payload->>'invitationId')::uuid FROM outbox_message r
     WHERE r.conference_id = $1 AND r.status = ANY(${statuses}::text[]) AND r.kind = '${INVITATION_KIND}' AND r.payload->>'method' = 'REQUEST'`;

/** The relay refused the latest letter, or it could not be sent at all: the board's "undeliverable". */
export const UNDELIVERABLE_STATES: DeliveryState[] = ['failed', 'skipped'];

/** True once the relay accepted a REQUEST of invitation `i`. */
export const DELIVERED = `EXISTS (SELECT 1 FROM outbox_message s WHERE ${REQUESTS_OF('s', 'i')} AND s.status = 'sent')`;

/** The latest REQUEST of each invitation `i` matching `where`, for queueing it again. */
export const LATEST_REQUESTS = (where: string) => `SELECT DISTINCT ON (i.id) m.id, m.status
    FROM invitation i JOIN outbox_message m ON ${REQUESTS_OF('m', 'i')}
   WHERE ${where}
   ORDER BY i.id, ${NEWEST_FIRST('m')}`;
