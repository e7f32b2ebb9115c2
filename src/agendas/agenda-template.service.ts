import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { fieldProblem, unprocessable } from '../common/problem';
import { nfc } from '../common/text';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { findOverlaps, instantiate } from './agenda-rules';
import { AgendaTemplateSlot } from './agenda-slot.entity';
import { AgendaStore } from './agenda-store';
import { applySlotContent, assertPerformersExist } from './agenda-content';
import { RECEPTION_LEAD_MINUTES } from './agenda.constants';
import { PutTemplateDto, TemplateSlotResponse } from './agendas.dto';

/** A conference's agenda template: slots as minutes from the session start, instantiated per cluster. */
@Injectable()
export class AgendaTemplateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
    private readonly audit: AuditService,
    private readonly store: AgendaStore,
  ) {}

  async get(principal: Principal, conferenceId: string): Promise<TemplateSlotResponse[]> {
    await this.access.assertCanRead(principal, conferenceId);
    return this.store.templateResponses(this.dataSource.manager, conferenceId);
  }

  /** Replaces the whole template. Slots already instantiated stay as they are until re-applied. */
  async put(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    dto: PutTemplateDto,
  ): Promise<TemplateSlotResponse[]> {
    assertLeadsAreReceptions(dto);
    const placed = instantiate(
      dto.slots.map((s, index) => ({ ...s, index })),
      new Date(0),
    );
    const overlaps = findOverlaps(placed);
    if (overlaps.length > 0) {
      throw unprocessable(
        overlaps.map(([a, b]) =>
          fieldProblem(`slots[${b.index}].offsetMinutes`, 'noOverlap', `slots[${b.index}] overlaps slots[${a.index}]`),
        ),
        undefined,
        'AGENDA_SLOT_OVERLAP',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      await this.access.lockForChange(manager, principal, conferenceId);
      const before = await this.store.templateResponses(manager, conferenceId);
      await manager.delete(AgendaTemplateSlot, { conferenceId });
      const rows = dto.slots.map((s, position) => {
        const row = manager.create(AgendaTemplateSlot, {
          conferenceId,
          position,
          offsetMinutes: s.offsetMinutes,
          durationMinutes: s.durationMinutes,
          title: nfc(s.title.trim()),
          kind: s.kind,
          presentationId: s.presentationId ?? null,
          note: s.note ? nfc(s.note.trim()) : null,
        });
        applySlotContent(row, s, `slots[${position}].`);
        return row;
      });
      await assertPerformersExist(
        manager,
        rows.map((slot, i) => ({ slot, prefix: `slots[${i}].` })),
      );
      if (rows.length > 0) await manager.save(rows);
      const after = await this.store.templateResponses(manager, conferenceId);
      await this.audit.record(manager, actor, {
        action: 'agenda.template.put',
        entityType: 'conference',
        entityId: conferenceId,
        conferenceId,
        before,
        after,
      });
      return after;
    });
  }
}

/** Only a reception may start before the session (up to RECEPTION_LEAD_MINUTES; the DTO bounds it). */
function assertLeadsAreReceptions(dto: PutTemplateDto): void {
  const early = dto.slots.findIndex((s) => s.offsetMinutes < 0 && s.kind !== 'reception');
  if (early >= 0)
    throw unprocessable([
      fieldProblem(
        `slots[${early}].offsetMinutes`,
        'receptionOnly',
        `only a reception may start before the session (up to ${RECEPTION_LEAD_MINUTES} minutes)`,
      ),
    ]);
}
