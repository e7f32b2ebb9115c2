import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { DELIVERABLE_EMAIL, DELIVERABLE_EMAIL_MESSAGE } from '../common/text';
import { OutboxMessage } from './outbox-message.entity';
import { Language, LANGUAGES } from './outbox.messages';
import { KIND_PATTERN, OUTBOX_STATUSES, OutboxStatus } from './outbox.types';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const booleanText = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class OutboxQueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES }) @IsOptional() @IsIn(OUTBOX_STATUSES) status?: OutboxStatus;
  @ApiPropertyOptional({ example: 'invitation' })
  @IsOptional()
  @IsString()
  @Matches(KIND_PATTERN, { message: 'kind must be a kind name: lower-case letters, digits, ".", "_" or "-"' })
  kind?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() conferenceId?: string;
  @ApiPropertyOptional({ description: 'Recipient e-mail address (exact, case-insensitive).' })
  @IsOptional()
  @Transform(lower)
  @IsEmail({ require_tld: false })
  @MaxLength(254)
  recipient?: string;
}

export class OutboxSummaryQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Count the messages of this conference only.' })
  @IsOptional()
  @IsUUID()
  conferenceId?: string;
  @ApiPropertyOptional({ description: 'Also count per conference.' })
  @IsOptional()
  @Transform(booleanText)
  @IsBoolean()
  perConference?: boolean;
}

export class TestMessageDto {
  @ApiProperty({ example: 'it@quangnam.gov.vn' })
  @Transform(lower)
  @IsEmail({ require_tld: false })
  @Matches(DELIVERABLE_EMAIL, { message: `to ${DELIVERABLE_EMAIL_MESSAGE}` })
  @MaxLength(254)
  to: string;
  @ApiPropertyOptional({ example: 'Phòng CNTT' }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: LANGUAGES, default: 'vi' }) @IsOptional() @IsIn(LANGUAGES) language?: Language;
}

export interface OutboxMessageResponse {
  id: string;
  dedupeKey: string;
  kind: string;
  conferenceId: string | null;
  recipient: { email: string; name: string };
  status: OutboxStatus;
  attempts: number;
  /** For a message being sent: when its lease ends. */
  nextAttemptAt: string | null;
  expiresAt: string | null;
  messageId: string | null;
  lastError: string | null;
  lastResponse: string | null;
  statusReason: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const PENDING = new Set<OutboxStatus>(['queued', 'retrying', 'sending']);

export const toOutboxMessageResponse = (m: OutboxMessage): OutboxMessageResponse => ({
  id: m.id,
  dedupeKey: m.dedupeKey,
  kind: m.kind,
  conferenceId: m.conferenceId,
  recipient: { email: m.recipientEmail, name: m.recipientName },
  status: m.status,
  attempts: m.attempts,
  nextAttemptAt: PENDING.has(m.status) ? m.nextAttemptAt.toISOString() : null,
  expiresAt: m.expiresAt?.toISOString() ?? null,
  messageId: m.messageId,
  lastError: m.lastError,
  lastResponse: m.lastResponse,
  statusReason: m.statusReason,
  sentAt: m.sentAt?.toISOString() ?? null,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
});

export type StatusCounts = Record<OutboxStatus, number>;

export interface OutboxSummaryResponse {
  total: number;
  byStatus: StatusCounts;
  /** The earliest next attempt among queued and retrying messages. */
  nextDueAt: string | null;
  conferences?: { conferenceId: string; total: number; byStatus: StatusCounts }[];
}
