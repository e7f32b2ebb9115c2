import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { describeConstraint } from '../common/database-errors';
import { ConferencesModule } from '../conferences/conferences.module';
import { AgendaExportService } from './agenda-export.service';
import { AgendasListener } from './agendas.listener';
import { AgendaSlotRules } from './agenda-slot-rules';
import { AgendaSlot, AgendaTemplateSlot } from './agenda-slot.entity';
import { AgendaStore } from './agenda-store';
import { AgendaTemplateService } from './agenda-template.service';
import { AgendasController } from './agendas.controller';
import { AgendasService } from './agendas.service';

for (const table of ['agenda_slot', 'agenda_template_slot']) {
  describeConstraint(`fk_${table}_unit`, { field: 'performer.unitId', message: 'names no unit of the directory' });
  describeConstraint(`fk_${table}_person`, {
    field: 'performer.personId',
    message: 'names no person of the directory',
  });
}

/** Agendas of conferences and clusters, their template, and their HTML and .ics forms. Exports AgendaSlotRules for the presentations module. */
@Module({
  imports: [TypeOrmModule.forFeature([AgendaSlot, AgendaTemplateSlot]), ConferencesModule],
  controllers: [AgendasController],
  providers: [
    AgendasService,
    AgendaTemplateService,
    AgendaExportService,
    AgendaStore,
    AgendaSlotRules,
    AgendasListener,
  ],
  exports: [AgendaSlotRules, AgendaStore, AgendaTemplateService],
})
export class AgendasModule {}
