import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, Principal } from '../identity/principal';
import { queryRows } from '../common/sql';
import { isoInZone } from '../common/zoned-time';
import { ledgerOf, openLedger } from '../events/effect-ledger';
import type { ConferenceStatus } from './conference.constants';
import { Conference } from './conference.entity';
import { ConferenceScheduleService } from './conference-schedule.service';
import { PostponeDto, ReasonDto, ScheduleDto } from './conferences.dto';

export type PreviewedAction = 'schedule' | 'postpone' | 'cancel';

/** What the command would do, counted from the rows it wrote before they were rolled back. */
export interface ActionPreviewResponse {
  action: PreviewedAction;
  /** false: the command would change nothing (the same time asked again). */
  changes: boolean;
  status: { from: ConferenceStatus; to: ConferenceStatus };
  time: { from: ZonedSpan | null; to: ZonedSpan | null };
  invitations: {
    /** Letters queued, one per invitee with an address: updates on a move, cancellations on a cancel. */
    updates: number;
    cancellations: number;
    /** Reached, but without an e-mail address: nothing can be sent to them. */
    withoutEmail: number;
    /**
     * Updates to invitees who had accepted, declined or answered tentatively: their answer was for
     * the old time, so they are asked again (a substitute's place holds, so delegated is not).
     */
    answerAgain: number;
    /** Of the letters queued, by the invitee's answer so far. */
    byAnswer: { accepted: number; declined: number; tentative: number; delegated: number; none: number };
  };
  clustersCancelled: number;
  /** Reminders planned for the new time, and queued messages (reminders, digests) withdrawn. */
  reminders: { planned: number; withdrawn: number };
  messagesWithdrawn: number;
  /** Relative dues (papers' Hạn nộp, tasks') that move or lose their date. */
  dues: { papers: number; tasks: number };
  agendaSlotsMoved: number;
}

interface ZonedSpan {
  startsAt: string;
  endsAt: string;
}

/**
 * The preview of schedule, postpone and cancel: the real command — same DTO, same checks, same
 * listeners and statements — in a transaction that is always rolled back, its effects counted
 * from the rows this transaction wrote (xmin = its own id) just before the rollback. Nothing of
 * it is ever committed, mail included: messages are only sent from committed outbox rows.
 */
@Injectable()
export class ConferenceActionPreview {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schedule: ConferenceScheduleService,
  ) {}

  scheduleAt(principal: Principal, actor: Actor, id: string, dto: ScheduleDto) {
    return this.preview(id, 'schedule', (m) => this.schedule.scheduleIn(m, principal, actor, id, dto));
  }

  postpone(principal: Principal, actor: Actor, id: string, dto: PostponeDto) {
    return this.preview(id, 'postpone', (m) => this.schedule.postponeIn(m, principal, actor, id, dto));
  }

  cancel(principal: Principal, actor: Actor, id: string, dto: ReasonDto) {
    return this.preview(id, 'cancel', (m) => this.schedule.cancelIn(m, principal, actor, id, dto));
  }

  private async preview(
    id: string,
    action: PreviewedAction,
    command: (manager: EntityManager) => Promise<Conference>,
  ): Promise<ActionPreviewResponse> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const manager = runner.manager;
      openLedger(manager);
      const before = await manager.findOneBy(Conference, { id });
      const after = await command(manager);
      return await this.effects(manager, action, before!, after);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  private async effects(
    manager: EntityManager,
    action: PreviewedAction,
    before: Conference,
    after: Conference,
  ): Promise<ActionPreviewResponse> {
    const [row] = await queryRows<Record<string, number>>(manager, EFFECTS, [after.id]);
    const zone = after.timeZone;
    const span = (c: Conference) =>
      c.startsAt && c.endsAt ? { startsAt: isoInZone(c.startsAt, zone), endsAt: isoInZone(c.endsAt, zone) } : null;
    return {
      action,
      changes: row.written > 0,
      status: { from: before.status, to: after.status },
      time: { from: span(before), to: action === 'schedule' ? span(after) : null },
      invitations: {
        updates: row.updates,
        cancellations: row.cancellations,
        withoutEmail: ledgerOf(manager)!.withoutEmail,
        answerAgain: row.answer_again,
        byAnswer: {
          accepted: row.accepted,
          declined: row.declined,
          tentative: row.tentative,
          delegated: row.delegated,
          none: row.unanswered,
        },
      },
      clustersCancelled: row.clusters_cancelled,
      reminders: { planned: row.reminders_planned, withdrawn: row.reminders_withdrawn },
      messagesWithdrawn: row.messages_withdrawn,
      dues: { papers: row.papers, tasks: row.tasks },
      agendaSlotsMoved: row.agenda_slots,
    };
  }
}

