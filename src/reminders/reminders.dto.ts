import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { isoInZone } from '../common/zoned-time';
import { DEFAULT_OFFSETS, MAX_OFFSETS } from './reminder-offsets';
import { REMINDER_KINDS, ReminderKind } from './reminder-plan';

/** Omitted fields take their defaults: the body is the whole setting. */
export class ReminderSettingsDto {
  @ApiPropertyOptional({
    example: DEFAULT_OFFSETS.conference,
    description:
      'Before the start; ISO 8601 durations ("P3D" calendar days in the zone, "PT2H" exact hours), at most 30 days.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_OFFSETS)
  @IsString({ each: true })
  conference?: string[];

  @ApiPropertyOptional({
    example: DEFAULT_OFFSETS.readiness,
    description: 'Before each scheduled connection test of a bridge point, to its coordinator.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_OFFSETS)
  @IsString({ each: true })
  readinessTest?: string[];

  @ApiPropertyOptional({
    example: DEFAULT_OFFSETS.deadline,
    description: 'Whole days before the last day of a paper or task due, at 08:00.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_OFFSETS)
  @IsString({ each: true })
  deadlines?: string[];

  @ApiPropertyOptional({ default: true, description: 'An overdue notice at 08:00 the day after the last day.' })
  @IsOptional()
  @IsBoolean()
  overdueNotice?: boolean;

  @ApiPropertyOptional({ default: true, description: 'A digest to the owners and organizers every day at 08:00.' })
  @IsOptional()
  @IsBoolean()
  dailyDigest?: boolean;
}

export const SLOT_STATUSES = ['pending', 'done', 'skipped', 'cancelled'] as const;

export class ReminderListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SLOT_STATUSES })
  @IsOptional()
  @IsIn(SLOT_STATUSES)
  status?: (typeof SLOT_STATUSES)[number];
  @ApiPropertyOptional({ enum: REMINDER_KINDS }) @IsOptional() @IsIn(REMINDER_KINDS) kind?: ReminderKind;
}

export interface ReminderSettingsValues {
  conference: string[];
  readinessTest: string[];
  deadlines: string[];
  overdueNotice: boolean;
  dailyDigest: boolean;
}

export class ReminderSettingsResponse {
  @ApiProperty() conferenceId: string;
  @ApiProperty({ type: [String] }) conference: string[];
  @ApiProperty({ type: [String] }) readinessTest: string[];
  @ApiProperty({ type: [String] }) deadlines: string[];
  @ApiProperty() overdueNotice: boolean;
  @ApiProperty() dailyDigest: boolean;
  @ApiProperty({ description: 'true while nothing was set: the defaults apply' }) isDefault: boolean;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
}

export class ReminderSlotResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: REMINDER_KINDS }) kind: ReminderKind;
  @ApiProperty({ description: 'The conference, bridge point or due the reminder is about' }) targetId: string;
  @ApiProperty({ example: 'P3D', description: 'The offset, or "overdue"' }) offset: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'false once the time moved: a newer version replaced it' }) current: boolean;
  @ApiProperty() fireAt: string;
  @ApiProperty() anchorAt: string;
  @ApiProperty({ enum: SLOT_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ description: 'Messages queued in the outbox' }) queued: number;
  @ApiProperty({ nullable: true, type: String }) processedAt: string | null;
}

export interface ReminderSlotRow {
  id: string;
  kind: ReminderKind;
  target_id: string;
  offset_label: string;
  version: number;
  series_version: number;
  fire_at: Date;
  anchor_at: Date;
  status: string;
  status_reason: string | null;
  queued: number;
  processed_at: Date | null;
}

export const toReminderSettingsResponse = (
  conferenceId: string,
  values: ReminderSettingsValues,
  updatedAt: Date | null,
): ReminderSettingsResponse => ({
  conferenceId,
  ...values,
  isDefault: updatedAt === null,
  updatedAt: updatedAt?.toISOString() ?? null,
});

export const toReminderSlotResponse = (row: ReminderSlotRow, zone: string): ReminderSlotResponse => ({
  id: row.id,
  kind: row.kind,
  targetId: row.target_id,
  offset: row.offset_label,
  version: row.version,
  current: row.version === row.series_version,
  fireAt: isoInZone(row.fire_at, zone),
  anchorAt: isoInZone(row.anchor_at, zone),
  status: row.status,
  reason: row.status_reason,
  queued: row.queued,
  processedAt: row.processed_at ? isoInZone(row.processed_at, zone) : null,
});
