import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { IsZonedInstant } from '../conferences/validators';
import { DueResponse } from '../dues/due-response';

/**
 * Where a deadline stands: `met` (the paper came, the task is done or the due reported met),
 * `overdue` (passed unmet), `open` (still ahead), `unresolved` (a relative due whose conference
 * has no date, or an event-bound due), `recurring` (periodic: see `nextOccurrence`), `closed` (a
 * paper nobody takes any more).
 */
export const DEADLINE_STATUSES = ['open', 'overdue', 'met', 'unresolved', 'recurring', 'closed'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class DeadlineQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Presentations of this unit, tasks it leads or coordinates.' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
  @ApiPropertyOptional({ description: 'Presentations naming this person as speaker.' })
  @IsOptional()
  @IsUUID()
  personId?: string;
  @ApiPropertyOptional({ description: 'Presentations of this conference and tasks of plans organizing it.' })
  @IsOptional()
  @IsUUID()
  conferenceId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() planId?: string;
  @ApiPropertyOptional({
    description:
      'Dues whose first late instant is at or before this one (ISO 8601 with a zone): "2023-02-25T00:00:00+07:00" takes what is due by the end of 24/02.',
  })
  @IsOptional()
  @IsZonedInstant()
  dueBefore?: string;
  @ApiPropertyOptional({ description: 'Dues whose first late instant is after this one.' })
  @IsOptional()
  @IsZonedInstant()
  dueAfter?: string;
  @ApiPropertyOptional({ description: 'true: only overdue ones; false: none of them.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ enum: DEADLINE_STATUSES }) @IsOptional() @IsIn(DEADLINE_STATUSES) status?: DeadlineStatus;
}

export class DeadlineResponse {
  @ApiProperty({ description: 'The due entry’s id.' }) id: string;
  @ApiProperty({ enum: ['presentation', 'task'] }) source: 'presentation' | 'task';
  @ApiProperty({ description: 'The topic of the paper, or "4.1. <content>" for a task.' }) title: string;
  @ApiPropertyOptional() presentation?: { id: string; topic: string; status: string };
  @ApiPropertyOptional() task?: { id: string; planId: string; number: string; status: string };
  @ApiProperty({ nullable: true }) conferenceId: string | null;
  @ApiProperty({ nullable: true }) planId: string | null;
  @ApiProperty({ description: 'The presenting unit, or the lead and coordinating units of a task.' }) units: {
    id: string;
    name: string;
    role: 'presenting' | 'lead' | 'coordinating';
  }[];
  @ApiProperty({ nullable: true }) person: { id: string; name: string } | null;
  @ApiProperty() due: DueResponse;
  @ApiProperty({ enum: DEADLINE_STATUSES }) status: DeadlineStatus;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ nullable: true, description: 'For a recurring due: the next occurrence within a year.' })
  nextOccurrence: string | null;
}
