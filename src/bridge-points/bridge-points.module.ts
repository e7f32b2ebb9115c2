import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { describeConstraint } from '../common/database-errors';
import { ConferencesModule } from '../conferences/conferences.module';
import { BridgePoint } from './bridge-point.entity';
import { BridgePointsBulkService } from './bridge-points-bulk.service';
import { BridgePointsController } from './bridge-points.controller';
import { BridgePointsService } from './bridge-points.service';

describeConstraint('fk_bridge_point_unit', { field: 'unitId', message: 'names no unit of the directory' });
describeConstraint('fk_bridge_point_coordinator', {
  field: 'coordinatorPersonId',
  message: 'names no person of the directory',
});
describeConstraint('fk_bridge_point_chair_person', {
  field: 'chair.personId',
  message: 'names no person of the directory',
});
describeConstraint('uq_bridge_point_unit', {
  field: 'unitId',
  message: 'this unit already has a point in the conference',
});
describeConstraint('uq_bridge_point_host', { field: 'role', message: 'the conference already has a host point' });

@Module({
  imports: [TypeOrmModule.forFeature([BridgePoint]), ConferencesModule],
  controllers: [BridgePointsController],
  providers: [BridgePointsService, BridgePointsBulkService],
  exports: [BridgePointsService, BridgePointsBulkService],
})
export class BridgePointsModule {}
