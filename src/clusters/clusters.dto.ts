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
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { isoInZone } from '../common/zoned-time';
import { WindowDto } from '../conferences/conferences.dto';
import { windowResponse, WindowResponse } from '../conferences/tentative-window';
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
  @ApiPropertyOptional({
    type: WindowDto,
    nullable: true,
    description: 'The tentative window, as a conference’s: all a cluster needs until its time is confirmed.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => WindowDto)
  window?: WindowDto | null;
}

export class CreateClusterDto extends ClusterFieldsDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(1000) number: number;
  @ApiPropertyOptional({
    example: '2023-04-05T13:30:00+07:00',
    description: 'The confirmed start; without it the cluster is tentative and needs a window.',
  })
  @IsOptional()
  @IsZonedInstant()
  startsAt?: string;
  @ApiPropertyOptional({ description: 'Default: the start plus the length of the agenda template.' })
  @IsOptional()
  @IsZonedInstant()
  endsAt?: string;
}

export class UpdateClusterDto extends ClusterFieldsDto {}

export class ScheduleClusterDto {
  @ApiProperty() @IsZonedInstant() startsAt: string;
  @ApiPropertyOptional({
    description: 'Default: keeps the cluster’s length; for a tentative cluster, the length of the agenda template.',
  })
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
  /** Null while tentative. */
  startsAt: string | null;
  endsAt: string | null;
  window: WindowResponse | null;
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
  startsAt: c.startsAt ? isoInZone(c.startsAt, zone) : null,
  endsAt: c.endsAt ? isoInZone(c.endsAt, zone) : null,
  window: windowResponse(c),
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
