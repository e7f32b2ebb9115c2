import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsPlanDate, IsTimeZone } from '../conferences/validators';
import { Bilingual, DuePeriod, DuePrecision, DueSpec, DueWarning, MAX_DUE_TEXT, MonthPart } from './reader';

export class DuePreviewDto {
  @ApiProperty({ example: 'Quý I/2023', description: 'The due as the plan writes it.' })
  @IsString()
  @MaxLength(MAX_DUE_TEXT)
  text: string;

  @ApiPropertyOptional({
    example: '2023-02-13',
    description: 'The plan’s own date (YYYY-MM-DD, YYYY-MM or YYYY): dues before it are warned about.',
  })
  @IsOptional()
  @IsPlanDate()
  reference?: string;

  @ApiPropertyOptional({ default: 'Asia/Ho_Chi_Minh' }) @IsOptional() @IsTimeZone() timeZone?: string;

  @ApiPropertyOptional({
    example: 2023,
    description: 'The plan’s year, for "Quý I" or "27–28/3" without a year; the reference’s year when absent.',
  })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2199)
  year?: number;
}

/** The last day still on time in the zone, and the minute for a due at a time. */
export interface LocalDeadline {
  date: string;
  time: string | null;
}

export class DuePreviewItem {
  @ApiProperty() kind: DueSpec['kind'];
  @ApiProperty({ description: 'The words of this due (its clause).' }) text: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ description: 'The structure, as the API accepts it back.' }) spec: DueSpec;
  @ApiProperty() precision: DuePrecision;
  @ApiProperty({ description: '"dự kiến": the plan gives this due as tentative.' }) tentative: boolean;
  @ApiProperty({ nullable: true, description: '"đầu / giữa / cuối tháng" (early, mid, late), "cuối quý / năm".' })
  part: MonthPart | null;
  @ApiProperty({ nullable: true }) period: DuePeriod | null;
  @ApiProperty({ nullable: true, description: 'The first instant it is missed, in the zone; null while unresolved.' })
  resolvesAt: string | null;
  @ApiProperty({ nullable: true, description: 'Last day on time (YYYY-MM-DD) and, for a due at a time, HH:mm.' })
  local: LocalDeadline | null;
  @ApiProperty() formatted: Bilingual;
  @ApiProperty() deadline: Bilingual;
  @ApiProperty({ description: 'What was read, said back: "Quý I/2023 → hết ngày 31/03/2023".' }) readBack: Bilingual;
}

export class DuePreviewResponse {
  @ApiProperty() text: string;
  @ApiProperty() zone: string;
  @ApiProperty({ type: [DuePreviewItem] }) dues: DuePreviewItem[];
  @ApiProperty({ description: 'DUE_BEFORE_REFERENCE and the like: code, fragment, position, message.' })
  warnings: DueWarning[];
}
