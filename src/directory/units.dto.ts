import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Type } from 'class-transformer';
import { PageQuery } from '../common/pagination';
import { UNIT_KINDS, UnitKind } from './directory.constants';
import { QueryBoolean, QueryList, SingleLine, Trimmed } from './dto-helpers';
import { EXTERNAL_CODE, EXTERNAL_CODE_RULE } from './unit-rows';

const KIND_DESCRIPTION = 'What the unit is, never its level: units nest to any depth.';

export class CreateUnitDto {
  @ApiProperty({ example: 'Sở Nội vụ tỉnh Quảng Nam' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @SingleLine('name')
  name: string;

  @ApiPropertyOptional({ example: 'Sở Nội vụ' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  @SingleLine('shortName')
  shortName?: string | null;

  @ApiProperty({ enum: UNIT_KINDS, description: KIND_DESCRIPTION })
  @IsIn(UNIT_KINDS)
  kind: UnitKind;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The unit it belongs to; none for a root.' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({
    example: 'QNA.S.SNV',
    description: `Code in the caller's own systems (${EXTERNAL_CODE_RULE}); CSV import upserts by it.`,
  })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  @Matches(EXTERNAL_CODE, { message: `externalCode must use ${EXTERNAL_CODE_RULE}` })
  externalCode?: string | null;
}

export class UpdateUnitDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @SingleLine('name')
  name?: string;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  @SingleLine('shortName')
  shortName?: string | null;
  @ApiPropertyOptional({ enum: UNIT_KINDS }) @IsOptional() @IsIn(UNIT_KINDS) kind?: UnitKind;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null makes the unit a root.' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  @Matches(EXTERNAL_CODE, { message: `externalCode must use ${EXTERNAL_CODE_RULE}` })
  externalCode?: string | null;
  @ApiPropertyOptional({ description: 'false deactivates (refused while it has active sub-units), true reactivates.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UnitListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'One or more kinds, comma-separated.', example: 'department,vertical_agency' })
  @IsOptional()
  @QueryList()
  @ArrayMaxSize(UNIT_KINDS.length)
  @IsIn(UNIT_KINDS, { each: true })
  kind?: UnitKind[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the direct children of this unit.' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
  @ApiPropertyOptional({ description: 'true: only root units (no parent).' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  root?: boolean;
  @ApiPropertyOptional({
    description: 'Name or short name, with or without diacritics: "so noi vu" finds "Sở Nội vụ".',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional() @IsOptional() @QueryBoolean() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: 'Exact external code.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  externalCode?: string;
}

export class UnitTreeQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'One or more kinds, comma-separated.' })
  @IsOptional()
  @QueryList()
  @ArrayMaxSize(UNIT_KINDS.length)
  @IsIn(UNIT_KINDS, { each: true })
  kind?: UnitKind[];

  @ApiPropertyOptional() @IsOptional() @QueryBoolean() @IsBoolean() active?: boolean;
}

export class DescendantsQuery extends UnitTreeQuery {
  @ApiPropertyOptional({ minimum: 1, description: 'Levels below the unit (1 = children); unlimited when absent.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  maxDepth?: number;
}

export class DeactivateUnitQuery {
  @ApiPropertyOptional({ description: 'true: deactivate the sub-units too.' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  cascade?: boolean;
}

export class UnitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) shortName: string | null;
  @ApiProperty({ enum: UNIT_KINDS }) kind: UnitKind;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) parentId: string | null;
  @ApiProperty({ nullable: true, type: String }) externalCode: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'Moves on every change; sent as the ETag, compared with a PATCH If-Match.' })
  version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class UnitInTreeResponse extends UnitResponse {
  @ApiProperty({ description: 'Levels from the unit asked about: 1 = child (or parent, for ancestors).' })
  depth: number;
}

export interface UnitRecord {
  id: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parentId: string | null;
  externalCode: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  depth?: number;
}

export const toUnitResponse = (u: UnitRecord): UnitResponse => ({
  id: u.id,
  name: u.name,
  shortName: u.shortName,
  kind: u.kind,
  parentId: u.parentId,
  externalCode: u.externalCode,
  active: u.active,
  version: u.version,
  createdAt: new Date(u.createdAt).toISOString(),
  updatedAt: new Date(u.updatedAt).toISOString(),
});

export const toUnitInTreeResponse = (u: UnitRecord): UnitInTreeResponse => ({
  ...toUnitResponse(u),
  depth: Number(u.depth),
});
