import { applyDecorators } from '@nestjs/common';
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
import type { Names } from './agenda-content';
import type { Performer, SubItem } from './agenda-slot.entity';
import { RECEPTION_LEAD_MINUTES, SLOT_KINDS, SlotKind } from './agenda.constants';

export class PerformerDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsUUID() personId?: string | null;
  @ApiPropertyOptional({ example: 'Lãnh đạo Sở Nội vụ' }) @IsOptional() @IsString() @MaxLength(300) text?:
    string | null;
}

export class SubItemDto {
  @ApiProperty({ example: 'Phân tích chỉ số CCHC năm 2022 của các quận, huyện' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  text: string;
  @PerformersField() performers?: PerformerDto[];
}

function PerformersField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [PerformerDto], maxItems: 20, description: 'In the plan’s order.' }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(20),
    ValidateNested({ each: true }),
    Type(() => PerformerDto),
  );
}

export class SlotContentDto {
  @ApiPropertyOptional({ type: PerformerDto, description: 'One performer: the same as performers with one item.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PerformerDto)
  performer?: PerformerDto | null;
  @PerformersField() performers?: PerformerDto[];
  @ApiPropertyOptional({ type: [SubItemDto], maxItems: 30, description: 'Ordered points under the content.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => SubItemDto)
  subItems?: SubItemDto[];
  @ApiPropertyOptional({ example: 'Hội trường tầng 2' }) @IsOptional() @IsString() @MaxLength(500) place?:
    string | null;
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
  @ApiProperty({
    example: 0,
    description: `Minutes from the session start; a reception may start up to ${RECEPTION_LEAD_MINUTES} before (negative).`,
  })
  @IsInt()
  @Min(-RECEPTION_LEAD_MINUTES)
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

/** A slot as read back. */
export interface SlotRow {
  id: string;
  startsAt: Date;
  endsAt: Date;
  title: string;
  kind: SlotKind;
  performers: Performer[];
  subItems: SubItem[];
  place: string | null;
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

const NO_PERFORMER: PerformerResponse = {
  unitId: null,
  unitName: null,
  personId: null,
  personName: null,
  text: null,
  label: null,
};

export const performerResponse = (p: Performer, names: Names): PerformerResponse => {
  const unitName = p.unitId ? (names.units.get(p.unitId) ?? null) : null;
  const personName = p.personId ? (names.people.get(p.personId) ?? null) : null;
  return { ...p, unitName, personName, label: p.text ?? personName ?? unitName };
};

export interface SlotContentResponse {
  /** Every performer, in the plan's order. */
  performers: PerformerResponse[];
  /** The first of performers (all null when there is none), as the first API answered it. */
  performer: PerformerResponse;
  /** The performers' labels as the printed agenda joins them ("Sở Nội vụ; Sở Tài chính"). */
  performerLabel: string | null;
  subItems: { text: string; performers: PerformerResponse[]; performerLabel: string | null }[];
  place: string | null;
  presentationId: string | null;
  note: string | null;
}

const joinLabels = (list: PerformerResponse[]) =>
  list
    .map((p) => p.label)
    .filter(Boolean)
    .join('; ') || null;

export function contentResponse(
  r: Omit<SlotRow, 'id' | 'startsAt' | 'endsAt' | 'title' | 'kind' | 'version'>,
  names: Names,
) {
  const performers = r.performers.map((p) => performerResponse(p, names));
  const content: SlotContentResponse = {
    performers,
    performer: performers[0] ?? NO_PERFORMER,
    performerLabel: joinLabels(performers),
    subItems: r.subItems.map((item) => {
      const listed = item.performers.map((p) => performerResponse(p, names));
      return { text: item.text, performers: listed, performerLabel: joinLabels(listed) };
    }),
    place: r.place,
    presentationId: r.presentationId,
    note: r.note,
  };
  return content;
}

export interface SlotResponse extends SlotContentResponse {
  id: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  title: string;
  kind: SlotKind;
  /** Moves on every change; the slot's ETag, compared with its PATCH's If-Match. */
  version: number;
}

export const toSlotResponse = (r: SlotRow, zone: string, names: Names): SlotResponse => ({
  id: r.id,
  startsAt: isoInZone(r.startsAt, zone),
  endsAt: isoInZone(r.endsAt, zone),
  durationMinutes: Math.round((r.endsAt.getTime() - r.startsAt.getTime()) / 60_000),
  title: r.title,
  kind: r.kind,
  ...contentResponse(r, names),
  version: r.version,
});

export interface AgendaResponse {
  conferenceId: string;
  clusterId: string | null;
  title: string;
  timeZone: string;
  session: { startsAt: string; endsAt: string } | null;
  slots: SlotResponse[];
  /** Stretches of the session no slot covers, within each day: reported, not refused. */
  gaps: { startsAt: string; endsAt: string; minutes: number }[];
}

export interface TemplateSlotRow extends Omit<SlotRow, 'startsAt' | 'endsAt' | 'version'> {
  position: number;
  offsetMinutes: number;
  durationMinutes: number;
}

export interface TemplateSlotResponse extends SlotContentResponse {
  id: string;
  position: number;
  offsetMinutes: number;
  durationMinutes: number;
  title: string;
  kind: SlotKind;
}

export const toTemplateSlotResponse = (r: TemplateSlotRow, names: Names): TemplateSlotResponse => ({
  id: r.id,
  position: r.position,
  offsetMinutes: r.offsetMinutes,
  durationMinutes: r.durationMinutes,
  title: r.title,
  kind: r.kind,
  ...contentResponse(r, names),
});
