import { HttpException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ParsedMail, simpleParser } from 'mailparser';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/principal';
import { Clock } from '../common/clock';
import { queryRows } from '../common/sql';
import { AnswersService } from '../invitations/answers.service';
import { AnswerDto } from '../invitations/invitations.dto';
import { answeringAttendee, CalendarReply, REPLY_PARTSTATS, ReplyAttendee, ReplyCalendarError } from './reply-calendar';
import { replyOf, sendersOf } from './reply-mail';

export type ReplyOutcome = 'applied' | 'unchanged' | 'ignored' | 'refused' | 'duplicate';

/** What became of one message: `refused` is answered 554 to the sender, everything else 250. */
export interface ReceiveResult {
  outcome: ReplyOutcome;
  reason: string | null;
  detail: string;
  messageId: string;
}

interface Facts {
  messageId: string;
  envelopeFrom: string;
  headerFrom: string | null;
  uid?: string;
  sequence?: number;
  dtstamp?: Date | null;
  attendee?: string | null;
  partstat?: string | null;
  invitationId?: string;
  conferenceId?: string;
  answer?: string;
}

interface Target {
  invitationId: string;
  conferenceId: string;
  personId: string;
  personEmail: string;
  eventUid: string;
  withdrawnAt: Date | null;
  sentSequence: number | null;
  conferenceStatus: string;
  clusterStatus: string | null;
}

/** The invitation whose reply address (ORGANIZER with its secret) the message was sent to, and its event's UID. */
const TARGET = `
  SELECT i.id AS "invitationId", i.conference_id AS "conferenceId", i.person_id AS "personId", lower(p.email) AS "personEmail",
         CASE WHEN i.cluster_id IS NULL THEN c.calendar_uid ELSE k.calendar_uid END AS "eventUid",
         i.withdrawn_at AS "withdrawnAt", i.sent_sequence AS "sentSequence", c.status AS "conferenceStatus", k.status AS "clusterStatus"
    FROM invitation i
    JOIN person p ON p.id = i.person_id
    JOIN conference c ON c.id = i.conference_id
    LEFT JOIN cluster k ON k.id = i.cluster_id
   WHERE i.reply_secret = $1`;

/** Refusals that say the message is not this invitation's answer: answered 550 (a forgery, or a misdirected reply). */
export const NOT_THIS_INVITATION = new Set(['NO_INVITATION', 'WRONG_EVENT', 'NOT_THIS_INVITEE']);

const CONTROL = /[\u0000-\u001f\u007f]/;

const ANSWER_OF: Record<string, AnswerDto['answer']> = {
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  TENTATIVE: 'tentative',
};

