import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Allow,
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
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import { isoInZone } from '../common/zoned-time';
import { IsLocalDate } from '../conferences/validators';
import { DueResponse } from '../dues/due-response';
import { TASK_STATUSES, TaskDisplayStatus, TaskProgress, TaskStatus } from './task.entity';

const DUE_DOC = {
  description:
    'The due: a text as the plan writes it ("Trước ngày 01/9/2023", "Quý I tham mưu …; trước ngày 30/11/2023 …"), ' +
    '{ "text": "…" }, a structured due ({ "kind": "on_date", "date": "2023-10-30" }) or a list of them. Omit or null: no due.',
  oneOf: [{ type: 'string' }, { type: 'object' }, { type: 'array', items: { type: 'object' } }],
};

class TaskFieldsDto {
  @ApiPropertyOptional({ type: [String], description: 'Lead units (chủ trì) from the directory, first the main one.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  leadUnitIds?: string[];

  @ApiPropertyOptional({
    example: 'Các phòng nghiên cứu',
    description: 'The lead as written, when the directory does not hold it.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  leadText?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  coordinatingUnitIds?: string[];
  @ApiPropertyOptional({ example: 'Các cơ quan, đơn vị, địa phương' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  coordinatingText?: string | null;
  @ApiPropertyOptional({ example: 'Quyết định của Chánh Văn phòng' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  deliverable?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) notes?: string | null;
  @ApiPropertyOptional(DUE_DOC) @IsOptional() @Allow() due?: unknown;
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES) status?: TaskStatus;
}

export class CreateTaskDto extends TaskFieldsDto {
  @ApiProperty({
    example: '4.1',
    description: 'As the plan numbers it: 1, 4.1, 2.a, 2.đ; the parent (4, 2) must exist.',
  })
  @IsString()
  @MaxLength(40)
  number: string;

  @ApiProperty({ example: 'Giám sát quá trình lấy phiếu điều tra' })
  @IsString()
  @MinLength(1)
  @MaxLength(8000)
  content: string;
}

export class UpdateTaskDto extends TaskFieldsDto {
  @ApiPropertyOptional({ description: 'Renumbering is refused while the task has sub-tasks.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  number?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(8000) content?: string;
}

export class TaskListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the sub-tasks of this number ("4").' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  parent?: string;
}

export class ProgressDto {
  @ApiProperty({ example: 'Đã ban hành Kế hoạch số 12/KH-VP ngày 15/3/2023.' })
  @IsString()
  @MinLength(1)
  @MaxLength(8000)
  text: string;
  @ApiPropertyOptional({
    example: '2023-03-15',
    description: 'The day the report speaks for; default today in the plan’s zone.',
  })
  @IsOptional()
  @IsLocalDate()
  reportedOn?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) @IsOptional() @IsInt() @Min(0) @Max(100) percent?: number;
  @ApiPropertyOptional({ enum: TASK_STATUSES, description: 'Sets the task’s status with the report.' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;
  @ApiPropertyOptional({
    description: 'The due of the task this report answers (a periodic report, or one part of the task).',
  })
  @IsOptional()
  @IsUUID()
  dueId?: string;
  @ApiPropertyOptional({ description: 'With dueId: that (one-off) due is met.' })
  @IsOptional()
  @IsBoolean()
  dueMet?: boolean;
}

export interface UnitRef {
  id: string;
  name: string;
}

export interface TaskResponse {
  id: string;
  planId: string;
  number: string;
  parentNumber: string | null;
  content: string;
  leadUnits: UnitRef[];
  leadText: string | null;
  coordinatingUnits: UnitRef[];
  coordinatingText: string | null;
  deliverable: string | null;
  notes: string | null;
  dues: DueResponse[];
  /** not_started, in_progress, done, or overdue (derived). */
  status: TaskDisplayStatus;
  recordedStatus: TaskStatus;
  completedAt: string | null;
  /** Moves on every change; sent as the ETag, compared with a PATCH's If-Match. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ProgressResponse {
  id: string;
  taskId: string;
  reportedAt: string;
  reportedOn: string;
  text: string;
  percent: number | null;
  status: TaskStatus | null;
  dueId: string | null;
  dueMet: boolean;
  actor: { kind: string; id: string | null; label: string };
}

export const toProgressResponse = (p: TaskProgress, zone: string): ProgressResponse => ({
  id: p.id,
  taskId: p.taskId,
  reportedAt: isoInZone(p.reportedAt, zone),
  reportedOn: p.reportedOn,
  text: p.text,
  percent: p.percent,
  status: p.status,
  dueId: p.dueId,
  dueMet: p.dueMet,
  actor: { kind: p.actorKind, id: p.actorId, label: p.actorLabel },
});
