import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import { DELIVERABLE_EMAIL, DELIVERABLE_EMAIL_MESSAGE } from '../common/text';
import { LANGUAGES, Language, PERSON_ROLES, PersonRole, UNIT_KINDS, UnitKind } from './directory.constants';
import { QueryBoolean, QueryList, SingleLine, Trimmed } from './dto-helpers';
import { PHONE } from './person-rows';
import { isLocalDate } from '../conferences/validators';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
/** A real calendar day written YYYY-MM-DD (2023-02-30 is refused here, not by PostgreSQL), with the scheduling modules' shared check. */
const DateOnly = (field: string) =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: isLocalDate,
      defaultMessage: () => `${field} must be a calendar date written YYYY-MM-DD, from 1900 to 2200`,
    },
  });
const MAX_POSITIONS = 50;

export class PositionInputDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() unitId: string;
  @ApiProperty({ enum: PERSON_ROLES }) @IsIn(PERSON_ROLES) role: PersonRole;
  @ApiPropertyOptional({
    example: 'Giám đốc Sở',
    description: 'The title as written; defaults to the role’s Vietnamese name.',
  })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @SingleLine('title')
  title?: string;
  @ApiPropertyOptional({ example: '2023-01-01', description: 'Day the position started, if known.' })
  @IsOptional()
  @DateOnly('startedOn')
  startedOn?: string;
}

export class CreatePersonDto {
  @ApiProperty({ example: 'Nguyễn Hoàng Nhân' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @SingleLine('fullName')
  fullName: string;

  @ApiPropertyOptional({ example: 'nhan.nh@cantho.gov.vn', description: 'Unique; stored lower-case.' })
  @IsOptional()
  @Transform(lower)
  @IsEmail({ require_tld: false })
  @Matches(DELIVERABLE_EMAIL, { message: `email ${DELIVERABLE_EMAIL_MESSAGE}` })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ example: '0932.868.447' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Matches(PHONE, { message: 'phone must be digits, spaces and . ( ) - / with an optional leading +' })
  phone?: string | null;

  @ApiPropertyOptional({
    enum: LANGUAGES,
    default: 'vi',
    description: 'Language of the messages this person receives.',
  })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ type: [PositionInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_POSITIONS)
  @ValidateNested({ each: true })
  @Type(() => PositionInputDto)
  positions?: PositionInputDto[];
}

export class UpdatePersonDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @SingleLine('fullName')
  fullName?: string;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(lower)
  @IsEmail({ require_tld: false })
  @Matches(DELIVERABLE_EMAIL, { message: `email ${DELIVERABLE_EMAIL_MESSAGE}` })
  @MaxLength(254)
  email?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Matches(PHONE, { message: 'phone must be digits, spaces and . ( ) - / with an optional leading +' })
  phone?: string | null;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOptional() @IsIn(LANGUAGES) language?: Language;
  @ApiPropertyOptional({ description: 'false deactivates, true reactivates.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class EndPositionDto {
  @ApiPropertyOptional({
    example: '2024-06-30',
    description: 'Day the position ended; today (Vietnam time) when absent. Not in the future.',
  })
  @IsOptional()
  @DateOnly('endedOn')
  endedOn?: string;
}

export class PersonListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Full name, with or without diacritics.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(lower) @IsString() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @IsOptional() @QueryBoolean() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'Holds a current position in this unit.' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Holds a current position in this unit or any unit under it.' })
  @IsOptional()
  @IsUUID()
  withinUnitId?: string;
  @ApiPropertyOptional({ description: 'Current role(s), comma-separated.', example: 'head,chief_of_office' })
  @IsOptional()
  @QueryList()
  @ArrayMaxSize(PERSON_ROLES.length)
  @IsIn(PERSON_ROLES, { each: true })
  role?: PersonRole[];
  @ApiPropertyOptional({ description: 'Kind(s) of the unit of the current position, comma-separated.' })
  @IsOptional()
  @QueryList()
  @ArrayMaxSize(UNIT_KINDS.length)
  @IsIn(UNIT_KINDS, { each: true })
  unitKind?: UnitKind[];
}

export class PositionUnitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) shortName: string | null;
  @ApiProperty({ enum: UNIT_KINDS }) kind: UnitKind;
  @ApiProperty({ nullable: true, type: String }) externalCode: string | null;
  @ApiProperty() active: boolean;
}

export class PositionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: PositionUnitResponse }) unit: PositionUnitResponse;
  @ApiProperty({ enum: PERSON_ROLES }) role: PersonRole;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String, example: '2023-01-01' }) startedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) endedOn: string | null;
  @ApiProperty({ description: 'Not ended.' }) current: boolean;
}

export class PersonResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ enum: LANGUAGES }) language: Language;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: [PositionResponse], description: 'Current positions first; lists show only current ones.' })
  positions: PositionResponse[];
  @ApiProperty({ description: 'Moves on every change; sent as the ETag, compared with a PATCH If-Match.' })
  version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export interface PositionRecord {
  id: string;
  personId: string;
  unitId: string;
  unitName: string;
  unitShortName: string | null;
  unitKind: UnitKind;
  unitExternalCode: string | null;
  unitActive: boolean;
  role: PersonRole;
  title: string;
  startedOn: string | null;
  endedOn: string | null;
}

export interface PersonRecord {
  id: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  language: Language;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const toPositionResponse = (p: PositionRecord): PositionResponse => ({
  id: p.id,
  personId: p.personId,
  unit: {
    id: p.unitId,
    name: p.unitName,
    shortName: p.unitShortName,
    kind: p.unitKind,
    externalCode: p.unitExternalCode,
    active: p.unitActive,
  },
  role: p.role,
  title: p.title,
  startedOn: p.startedOn,
  endedOn: p.endedOn,
  current: p.endedOn === null,
});

export const toPersonResponse = (p: PersonRecord, positions: PositionRecord[]): PersonResponse => ({
  id: p.id,
  fullName: p.fullName,
  email: p.email,
  phone: p.phone,
  language: p.language,
  active: p.active,
  positions: positions.map(toPositionResponse),
  version: p.version,
  createdAt: new Date(p.createdAt).toISOString(),
  updatedAt: new Date(p.updatedAt).toISOString(),
});
