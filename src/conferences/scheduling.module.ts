import { Module } from '@nestjs/common';
import { AgendasModule } from '../agendas/agendas.module';
import { BridgePointsModule } from '../bridge-points/bridge-points.module';
import { ChecksModule } from '../checks/checks.module';
import { ClustersModule } from '../clusters/clusters.module';
import { ConferenceDemoLoader } from './demo/conference-demo.loader';
import { ConferencesModule } from './conferences.module';

/**
 * The scheduling core in one import: conferences, bridge points, clusters, agendas, checks, and
 * the demo loader of seeds 000 and 001 (not run at start-up by this module).
 */
@Module({
  imports: [ConferencesModule, BridgePointsModule, ClustersModule, AgendasModule, ChecksModule],
  providers: [ConferenceDemoLoader],
  exports: [ConferencesModule, BridgePointsModule, ClustersModule, AgendasModule, ChecksModule, ConferenceDemoLoader],
})
export class SchedulingModule {}
