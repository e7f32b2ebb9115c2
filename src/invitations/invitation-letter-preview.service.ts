import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict, notFound } from '../common/problem';
import { answerPageUrl } from './answer-url';
import { InvitationScopes } from './invitation-scope';
import {
  InvitationMailRow,
  InvitationPayload,
  InvitationRenderer,
  LOAD_INVITATIONS,
  staleness,
} from './invitation.renderer';
import type { LetterPreviewResponse } from './invitations.dto';

/**
 * Stands for the secrets of a real letter (the answer link's token, the reply address's tag): a
 * preview must not mint a link that answers for someone, and each sent letter has its own anyway.
 */
export const PREVIEW_SECRET = 'xem-truoc-preview';

/** Whom the letter is shown to when the conference has no invitation yet. */
const SAMPLE = { name: 'Nguyễn Văn A', email: 'nguoi-nhan@example.invalid', position: 'Chủ tịch UBND huyện' };

/** The conference's first active invitation, by site then name: the default person of the preview. */
const FIRST_INVITATION = `SELECT i.id FROM invitation i
    JOIN person p ON p.id = i.person_id
    LEFT JOIN bridge_point bp ON bp.id = i.bridge_point_id
   WHERE i.conference_id = $1 AND i.withdrawn_at IS NULL
   ORDER BY bp.depth NULLS LAST, bp.name, p.full_name, i.id LIMIT 1`;

/** LOAD_INVITATIONS's columns for a sample invitee at the conference's first bridge point. */
const SAMPLE_ROW = `
  SELECT NULL::uuid AS id, c.id AS conference_id, NULL::timestamptz AS withdrawn_at, NULL::int AS sent_sequence,
         NULL AS position_title, NULL::uuid AS cluster_id, NULL AS answer, $2::text AS reply_secret,
         $3::text AS full_name, 'vi' AS language, $4::text AS position, NULL AS substitute_name,
         NULL AS replaces_name, NULL AS replaces_position,
         c.title, c.status, c.starts_at, c.ends_at, c.time_zone, c.calendar_uid, c.chair_text, c.content_items,
         c.cited_documents, c.plan_reference, c.calendar_sequence,
         (SELECT array_agg(coalesce(e.x->>'text', cp.full_name) ORDER BY e.n) FROM jsonb_array_elements(c.co_chairs) WITH ORDINALITY AS e(x, n)
            LEFT JOIN person cp ON cp.id = (e.x->>'personId')::uuid) AS co_chairs,
         c.format, c.venue, bp.name AS bp_name, bp.role AS bp_role, bp.room, bp.address, bp.meeting_link, coalesce(bp.chair_text, (SELECT pc.full_name FROM person pc WHERE pc.id = bp.chair_person_id)) AS point_chair,
         NULL::int AS k_number, NULL AS k_name, NULL AS k_venue, NULL::timestamptz AS k_starts_at,
         NULL::timestamptz AS k_ends_at, NULL AS k_uid, NULL AS k_status,
         l.reference, l.composition, l.contact_name, l.contact_phone, u.name AS issuing_unit
    FROM conference c
    LEFT JOIN LATERAL (SELECT * FROM bridge_point b WHERE b.conference_id = c.id ORDER BY b.depth DESC, b.name LIMIT 1) bp ON true
    LEFT JOIN invitation_letter l ON l.conference_id = c.id
    LEFT JOIN unit u ON u.id = coalesce(l.issuing_unit_id, c.organizing_unit_id)
   WHERE c.id = $1`;

/**
 * The letter exactly as the outbox would send it now to one invitee (or a sample one): the
 * invitation renderer's own compose(), from the same query, with the secrets as placeholders.
 * Organizers only, like the letter's fields.
 */
@Injectable()
export class InvitationLetterPreview {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly scopes: InvitationScopes,
    private readonly renderer: InvitationRenderer,
  ) {}

  async preview(principal: Principal, conferenceId: string, invitationId?: string): Promise<LetterPreviewResponse> {
    await this.scopes.forOrganizer(this.dataSource.manager, principal, conferenceId, false);
    const row = await this.load(conferenceId, invitationId);
    const payload: InvitationPayload = {
      invitationId: row.id ?? PREVIEW_SECRET,
      sequence: row.sent_sequence ?? row.calendar_sequence,
      method: 'REQUEST',
      letter: 'invitation',
    };
    const why = staleness({ ...row, withdrawn_at: null }, payload);
    if (why) throw conflict('CONFERENCE_NOT_SCHEDULED', `The letter cannot be shown yet: ${why}.`);
    const email = row.id ? await this.emailOf(row.id) : SAMPLE.email;
    const answerUrl = row.answer === 'delegated' ? null : answerPageUrl(this.config.publicUrl, PREVIEW_SECRET);
    const mail = this.renderer.compose(row, payload, email, answerUrl, this.clock.now());
    return this.response(row, email, mail);
  }

  private response(
    row: InvitationMailRow,
    email: string,
    mail: ReturnType<InvitationRenderer['compose']>,
  ): LetterPreviewResponse {
    return {
      invitationId: row.id,
      sample: row.id === null,
      recipient: { name: row.full_name, email },
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? '',
      calendar: mail.icalEvent ? { method: mail.icalEvent.method, content: mail.icalEvent.content } : null,
    };
  }

  private async load(conferenceId: string, invitationId?: string): Promise<InvitationMailRow> {
    const id = invitationId ?? (await this.dataSource.query(FIRST_INVITATION, [conferenceId]))[0]?.id;
    if (!id) {
      const rows: InvitationMailRow[] = await this.dataSource.query(SAMPLE_ROW, [
        conferenceId,
        PREVIEW_SECRET,
        SAMPLE.name,
        SAMPLE.position,
      ]);
      if (!rows[0]) throw notFound('conference', conferenceId);
      return rows[0];
    }
    const rows: InvitationMailRow[] = await this.dataSource.query(LOAD_INVITATIONS, [[id]]);
    const row = rows.find((r) => r.conference_id === conferenceId && r.withdrawn_at === null);
    if (!row) throw notFound('invitation', id);
    return { ...row, reply_secret: PREVIEW_SECRET };
  }

  private async emailOf(invitationId: string): Promise<string> {
    const [row] = await this.dataSource.query(
      `SELECT lower(p.email) AS email FROM invitation i JOIN person p ON p.id = i.person_id WHERE i.id = $1`,
      [invitationId],
    );
    return row?.email ?? SAMPLE.email;
  }
}
