import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import { DELIVERABLE_EMAIL, DELIVERABLE_EMAIL_MESSAGE } from '../common/text';
import { isoInZone } from '../common/zoned-time';
import { ANSWERS, Answer, InvitationSource } from './invitation.entity';
import { InvitationLetter } from './invitation-letter.entity';
import { DELIVERY_STATES, DeliveryState } from './invitation-delivery';
import type { SiteKind } from './invitation-scope';

const LANGS = ['vi', 'en'] as const;
const MAIL_FILTERS = [...DELIVERY_STATES, 'none', 'undeliverable'] as const;
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Someone of the directory by id, or — for a coordinator who knows only who they mean — by name and e-mail. */
export class AddInvitationDto {
  @ApiPropertyOptional({ description: 'A person of the directory; or name them with fullName and email instead.' })
  @ValidateIf((o: AddInvitationDto) => o.personId !== undefined || (o.fullName === undefined && o.email === undefined))
  @IsUUID()
  personId?: string;
  @ApiProperty({ description: 'The bridge point or cluster the person attends at.' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ description: 'The position the letter names, when the directory has none.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  positionTitle?: string;
  @ApiPropertyOptional({ description: 'Without personId: the person’s full name (with email).' })
  @ValidateIf((o: AddInvitationDto) => o.personId === undefined && (o.fullName !== undefined || o.email !== undefined))
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fullName?: string;
  @ApiPropertyOptional({
    description:
      'Without personId: the person’s e-mail; someone of the directory with it is invited, else they are added.',
  })
  @ValidateIf((o: AddInvitationDto) => o.personId === undefined && (o.fullName !== undefined || o.email !== undefined))
  // A pasted address often carries a space at either end; inside, it is still refused.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail()
  @Matches(DELIVERABLE_EMAIL, { message: `email ${DELIVERABLE_EMAIL_MESSAGE}` })
  @MaxLength(254)
  email?: string;
}

export class CandidatesQuery {
  @ApiPropertyOptional({
    description: 'The bridge point or cluster to invite for; a coordinator’s default is their own site.',
  })
  @IsOptional()
  @IsUUID()
  siteId?: string;
  @ApiPropertyOptional({ description: 'Words of the name; accents optional.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit: number = 20;
}

export interface Candidate {
  personId: string;
  fullName: string;
  position: string;
  unitName: string;
  hasEmail: boolean;
}

export class SiteTargetDto {
  @ApiPropertyOptional({ description: 'One bridge point or cluster; default: every site the caller may reach.' })
  @IsOptional()
  @IsUUID()
  siteId?: string;
  @ApiPropertyOptional({ description: 'With a bridge point: the points nested under it too.', default: false })
  @IsOptional()
  @IsBoolean()
  includeBelow?: boolean;
}

export class CoordinatorLinkDto {
  @ApiProperty({ description: 'The bridge point or cluster whose coordinator gets the link.' })
  @IsUUID()
  siteId: string;
  @ApiPropertyOptional({
    description: 'Mail the link to the site’s coordinator (bridge point coordinatorPersonId).',
    default: true,
  })
  @IsOptional()
  @IsBoolean()
  mail?: boolean;
  @ApiPropertyOptional({
    description: 'Revoke the site’s other coordinator links first (rotation): only the new one works.',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  rotate?: boolean;
}

export class InvitationListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() siteId?: string;
  @ApiPropertyOptional({ enum: [...ANSWERS, 'none'] }) @IsOptional() @IsIn([...ANSWERS, 'none']) answer?:
    Answer | 'none';
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() sent?: boolean;
  @ApiPropertyOptional({ description: 'Withdrawn invitations too.', default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  withdrawn?: boolean;
  @ApiPropertyOptional({ description: 'Words of the invitee’s name (accents optional), or part of their e-mail.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({
    enum: MAIL_FILTERS,
    description: 'The state of the latest letter: none (never queued), or undeliverable (failed or skipped).',
  })
  @IsOptional()
  @IsIn(MAIL_FILTERS)
  mail?: (typeof MAIL_FILTERS)[number];
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: LANGS, default: 'vi' }) @IsOptional() @IsIn(LANGS) lang?: 'vi' | 'en';
  @ApiPropertyOptional({ enum: ['comma', 'semicolon'], default: 'comma' })
  @IsOptional()
  @IsIn(['comma', 'semicolon'])
  delimiter?: 'comma' | 'semicolon';
}

export class LetterDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() issuingUnitId?: string | null;
  @ApiPropertyOptional({ example: '45/GM-UBND' }) @IsOptional() @IsString() @MaxLength(100) reference?: string | null;
  @ApiPropertyOptional({ example: 'Thủ trưởng các Sở, Ban, ngành' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  composition?: string | null;
  @ApiPropertyOptional({ example: 'Ông Nguyễn Hoàng Nhân, Chuyên viên Sở Nội vụ' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  contactName?: string | null;
  @ApiPropertyOptional({ example: '0932.868.447' }) @IsOptional() @IsString() @MaxLength(50) contactPhone?:
    string | null;
}

export const ANSWER_CHOICES = ['accepted', 'declined', 'tentative', 'substitute'] as const;
export type AnswerChoice = (typeof ANSWER_CHOICES)[number];

/** The answer form (application/x-www-form-urlencoded from the page, or JSON). */
export class AnswerDto {
  @ApiProperty({ enum: ANSWER_CHOICES }) @IsIn(ANSWER_CHOICES) answer: AnswerChoice;
  @ApiPropertyOptional({ description: 'Required for substitute.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  substituteName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) substitutePosition?: string;
  @ApiPropertyOptional({ description: 'Required for substitute.' })
  @IsOptional()
  @IsEmail()
  @Matches(DELIVERABLE_EMAIL, { message: `substituteEmail ${DELIVERABLE_EMAIL_MESSAGE}` })
  @MaxLength(254)
  substituteEmail?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
  @ApiPropertyOptional({ enum: LANGS }) @IsOptional() @IsIn(LANGS) lang?: 'vi' | 'en';
}

export class PageLanguageQuery {
  @ApiPropertyOptional({ enum: LANGS }) @IsOptional() @IsIn(LANGS) lang?: 'vi' | 'en';
}

/** One invitation as the list and the CSV read it (joined with person and site). */
export interface InvitationRow {
  id: string;
  conferenceId: string;
  siteKind: SiteKind;
  siteId: string;
  siteName: string | null;
  personId: string;
  fullName: string;
  email: string | null;
  position: string | null;
  ruleId: string | null;
  source: InvitationSource;
  substituteForId: string | null;
  substituteForName: string | null;
  substitutedById: string | null;
  substitutedByName: string | null;
  addedByKind: string;
  addedById: string | null;
  addedByLabel: string;
  answer: Answer | null;
  answeredAt: Date | null;
  answerNote: string | null;
  answerSequence: number | null;
  withdrawnAt: Date | null;
  sentSequence: number | null;
  firstSentAt: Date | null;
  lastSentAt: Date | null;
  createdAt: Date;
  timeZone: string;
  /** The relay accepted one of its REQUESTs. */
  delivered: boolean;
  deliveryStatus: DeliveryState | null;
  deliveryReason: string | null;
  deliveryMessageId: string | null;
}

export interface InvitationResponse {
  id: string;
  conferenceId: string;
  site: { kind: SiteKind; id: string; name: string | null };
  person: { id: string; fullName: string; email: string | null; position: string | null };
  ruleId: string | null;
  source: InvitationSource;
  substituteForId: string | null;
  /** Whom this substitute attends in place of (Cử người dự thay). */
  substituteForName: string | null;
  substitutedById: string | null;
  /** The substitute this person sent in their place (answer `delegated`). */
  substitutedByName: string | null;
  addedBy: { kind: string; id: string | null; label: string };
  answer: Answer | null;
  answeredAt: string | null;
  /** The note of the answer page, or a calendar reply's COMMENT. */
  answerNote: string | null;
  /** The calendar SEQUENCE the answer answered. */
  answerSequence: number | null;
  /** The answer was given for an earlier time or place than the one last sent: still to confirm. */
  answeredEarlierVersion: boolean;
  status: 'active' | 'withdrawn';
  /** Accepted by the relay (not merely queued). */
  sent: boolean;
  /** The latest invitation mail (the invitation, an update or a resend); null before any was queued. */
  mail: { status: DeliveryState; reason: string | null; outboxMessageId: string } | null;
  sentSequence: number | null;
  firstSentAt: string | null;
  lastSentAt: string | null;
  createdAt: string;
}

const at = (d: Date | null, zone: string) => (d ? isoInZone(d, zone) : null);

/** As ANSWERED_EARLIER in invitation-views.ts, for one row. */
export const answeredEarlier = (r: Pick<InvitationRow, 'answer' | 'answerSequence' | 'sentSequence'>): boolean =>
  r.answer !== null &&
  r.answer !== 'delegated' &&
  r.answerSequence !== null &&
  r.sentSequence !== null &&
  r.answerSequence < r.sentSequence;

export const toInvitationResponse = (r: InvitationRow): InvitationResponse => ({
  id: r.id,
  conferenceId: r.conferenceId,
  site: { kind: r.siteKind, id: r.siteId, name: r.siteName },
  person: { id: r.personId, fullName: r.fullName, email: r.email, position: r.position },
  ruleId: r.ruleId,
  source: r.source,
  substituteForId: r.substituteForId,
  substituteForName: r.substituteForName,
  substitutedById: r.substitutedById,
  substitutedByName: r.substitutedByName,
  addedBy: { kind: r.addedByKind, id: r.addedById, label: r.addedByLabel },
  answer: r.answer,
  answeredAt: at(r.answeredAt, r.timeZone),
  answerNote: r.answerNote,
  answerSequence: r.answerSequence,
  answeredEarlierVersion: answeredEarlier(r),
  status: r.withdrawnAt ? 'withdrawn' : 'active',
  sent: r.delivered,
  mail: r.deliveryStatus
    ? { status: r.deliveryStatus, reason: r.deliveryReason, outboxMessageId: r.deliveryMessageId! }
    : null,
  sentSequence: r.sentSequence,
  firstSentAt: at(r.firstSentAt, r.timeZone),
  lastSentAt: at(r.lastSentAt, r.timeZone),
  createdAt: r.createdAt.toISOString(),
});

export interface GenerateResult {
  created: number;
  existing: number;
  sites: {
    siteId: string;
    siteKind: SiteKind;
    created: number;
    existing: number;
    delegated: { ruleId: string; unitId: string | null; label: string }[];
    gaps: { ruleId: string; unitId: string; role: string }[];
  }[];
}

export interface SendResult {
  queued: number;
  withoutEmail: number;
}

export interface SiteCounts {
  siteId: string;
  siteKind: SiteKind;
  name: string;
  parentId: string | null;
  depth: number;
  invited: number;
  /** Accepted by the relay at least once. */
  sent: number;
  /** By the state of each invitation's latest REQUEST: waiting for the relay, refused by it, or skipped (see the outbox for why). */
  queued: number;
  failed: number;
  skipped: number;
  /** The latest REQUEST was accepted by the relay (the board's mail=sent; `sent` counts any accepted REQUEST). */
  lastSent: number;
  /** The latest REQUEST was cancelled in the outbox; notQueued: none was ever queued. */
  cancelled: number;
  notQueued: number;
  accepted: number;
  declined: number;
  tentative: number;
  substituted: number;
  noAnswer: number;
  /** Accepted, declined or tentative for an earlier time or place: counted here, not in those. */
  answeredEarlierVersion: number;
  /** What a send would queue now: never sent with an e-mail, or the latest letter failed or skipped. */
  toSend: number;
  /** Not sent, and the person has no e-mail: a send leaves them out. */
  withoutEmail: number;
}

export interface SummaryResponse {
  totals: Omit<SiteCounts, 'siteId' | 'siteKind' | 'name' | 'parentId' | 'depth'>;
  sites: SiteCounts[];
}

export interface CoordinatorLinkResponse {
  siteId: string;
  url: string;
  /** The console's coordinator page, the secret in the fragment (what the mail links to). */
  pageUrl: string;
  token: string;
  mailedTo: string | null;
}

export interface SitePlace {
  id: string;
  kind: SiteKind;
  name: string;
  parentId: string | null;
  depth: number;
  /** One of the caller's own sites (a coordinator's root), not a point below it. */
  own: boolean;
  room: string | null;
  address: string | null;
  meetingLink: string | null;
  /** A cluster's own time; null for a bridge point (the conference's). */
  startsAt: string | null;
  endsAt: string | null;
  /** The labels of the composition rules of the site (Thành phần tham dự), in order. */
  composition: string[];
}

export interface InvitationSitesResponse {
  conference: {
    id: string;
    title: string;
    status: string;
    timeZone: string;
    startsAt: string | null;
    endsAt: string | null;
  };
  sites: SitePlace[];
}

export interface LetterResponse {
  conferenceId: string;
  issuingUnitId: string | null;
  reference: string | null;
  composition: string | null;
  contactName: string | null;
  contactPhone: string | null;
}

export const toLetterResponse = (conferenceId: string, l: InvitationLetter | null): LetterResponse => ({
  conferenceId,
  issuingUnitId: l?.issuingUnitId ?? null,
  reference: l?.reference ?? null,
  composition: l?.composition ?? null,
  contactName: l?.contactName ?? null,
  contactPhone: l?.contactPhone ?? null,
});

export class LetterPreviewQuery {
  @ApiPropertyOptional({
    description: 'The letter of this invitation; default: the first invitation, or a sample invitee.',
  })
  @IsOptional()
  @IsUUID()
  invitationId?: string;
}

/** The invitation mail as the outbox would send it now; the answer link and reply address carry a placeholder. */
export interface LetterPreviewResponse {
  invitationId: string | null;
  /** No invitation yet: a sample invitee at the first bridge point. */
  sample: boolean;
  recipient: { name: string; email: string };
  subject: string;
  text: string;
  html: string;
  /** The calendar part (text/calendar) the mail carries. */
  calendar: { method: string; content: string } | null;
}
