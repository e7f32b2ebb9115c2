import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import {
  CalendarInputError,
  invitationMailParts,
  personalizeInvitation,
  prepareInvitation,
  PreparedInvitation,
} from '../calendar';
import type {
  OutboxMail,
  OutboxRenderer,
  RenderableMessage,
  RenderContext,
  RenderOutcome,
} from '../outbox/outbox-renderers';
import { RenderCache } from '../outbox/render-cache';
import { replyAddress } from '../mail/reply-address';
import { SecretLinksService } from '../secret-links/secret-links.service';
import { LetterView, placeLine, renderLetter } from './invitation-letter';
import { Language, LETTER, LetterKind } from './invitation.messages';
import { ANSWER_LINK } from './invitation-scope';
import { answerPageUrl } from './answer-url';
import { positionTitle } from './invitation-position';
import { inVenue } from './invitation-venue';
import type { ConferenceFormat } from '../conferences/conference.constants';
import type { Venue } from '../conferences/plan-facts.dto';

export const INVITATION_KIND = 'invitation';

/** What an invitation message carries: which invitation, which calendar version, and how. */
export interface InvitationPayload {
  invitationId: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  letter: LetterKind;
  reason?: string | null;
}

/** One invitation with everything its letter says (LOAD's columns). */
export interface InvitationMailRow {
  id: string;
  conference_id: string;
  withdrawn_at: Date | null;
  sent_sequence: number | null;
  answer: string | null;
  /** Whom this person passed the invitation on to (answer `delegated`). */
  substitute_name: string | null;
  /** Whom this person replaces, as a substitute. */
  replaces_name: string | null;
  replaces_position: string | null;
  reply_secret: string;
  position_title: string | null;
  full_name: string;
  language: Language;
  position: string | null;
  title: string;
  status: string;
  starts_at: Date | null;
  ends_at: Date | null;
  time_zone: string;
  calendar_uid: string;
  chair_text: string | null;
  co_chairs: string[] | null;
  point_chair: string | null;
  content_items: string[];
  cited_documents: LetterView['citedDocuments'];
  plan_reference: string | null;
  format: ConferenceFormat;
  venue: Venue | null;
  bp_name: string | null;
  bp_role: string | null;
  room: string | null;
  address: string | null;
  meeting_link: string | null;
  cluster_id: string | null;
  k_number: number | null;
  k_name: string | null;
  k_venue: string | null;
  k_starts_at: Date | null;
  k_ends_at: Date | null;
  k_uid: string | null;
  k_status: string | null;
  reference: string | null;
  composition: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  issuing_unit: string | null;
  /** The version a letter queued now would carry: the cluster's for a cluster invitation, else the conference's. */
  calendar_sequence: number;
}

export const LOAD_INVITATIONS = `
  SELECT i.id, i.conference_id, i.withdrawn_at, i.sent_sequence, i.position_title, i.cluster_id, i.answer, i.reply_secret,
         p.full_name, p.language,
         ${positionTitle('i')} AS position,
         (SELECT sp.full_name FROM invitation s JOIN person sp ON sp.id = s.person_id WHERE s.substitute_for_id = i.id ORDER BY s.created_at LIMIT 1) AS substitute_name,
         op.full_name AS replaces_name, coalesce(o.position_title, ${positionTitle('o')}) AS replaces_position,
         c.title, c.status, c.starts_at, c.ends_at, c.time_zone, c.calendar_uid, c.chair_text, c.content_items, c.cited_documents, c.plan_reference,
         (SELECT array_agg(coalesce(e.x->>'text', cp.full_name) ORDER BY e.n) FROM jsonb_array_elements(c.co_chairs) WITH ORDINALITY AS e(x, n)
            LEFT JOIN person cp ON cp.id = (e.x->>'personId')::uuid) AS co_chairs,
         c.format, c.venue, bp.name AS bp_name, bp.role AS bp_role, bp.room, bp.address, bp.meeting_link, coalesce(bp.chair_text, (SELECT pc.full_name FROM person pc WHERE pc.id = bp.chair_person_id)) AS point_chair,
         k.number AS k_number, k.name AS k_name, k.venue AS k_venue, k.starts_at AS k_starts_at, k.ends_at AS k_ends_at,
         k.calendar_uid AS k_uid, k.status AS k_status, coalesce(k.calendar_sequence, c.calendar_sequence) AS calendar_sequence,
         l.reference, l.composition, l.contact_name, l.contact_phone, u.name AS issuing_unit
    FROM invitation i
    JOIN person p ON p.id = i.person_id
    JOIN conference c ON c.id = i.conference_id
    LEFT JOIN bridge_point bp ON bp.id = i.bridge_point_id
    LEFT JOIN cluster k ON k.id = i.cluster_id
    LEFT JOIN invitation o ON o.id = i.substitute_for_id
    LEFT JOIN person op ON op.id = o.person_id
    LEFT JOIN invitation_letter l ON l.conference_id = c.id
    LEFT JOIN unit u ON u.id = coalesce(l.issuing_unit_id, c.organizing_unit_id)
   WHERE i.id = ANY($1::uuid[])`;

