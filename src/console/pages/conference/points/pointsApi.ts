import { api, Page, query } from '../../../api';

/** The bridge points API as this section reads it (src/bridge-points/bridge-points.dto.ts). */

export const READINESS = ['untested', 'test_scheduled', 'passed', 'failed'] as const;
export type Readiness = (typeof READINESS)[number];

export interface PointItem {
  id: string;
  role: 'host' | 'remote';
  parentId: string | null;
  depth: number;
  name: string;
  unitId: string | null;
  room: string | null;
  address: string | null;
  capacity: number | null;
  meetingLink: string | null;
  meetingRoomId: string | null;
  coordinatorPersonId: string | null;
  readiness: { status: Readiness; testAt: string | null; note: string | null };
  childCount: number;
  parentName: string | null;
  unitName: string | null;
  coordinator: { personId: string; fullName: string } | null;
}

export interface PointSummary {
  total: number;
  byLevel: { depth: number; count: number }[];
}

export interface BulkResult {
  created: number;
  existing: number;
  levels: { level: number; unitKind: string; created: number; existing: number }[];
}

export interface UnitOption {
  id: string;
  name: string;
  kind: string;
}

export interface UnitKind {
  code: string;
  vi: string;
  en: string;
}

export interface PersonOption {
  id: string;
  fullName: string;
  email: string | null;
  positions: { unit: { name: string }; title: string | null }[];
}

export const PAGE_SIZE = 50;

/** Every query of this section starts with this key, so one invalidation refreshes the tree, the search and the counts. */
export const pointsKey = (conferenceId: string) => ['bridge-points', conferenceId] as const;

export const pointsPath = (conferenceId: string) => `/conferences/${encodeURIComponent(conferenceId)}/bridge-points`;

export const listPoints = (
  conferenceId: string,
  params: { parentId?: string; q?: string; limit?: number; offset?: number },
) => api<Page<PointItem>>('GET', `${pointsPath(conferenceId)}${query(params)}`);
