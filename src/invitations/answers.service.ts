import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict, fieldProblem, notFound, unprocessable } from '../common/problem';
import { queryRows } from '../common/sql';
import { foldVietnamese, nfc, singleLine } from '../common/text';
import { SecretLinksService } from '../secret-links/secret-links.service';
import { AnswerPageView } from './answer-page.html';
import { Invitation } from './invitation.entity';
import { InvitationFanout } from './invitation-fanout';
import { ANSWER_LINK, findSite } from './invitation-scope';
import { Language } from './invitation.messages';
import { insertInvitation } from './invitations.service';
import { AnswerDto } from './invitations.dto';

interface Current {
  invitation: Invitation;
  title: string;
  fullName: string;
  language: Language;
  start: Date | null;
  end: Date | null;
  timeZone: string;
  conferenceStatus: string;
  clusterStatus: string | null;
  place: AnswerPageView['place'];
  substituteName: string | null;
}

const CURRENT = `
  SELECT p.full_name AS "fullName", p.language, c.title, c.status AS "conferenceStatus", c.time_zone AS "timeZone",
         coalesce(k.starts_at, c.starts_at) AS start, coalesce(k.ends_at, c.ends_at) AS "end", k.status AS "clusterStatus",
         coalesce(bp.name, k.name, 'Cụm ' || k.number, '') AS "placeName", coalesce(bp.room, k.venue) AS room, bp.address, bp.meeting_link AS "meetingLink",
         k.number AS "clusterNumber",
         (SELECT sp.full_name FROM invitation s JOIN person sp ON sp.id = s.person_id WHERE s.substitute_for_id = i.id ORDER BY s.created_at LIMIT 1) AS "substituteName"
    FROM invitation i JOIN person p ON p.id = i.person_id JOIN conference c ON c.id = i.conference_id
    LEFT JOIN bridge_point bp ON bp.id = i.bridge_point_id LEFT JOIN cluster k ON k.id = i.cluster_id
   WHERE i.id = $1`;

/**
 * The delegate's side: the answer page's current state, and answers — accept, decline,
 * tentative, or a substitute who gets their own invitation for the same site — until the event
 * starts. The link is the only credential; it opens this invitation and nothing else.
 */
