import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A file with every row wrong would otherwise answer with a report as large as the file. */
export const MAX_REPORTED_REJECTIONS = 1000;

/** One reason a row of an import file was refused. A row may have several. */
export class RejectedRow {
  @ApiProperty({
    description: 'Line of the file (the header is line 1); a quoted cell may span lines: this is where the row starts.',
  })
  line: number;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The column at fault, or null when the row as a whole is.',
  })
  column: string | null;

  @ApiProperty({ example: 'unknownKind' })
  rule: string;

  @ApiProperty({ example: 'unknown kind "so"; use one of: department, …' })
  reason: string;
}

export class ImportCounts {
  @ApiProperty() total: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() rejected: number;
}

export class EntityCounts {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
}

export class PositionCounts extends EntityCounts {
  @ApiProperty({
    description: 'Current positions ended because the file no longer lists them (replacePositions=true).',
  })
  ended: number;
}

/** What an import did, or (dry run, refused file) would do with its accepted rows. */
export class ImportReport {
  @ApiProperty() dryRun: boolean;
  @ApiProperty() partial: boolean;
  @ApiProperty({ description: 'True when the accepted rows were written (committed).' }) written: boolean;
  @ApiProperty({ type: ImportCounts, description: 'Rows of the file (without the header and empty lines).' })
  rows: ImportCounts;
  @ApiProperty({
    type: [RejectedRow],
    description: `At most ${MAX_REPORTED_REJECTIONS} reasons, by line; see rejectedTruncated.`,
  })
  rejected: RejectedRow[];
  @ApiProperty() rejectedTruncated: boolean;
  @ApiPropertyOptional({ type: EntityCounts, description: 'People import: distinct people.' }) people?: EntityCounts;
  @ApiPropertyOptional({ type: PositionCounts, description: 'People import: positions.' }) positions?: PositionCounts;
}

export const rejection = (line: number, column: string | null, rule: string, reason: string): RejectedRow => ({
  line,
  column,
  rule,
  reason,
});

/** Row status as the SQL answered it: a row that created something counts as created, and so on. */
export type RowOutcome = 'created' | 'updated' | 'unchanged';

export function buildReport(
  options: { dryRun: boolean; partial: boolean; written: boolean },
  total: number,
  outcomes: Iterable<RowOutcome>,
  rejected: RejectedRow[],
): ImportReport {
  const rows: ImportCounts = {
    total,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: new Set(rejected.map((r) => r.line)).size,
  };
  for (const outcome of outcomes) rows[outcome] += 1;
  const sorted = [...rejected].sort((a, b) => a.line - b.line);
  return {
    ...options,
    rows,
    rejected: sorted.slice(0, MAX_REPORTED_REJECTIONS),
    rejectedTruncated: sorted.length > MAX_REPORTED_REJECTIONS,
  };
}