/*
 * Rows this transaction inserted or updated carry its id in xmin (the commands run no savepoints).
 * xmin is 32 bits, txid_current() carries the epoch above them.
 */
const MINE = (alias: string) => `${alias}.xmin::text::bigint = txid_current() % 4294967296`;

// $1 conference. Invitation letters are outbox rows of kind 'invitation' (InvitationFanout).
const EFFECTS = `
  WITH letters AS (
    SELECT m.payload->>'letter' AS letter, i.answer
      FROM outbox_message m JOIN invitation i ON i.id = (m.payload->>'invitationId')::uuid
     WHERE m.conference_id = $1 AND m.kind = 'invitation' AND m.status = 'queued' AND ${MINE('m')}
  ), dues AS (
    SELECT DISTINCT e.id, e.presentation_id FROM due_change d JOIN due_entry e ON e.id = d.due_id WHERE ${MINE('d')}
  )
  SELECT (SELECT count(*)::int FROM conference_schedule_change s WHERE s.conference_id = $1 AND ${MINE('s')}) AS written,
         (SELECT count(*)::int FROM letters WHERE letter = 'update') AS updates,
         (SELECT count(*)::int FROM letters WHERE letter IN ('cancel', 'withdrawn')) AS cancellations,
         (SELECT count(*)::int FROM letters WHERE letter = 'update' AND answer IN ('accepted', 'declined', 'tentative')) AS answer_again,
         (SELECT count(*)::int FROM letters WHERE answer = 'accepted') AS accepted,
         (SELECT count(*)::int FROM letters WHERE answer = 'declined') AS declined,
         (SELECT count(*)::int FROM letters WHERE answer = 'tentative') AS tentative,
         (SELECT count(*)::int FROM letters WHERE answer = 'delegated') AS delegated,
         (SELECT count(*)::int FROM letters WHERE answer IS NULL) AS unanswered,
         (SELECT count(*)::int FROM cluster k WHERE k.conference_id = $1 AND k.status = 'cancelled' AND ${MINE('k')}) AS clusters_cancelled,
         (SELECT count(*)::int FROM reminder_slot r JOIN reminder_series s ON s.id = r.series_id
           WHERE s.conference_id = $1 AND r.status = 'pending' AND ${MINE('r')}) AS reminders_planned,
         (SELECT count(*)::int FROM reminder_slot r JOIN reminder_series s ON s.id = r.series_id
           WHERE s.conference_id = $1 AND r.status = 'cancelled' AND ${MINE('r')}) AS reminders_withdrawn,
         (SELECT count(*)::int FROM outbox_message m WHERE m.conference_id = $1 AND m.status = 'cancelled' AND ${MINE('m')}) AS messages_withdrawn,
         (SELECT count(*)::int FROM dues WHERE presentation_id IS NOT NULL) AS papers,
         (SELECT count(*)::int FROM dues WHERE presentation_id IS NULL) AS tasks,
         (SELECT count(*)::int FROM agenda_slot a WHERE a.conference_id = $1 AND ${MINE('a')}) AS agenda_slots`;
