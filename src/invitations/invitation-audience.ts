import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../common/sql';
import type { Answer } from './invitation.entity';

export interface AudienceMember {
  invitationId: string;
  personId: string;
  email: string;
  name: string;
  language: 'vi' | 'en';
  siteId: string;
  siteLabel: string;
  answer: Answer | null;
}

/**
 * The read side other modules use (reminders): who is still expected at a conference — every
 * invitation not withdrawn, sent, with an e-mail, and not declined or passed on to a substitute
 * (the substitute is in the list instead). A decline of an earlier time or place does not count: the
 * update asked again, so they are still to confirm.
 */
@Injectable()
export class InvitationAudience {
  async recipients(
    manager: EntityManager,
    conferenceId: string,
    options: { siteIds?: string[] } = {},
  ): Promise<AudienceMember[]> {
    return queryRows<AudienceMember>(
      manager,
      `SELECT i.id AS "invitationId", p.id AS "personId", p.email, p.full_name AS name, p.language,
              coalesce(i.bridge_point_id, i.cluster_id) AS "siteId", coalesce(bp.name, k.name, 'Cụm ' || k.number) AS "siteLabel", i.answer
         FROM invitation i
         JOIN person p ON p.id = i.person_id
         LEFT JOIN bridge_point bp ON bp.id = i.bridge_point_id
         LEFT JOIN cluster k ON k.id = i.cluster_id
        WHERE i.conference_id = $1 AND i.withdrawn_at IS NULL AND i.sent_sequence IS NOT NULL AND p.email IS NOT NULL
          AND (i.answer IS DISTINCT FROM 'declined' OR i.answer_sequence < i.sent_sequence) AND i.answer IS DISTINCT FROM 'delegated'
          AND ($2::uuid[] IS NULL OR coalesce(i.bridge_point_id, i.cluster_id) = ANY($2::uuid[]))
        ORDER BY "siteLabel", p.full_name, i.id`,
      [conferenceId, options.siteIds ?? null],
    );
  }
}
