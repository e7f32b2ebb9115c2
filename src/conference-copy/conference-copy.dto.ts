import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PlanDto, WindowDto } from '../conferences/conferences.dto';

/**
 * A copy of an earlier conference for a new year. The copy is a draft with a tentative window:
 * its time is confirmed later with POST /conferences/:id/schedule, as for a new conference.
 */
export class CopyConferenceDto {
  @ApiPropertyOptional({ description: 'The new title; the source’s title when left out.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title?: string;

  @ApiProperty({ type: WindowDto, description: 'The tentative window of the copy, in the source’s zone.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => WindowDto)
  window: WindowDto;

  @ApiPropertyOptional({ type: PlanDto, description: 'The new plan’s number and date; the source’s when left out.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanDto)
  plan?: PlanDto;
}

/** How many of each part the copy received. */
export interface CopyCounts {
  bridgePoints: number;
  clusters: number;
  compositionRules: number;
  templateSlots: number;
  presentations: number;
  relativeDues: number;
  datedDues: number;
  letter: boolean;
}