/** Why a queued message is no longer true when its turn comes; recorded as the skip reason. */
export function staleness(row: InvitationMailRow | undefined, payload: InvitationPayload): string | null {
  if (!row) return 'the invitation no longer exists';
  if (row.sent_sequence !== null && payload.sequence < row.sent_sequence)
    return `replaced by version ${row.sent_sequence}`;
  if (payload.method === 'CANCEL') return null;
  if (row.withdrawn_at) return 'the invitation was withdrawn';
  if (row.status === 'cancelled' || row.k_status === 'cancelled') return 'the conference was cancelled';
  if (row.cluster_id === null && (row.status !== 'scheduled' || !row.starts_at))
    return `the conference has no confirmed time (${row.status})`;
  if (row.cluster_id !== null && !row.k_starts_at) return 'the cluster has no confirmed time (tentative)';
  return null;
}

/**
 * Renders invitation messages when they are sent, from current data: the letter in the person's
 * language and the iTIP calendar part (REQUEST or CANCEL, the event's stored UID, the payload's
 * SEQUENCE). The invariant part of each event version is built once per batch and cached; the
 * answer links are minted here, so a secret exists only in its message and as a hash.
 */
@Injectable()
export class InvitationRenderer implements OutboxRenderer {
  private readonly prepared = new RenderCache<PreparedInvitation>(500);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly links: SecretLinksService,
  ) {}

  async render(messages: RenderableMessage[], context: RenderContext): Promise<RenderOutcome[]> {
    const payloads = messages.map((m) => m.payload as unknown as InvitationPayload);
    const rows: InvitationMailRow[] = await this.dataSource.query(LOAD_INVITATIONS, [
      payloads.map((p) => p.invitationId),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const live = payloads.map((p) =>
      staleness(byId.get(p.invitationId), p) === null ? byId.get(p.invitationId)! : null,
    );
    // Who passed the invitation on has nothing left to answer: their letters are for information.
    const urls = await this.answerUrls(
      live.map((row, i) => (row && payloads[i].method === 'REQUEST' && row.answer !== 'delegated' ? row : null)),
    );
    return messages.map((message, i): RenderOutcome => {
      const reason = staleness(byId.get(payloads[i].invitationId), payloads[i]);
      if (reason) return { skip: reason };
      try {
        return { mail: this.compose(live[i]!, payloads[i], message.recipientEmail, urls[i], context.now) };
      } catch (error) {
        if (error instanceof CalendarInputError) return { skip: `not a valid invitation: ${error.message}` };
        throw error;
      }
    });
  }

  private async answerUrls(rows: (InvitationMailRow | null)[]): Promise<(string | null)[]> {
    const wanted = rows
      .map((row, i) => ({ row, i }))
      .filter((x): x is { row: InvitationMailRow; i: number } => x.row !== null);
    const urls: (string | null)[] = rows.map(() => null);
    if (wanted.length === 0) return urls;
    const issued = await this.dataSource.transaction((manager) =>
      this.links.issueMany(
        manager,
        wanted.map(({ row }) => ({ purpose: ANSWER_LINK, subjectId: row.id, conferenceId: row.conference_id })),
      ),
    );
    wanted.forEach(({ i }, n) => (urls[i] = answerPageUrl(this.config.publicUrl, issued[n].token)));
    return urls;
  }

  /**
   * One invitation's mail from its loaded row. Public so that the letter preview shows what this
   * very code sends (invitation-letter-preview.service.ts), with placeholders for the secrets.
   */
  compose(
    row: InvitationMailRow,
    payload: InvitationPayload,
    recipientEmail: string,
    answerUrl: string | null,
    now: Date,
  ): OutboxMail {
    const language: Language = row.language === 'en' ? 'en' : 'vi';
    const event = eventOf(row);
    const view: LetterView = {
      language,
      kind: payload.letter,
      issuingUnit: row.issuing_unit,
      reference: row.reference ?? row.plan_reference,
      title: event.summary,
      recipient: { name: row.full_name, position: row.position_title ?? row.position },
      contentItems: row.content_items ?? [],
      chair: row.chair_text,
      coChairs: (row.co_chairs ?? []).filter((c): c is string => !!c),
      pointChair: row.point_chair,
      start: event.start,
      end: event.end,
      timeZone: row.time_zone,
      place: event.place,
      composition: row.composition,
      contact: { name: row.contact_name, phone: row.contact_phone },
      answerUrl,
      reason: payload.reason ?? null,
      replaces: row.replaces_name ? { name: row.replaces_name, position: row.replaces_position } : null,
      passedOnTo: row.answer === 'delegated' ? row.substitute_name : null,
      citedDocuments: row.cited_documents ?? [],
    };
    const letter = renderLetter(view);
    const organizer = { name: row.issuing_unit ?? 'Convene', email: this.config.mail.organizerAddress };
    const key = [
      event.uid,
      payload.sequence,
      payload.method,
      event.start.getTime(),
      event.end.getTime(),
      event.summary,
      organizer.name,
    ].join('|');
    const prepared = this.prepared.getOrBuild(key, () =>
      prepareInvitation(
        {
          uid: event.uid,
          sequence: payload.sequence,
          start: event.start,
          end: event.end,
          summary: event.summary,
          organizer,
        },
        payload.method,
      ),
    );
    const description = answerUrl
      ? `${view.contentItems.join('\n')}\n\n${LETTER[language].answerHint}\n${answerUrl}`.trim()
      : undefined;
    const calendar = personalizeInvitation(prepared, {
      attendee: {
        name: row.full_name,
        email: recipientEmail,
        // Their calendar keeps the entry as passed on: no answer is asked of them.
        partstat: row.answer === 'delegated' && payload.method === 'REQUEST' ? 'DELEGATED' : undefined,
      },
      location: placeLine(event.place),
      description,
      url: answerUrl ?? undefined,
      dtstamp: now,
      // The invitation's own reply address: its REPLY proves which invitation it answers (src/replies).
      organizerEmail: replyAddress(organizer.email, row.reply_secret),
    });
    const parts = invitationMailParts(calendar, payload.method);
    return {
      subject: letter.subject,
      text: letter.text,
      html: letter.html,
      icalEvent: parts.icalEvent as OutboxMail['icalEvent'],
    };
  }
}

/** The calendar event an invitation belongs to: the conference, or the cluster of a roundtable. */
function eventOf(row: InvitationMailRow) {
  if (row.cluster_id) {
    const name = row.k_name ?? `Cụm ${row.k_number}`;
    return {
      uid: row.k_uid!,
      start: row.k_starts_at!,
      end: row.k_ends_at!,
      summary: `${row.title} — ${name}`,
      place: { name, room: row.k_venue, address: null, meetingLink: null },
    };
  }
  const venue = inVenue(row.format, row.venue, row.bp_role);
  return {
    uid: row.calendar_uid,
    start: row.starts_at!,
    end: row.ends_at!,
    summary: row.title,
    place: venue
      ? { name: venue.name, room: venue.room, address: venue.address, meetingLink: null }
      : { name: row.bp_name ?? '', room: row.room, address: row.address, meetingLink: row.meeting_link },
  };
}
