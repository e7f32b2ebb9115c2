import { Module } from '@nestjs/common';
import { AgendasModule } from '../agendas/agendas.module';
import { BridgePointsModule } from '../bridge-points/bridge-points.module';
import { ClustersModule } from '../clusters/clusters.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { ConferenceDemoLoader } from './conference-demo.loader';

/** The demo loader of seeds 000 and 001, through the services (run at start-up only with DEMO_DATA). */
@Module({
  imports: [ConferencesModule, BridgePointsModule, ClustersModule, AgendasModule],
  providers: [ConferenceDemoLoader],
  exports: [ConferenceDemoLoader],
})
export class DemoModule {}
