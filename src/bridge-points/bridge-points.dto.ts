import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsHttpLink } from '../common/http-link';
import { PageQuery } from '../common/pagination';
import { isoInZone } from '../common/zoned-time';
import { UNIT_KINDS, UnitKind } from '../directory/directory.constants';
import { IsZonedInstant } from '../conferences/validators';
import { BRIDGE_POINT_ROLES, BridgePoint, BridgePointRole, READINESS_STATES, Readiness } from './bridge-point.entity';

/** Who chairs at the point: a person of the directory, the plan's words, or both. */
export class PointChairDto {
  @ApiPropertyOptional({ description: 'The chair at the point, from the directory.' })
  @IsOptional()
  @IsUUID()
  personId?: string | null;

  @ApiPropertyOptional({ example: 'Đồng chí Chủ tịch UBND huyện', description: 'The chair as the plan writes it.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  text?: string | null;
}

/** "khoảng 296 đại biểu": how many, and whether the plan says about (khoảng). */
class ExpectedAttendanceFields {
  @ApiPropertyOptional({ example: 296, description: 'How many people the plan expects at the point.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  expectedAttendance?: number | null;

  @ApiPropertyOptional({ description: 'true: the plan says "khoảng" (about).', default: false })
  @IsOptional()
  @IsBoolean()
  expectedAttendanceApproximate?: boolean;
}

/** The editable description of a point, besides its name. */
class BridgePointFieldsDto extends ExpectedAttendanceFields {
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string | null;
  @ApiPropertyOptional({ example: 'Hội trường số 2 (Tầng 02)' }) @IsOptional() @IsString() @MaxLength(300) room?:
    string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(1_000_000) capacity?: number | null;
  @ApiPropertyOptional({ example: 'https://meet.example.gov.vn/abc' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsHttpLink('meetingLink')
  meetingLink?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) meetingRoomId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsUUID() coordinatorPersonId?: string | null;
  @ApiPropertyOptional({ type: PointChairDto, description: 'Chủ trì tại điểm cầu; not the coordinator.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PointChairDto)
  chair?: PointChairDto;
}

export class UpdateBridgePointDto extends BridgePointFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(300) name?: string;
}

export class CreateBridgePointDto extends BridgePointFieldsDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) name: string;

  @ApiPropertyOptional({ enum: BRIDGE_POINT_ROLES, default: 'remote' })
  @IsOptional()
  @IsIn(BRIDGE_POINT_ROLES)
  role?: BridgePointRole;

  @ApiPropertyOptional({
    description:
      'The point above this one; a remote point without it goes under the host point. null: a top-level remote point.',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

export class ReadinessDto {
  @ApiProperty({ enum: READINESS_STATES }) @IsIn(READINESS_STATES) status: Readiness;
  @ApiPropertyOptional({ description: 'When the test is (or was) done; required for test_scheduled.' })
  @IsOptional()
  @IsZonedInstant()
  testAt?: string;
  @ApiPropertyOptional({ description: 'Required when the test failed.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class BulkLevelDto extends ExpectedAttendanceFields {
  @ApiProperty({
    enum: UNIT_KINDS,
    example: 'district_committee',
    description: 'One point per unit of this kind below the units of the level above.',
  })
  @IsIn(UNIT_KINDS)
  unitKind: UnitKind;

  @ApiPropertyOptional({
    example: 'Điểm cầu {unit}',
    description: 'Name of each point; {unit} is replaced by the unit’s name. Default: the unit’s name.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ example: 'Phòng họp trực tuyến do UBND huyện bố trí' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  room?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(1_000_000) capacity?: number;
}

export class BulkBridgePointsDto {
  @ApiPropertyOptional({
    description: 'Look for units below this one (e.g. the province); default: the whole directory.',
  })
  @IsOptional()
  @IsUUID()
  rootUnitId?: string;

  @ApiPropertyOptional({
    description: 'The point the first level goes under; default: the host point (none: top level).',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiProperty({
    type: [BulkLevelDto],
    description: 'One level per entry: "one per province, and under each one per commune" is two levels.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => BulkLevelDto)
  levels: BulkLevelDto[];
}

/** `parentId=root`: the points at the top (the host, and any top-level remote point). */
export const ROOTS = 'root';

export class BridgePointListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The points directly below this one; `root`: the top level.' })
  @IsOptional()
  @ValidateIf((query: BridgePointListQuery) => query.parentId !== ROOTS)
  @IsUUID()
  parentId?: string;
  @ApiPropertyOptional({ description: 'Words of the point’s name, accents optional, at any depth.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ description: '0 is the top level.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(20)
  depth?: number;
  @ApiPropertyOptional({ enum: READINESS_STATES }) @IsOptional() @IsIn(READINESS_STATES) readiness?: Readiness;
}

export interface BridgePointResponse {
  id: string;
  conferenceId: string;
  role: BridgePointRole;
  parentId: string | null;
  depth: number;
  name: string;
  unitId: string | null;
  room: string | null;
  address: string | null;
  capacity: number | null;
  meetingLink: string | null;
  meetingRoomId: string | null;
  coordinatorPersonId: string | null;
  expectedAttendance: number | null;
  expectedAttendanceApproximate: boolean;
  chair: { personId: string | null; text: string | null };
  readiness: { status: Readiness; testAt: string | null; note: string | null };
  createdAt: string;
  /** Moves on every change; sent as the ETag, compared with a PATCH's If-Match. */
  version: number;
  updatedAt: string;
}

/** A list item: the point, with what a tree row shows of its neighbours. */
export interface BridgePointListItem extends BridgePointResponse {
  /** Points directly below this one. */
  childCount: number;
  parentName: string | null;
  unitName: string | null;
  coordinator: { personId: string; fullName: string } | null;
  /** The point and all points below it: how many, and their expected attendance, invitations, confirmations. */
  subtree: { points: number; attendance: AttendanceCounts };
}

export const toBridgePointResponse = (p: BridgePoint, zone: string): BridgePointResponse => ({
  id: p.id,
  conferenceId: p.conferenceId,
  role: p.role,
  parentId: p.parentId,
  depth: p.depth,
  name: p.name,
  unitId: p.unitId,
  room: p.room,
  address: p.address,
  capacity: p.capacity,
  meetingLink: p.meetingLink,
  meetingRoomId: p.meetingRoomId,
  coordinatorPersonId: p.coordinatorPersonId,
  expectedAttendance: p.expectedAttendance,
  expectedAttendanceApproximate: p.expectedAttendanceApproximate,
  chair: { personId: p.chairPersonId, text: p.chairText },
  readiness: {
    status: p.readiness,
    testAt: p.readinessTestAt ? isoInZone(p.readinessTestAt, zone) : null,
    note: p.readinessNote,
  },
  createdAt: p.createdAt.toISOString(),
  version: p.version,
  updatedAt: p.updatedAt.toISOString(),
});

export interface BulkResult {
  created: number;
  existing: number;
  levels: { level: number; unitKind: UnitKind; created: number; existing: number }[];
}

export interface ReadinessCounts {
  untested: number;
  test_scheduled: number;
  passed: number;
  failed: number;
}

/** Expected attendance beside the invitations, summed over a set of points. */
export interface AttendanceCounts {
  /** The sum of the points' expectedAttendance (points without one count 0). */
  expected: number;
  /** Points whose number is "khoảng" (about): the sum is then approximate too. */
  approximatePoints: number;
  /** Points with no expected attendance given. */
  withoutExpected: number;
  /** Invitations not withdrawn. */
  invited: number;
  /** Invitations accepted (a substitute's once the substitute accepts). */
  confirmed: number;
}

export interface BridgePointSummary {
  total: number;
  /** The whole conference. */
  attendance: AttendanceCounts;
  byLevel: {
    depth: number;
    count: number;
    withoutCoordinator: number;
    withoutLink: number;
    readiness: ReadinessCounts;
    attendance: AttendanceCounts;
  }[];
  /** The points directly below each parent (not the whole subtree: see the list's `subtree`). */
  byParent: { parentId: string | null; parentName: string | null; count: number; attendance: AttendanceCounts }[];
}
