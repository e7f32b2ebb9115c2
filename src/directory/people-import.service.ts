import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../identity/principal';
import { Clock } from '../common/clock';
import { queryRows } from '../common/sql';
import { isRowFault, readCsv } from './csv-reader';
import { inBatches } from '../common/sql-params';
import { lockFor, PEOPLE_IMPORT_LOCK } from './directory-sql';
import { auditedKeys, DryRunRollback, importRejected, withDryRun } from './import-problems';
import {
  buildReport,
  EntityCounts,
  ImportReport,
  PositionCounts,
  RejectedRow,
  rejection,
  RowOutcome,
} from './import-report';
import { PERSON_CSV, PersonRow, PersonRowSet, readPersonRow } from './person-rows';
import { endUnlisted, personIds, positionKey, upsertPeople, upsertPositions } from './people-import.writes';
import type { ImportOptions } from './units-import.service';

export interface PeopleImportOptions extends ImportOptions {
  /** End the current positions of the people in the file that the file does not list. */
  replacePositions: boolean;
}

export interface PeopleFile {
  total: number;
  rows: PersonRow[];
  rejected: RejectedRow[];
}

export async function readPeopleFile(bytes: Uint8Array): Promise<PeopleFile> {
  const file: PeopleFile = { total: 0, rows: [], rejected: [] };
  const set = new PersonRowSet();
  for await (const item of readCsv(bytes, PERSON_CSV)) {
    file.total += 1;
    if (isRowFault(item)) {
      file.rejected.push(rejection(item.line, null, 'cellCount', `the row ${item.fault}`));
      continue;
    }
    const { row, problems } = readPersonRow(item.line, item.cells);
    file.rejected.push(...(row ? set.add(row) : problems));
  }
  file.rows = set.rows;
  return file;
}

const RANK: Record<RowOutcome, number> = { unchanged: 0, updated: 1, created: 2 };
const worse = (a: RowOutcome, b: RowOutcome | undefined): RowOutcome => (b && RANK[b] > RANK[a] ? b : a);

interface Placed {
  row: PersonRow;
  unitId: string | null;
}

/**
 * People import: upserts people by e-mail and their current positions by (person, unit, role), in
 * one transaction, with one statement per table; counts come from what the statements returned.
 */
