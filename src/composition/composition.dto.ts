import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import { fieldProblem, unprocessable } from '../common/problem';
import { PERSON_ROLES, PersonRole, UNIT_KINDS, UnitKind } from '../directory/directory.constants';
import { CompositionRule, DELEGATE_MODES, DelegateMode } from './composition-rule.entity';
import { SITE_KINDS, SiteKind, siteKey, SiteRef } from './composition.types';

export class SiteDto {
  @ApiProperty({ enum: SITE_KINDS }) @IsIn(SITE_KINDS) kind: SiteKind;
  @ApiPropertyOptional({ description: 'The bridge point or cluster; not given for the conference as a whole.' })
  @IsOptional()
  @IsUUID()
  id?: string;
}

/**
 * Which units: `kinds` alone (anywhere in the directory), `kinds` narrowed by `childrenOf` or
 * `within`, `childrenOf` or `within` alone, or an explicit list `ids` (alone).
 */
export class UnitSelectorDto {
  @ApiPropertyOptional({ enum: UNIT_KINDS, isArray: true, example: ['department'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(UNIT_KINDS.length)
  @IsIn(UNIT_KINDS, { each: true })
  kinds?: UnitKind[];

  @ApiPropertyOptional({ type: [String], description: 'Exactly these units.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional({ description: 'The direct children of this unit.' })
  @IsOptional()
  @IsUUID()
  childrenOf?: string;
  @ApiPropertyOptional({ description: 'This unit and every unit below it, at any depth.' })
  @IsOptional()
  @IsUUID()
  within?: string;
}

export class DelegateDto {
  @ApiProperty({
    enum: DELEGATE_MODES,
    description:
      '`unit`: the named unit; `site_host`: the unit of the bridge point, or the host of the cluster; `site_units`: each participating unit of the cluster.',
  })
  @IsIn(DELEGATE_MODES)
  to: DelegateMode;

  @ApiPropertyOptional({ description: 'With to = unit.' }) @IsOptional() @IsUUID() unitId?: string;
}

/** The fields a rule has besides its site. */
class RuleFieldsDto {
  @ApiPropertyOptional({ type: UnitSelectorDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => UnitSelectorDto)
  units?: UnitSelectorDto;

  @ApiPropertyOptional({
    enum: PERSON_ROLES,
    isArray: true,
    example: ['head'],
    description: 'Roles held in the units; first listed is preferred when maxPerUnit caps them.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PERSON_ROLES.length)
  @IsIn(PERSON_ROLES, { each: true })
  roles?: PersonRole[];

  @ApiPropertyOptional({ description: 'Everyone holding a current position in the units, instead of roles.' })
  @IsOptional()
  @IsBoolean()
  everyone?: boolean;

  @ApiPropertyOptional({ minimum: 1, description: 'At most this many people per unit; none: no limit.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  maxPerUnit?: number | null;

  @ApiPropertyOptional({ type: DelegateDto, description: 'The rule is filled by a unit that invites its own people.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DelegateDto)
  delegate?: DelegateDto | null;

  @ApiPropertyOptional({ minimum: 1, description: 'Order within the site; default: after the last rule.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  position?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

export class CreateRuleDto extends RuleFieldsDto {
  @ApiProperty({ type: SiteDto }) @ValidateNested() @Type(() => SiteDto) site: SiteDto;

  @ApiProperty({ example: 'Thủ trưởng các Sở, Ban, ngành thuộc Ủy ban nhân dân tỉnh' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  label: string;
}

/** A rule's site does not change; everything else may. `units`, `roles`/`everyone` and `delegate` are replaced whole. */
export class UpdateRuleDto extends RuleFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(500) label?: string;
}

export class CopyRulesDto {
  @ApiProperty({ type: SiteDto, description: 'The site whose rules are copied.' })
  @ValidateNested()
  @Type(() => SiteDto)
  from: SiteDto;

  @ApiProperty({ type: [SiteDto], description: 'The sites that get a copy of each rule, after their own rules.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => SiteDto)
  to: SiteDto[];
}

export interface CopyRulesResult {
  from: string;
  sites: number;
  rulesPerSite: number;
  created: number;
}

export class PreviewQuery {
  @ApiPropertyOptional({ enum: SITE_KINDS }) @IsOptional() @IsIn(SITE_KINDS) siteKind?: SiteKind;
  @ApiPropertyOptional() @IsOptional() @IsUUID() siteId?: string;
}

export class RuleListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SITE_KINDS }) @IsOptional() @IsIn(SITE_KINDS) siteKind?: SiteKind;
  @ApiPropertyOptional() @IsOptional() @IsUUID() siteId?: string;
}

/** The one site a list or preview asks for, or undefined for all of them. */
export function siteFromQuery(query: PreviewQuery): SiteRef | undefined {
  if (!query.siteKind) {
    if (query.siteId) throw unprocessable([fieldProblem('siteKind', 'required', 'siteKind is required with siteId')]);
    return undefined;
  }
  if (query.siteKind === 'conference') {
    if (query.siteId)
      throw unprocessable([fieldProblem('siteId', 'forbidden', 'siteId is not used for the conference as a whole')]);
    return { kind: 'conference' };
  }
  if (!query.siteId)
    throw unprocessable([fieldProblem('siteId', 'required', 'siteId is required for a bridge point or a cluster')]);
  return { kind: query.siteKind, id: query.siteId };
}

export interface RuleResponse {
  id: string;
  conferenceId: string;
  site: { kind: SiteKind; id: string | null };
  siteKey: string;
  position: number;
  label: string;
  units: { kinds: UnitKind[] | null; ids: string[] | null; childrenOf: string | null; within: string | null };
  roles: PersonRole[] | null;
  everyone: boolean;
  maxPerUnit: number | null;
  delegate: { to: DelegateMode; unitId: string | null } | null;
  note: string | null;
  /** Moves on every change; sent as the ETag, compared with a PATCH's If-Match. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function siteOf(rule: Pick<CompositionRule, 'siteKind' | 'bridgePointId' | 'clusterId'>): SiteRef {
  if (rule.siteKind === 'bridge_point') return { kind: 'bridge_point', id: rule.bridgePointId! };
  if (rule.siteKind === 'cluster') return { kind: 'cluster', id: rule.clusterId! };
  return { kind: 'conference' };
}

export const toRuleResponse = (r: CompositionRule): RuleResponse => ({
  id: r.id,
  conferenceId: r.conferenceId,
  site: { kind: r.siteKind, id: r.bridgePointId ?? r.clusterId ?? null },
  siteKey: siteKey(siteOf(r)),
  position: r.position,
  label: r.label,
  units: { kinds: r.unitKinds, ids: r.unitIds, childrenOf: r.childrenOfUnitId, within: r.withinUnitId },
  roles: r.roles,
  everyone: r.roles === null,
  maxPerUnit: r.maxPerUnit,
  delegate: r.delegateMode ? { to: r.delegateMode, unitId: r.delegateUnitId } : null,
  note: r.note,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
