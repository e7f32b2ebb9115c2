import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { CsvDelimiter } from './csv-reader';
import { csvLine, UTF8_BOM } from './csv-writer';
import { PERSON_CSV_COLUMNS } from './person-rows';
import { UNIT_CSV_COLUMNS } from './unit-rows';

export interface ExportOptions {
  delimiter: CsvDelimiter;
  /** Only active units or people; all when absent. */
  activeOnly: boolean;
}

const BATCH = 2000;

// Parents before children, siblings by name: the file reads like the tree and imports in one pass.
const unitsSql = (activeOnly: boolean) => `
  WITH RECURSIVE tree AS (
    SELECT id, ARRAY[name, id::text] AS path FROM unit WHERE parent_id IS NULL
    UNION ALL SELECT u.id, tree.path || ARRAY[u.name, u.id::text] FROM unit u JOIN tree ON u.parent_id = tree.id)
  SELECT u.external_code, u.name, u.short_name, u.kind, parent.external_code AS parent_code, u.active
  FROM tree JOIN unit u ON u.id = tree.id LEFT JOIN unit parent ON parent.id = u.parent_id
  ${activeOnly ? 'WHERE u.active' : ''} ORDER BY tree.path`;

// One row per current position; a person without one gets a row with the position cells empty.
const peopleSql = (activeOnly: boolean) => `
  SELECT p.email, p.full_name, p.phone, p.language, u.external_code AS unit_code, pp.role, pp.title, p.active
  FROM person p
  LEFT JOIN person_position pp ON pp.person_id = p.id AND pp.ended_on IS NULL
  LEFT JOIN unit u ON u.id = pp.unit_id
  ${activeOnly ? 'WHERE p.active' : ''}
  ORDER BY p.email NULLS LAST, p.id, u.external_code NULLS LAST, pp.role`;

/**
 * CSV export in the import's shape, streamed through a cursor from one snapshot, so a national
 * directory never sits in memory and the file is consistent even while others write.
 */
@Injectable()
export class DirectoryExportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  exportUnits(out: Writable, options: ExportOptions): Promise<void> {
    return this.stream(out, unitsSql(options.activeOnly), UNIT_CSV_COLUMNS, options.delimiter);
  }

  exportPeople(out: Writable, options: ExportOptions): Promise<void> {
    return this.stream(out, peopleSql(options.activeOnly), PERSON_CSV_COLUMNS, options.delimiter);
  }

  private async stream(out: Writable, sql: string, columns: readonly string[], delimiter: CsvDelimiter): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query(`DECLARE directory_export NO SCROLL CURSOR FOR ${sql}`);
      await write(out, UTF8_BOM + csvLine([...columns], delimiter));
      for (;;) {
        const rows: Record<string, unknown>[] = await runner.query(`FETCH ${BATCH} FROM directory_export`);
        if (rows.length === 0 || out.destroyed) break;
        await write(
          out,
          rows
            .map((row) =>
              csvLine(
                columns.map((c) => row[c] as string | boolean | null),
                delimiter,
              ),
            )
            .join(''),
        );
      }
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      // Once bytes have left, an error can only cut the download short.
      if (out.writableLength > 0 || (out as Writable & { headersSent?: boolean }).headersSent)
        out.destroy(error as Error);
      throw error;
    } finally {
      await runner.release();
    }
  }
}

/** Writes with back-pressure; a client that went away ends the export instead of blocking it. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) return;
  if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
}
