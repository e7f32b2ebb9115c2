import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { describeConstraint } from '../common/database-errors';
import { DirectoryDemoLoader } from './directory-demo.loader';
import { DirectoryExportService } from './directory-export.service';
import { HoldersService } from './holders.service';
import { PeopleController } from './people.controller';
import { PeopleImportService } from './people-import.service';
import { PeopleService } from './people.service';
import { Person } from './person.entity';
import { Position } from './position.entity';
import { PositionsService } from './positions.service';
import { Unit } from './unit.entity';
import { UnitTreeService } from './unit-tree.service';
import { UnitsController } from './units.controller';
import { UnitsImportService } from './units-import.service';
import { StewardsController } from './stewards.controller';
import { StewardsService } from './stewards.service';
import { UnitsService } from './units.service';

describeConstraint('uq_unit_external_code', { field: 'externalCode', message: 'another unit has this external code' });
describeConstraint('fk_unit_parent', { field: 'parentId', message: 'the parent unit does not exist' });
describeConstraint('ck_unit_not_own_parent', { field: 'parentId', message: 'a unit cannot be its own parent' });
describeConstraint('uq_person_email', { field: 'email', message: 'another person has this e-mail' });
describeConstraint('uq_position_current', {
  field: 'role',
  message: 'the person already holds this role in this unit',
});
describeConstraint('fk_position_unit', { field: 'unitId', message: 'the unit does not exist' });
describeConstraint('ck_position_dates', { field: 'endedOn', message: 'a position cannot end before it started' });

/** The directory of units and people that attendee-composition rules resolve against. */
@Module({
  imports: [TypeOrmModule.forFeature([Unit, Person, Position])],
  controllers: [UnitsController, PeopleController, StewardsController],
  providers: [
    UnitsService,
    StewardsService,
    UnitTreeService,
    PeopleService,
    PositionsService,
    HoldersService,
    UnitsImportService,
    PeopleImportService,
    DirectoryExportService,
    DirectoryDemoLoader,
  ],
  exports: [
    UnitsService,
    StewardsService,
    UnitTreeService,
    PeopleService,
    HoldersService,
    UnitsImportService,
    PeopleImportService,
    DirectoryDemoLoader,
  ],
})
export class DirectoryModule {}