@Injectable()
export class PeopleImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async importCsv(actor: Actor, bytes: Uint8Array, options: PeopleImportOptions): Promise<ImportReport> {
    return withDryRun(async () => this.importFile(actor, await readPeopleFile(bytes), options));
  }

  async importFile(actor: Actor, file: PeopleFile, options: PeopleImportOptions): Promise<ImportReport> {
    return withDryRun(() =>
      this.dataSource.transaction(async (manager) => {
        await lockFor(manager, PEOPLE_IMPORT_LOCK);
        const { placed, problems } = await this.resolveUnits(manager, file.rows);
        const rejected = [...file.rejected, ...problems];
        const refused = rejected.length > 0 && !options.partial;
        const flags = { dryRun: options.dryRun, partial: options.partial };
        if (refused && !options.dryRun)
          throw importRejected(buildReport({ ...flags, written: false }, file.total, [], rejected));
        const { outcomes, people, positions, changedEmails } = await this.write(
          manager,
          placed,
          options.replacePositions,
        );
        const report: ImportReport = {
          ...buildReport({ ...flags, written: !options.dryRun && !refused }, file.total, outcomes, rejected),
          people,
          positions,
        };
        if (options.dryRun) throw new DryRunRollback(report);
        await this.audit.record(manager, actor, {
          action: 'person.import',
          entityType: 'person',
          after: { rows: report.rows, people, positions, changed: auditedKeys(changedEmails) },
        });
        return report;
      }),
    );
  }

  /**
   * Unit codes name stored units (the people import never creates units). A deactivated unit keeps
   * the positions it has (an export of them imports back) but takes no new ones.
   */
  private async resolveUnits(
    manager: EntityManager,
    rows: PersonRow[],
  ): Promise<{ placed: Placed[]; problems: RejectedRow[] }> {
    const codes = [...new Set(rows.flatMap((r) => (r.position ? [r.position.unitCode] : [])))];
    const units = await inBatches(codes, (batch) =>
      queryRows<{ id: string; code: string; active: boolean }>(
        manager,
        'SELECT id, external_code AS code, active FROM unit WHERE external_code = ANY($1::text[])',
        [batch],
      ),
    );
    const byCode = new Map(units.map((u) => [u.code, u]));
    const held = await this.heldInInactiveUnits(manager, rows, byCode);
    const placed: Placed[] = [];
    const problems: RejectedRow[] = [];
    for (const row of rows) {
      const unit = row.position ? byCode.get(row.position.unitCode) : null;
      if (unit === undefined)
        problems.push(
          rejection(row.line, 'unit_code', 'unknownUnit', `no unit has the code ${row.position!.unitCode}`),
        );
      else if (unit && !unit.active && !held.has(`${row.email}/${unit.id}/${row.position!.role}`)) {
        problems.push(
          rejection(
            row.line,
            'unit_code',
            'inactiveUnit',
            `the unit ${unit.code} is deactivated and takes no new positions`,
          ),
        );
      } else placed.push({ row, unitId: unit?.id ?? null });
    }
    return { placed, problems };
  }

  /** The current positions the file's people already hold in deactivated units, as email/unit/role keys. */
  private async heldInInactiveUnits(
    manager: EntityManager,
    rows: PersonRow[],
    byCode: Map<string, { id: string; active: boolean }>,
  ): Promise<Set<string>> {
    const inactive = rows.filter((r) => r.position && byCode.get(r.position.unitCode)?.active === false);
    if (inactive.length === 0) return new Set();
    const held = await queryRows<{ email: string; unitId: string; role: string }>(
      manager,
      `SELECT p.email, pp.unit_id AS "unitId", pp.role FROM person_position pp JOIN person p ON p.id = pp.person_id
       WHERE pp.ended_on IS NULL AND p.email = ANY($1::text[]) AND pp.unit_id = ANY($2::uuid[])`,
      [
        [...new Set(inactive.map((r) => r.email))],
        [...new Set(inactive.map((r) => byCode.get(r.position!.unitCode)!.id))],
      ],
    );
    return new Set(held.map((h) => `${h.email}/${h.unitId}/${h.role}`));
  }

  private async write(manager: EntityManager, placed: Placed[], replacePositions: boolean) {
    const now = this.clock.now();
    const people = new Map<string, PersonRow>();
    for (const { row } of placed) if (!people.has(row.email)) people.set(row.email, row);
    const personOutcome = await upsertPeople(manager, [...people.values()], now);
    const idOf = await personIds(manager, [...people.keys()]);
    const withPosition = placed
      .filter((p) => p.row.position !== null)
      .map((p) => ({ ...p, personId: idOf.get(p.row.email)! }));
    const positionOutcome = await upsertPositions(manager, withPosition, now);
    const endedFor = replacePositions
      ? await endUnlisted(manager, [...idOf.values()], withPosition, now)
      : new Map<string, number>();

    const personCounts: EntityCounts = { created: 0, updated: 0, unchanged: 0 };
    const changedEmails = new Set<string>();
    for (const email of people.keys()) {
      const outcome = endedFor.has(idOf.get(email)!)
        ? worse(personOutcome.get(email) ?? 'unchanged', 'updated')
        : (personOutcome.get(email) ?? 'unchanged');
      personOutcome.set(email, outcome);
      personCounts[outcome] += 1;
      if (outcome !== 'unchanged') changedEmails.add(email);
    }
    const positionCounts: PositionCounts = {
      created: 0,
      updated: 0,
      unchanged: 0,
      ended: [...endedFor.values()].reduce((a, b) => a + b, 0),
    };
    const outcomes: RowOutcome[] = [];
    const seen = new Set<string>();
    for (const { row, unitId } of placed) {
      const position =
        row.position && unitId
          ? (positionOutcome.get(positionKey(idOf.get(row.email)!, unitId, row.position.role)) ?? 'unchanged')
          : undefined;
      if (position) positionCounts[position] += 1;
      if (position && position !== 'unchanged') changedEmails.add(row.email);
      const first = !seen.has(row.email);
      seen.add(row.email);
      outcomes.push(worse(first ? personOutcome.get(row.email)! : 'unchanged', position));
    }
    return { outcomes, people: personCounts, positions: positionCounts, changedEmails: [...changedEmails] };
  }
}
