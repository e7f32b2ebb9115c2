import { Injectable, Logger } from '@nestjs/common';
import { demoDirectory, DemoDirectory } from '../../fixtures/directory';
import { SYSTEM_ACTOR } from '../identity/principal';
import { csvLine } from './csv-writer';
import { ImportReport } from './import-report';
import { PeopleImportService } from './people-import.service';
import { PERSON_CSV_COLUMNS } from './person-rows';
import { UNIT_CSV_COLUMNS } from './unit-rows';
import { UnitsImportService } from './units-import.service';

/** The demo directory as the two import files a user would upload. */
export function demoCsv(demo: DemoDirectory): { units: Buffer; people: Buffer } {
  const units = demo.units.map((u) => csvLine([u.code, u.name, u.shortName, u.kind, u.parent, true], ','));
  const people = demo.people.flatMap((p) =>
    p.positions.map((position) =>
      csvLine([p.email, p.fullName, p.phone, p.language, position.unit, position.role, position.title, true], ','),
    ),
  );
  return {
    units: Buffer.from(csvLine([...UNIT_CSV_COLUMNS], ',') + units.join('')),
    people: Buffer.from(csvLine([...PERSON_CSV_COLUMNS], ',') + people.join('')),
  };
}

/**
 * Loads the Quảng Nam and Cần Thơ demo directory through the CSV import, so loading it again
 * changes nothing (every row comes back unchanged). The lead wires it to start-up with the other
 * demo loaders, before the conference demo that looks units up by their codes.
 */
@Injectable()
export class DirectoryDemoLoader {
  private readonly logger = new Logger(DirectoryDemoLoader.name);

  constructor(
    private readonly units: UnitsImportService,
    private readonly people: PeopleImportService,
  ) {}

  async load(): Promise<void> {
    const files = demoCsv(demoDirectory());
    const units = await this.units.importCsv(SYSTEM_ACTOR, files.units, { dryRun: false, partial: false });
    const people = await this.people.importCsv(SYSTEM_ACTOR, files.people, {
      dryRun: false,
      partial: false,
      replacePositions: false,
    });
    this.logger.log(`Demo directory: units ${summary(units)}; people ${summary(people)}`);
  }
}

const summary = (r: ImportReport) =>
  `${r.rows.created} created, ${r.rows.updated} updated, ${r.rows.unchanged} unchanged`;
