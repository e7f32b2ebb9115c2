import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { describeConstraint } from '../common/database-errors';
import { ConferencesModule } from '../conferences/conferences.module';
import { Cluster } from './cluster.entity';
import { ClustersListener } from './clusters.listener';
import { ClustersController } from './clusters.controller';
import { ClustersService } from './clusters.service';

describeConstraint('uq_cluster_number', {
  field: 'number',
  message: 'the roundtable already has a cluster with this number',
});
describeConstraint('fk_cluster_host_unit', { field: 'hostUnitId', message: 'names no unit of the directory' });
describeConstraint('fk_cluster_unit_unit', { field: 'unitIds', message: 'names a unit that is not in the directory' });

/** Roundtable clusters (their agendas follow them through the agendas listener). */
@Module({
  imports: [TypeOrmModule.forFeature([Cluster]), ConferencesModule],
  controllers: [ClustersController],
  providers: [ClustersService, ClustersListener],
  exports: [ClustersService],
})
export class ClustersModule {}
