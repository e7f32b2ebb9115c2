import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';

export const RECORDED_OUTCOMES = ['applied', 'unchanged', 'ignored', 'refused'] as const;
export type RecordedOutcome = (typeof RECORDED_OUTCOMES)[number];

export class CalendarRepliesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RECORDED_OUTCOMES }) @IsOptional() @IsIn(RECORDED_OUTCOMES) outcome?: RecordedOutcome;
  @ApiPropertyOptional({ example: 'STALE_SEQUENCE' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  @Matches(/^[A-Z_]+$/, { message: 'reason must be a code such as STALE_SEQUENCE' })
  reason?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() conferenceId?: string;
}

/** One received message as the log shows it (no body is kept). */
export interface CalendarReplyRow {
  id: string;
  messageId: string;
  receivedAt: Date;
  envelopeFrom: string;
  headerFrom: string | null;
  uid: string | null;
  sequence: number | null;
  dtstamp: Date | null;
  attendee: string | null;
  partstat: string | null;
  invitationId: string | null;
  conferenceId: string | null;
  outcome: RecordedOutcome;
  reason: string | null;
  detail: string | null;
  answer: string | null;
}

export interface CalendarReplyResponse extends Omit<CalendarReplyRow, 'receivedAt' | 'dtstamp'> {
  receivedAt: string;
  dtstamp: string | null;
}

export const toCalendarReplyResponse = (r: CalendarReplyRow): CalendarReplyResponse => ({
  ...r,
  receivedAt: r.receivedAt.toISOString(),
  dtstamp: r.dtstamp ? r.dtstamp.toISOString() : null,
});
