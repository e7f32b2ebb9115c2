import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  NotEquals,
  ValidateNested,
} from 'class-validator';
import { isoInZone } from '../common/zoned-time';
import { IsZonedInstant } from '../conferences/validators';
import { SLOT_KINDS, SlotKind } from './agenda.constants';

export class PerformerDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsUUID() personId?: string | null;
  @ApiPropertyOptional({ example: 'Lãnh đạo Sở Nội vụ' }) @IsOptional() @IsString() @MaxLength(300) text?:
    string | null;
}

class SlotContentDto {
  @ApiPropertyOptional({ type: PerformerDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PerformerDto)
  performer?: PerformerDto;
  @ApiPropertyOptional({ description: 'The presentation this slot is for.' }) @IsOptional() @IsUUID() presentationId?:
    string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

export class InsertSlotDto extends SlotContentDto {
  @ApiProperty({ example: '2023-04-05T14:00:00+07:00' }) @IsZonedInstant() startsAt: string;
  @ApiPropertyOptional({ description: 'Give endsAt or durationMinutes.' })
  @IsOptional()
  @IsZonedInstant()
  endsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(1440) durationMinutes?: number;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) title: string;
  @ApiProperty({ enum: SLOT_KINDS }) @IsIn(SLOT_KINDS) kind: SlotKind;
  @ApiPropertyOptional({ description: 'Move later slots down to make room instead of refusing an overlap.' })
  @IsOptional()
  @IsBoolean()
  pushFollowing?: boolean;
}

/** Move (startsAt), resize (endsAt or durationMinutes) and edit a slot; a move keeps the duration. */
export class UpdateSlotDto extends SlotContentDto {
  @ApiPropertyOptional() @IsOptional() @IsZonedInstant() startsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsZonedInstant() endsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(1440) durationMinutes?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(1000) title?: string;
  @ApiPropertyOptional({ enum: SLOT_KINDS }) @IsOptional() @IsIn(SLOT_KINDS) kind?: SlotKind;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() pushFollowing?: boolean;
}

export class ShiftAgendaDto {
  @ApiProperty({ example: 30, description: 'Minutes to move every slot by (negative: earlier).' })
  @IsInt()
  @Min(-1440)
  @Max(1440)
  @NotEquals(0)
  minutes: number;
}

export class TemplateSlotDto extends SlotContentDto {
  @ApiProperty({ example: 0, description: 'Minutes from the session start.' })
  @IsInt()
  @Min(0)
  @Max(1440)
  offsetMinutes: number;
  @ApiProperty({ example: 30 }) @IsInt() @Min(1) @Max(1440) durationMinutes: number;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) title: string;
  @ApiProperty({ enum: SLOT_KINDS }) @IsIn(SLOT_KINDS) kind: SlotKind;
}

export class PutTemplateDto {
  @ApiProperty({ type: [TemplateSlotDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TemplateSlotDto)
  slots: TemplateSlotDto[];
}

export class AgendaViewQuery {
  @ApiPropertyOptional({ enum: ['vi', 'en'], default: 'vi' }) @IsOptional() @IsIn(['vi', 'en']) lang?: 'vi' | 'en';
}

/** A slot as read back, with the names of its performers. */
export interface SlotRow {
  id: string;
  startsAt: Date;
  endsAt: Date;
  title: string;
  kind: SlotKind;
  performerUnitId: string | null;
  performerUnitName: string | null;
  performerPersonId: string | null;
  performerPersonName: string | null;
  performerText: string | null;
  presentationId: string | null;
  note: string | null;
  version: number;
}

export interface PerformerResponse {
  unitId: string | null;
  unitName: string | null;
  personId: string | null;
  personName: string | null;
  text: string | null;
  /** What the printed agenda shows in "Thực hiện". */
  label: string | null;
}

export const performerOf = (
  r: Pick<
    SlotRow,
    'performerUnitId' | 'performerUnitName' | 'performerPersonId' | 'performerPersonName' | 'performerText'
  >,
): PerformerResponse => ({
  unitId: r.performerUnitId,
  unitName: r.performerUnitName,
  personId: r.performerPersonId,
  personName: r.performerPersonName,
  text: r.performerText,
  label: r.performerText ?? r.performerPersonName ?? r.performerUnitName,
});

export interface SlotResponse {
  id: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  title: string;
  kind: SlotKind;
  performer: PerformerResponse;
  presentationId: string | null;
  note: string | null;
  /** Moves on every change; the slot's ETag, compared with its PATCH's If-Match. */
  version: number;
}

export const toSlotResponse = (r: SlotRow, zone: string): SlotResponse => ({
  id: r.id,
  startsAt: isoInZone(r.startsAt, zone),
  endsAt: isoInZone(r.endsAt, zone),
  durationMinutes: Math.round((r.endsAt.getTime() - r.startsAt.getTime()) / 60_000),
  title: r.title,
  kind: r.kind,
  performer: performerOf(r),
  presentationId: r.presentationId,
  note: r.note,
  version: r.version,
});

export interface AgendaResponse {
  conferenceId: string;
  clusterId: string | null;
  title: string;
  timeZone: string;
  session: { startsAt: string; endsAt: string } | null;
  slots: SlotResponse[];
  /** Stretches of the session no slot covers: reported, not refused. */
  gaps: { startsAt: string; endsAt: string; minutes: number }[];
}

export interface TemplateSlotRow extends Omit<SlotRow, 'startsAt' | 'endsAt' | 'version'> {
  position: number;
  offsetMinutes: number;
  durationMinutes: number;
}

export interface TemplateSlotResponse {
  id: string;
  position: number;
  offsetMinutes: number;
  durationMinutes: number;
  title: string;
  kind: SlotKind;
  performer: PerformerResponse;
  presentationId: string | null;
  note: string | null;
}

export const toTemplateSlotResponse = (r: TemplateSlotRow): TemplateSlotResponse => ({
  id: r.id,
  position: r.position,
  offsetMinutes: r.offsetMinutes,
  durationMinutes: r.durationMinutes,
  title: r.title,
  kind: r.kind,
  performer: performerOf(r),
  presentationId: r.presentationId,
  note: r.note,
});
