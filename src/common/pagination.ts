import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function pageOf<T, R>(items: T[], total: number, query: PageQuery, map: (item: T) => R): Page<R> {
  return { items: items.map(map), total, limit: query.limit, offset: query.offset };
}

/** A page of a short list read whole (a conference's clusters, members, coordinators, template slots). */
export function pageOfAll<T, R>(all: T[], query: PageQuery, map: (item: T) => R): Page<R> {
  return pageOf(all.slice(query.offset, query.offset + query.limit), all.length, query, map);
}
