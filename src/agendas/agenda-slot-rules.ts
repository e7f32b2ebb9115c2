import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FieldProblem } from '../common/problem';
import type { AgendaSlot } from './agenda-slot.entity';

/**
 * Extra rules a slot must meet when it is written, registered by other modules: the presentations
 * module checks that a presentation slot is no longer than that presentation's talk-time limit.
 */
export type AgendaSlotRule = (slot: AgendaSlot, manager: EntityManager) => Promise<FieldProblem[]>;

@Injectable()
export class AgendaSlotRules {
  private readonly rules: AgendaSlotRule[] = [];

  register(rule: AgendaSlotRule): void {
    this.rules.push(rule);
  }

  async problems(slots: AgendaSlot[], manager: EntityManager): Promise<FieldProblem[]> {
    const found: FieldProblem[] = [];
    for (const slot of slots) for (const rule of this.rules) found.push(...(await rule(slot, manager)));
    return found;
  }
}
