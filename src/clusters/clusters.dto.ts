import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { isoInZone } from '../common/zoned-time';
import { IsZonedInstant } from '../conferences/validators';
import { Cluster, ClusterStatus } from './cluster.entity';

class ClusterFieldsDto {
  @ApiPropertyOptional({ example: 'Cụm 1' }) @IsOptional() @IsString() @MaxLength(300) name?: string | null;
  @ApiPropertyOptional({ description: 'The host (e.g. UBND huyện Vĩnh Thạnh).' }) @IsOptional() @IsUUID() hostUnitId?:
    string | null;
  @ApiPropertyOptional({ example: 'Hội trường Ủy ban nhân dân huyện Vĩnh Thạnh' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  venue?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'Participating units, in the plan’s order.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  unitIds?: string[];
  @ApiPropertyOptional({ example: 40 }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000) minAttendees?: number | null;
  @ApiPropertyOptional({ example: 60 }) @IsOptional() @IsInt() @Min(1) @Max(1_000_000) maxAttendees?: number | null;
}

export class CreateClusterDto extends ClusterFieldsDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(1000) number: number;
  @ApiProperty({ example: '2023-04-05T13:30:00+07:00' }) @IsZonedInstant() startsAt: string;
  @ApiPropertyOptional({ description: 'Default: the start plus the length of the agenda template.' })
  @IsOptional()
  @IsZonedInstant()
  endsAt?: string;
}

export class UpdateClusterDto extends ClusterFieldsDto {}

export class ScheduleClusterDto {
  @ApiProperty() @IsZonedInstant() startsAt: string;
  @ApiPropertyOptional({ description: 'Default: keeps the cluster’s length.' })
  @IsOptional()
  @IsZonedInstant()
  endsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class CancelClusterDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export interface ClusterResponse {
  id: string;
  conferenceId: string;
  number: number;
  name: string | null;
  startsAt: string;
  endsAt: string;
  hostUnitId: string | null;
  venue: string | null;
  unitIds: string[];
  attendance: { min: number | null; max: number | null };
  status: ClusterStatus;
  cancelReason: string | null;
  calendarUid: string;
  calendarSequence: number;
  /** Moves on every change; sent as the ETag, compared with a PATCH's If-Match. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type ClusterWithUnits = Cluster & { unitIds: string[] };

export const toClusterResponse = (c: ClusterWithUnits, zone: string): ClusterResponse => ({
  id: c.id,
  conferenceId: c.conferenceId,
  number: c.number,
  name: c.name,
  startsAt: isoInZone(c.startsAt, zone),
  endsAt: isoInZone(c.endsAt, zone),
  hostUnitId: c.hostUnitId,
  venue: c.venue,
  unitIds: c.unitIds,
  attendance: { min: c.minAttendees, max: c.maxAttendees },
  status: c.status,
  cancelReason: c.cancelReason,
  calendarUid: c.calendarUid,
  calendarSequence: c.calendarSequence,
  version: c.version,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});