class Ignored extends Error {
  constructor(
    readonly reason: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

class Refused extends Error {
  constructor(
    readonly reason: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

class Duplicate extends Error {}

/**
 * Answers mailed by calendar apps (iMIP METHOD:REPLY to the organizer mailbox): the reply is
 * matched to an invitation by UID and attendee address, checked against the version sent
 * (SEQUENCE) and the last reply applied (DTSTAMP), and answered through AnswersService.apply —
 * the answer page's rules and effects. Every message is recorded by Message-ID, so a redelivered
 * one changes nothing.
 */
@Injectable()
export class RepliesService {
  private readonly logger = new Logger(RepliesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly answers: AnswersService,
    private readonly clock: Clock,
  ) {}

  /** Whether an invitation has this reply secret (the listener asks at RCPT TO). */
  async knowsSecret(secret: string): Promise<boolean> {
    const rows = await queryRows(this.dataSource, `SELECT 1 FROM invitation WHERE reply_secret = $1`, [secret]);
    return rows.length > 0;
  }

  /** One message sent to the reply address of the invitation whose secret is `secret`. */
  async receive(raw: Buffer, envelopeFrom: string, secret: string): Promise<ReceiveResult> {
    let parsed: ParsedMail;
    try {
      parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
    } catch (error) {
      return this.finish(
        { messageId: hashId(raw), envelopeFrom, headerFrom: null },
        'refused',
        'BAD_MESSAGE',
        `not a readable message: ${(error as Error).message}`,
      );
    }
    const senders = sendersOf(parsed);
    const facts: Facts = { messageId: messageIdOf(parsed, raw), envelopeFrom, headerFrom: senders[0] ?? null };
    if (await this.seen(facts.messageId))
      return this.result(facts, 'duplicate', 'DUPLICATE_MESSAGE', 'this Message-ID was processed before');
    let reply: CalendarReply | null;
    try {
      reply = replyOf(parsed);
    } catch (error) {
      if (error instanceof ReplyCalendarError) return this.finish(facts, 'refused', error.code, error.message);
      throw error;
    }
    if (!reply)
      return this.finish(facts, 'refused', 'NO_CALENDAR', 'the message has no calendar part (text/calendar or .ics)');
    try {
      return await this.answer(facts, reply, senders, secret);
    } catch (error) {
      if (error instanceof Ignored) return this.finish(facts, 'ignored', error.reason, error.detail);
      if (error instanceof Refused) return this.finish(facts, 'refused', error.reason, error.detail);
      throw error;
    }
  }

  private async answer(facts: Facts, reply: CalendarReply, senders: string[], secret: string): Promise<ReceiveResult> {
    Object.assign(facts, {
      uid: reply.uid,
      sequence: reply.sequence,
      dtstamp: reply.dtstamp,
      attendee: answeringAttendee(reply, senders)?.email ?? reply.attendees[0]?.email ?? null,
    });
    const target = await this.target(reply, secret);
    Object.assign(facts, { invitationId: target.invitationId, conferenceId: target.conferenceId });
    // The answer must be that invitation's person's: another delegate's address is a forgery.
    const answering = reply.attendees.filter(
      (a) => a.partstat !== null && (REPLY_PARTSTATS as readonly string[]).includes(a.partstat),
    );
    const attendee = answering.find((a) => a.email === target.personEmail) ?? null;
    Object.assign(facts, { attendee: attendee?.email ?? facts.attendee, partstat: attendee?.partstat ?? null });
    if (!attendee && answering.length > 0)
      throw new Refused(
        'NOT_THIS_INVITEE',
        `the answer is ${answering.map((a) => a.email).join(', ')}'s; this reply address belongs to another invitee's invitation`,
      );
    if (!attendee)
      throw new Ignored('NO_ANSWER', 'no attendee answers (PARTSTAT ACCEPTED, DECLINED, TENTATIVE or DELEGATED)');
    if (!senders.includes(attendee.email))
      throw new Ignored(
        'SENDER_MISMATCH',
        `the mail is from ${senders.join(', ') || 'nobody'}, the answer is ${attendee.email}'s`,
      );
    this.stillOpen(target, reply);
    await this.notOlderThanLast(target, reply);
    const dto = this.dtoOf(reply, attendee);
    facts.answer = dto.answer === 'substitute' ? 'delegated' : dto.answer;
    const actor: Actor = { kind: 'mail', id: target.personId, label: `calendar reply from ${attendee.email}` };
    try {
      return await this.dataSource.transaction(async (manager) => {
        // The answer first: it locks the conference row before anything else, as every
        // invitation command does (the record's foreign keys would otherwise share-lock it first).
        const changed = await this.answers.apply(manager, target.invitationId, actor, dto, { unlessSame: true });
        const [outcome, reason, detail] = changed
          ? (['applied', null, `answered ${facts.answer}`] as const)
          : (['unchanged', 'SAME_ANSWER', `already ${facts.answer}`] as const);
        const [row] = await queryRows<{ id: string }>(
          manager,
          `${INSERT} ON CONFLICT (message_id) DO NOTHING RETURNING id`,
          this.values(facts, outcome, reason, detail),
        );
        // Another instance took the same message meanwhile: undo this one's answer.
        if (!row) throw new Duplicate();
        return this.result(facts, outcome, reason, detail);
      });
    } catch (error) {
      if (error instanceof Duplicate)
        return this.result(facts, 'duplicate', 'DUPLICATE_MESSAGE', 'this Message-ID was processed before');
      // The page's refusals (withdrawn, cancelled, closed, already delegated, a substitute it cannot take).
      if (error instanceof HttpException && error.getStatus() < 500) {
        const body = error.getResponse() as { code?: string; detail?: string };
        // A 422 here is a substitute the page would refuse too (the delegate themself, say).
        throw new Ignored(
          error.getStatus() === 422 ? 'BAD_DELEGATION' : (body.code ?? 'REFUSED'),
          body.detail ?? error.message,
        );
      }
      throw error;
    }
  }

  /** The invitation of the reply address, if the reply is about its event; else why not (refused). */
  private async target(reply: CalendarReply, secret: string): Promise<Target> {
    const [target] = await queryRows<Target>(this.dataSource, TARGET, [secret]);
    if (!target) throw new Refused('NO_INVITATION', 'no invitation has this reply address (any more)');
    // A UID with control characters is none of ours (and PostgreSQL text takes no NUL).
    if (CONTROL.test(reply.uid) || reply.uid !== target.eventUid)
      throw new Refused('WRONG_EVENT', `the reply answers the event ${reply.uid}, not the one of this invitation`);
    return target;
  }

  /** Why the invitation takes no answer now (ignored: the reply is genuine but too late or too early). */
  private stillOpen(target: Target, reply: CalendarReply): void {
    if (target.withdrawnAt) throw new Ignored('INVITATION_WITHDRAWN', 'the invitation has been withdrawn');
    if (target.conferenceStatus === 'cancelled' || target.clusterStatus === 'cancelled')
      throw new Ignored('CONFERENCE_CANCELLED', 'the conference has been cancelled');
    if (target.sentSequence === null) throw new Ignored('NOT_SENT', 'the invitation was never sent');
    if (reply.sequence < target.sentSequence)
      throw new Ignored(
        'STALE_SEQUENCE',
        `the reply answers version ${reply.sequence}; version ${target.sentSequence} was sent since`,
      );
    if (reply.sequence > target.sentSequence)
      throw new Ignored(
        'UNKNOWN_SEQUENCE',
        `the reply answers version ${reply.sequence}; the latest sent is ${target.sentSequence}`,
      );
  }

  private async notOlderThanLast(target: Target, reply: CalendarReply): Promise<void> {
    if (!reply.dtstamp) return;
    const [newer] = await queryRows(
      this.dataSource,
      `SELECT 1 FROM calendar_reply WHERE invitation_id = $1 AND outcome IN ('applied', 'unchanged') AND dtstamp > $2 LIMIT 1`,
      [target.invitationId, reply.dtstamp],
    );
    // RFC 5546 §2.1.5: of two replies to one version, the later DTSTAMP wins, whatever the order they arrive in.
    if (newer) throw new Ignored('OLDER_THAN_LAST_REPLY', 'a reply stamped later was applied already');
  }

  /** The page's answer for this PARTSTAT; DELEGATED-TO names the substitute, found or added by address. */
  private dtoOf(reply: CalendarReply, attendee: ReplyAttendee): AnswerDto {
    // Line breaks and tabs may stay in a note; other control characters (NUL above all) may not.
    const clean = (value: string) => value.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
    const note = reply.comment ? clean(reply.comment).slice(0, 1000) || undefined : undefined;
    let plain: Record<string, unknown>;
    if (attendee.partstat === 'DELEGATED' && attendee.delegatedTo.length > 0) {
      const email = attendee.delegatedTo[0];
      const named = reply.attendees.find((a) => a.email === email)?.cn;
      plain = {
        answer: 'substitute',
        substituteEmail: email,
        substituteName: clean(named ?? email).slice(0, 200),
        note,
      };
    } else {
      // DELEGATED without DELEGATED-TO names nobody Convene could invite: the delegate is not coming.
      plain = { answer: ANSWER_OF[attendee.partstat!] ?? 'declined', note };
    }
    const dto = plainToInstance(AnswerDto, plain);
    const problems = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (problems.length > 0)
      throw new Ignored(
        'BAD_DELEGATION',
        `${problems[0].property}: ${Object.values(problems[0].constraints ?? {})[0] ?? 'is invalid'}`,
      );
    return dto;
  }

  private async seen(messageId: string): Promise<boolean> {
    const rows = await queryRows(this.dataSource, `SELECT 1 FROM calendar_reply WHERE message_id = $1`, [messageId]);
    return rows.length > 0;
  }

  /** Records a message that changes nothing (refused or ignored) and answers its result. */
  private async finish(
    facts: Facts,
    outcome: 'refused' | 'ignored',
    reason: string,
    detail: string,
  ): Promise<ReceiveResult> {
    await this.dataSource.query(
      `${INSERT} ON CONFLICT (message_id) DO NOTHING`,
      this.values(facts, outcome, reason, detail),
    );
    return this.result(facts, outcome, reason, detail);
  }

  private result(facts: Facts, outcome: ReplyOutcome, reason: string | null, detail: string): ReceiveResult {
    const line = {
      outcome,
      reason,
      messageId: facts.messageId,
      uid: facts.uid,
      attendee: facts.attendee,
      invitationId: facts.invitationId,
    };
    if (outcome === 'applied') this.logger.log(line, `calendar reply applied: ${detail}`);
    else this.logger.warn(line, `calendar reply ${outcome}: ${detail}`);
    return { outcome, reason, detail, messageId: facts.messageId };
  }

  private values(facts: Facts, outcome: string, reason: string | null, detail: string): unknown[] {
    // Everything but the ids comes from the message: PostgreSQL text takes no NUL, and the log no control characters.
    const text = (value: string | null | undefined, max = 1000) =>
      value == null ? null : value.replace(new RegExp(CONTROL.source + '+', 'g'), ' ').slice(0, max);
    return [
      text(facts.messageId)!,
      this.clock.now(),
      text(facts.envelopeFrom)!,
      text(facts.headerFrom),
      text(facts.uid),
      facts.sequence ?? null,
      facts.dtstamp ?? null,
      text(facts.attendee),
      text(facts.partstat, 50),
      facts.invitationId ?? null,
      facts.conferenceId ?? null,
      outcome,
      reason,
      text(detail),
      facts.answer ?? null,
    ];
  }
}

const INSERT = `
  INSERT INTO calendar_reply (message_id, received_at, envelope_from, header_from, uid, sequence, dtstamp, attendee, partstat, invitation_id, conference_id, outcome, reason, detail, answer)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`;

/** A message without Message-ID is known by its content, so a redelivery is still recognised. */
function hashId(raw: Buffer): string {
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

function messageIdOf(parsed: ParsedMail, raw: Buffer): string {
  const id = parsed.messageId?.trim();
  return id && id.length <= 998 && !CONTROL.test(id) ? id : hashId(raw);
}
