import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
import { IsPlanDate } from './validators';

/** How a plan refers to a document it rests on: "Căn cứ …" (basis) or "Thực hiện …" (implements). */
export const CITATION_RELATIONS = ['basis', 'implements'] as const;
export type CitationRelation = (typeof CITATION_RELATIONS)[number];

/** "Công văn số 170-CV/BTGTW ngày 18/3/2021 của Ban Tuyên giáo Trung ương về …". */
export class CitedDocumentDto {
  @ApiProperty({ enum: CITATION_RELATIONS, description: 'basis: Căn cứ; implements: Thực hiện.' })
  @IsIn(CITATION_RELATIONS)
  relation: CitationRelation;

  @ApiPropertyOptional({ example: 'Công văn', description: 'The kind of document as written.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  documentType?: string | null;

  @ApiPropertyOptional({ example: '170-CV/BTGTW' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  number?: string | null;

  @ApiPropertyOptional({
    example: '2021-03-18',
    description: 'YYYY-MM-DD, or YYYY-MM / YYYY when that is all it says.',
  })
  @IsOptional()
  @IsPlanDate()
  issuedOn?: string | null;

  @ApiPropertyOptional({ example: 'Ban Tuyên giáo Trung ương' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  issuer?: string | null;

  @ApiPropertyOptional({ example: 'về việc tổ chức hội nghị trực tuyến toàn quốc' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  title?: string | null;
}

/** One line of "Kính gửi": a unit of the directory, or the plan's words ("Các Sở, Ban, ngành tỉnh"). */
export class AddresseeDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string | null;

  @ApiPropertyOptional({ example: 'UBND các huyện, thị xã, thành phố' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  text?: string | null;
}

/** An optional list of nested items, each validated: the shape both conference DTOs give these lists. */
function NestedListField(type: new () => object, maxItems: number, description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [type], maxItems, description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(maxItems),
    ValidateNested({ each: true }),
    Type(() => type),
  );
}

/** Where the conference is held: "Hội trường Tỉnh ủy", "số 02 Trần Phú, TP. Tam Kỳ", "Phòng họp số 1". */
export class VenueDto {
  @ApiProperty({ example: 'Hội trường Tỉnh ủy', description: 'The hall (hội trường) or building.' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ example: 'Số 02 Trần Phú, TP. Tam Kỳ, tỉnh Quảng Nam' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional({ example: 'Phòng họp số 1, tầng 2' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  room?: string | null;
}

export const VenueField = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: VenueDto,
      nullable: true,
      description: 'In-person and hybrid only (422 `venue` for an online meeting); null clears it.',
    }),
    IsOptional(),
    ValidateNested(),
    Type(() => VenueDto),
  );

export const CitedDocumentsField = () => NestedListField(CitedDocumentDto, 30, 'Căn cứ / Thực hiện, in order.');
export const AddresseesField = () => NestedListField(AddresseeDto, 200, 'Kính gửi: units or the plan’s words.');

export interface CitedDocument {
  relation: CitationRelation;
  documentType: string | null;
  number: string | null;
  issuedOn: string | null;
  issuer: string | null;
  title: string | null;
}

export interface Addressee {
  unitId: string | null;
  text: string | null;
}

export interface Venue {
  name: string;
  address: string | null;
  room: string | null;
}

/** A chair or co-chair: a person of the directory, the plan's words, or both. */
export interface Chair {
  personId: string | null;
  text: string | null;
}