@Injectable()
export class AnswersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: SecretLinksService,
    private readonly fanout: InvitationFanout,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async page(token: string, language: Language | undefined, saved = false): Promise<AnswerPageView> {
    const link = await this.resolve(token);
    const current = await this.current(this.dataSource.manager, link.subjectId);
    return this.view(current, token, language, saved);
  }

  async answer(token: string, dto: AnswerDto): Promise<AnswerPageView> {
    const link = await this.resolve(token);
    const actor: Actor = { kind: 'link', id: link.id, label: 'invitation link' };
    await this.dataSource.transaction((manager) => this.apply(manager, link.subjectId, actor, dto));
    return this.page(token, dto.lang, true);
  }

  /**
   * One answer under the page's rules and with its effects (answer, answeredAt, note, the
   * substitute's own invitation, the audit entry), in the caller's transaction. Calendar apps'
   * REPLY mails (src/replies) answer through here too; with `unlessSame` an answer equal to the
   * current one writes nothing and answers false.
   */
  async apply(
    manager: EntityManager,
    invitationId: string,
    actor: Actor,
    dto: AnswerDto,
    options: { unlessSame?: boolean } = {},
  ): Promise<boolean> {
    const [owner] = await queryRows<{ conferenceId: string }>(
      manager,
      `SELECT conference_id AS "conferenceId" FROM invitation WHERE id = $1`,
      [invitationId],
    );
    if (!owner) throw notFound('invitation', invitationId);
    // The conference row first, as every invitation command does: no deadlock with a send.
    await manager.query(`SELECT 1 FROM conference WHERE id = $1 FOR UPDATE`, [owner.conferenceId]);
    const current = await this.current(manager, invitationId, true);
    this.assertOpen(current);
    const before = current.invitation.answer;
    // The page and a calendar reply (checked to answer the version sent) both answer the version last sent.
    const sequence = current.invitation.sentSequence;
    const same = before === dto.answer && current.invitation.answerSequence === sequence;
    if (options.unlessSame && dto.answer !== 'substitute' && same) return false;
    const note = dto.note ? nfc(dto.note.trim()) || null : null;
    if (dto.answer === 'substitute') await this.substitute(manager, actor, current, dto, note);
    else
      await manager.update(
        Invitation,
        { id: current.invitation.id },
        { answer: dto.answer, answeredAt: this.clock.now(), answerNote: note, answerSequence: sequence },
      );
    await this.audit.record(manager, actor, {
      action: 'invitation.answer',
      entityType: 'invitation',
      entityId: current.invitation.id,
      conferenceId: current.invitation.conferenceId,
      before: { answer: before },
      after: { answer: dto.answer === 'substitute' ? 'delegated' : dto.answer, note, sequence },
    });
    return true;
  }

  private async resolve(token: string) {
    const link = await this.links.resolve(token, [ANSWER_LINK]);
    if (!link) throw notFound('invitation link');
    return link;
  }

  private assertOpen(current: Current): void {
    const state = this.state(current);
    if (state === 'withdrawn') throw conflict('INVITATION_WITHDRAWN', 'This invitation has been withdrawn.');
    if (state === 'cancelled')
      throw conflict('CONFERENCE_CANCELLED', 'The conference has been cancelled; there is nothing to answer.');
    if (state === 'closed')
      throw conflict('ANSWERS_CLOSED', 'The conference has started; answers can no longer be changed.');
    if (current.invitation.answer === 'delegated') {
      throw conflict(
        'ALREADY_DELEGATED',
        `The invitation was passed on to ${current.substituteName}; their invitation now holds the place.`,
      );
    }
  }

  /** The named person gets an invitation of their own for the same site (sent at once if the original was); the original is delegated. */
  private async substitute(
    manager: EntityManager,
    actor: Actor,
    current: Current,
    dto: AnswerDto,
    note: string | null,
  ): Promise<void> {
    const name = dto.substituteName ? singleLine(dto.substituteName) : '';
    const problems = [];
    if (!name)
      problems.push(fieldProblem('substituteName', 'required', 'substituteName is required to name a substitute'));
    if (!dto.substituteEmail)
      problems.push(fieldProblem('substituteEmail', 'required', 'substituteEmail is required to name a substitute'));
    if (problems.length) throw unprocessable(problems);
    const original = current.invitation;
    const personId = await this.personFor(manager, name, dto.substituteEmail!.trim().toLowerCase(), current.language);
    if (personId === original.personId)
      throw unprocessable([fieldProblem('substituteEmail', 'notSelf', 'the substitute must be someone else')]);
    const already = await manager.findOneBy(Invitation, {
      conferenceId: original.conferenceId,
      personId,
      withdrawnAt: IsNull(),
    });
    if (already) throw conflict('ALREADY_INVITED', `${name} is already invited to this conference.`);
    const site = (await findSite(manager, original.conferenceId, original.bridgePointId ?? original.clusterId!))!;
    const position = dto.substitutePosition ? singleLine(dto.substitutePosition) || null : null;
    const created = await insertInvitation(manager, actor, {
      conferenceId: original.conferenceId,
      site,
      personId,
      source: 'substitute',
      positionTitle: position,
      substituteForId: original.id,
      ruleId: original.ruleId,
    });
    await manager.update(
      Invitation,
      { id: original.id },
      {
        answer: 'delegated',
        answeredAt: this.clock.now(),
        answerNote: note,
        answerSequence: original.sentSequence,
      },
    );
    if (original.sentSequence !== null)
      await this.fanout.run(
        manager,
        original.conferenceId,
        { bridgePointIds: null, clusterIds: null, invitationId: created.id },
        'initial',
      );
  }

  /** The directory's person with this address, or a new one (in the delegate's language). */
  private async personFor(manager: EntityManager, name: string, email: string, language: Language): Promise<string> {
    const [found] = await queryRows<{ id: string }>(manager, `SELECT id FROM person WHERE email = $1`, [email]);
    if (found) return found.id;
    const [row] = await queryRows<{ id: string }>(
      manager,
      `INSERT INTO person (full_name, email, language, search_key) VALUES ($1, $2, $3, $4) RETURNING id`,
      [nfc(name), email, language, foldVietnamese(name)],
    );
    return row.id;
  }

  private async current(manager: EntityManager, invitationId: string, lock = false): Promise<Current> {
    const invitation = await manager.findOne(Invitation, {
      where: { id: invitationId },
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!invitation) throw notFound('invitation', invitationId);
    const [row] = await manager.query(CURRENT, [invitationId]);
    return {
      invitation,
      title:
        row.clusterNumber !== null && row.clusterNumber !== undefined ? `${row.title} — ${row.placeName}` : row.title,
      fullName: row.fullName,
      language: row.language === 'en' ? 'en' : 'vi',
      start: row.start,
      end: row.end,
      timeZone: row.timeZone,
      conferenceStatus: row.conferenceStatus,
      clusterStatus: row.clusterStatus,
      place: { name: row.placeName, room: row.room, address: row.address, meetingLink: row.meetingLink },
      substituteName: row.substituteName,
    };
  }

  private state(current: Current): AnswerPageView['state'] {
    if (current.invitation.withdrawnAt) return 'withdrawn';
    if (current.conferenceStatus === 'cancelled' || current.clusterStatus === 'cancelled') return 'cancelled';
    if (
      !current.start ||
      current.start <= this.clock.now() ||
      current.conferenceStatus === 'held' ||
      current.conferenceStatus === 'closed'
    )
      return 'closed';
    return 'open';
  }

  private view(current: Current, token: string, language: Language | undefined, saved: boolean): AnswerPageView {
    return {
      language: language ?? current.language,
      formAction: `/invitations/answer/${token}`,
      title: current.title,
      recipient: current.fullName,
      start: current.start,
      end: current.end,
      timeZone: current.timeZone,
      place: current.place,
      answer: current.invitation.answer,
      substituteName: current.substituteName,
      state: this.state(current),
      saved,
    };
  }
}
