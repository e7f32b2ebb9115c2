import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import { isoInZone } from '../common/zoned-time';
import {
  CONFERENCE_FORMATS,
  CONFERENCE_KINDS,
  CONFERENCE_STATUSES,
  ConferenceFormat,
  ConferenceKind,
  ConferenceStatus,
  MEMBER_ROLES,
  MemberRole,
} from './conference.constants';
import { Conference } from './conference.entity';
import { ConferenceMember } from './conference-member.entity';
import { allowedActions } from './conference-status';
import { ScheduleAction, ScheduleChange } from './schedule-change.entity';
import { windowResponse } from './tentative-window';
import type { RoundResponse } from './conference-rounds';
import { IsLocalDate, IsPlanDate, IsTimeZone, IsZonedInstant } from './validators';
import {
  Addressee,
  AddresseeDto,
  AddresseesField,
  Chair,
  CitedDocument,
  CitedDocumentDto,
  CitedDocumentsField,
  Venue,
  VenueDto,
  VenueField,
} from './plan-facts.dto';

export class ChairDto {
  @ApiPropertyOptional({ description: 'The chair, from the directory.' })
  @IsOptional()
  @IsUUID()
  personId?: string | null;

  @ApiPropertyOptional({ example: 'Chủ tịch Ủy ban nhân dân tỉnh', description: 'The chair as the plan writes it.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  text?: string | null;
}

export class PlanDto {
  @ApiPropertyOptional({ example: '690/KH-UBND' }) @IsOptional() @IsString() @MaxLength(100) reference?: string | null;

  @ApiPropertyOptional({
    example: '2023-02-13',
    description: 'YYYY-MM-DD, or YYYY-MM / YYYY when the plan gives only that.',
  })
  @IsOptional()
  @IsPlanDate()
  issuedOn?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsUUID() issuingUnitId?: string | null;
}

export class WindowDto {
  @ApiProperty({ example: '2023-03-06', description: 'First possible day, in the conference’s zone.' })
  @IsLocalDate()
  from: string;
  @ApiProperty({ example: '2023-03-10', description: 'Last possible day, in the conference’s zone.' })
  @IsLocalDate()
  to: string;
  @ApiPropertyOptional({ example: 'Dự kiến 01 buổi' }) @IsOptional() @IsString() @MaxLength(500) note?: string | null;
}

const TEXT_LIST: ApiPropertyOptions = { type: [String], maxItems: 50 };

export class CreateConferenceDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) title: string;
  @ApiProperty({ enum: CONFERENCE_KINDS }) @IsIn(CONFERENCE_KINDS) kind: ConferenceKind;
  @ApiProperty({ enum: CONFERENCE_FORMATS }) @IsIn(CONFERENCE_FORMATS) format: ConferenceFormat;
  @ApiPropertyOptional() @IsOptional() @IsUUID() organizingUnitId?: string | null;
  @ApiPropertyOptional({ type: ChairDto }) @IsOptional() @ValidateNested() @Type(() => ChairDto) chair?: ChairDto;
  @ApiPropertyOptional({ type: [ChairDto], maxItems: 20, description: 'Đồng chủ trì, in the plan’s order.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChairDto)
  coChairs?: ChairDto[];
  @ApiPropertyOptional(TEXT_LIST)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  purposes?: string[];
  @ApiPropertyOptional(TEXT_LIST)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  contentItems?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) fundingSource?: string | null;
  @ApiPropertyOptional({ type: PlanDto }) @IsOptional() @ValidateNested() @Type(() => PlanDto) plan?: PlanDto;
  @CitedDocumentsField() citedDocuments?: CitedDocumentDto[];
  @AddresseesField() addressees?: AddresseeDto[];
  @VenueField() venue?: VenueDto | null;
  @ApiPropertyOptional({ description: 'The main event this is a round or rehearsal of; null unlinks it.' })
  @IsOptional()
  @IsUUID()
  mainConferenceId?: string | null;
  @ApiPropertyOptional({ example: 'Đợt 1', description: 'What the plan calls this round ("Tổng duyệt").' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  roundLabel?: string | null;
  @ApiPropertyOptional({ default: 'Asia/Ho_Chi_Minh' }) @IsOptional() @IsTimeZone() timeZone?: string;
  @ApiPropertyOptional({ type: WindowDto, description: 'The tentative window, before a time is confirmed.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WindowDto)
  window?: WindowDto | null;
}

/** Every field optional; the time has its own action (POST /conferences/:id/schedule). */
export class UpdateConferenceDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(500) title?: string;
  @ApiPropertyOptional({ enum: CONFERENCE_KINDS }) @IsOptional() @IsIn(CONFERENCE_KINDS) kind?: ConferenceKind;
  @ApiPropertyOptional({ enum: CONFERENCE_FORMATS }) @IsOptional() @IsIn(CONFERENCE_FORMATS) format?: ConferenceFormat;
  @ApiPropertyOptional() @IsOptional() @IsUUID() organizingUnitId?: string | null;
  @ApiPropertyOptional({ type: ChairDto }) @IsOptional() @ValidateNested() @Type(() => ChairDto) chair?: ChairDto;
  @ApiPropertyOptional({ type: [ChairDto], maxItems: 20, description: 'Đồng chủ trì, in the plan’s order.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChairDto)
  coChairs?: ChairDto[];
  @ApiPropertyOptional(TEXT_LIST)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  purposes?: string[];
  @ApiPropertyOptional(TEXT_LIST)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  contentItems?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) fundingSource?: string | null;
  @ApiPropertyOptional({ type: PlanDto }) @IsOptional() @ValidateNested() @Type(() => PlanDto) plan?: PlanDto;
  @CitedDocumentsField() citedDocuments?: CitedDocumentDto[];
  @AddresseesField() addressees?: AddresseeDto[];
  @VenueField() venue?: VenueDto | null;
  @ApiPropertyOptional({ description: 'The main event this is a round or rehearsal of; null unlinks it.' })
  @IsOptional()
  @IsUUID()
  mainConferenceId?: string | null;
  @ApiPropertyOptional({ example: 'Đợt 1', description: 'What the plan calls this round ("Tổng duyệt").' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  roundLabel?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsTimeZone() timeZone?: string;
  @ApiPropertyOptional({ type: WindowDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => WindowDto)
  window?: WindowDto | null;
}

export class ConferenceListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CONFERENCE_STATUSES })
  @IsOptional()
  @IsIn(CONFERENCE_STATUSES)
  status?: ConferenceStatus;
  @ApiPropertyOptional({ enum: CONFERENCE_KINDS }) @IsOptional() @IsIn(CONFERENCE_KINDS) kind?: ConferenceKind;
}

export class ScheduleDto {
  @ApiProperty({ example: '2023-03-08T07:30:00+07:00' }) @IsZonedInstant() startsAt: string;
  @ApiProperty({ example: '2023-03-08T11:30:00+07:00' }) @IsZonedInstant() endsAt: string;
  @ApiPropertyOptional({ example: 'Lịch công tác của Chủ tịch UBND tỉnh' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class PostponeDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) reason: string;
  @ApiPropertyOptional({ type: WindowDto, description: 'A new tentative window, if one is known.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WindowDto)
  window?: WindowDto;
}

export class ReasonDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class AddMemberDto {
  @ApiProperty() @IsUUID() userId: string;
  @ApiProperty({ enum: MEMBER_ROLES }) @IsIn(MEMBER_ROLES) role: MemberRole;
}

const zoned = (instant: Date | null, zone: string) => (instant ? isoInZone(instant, zone) : null);

export interface ConferenceResponse {
  id: string;
  title: string;
  kind: ConferenceKind;
  format: ConferenceFormat;
  status: ConferenceStatus;
  allowedActions: ScheduleAction[];
  organizingUnitId: string | null;
  chair: { personId: string | null; text: string | null };
  coChairs: Chair[];
  purposes: string[];
  contentItems: string[];
  fundingSource: string | null;
  plan: { reference: string | null; issuedOn: string | null; issuingUnitId: string | null };
  citedDocuments: CitedDocument[];
  addressees: Addressee[];
  venue: Venue | null;
  mainConferenceId: string | null;
  roundLabel: string | null;
  /** POST, GET and PATCH /conferences/:id only: the rounds and rehearsals of this main event the caller may see. */
  rounds?: RoundResponse[];
  timeZone: string;
  window: { from: string; to: string; note: string | null } | null;
  startsAt: string | null;
  endsAt: string | null;
  calendarUid: string;
  calendarSequence: number;
  /** Moves on every change; sent as the ETag, compared with a PATCH's If-Match. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Instants are shown in the conference's own zone (2023-03-08T07:30:00+07:00). */
export const toConferenceResponse = (c: Conference): ConferenceResponse => ({
  id: c.id,
  title: c.title,
  kind: c.kind,
  format: c.format,
  status: c.status,
  allowedActions: allowedActions(c.status),
  organizingUnitId: c.organizingUnitId,
  chair: { personId: c.chairPersonId, text: c.chairText },
  coChairs: c.coChairs ?? [],
  purposes: c.purposes,
  contentItems: c.contentItems,
  fundingSource: c.fundingSource,
  plan: { reference: c.planReference, issuedOn: c.planIssuedOn, issuingUnitId: c.planIssuingUnitId },
  citedDocuments: c.citedDocuments ?? [],
  addressees: c.addressees ?? [],
  venue: c.venue ?? null,
  mainConferenceId: c.mainConferenceId ?? null,
  roundLabel: c.roundLabel ?? null,
  timeZone: c.timeZone,
  window: windowResponse(c),
  startsAt: zoned(c.startsAt, c.timeZone),
  endsAt: zoned(c.endsAt, c.timeZone),
  calendarUid: c.calendarUid,
  calendarSequence: c.calendarSequence,
  version: c.version,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export interface ScheduleChangeResponse {
  id: string;
  at: string;
  action: ScheduleAction;
  fromStatus: ConferenceStatus;
  toStatus: ConferenceStatus;
  from: { startsAt: string; endsAt: string } | null;
  to: { startsAt: string; endsAt: string } | null;
  reason: string | null;
  actor: { kind: string; id: string | null; label: string };
}

export const toScheduleChangeResponse = (h: ScheduleChange, zone: string): ScheduleChangeResponse => ({
  id: String(h.id),
  at: h.at.toISOString(),
  action: h.action,
  fromStatus: h.fromStatus,
  toStatus: h.toStatus,
  from:
    h.previousStartsAt && h.previousEndsAt
      ? { startsAt: isoInZone(h.previousStartsAt, zone), endsAt: isoInZone(h.previousEndsAt, zone) }
      : null,
  to: h.startsAt && h.endsAt ? { startsAt: isoInZone(h.startsAt, zone), endsAt: isoInZone(h.endsAt, zone) } : null,
  reason: h.reason,
  actor: { kind: h.actorKind, id: h.actorId, label: h.actorLabel },
});

export interface MemberResponse {
  userId: string;
  email: string;
  displayName: string;
  role: MemberRole;
  addedAt: string;
}

export const toMemberResponse = (m: ConferenceMember & { email: string; displayName: string }): MemberResponse => ({
  userId: m.userId,
  email: m.email,
  displayName: m.displayName,
  role: m.role,
  addedAt: new Date(m.addedAt).toISOString(),
});
