import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { CONFERENCE_STATUSES, ConferenceFormat, ConferenceKind, ConferenceStatus } from './conference.constants';

export class ConferenceSummaryQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Words of the title or plan reference, in any order; accents optional.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: CONFERENCE_STATUSES })
  @IsOptional()
  @IsIn(CONFERENCE_STATUSES)
  status?: ConferenceStatus;

  @ApiPropertyOptional({
    example: 2026,
    description: 'The year of the confirmed start (in the conference’s zone), else of the window, else of the plan.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

/** One line of the console's conference list. Instants in the conference's own zone. */
export interface ConferenceSummaryResponse {
  id: string;
  title: string;
  kind: ConferenceKind;
  format: ConferenceFormat;
  status: ConferenceStatus;
  timeZone: string;
  plan: { reference: string | null; issuedOn: string | null };
  window: { from: string; to: string } | null;
  startsAt: string | null;
  endsAt: string | null;
  counts: { bridgePoints: number; invitees: number; answers: number };
  createdAt: string;
}
