import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
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
import { PageQuery } from '../common/pagination';
import { MEMBER_ROLES, MemberRole } from '../conferences/conference.constants';
import { IsPlanDate, IsTimeZone } from '../conferences/validators';
import { Plan, PlanMember } from './plan.entity';
import { CreateTaskDto } from './tasks.dto';

export const MAX_TASKS_PER_REQUEST = 1000;

export class CreatePlanDto {
  @ApiPropertyOptional({ example: '5484/KH-UBND' }) @IsOptional() @IsString() @MaxLength(100) reference?: string | null;
  @ApiProperty({ example: 'Triển khai xác định Chỉ số cải cách hành chính năm 2023' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  title: string;
  @ApiProperty({
    example: 2023,
    description: 'The year the plan is for; dues without a year ("Quý I", "trong năm") take it.',
  })
  @IsInt()
  @Min(1900)
  @Max(2199)
  year: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() issuingUnitId?: string | null;
  @ApiPropertyOptional({
    example: '2023-08-16',
    description:
      'The plan’s date, YYYY-MM-DD, or YYYY-MM or YYYY when the plan gives only that; dues before it are reported as warnings.',
  })
  @IsOptional()
  @IsPlanDate()
  issuedOn?: string | null;
  @ApiPropertyOptional({ default: 'Asia/Ho_Chi_Minh' }) @IsOptional() @IsTimeZone() timeZone?: string;
  @ApiPropertyOptional({ description: 'The conference this plan organizes: its tasks may then be due relative to it.' })
  @IsOptional()
  @IsUUID()
  conferenceId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) note?: string | null;
  @ApiPropertyOptional({
    type: [CreateTaskDto],
    description: 'Tasks created with the plan, in one transaction (parents before or after their sub-tasks).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TASKS_PER_REQUEST)
  @ValidateNested({ each: true })
  @Type(() => CreateTaskDto)
  tasks?: CreateTaskDto[];
}

export class UpdatePlanDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) reference?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(1000) title?: string;
  @ApiPropertyOptional({ description: 'Changes the year of the plan; dues already read keep their dates.' })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2199)
  year?: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() issuingUnitId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsPlanDate() issuedOn?: string | null;
  @ApiPropertyOptional({ description: 'Linking, unlinking or changing it re-resolves the tasks’ relative dues.' })
  @IsOptional()
  @IsUUID()
  conferenceId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) note?: string | null;
}

export class PlanListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1900) @Max(2199) year?: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() conferenceId?: string;
}

export class AddPlanMemberDto {
  @ApiProperty() @IsUUID() userId: string;
  @ApiProperty({ enum: MEMBER_ROLES }) @IsIn(MEMBER_ROLES) role: MemberRole;
}

export interface PlanResponse {
  id: string;
  reference: string | null;
  title: string;
  year: number;
  issuingUnitId: string | null;
  issuedOn: string | null;
  timeZone: string;
  conferenceId: string | null;
  note: string | null;
  taskCount: number;
  /** Moves on every change; sent as the ETag, compared with a PATCH's If-Match. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const toPlanResponse = (p: Plan, taskCount: number): PlanResponse => ({
  id: p.id,
  reference: p.reference,
  title: p.title,
  year: p.year,
  issuingUnitId: p.issuingUnitId,
  issuedOn: p.issuedOn,
  timeZone: p.timeZone,
  conferenceId: p.conferenceId,
  note: p.note,
  taskCount,
  version: p.version,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

export interface PlanMemberResponse {
  userId: string;
  email: string;
  displayName: string;
  role: MemberRole;
  addedAt: string;
}

export const toPlanMemberResponse = (m: PlanMember & { email: string; displayName: string }): PlanMemberResponse => ({
  userId: m.userId,
  email: m.email,
  displayName: m.displayName,
  role: m.role,
  addedAt: new Date(m.addedAt).toISOString(),
});
