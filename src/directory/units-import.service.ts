import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../identity/principal';
import { Clock } from '../common/clock';
import { queryRows } from '../common/sql';
import { isRowFault, readCsv } from './csv-reader';
import { lockFor, UNIT_TREE_LOCK, unitSearchKey } from './directory-sql';
import { auditedKeys, DryRunRollback, importRejected, withDryRun } from './import-problems';
import { buildReport, ImportReport, RejectedRow, rejection, RowOutcome } from './import-report';
import { PlacedRow, placeUnits, StoredUnit } from './unit-graph';
import { readUnitRow, UNIT_CSV, UnitRow } from './unit-rows';

export interface ImportOptions {
  dryRun: boolean;
  partial: boolean;
}

/** The rows of a units file, checked one by one: what each row says, or why it cannot be used. */
export interface UnitFile {
  total: number;
  rows: UnitRow[];
  rejected: RejectedRow[];
  /** Codes of rows refused on their own, so their children can say why they have no parent. */
  rejectedCodes: Map<string, number>;
}

export async function readUnitFile(bytes: Uint8Array): Promise<UnitFile> {
  const file: UnitFile = { total: 0, rows: [], rejected: [], rejectedCodes: new Map() };
  const lineOfCode = new Map<string, number>();
  for await (const item of readCsv(bytes, UNIT_CSV)) {
    file.total += 1;
    if (isRowFault(item)) {
      file.rejected.push(rejection(item.line, null, 'cellCount', `the row ${item.fault}`));
      continue;
    }
    const { row, problems } = readUnitRow(item.line, item.cells);
    const code = row?.externalCode ?? item.cells.external_code?.trim();
    const earlier = code ? lineOfCode.get(code) : undefined;
    if (code && earlier !== undefined)
      problems.push(
        rejection(item.line, 'external_code', 'duplicate', `external_code ${code} is also on line ${earlier}`),
      );
    else if (code) lineOfCode.set(code, item.line);
    if (row && problems.length === 0) file.rows.push(row);
    else {
      file.rejected.push(...problems);
      if (code && earlier === undefined) file.rejectedCodes.set(code, item.line);
    }
  }
  return file;
}

/**
 * Units import: the file is read and checked in memory, then written in one transaction with one
 * upsert statement; the statement itself says which rows it created or changed.
 */
@Injectable()
export class UnitsImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async importCsv(actor: Actor, bytes: Uint8Array, options: ImportOptions): Promise<ImportReport> {
    return withDryRun(async () => this.importFile(actor, await readUnitFile(bytes), options));
  }

  async importFile(actor: Actor, file: UnitFile, options: ImportOptions): Promise<ImportReport> {
    return withDryRun(() =>
      this.dataSource.transaction(async (manager) => {
        await lockFor(manager, UNIT_TREE_LOCK);
        const stored = await queryRows<StoredUnit & { shortName: string | null }>(
          manager,
          'SELECT id, external_code AS "externalCode", parent_id AS "parentId", active, short_name AS "shortName" FROM unit',
        );
        const { placed, problems } = placeUnits(file.rows, stored, file.rejectedCodes);
        const storedShortName = new Map(stored.map((u) => [u.id, u.shortName]));
        const rejected = [...file.rejected, ...problems];
        const refused = rejected.length > 0 && !options.partial;
        if (refused && !options.dryRun)
          throw importRejected(buildReport({ ...options, written: false }, file.total, [], rejected));
        const outcomes = await this.write(manager, placed, storedShortName);
        const report = buildReport(
          { ...options, written: !options.dryRun && !refused },
          file.total,
          outcomes.values(),
          rejected,
        );
        if (options.dryRun) throw new DryRunRollback(report);
        const codesWith = (outcome: RowOutcome) => [...outcomes].filter(([, o]) => o === outcome).map(([code]) => code);
        await this.audit.record(manager, actor, {
          action: 'unit.import',
          entityType: 'unit',
          after: {
            rows: report.rows,
            created: auditedKeys(codesWith('created')),
            updated: auditedKeys(codesWith('updated')),
          },
        });
        return report;
      }),
    );
  }

  /**
   * One upsert for the whole file (a row may name a parent created by a later row: foreign keys are
   * checked at the end of the statement). Rows already as the file says are filtered out by the
   * join and not returned: they count as unchanged.
   */
  private async write(
    manager: EntityManager,
    placed: PlacedRow<UnitRow>[],
    storedShortName: Map<string, string | null>,
  ): Promise<Map<string, RowOutcome>> {
    const outcomes = new Map<string, RowOutcome>(placed.map((p) => [p.row.externalCode, 'unchanged']));
    if (placed.length === 0) return outcomes;
    const shortNames = placed.map((p) =>
      p.row.shortName !== undefined ? p.row.shortName : (storedShortName.get(p.id) ?? null),
    );
    const changed = await queryRows<{ code: string; created: boolean }>(
      manager,
      `INSERT INTO unit AS t (id, external_code, name, short_name, kind, parent_id, search_key, active, created_at, updated_at)
       SELECT r.*, $9::timestamptz, $9::timestamptz
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::bool[])
         AS r(id, external_code, name, short_name, kind, parent_id, search_key, active)
       LEFT JOIN unit cur ON cur.external_code = r.external_code
       WHERE cur.id IS NULL OR (cur.name, cur.short_name, cur.kind, cur.parent_id, cur.active) IS DISTINCT FROM (r.name, r.short_name, r.kind, r.parent_id, r.active)
       ON CONFLICT (external_code) DO UPDATE SET name = EXCLUDED.name, short_name = EXCLUDED.short_name, kind = EXCLUDED.kind,
         parent_id = EXCLUDED.parent_id, search_key = EXCLUDED.search_key, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
       WHERE (t.name, t.short_name, t.kind, t.parent_id, t.active)
         IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.short_name, EXCLUDED.kind, EXCLUDED.parent_id, EXCLUDED.active)
       RETURNING t.external_code AS code, (t.xmax = 0) AS created`,
      [
        placed.map((p) => p.id),
        placed.map((p) => p.row.externalCode),
        placed.map((p) => p.row.name),
        shortNames,
        placed.map((p) => p.row.kind),
        placed.map((p) => p.parentId),
        placed.map((p, i) => unitSearchKey(p.row.name, shortNames[i])),
        placed.map((p) => p.active),
        this.clock.now(),
      ],
    );
    for (const { code, created } of changed) outcomes.set(code, created ? 'created' : 'updated');
    return outcomes;
  }
}
