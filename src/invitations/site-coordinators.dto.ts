import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import type { SiteKind } from './invitation-scope';

/** At most this many sites per coordinator: a province's districts, with room to spare. */
export const MAX_SITES_PER_COORDINATOR = 500;

export class SiteCoordinatorDto {
  @ApiProperty({
    description:
      'The bridge points and clusters this account coordinates (replaces the previous set); each point includes the points nested under it.',
    type: [String],
    minItems: 1,
    maxItems: MAX_SITES_PER_COORDINATOR,
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'siteIds must name at least one site; to end the assignment, DELETE it' })
  @ArrayMaxSize(MAX_SITES_PER_COORDINATOR)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  siteIds: string[];
}

export interface CoordinatedSite {
  kind: SiteKind;
  id: string;
  name: string;
}

export interface SiteCoordinatorResponse {
  userId: string;
  email: string;
  displayName: string;
  sites: CoordinatedSite[];
}

/** What an account coordinates, per conference: what `GET /coordination` answers. */
export interface CoordinationResponse {
  conference: {
    id: string;
    title: string;
    kind: string;
    status: string;
    startsAt: string | null;
    endsAt: string | null;
    timeZone: string;
  };
  sites: CoordinatedSite[];
}
