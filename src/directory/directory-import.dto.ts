import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { QueryBoolean } from './dto-helpers';

export class ImportQuery {
  @ApiPropertyOptional({ default: false, description: 'Check and count everything, write nothing.' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  dryRun: boolean = false;

  @ApiPropertyOptional({
    default: false,
    description: 'Import the good rows even when others are rejected (otherwise any rejected row writes nothing).',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  partial: boolean = false;
}

export class PeopleImportQuery extends ImportQuery {
  @ApiPropertyOptional({
    default: false,
    description: 'The file lists all current positions of its people: end (as of today) the ones it does not list.',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  replacePositions: boolean = false;
}

export class ExportQuery {
  @ApiPropertyOptional({
    enum: ['comma', 'semicolon'],
    default: 'comma',
    description: 'semicolon suits Excel set to a Vietnamese locale.',
  })
  @IsOptional()
  @IsIn(['comma', 'semicolon'])
  delimiter: 'comma' | 'semicolon' = 'comma';

  @ApiPropertyOptional({ description: 'true: only active units / people.' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
}

export const CSV_IMPORT_BODY = {
  schema: {
    oneOf: [
      {
        type: 'string',
        format: 'binary',
        description: 'The CSV itself, as text/csv (UTF-8, with or without BOM, comma or semicolon).',
      },
      { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
    ],
  },
};
