import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { describeConstraint } from '../common/database-errors';
import { ConferencesModule } from '../conferences/conferences.module';
import { DirectoryModule } from '../directory/directory.module';
import { CompositionCopyService } from './composition-copy.service';
import { CompositionRule } from './composition-rule.entity';
import { CompositionRulesService } from './composition-rules.service';
import { CompositionController } from './composition.controller';
import { CompositionService } from './composition.service';

describeConstraint('fk_composition_rule_children_of', {
  field: 'units.childrenOf',
  message: 'names no unit of the directory',
});
describeConstraint('fk_composition_rule_within', { field: 'units.within', message: 'names no unit of the directory' });
describeConstraint('fk_composition_rule_delegate_unit', {
  field: 'delegate.unitId',
  message: 'names no unit of the directory',
});
describeConstraint('fk_composition_rule_bridge_point', {
  field: 'site.id',
  message: 'names no bridge point of this conference',
});
describeConstraint('fk_composition_rule_cluster', { field: 'site.id', message: 'names no cluster of this conference' });

/**
 * Attendee composition: the rules of a conference, its bridge points and clusters, and their
 * resolution to people. Exports CompositionService (resolveSite, isDelegated, registerDelegatedCounter).
 */
@Module({
  imports: [TypeOrmModule.forFeature([CompositionRule]), ConferencesModule, DirectoryModule],
  controllers: [CompositionController],
  providers: [CompositionService, CompositionRulesService, CompositionCopyService],
  exports: [CompositionService],
})
export class CompositionModule {}
