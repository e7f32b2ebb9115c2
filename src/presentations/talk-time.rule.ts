import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AgendaSlotRules } from '../agendas/agenda-slot-rules';
import type { AgendaSlot } from '../agendas/agenda-slot.entity';
import { fieldProblem, FieldProblem } from '../common/problem';
import { TALK_TIME } from './presentations.messages';

/**
 * An agenda slot that names a presentation is no longer than the presentation's talk-time limit
 * (7 minutes in seed 000), and names a presentation of the same conference and cluster.
 */
@Injectable()
export class TalkTimeRule implements OnModuleInit {
  constructor(private readonly rules: AgendaSlotRules) {}

  onModuleInit(): void {
    this.rules.register((slot, manager) => this.check(slot, manager));
  }

  async check(slot: AgendaSlot, manager: EntityManager): Promise<FieldProblem[]> {
    if (!slot.presentationId) return [];
    const [p]: { talk_minutes: number | null; cluster_id: string | null; topic: string }[] = await manager.query(
      `SELECT talk_minutes, cluster_id, topic FROM presentation WHERE id = $1 AND conference_id = $2`,
      [slot.presentationId, slot.conferenceId],
    );
    if (!p) return [fieldProblem('presentationId', 'reference', TALK_TIME.unknown)];
    if ((p.cluster_id ?? null) !== (slot.clusterId ?? null))
      return [fieldProblem('presentationId', 'sameAgenda', TALK_TIME.otherAgenda)];
    const minutes = Math.round((slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000);
    if (p.talk_minutes !== null && minutes > p.talk_minutes)
      return [fieldProblem('endsAt', 'talkTime', TALK_TIME.tooLong(minutes, p.talk_minutes, p.topic))];
    return [];
  }
}
