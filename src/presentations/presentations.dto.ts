import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { isoInZone } from '../common/zoned-time';
import { DueResponse } from '../dues/due-response';
import type { PaperFormat } from './file-sniff';
import { PresentationSubmission, SubmissionWarning } from './presentation.entity';
import { PRESENTATION_STATUSES, PresentationStatus } from './presentation-status';

const DUE_DOC = {
  description:
    'When the paper is due: a text ("chậm nhất ngày 24/02/2023", "trước 03 ngày diễn ra Hội nghị"), { "text": "…" }, or a structured due ' +
    '({ "kind": "relative_to_event", "event": "conference_start", "offsetDays": -3 }). Unreadable text is 400 DUE_UNREADABLE quoting the fragment.',
  oneOf: [{ type: 'string' }, { type: 'object' }],
};

class PresentationFieldsDto {
  @ApiPropertyOptional({ description: 'The speaker, from the directory.' }) @IsOptional() @IsUUID() personId?:
    string | null;
  @ApiPropertyOptional({ example: 4, description: 'Fewest A4 pages of the paper.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  minPages?: number | null;
  @ApiPropertyOptional({ example: 6 }) @IsOptional() @IsInt() @Min(1) @Max(1000) maxPages?: number | null;
  @ApiPropertyOptional({ example: 7, description: 'Talk-time limit in minutes.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  talkMinutes?: number | null;
  @ApiPropertyOptional({ description: 'The unit that receives the paper (Sở Nội vụ in seed 000).' })
  @IsOptional()
  @IsUUID()
  receivingUnitId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) note?: string | null;
}

export class CreatePresentationDto extends PresentationFieldsDto {
  @ApiPropertyOptional({
    description: 'The cluster it is presented at (roundtables); its relative due then hangs on the cluster’s time.',
  })
  @IsOptional()
  @IsUUID()
  clusterId?: string | null;
  @ApiProperty({ description: 'The presenting unit.' }) @IsUUID() unitId: string;
  @ApiProperty({
    example: 'Cải cách thể chế, những kết quả đạt được; những tồn tại, hạn chế và phương hướng khắc phục',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  topic: string;
  @ApiProperty(DUE_DOC) @Allow() due: unknown;
}

export class UpdatePresentationDto extends PresentationFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(2000) topic?: string;
  @ApiPropertyOptional({ ...DUE_DOC, description: `${DUE_DOC.description} A change is kept in the due history.` })
  @IsOptional()
  @Allow()
  due?: unknown;
}

export class PresentationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PRESENTATION_STATUSES })
  @IsOptional()
  @IsIn(PRESENTATION_STATUSES)
  status?: PresentationStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() clusterId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
}

export class AcceptDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) comment?: string;
}

export class ReturnDto {
  @ApiProperty({ example: 'Đề nghị rút gọn còn tối đa 6 trang.' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  comment: string;
}

export class CloseDto {
  @ApiPropertyOptional({ example: 'Đã hết hạn nhận báo cáo' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export interface Ref {
  id: string;
  name: string;
}

export interface SubmissionResponse {
  id: string;
  version: number;
  fileName: string;
  format: PaperFormat;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  pageCount: number | null;
  warnings: SubmissionWarning[];
  uploadedAt: string;
  dueAt: string | null;
  /** null: no due was in force when it came. */
  late: boolean | null;
  uploadedBy: { kind: string; label: string };
  downloadUrl: string;
}

export const toSubmissionResponse = (s: PresentationSubmission, zone: string): SubmissionResponse => ({
  id: s.id,
  version: s.version,
  fileName: s.fileName,
  format: s.format,
  contentType: s.contentType,
  sizeBytes: s.sizeBytes,
  sha256: s.sha256,
  pageCount: s.pageCount,
  warnings: s.warnings,
  uploadedAt: isoInZone(s.uploadedAt, zone),
  dueAt: s.dueAt ? isoInZone(s.dueAt, zone) : null,
  late: s.late,
  uploadedBy: { kind: s.uploadedByKind, label: s.uploadedByLabel },
  downloadUrl: `/presentations/${s.presentationId}/submissions/${s.id}/file`,
});

export interface PresentationResponse {
  id: string;
  conferenceId: string;
  clusterId: string | null;
  clusterNumber: number | null;
  unit: Ref;
  person: Ref | null;
  topic: string;
  pages: { min: number | null; max: number | null };
  talkMinutes: number | null;
  receivingUnit: Ref | null;
  note: string | null;
  due: DueResponse;
  status: PresentationStatus;
  statusLabel: { vi: string; en: string };
  /** Takes no more uploads: accepted, closed by the organizer, or its conference or cluster is over. */
  closed: boolean;
  closedAt: string | null;
  closedReason: string | null;
  allowedActions: string[];
  /** Not yet (re)submitted and the due has passed. */
  overdue: boolean;
  submissionCount: number;
  latestSubmission: SubmissionResponse | null;
  lastComment: string | null;
  /** Moves on every change; sent as the ETag, compared with a PATCH's If-Match. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SpeakerLinkResponse {
  /** The page the speaker opens (no account needed); shown once. */
  url: string;
  /** The secret itself, also usable as `Authorization: Bearer` on the speaker's API endpoints. */
  token: string;
  expiresAt: string | null;
}

export interface StatusChangeResponse {
  id: string;
  at: string;
  action: string;
  fromStatus: PresentationStatus | null;
  toStatus: PresentationStatus;
  comment: string | null;
  submissionId: string | null;
  actor: { kind: string; id: string | null; label: string };
}
