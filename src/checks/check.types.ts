import type { EntityManager } from 'typeorm';

export type CheckSeverity = 'error' | 'warning' | 'info';

export interface CheckTarget {
  /** e.g. conference, cluster, bridge_point, agenda_slot, presentation, task. */
  type: string;
  id: string;
}

/** One finding of the plan linter: a stable code, bilingual text, and what it points at. */
export interface Check {
  code: string;
  severity: CheckSeverity;
  message: { vi: string; en: string };
  target: CheckTarget;
  /** Other records involved (the cluster it collides with, the other event in the same room). */
  related?: CheckTarget[];
  /** The numbers behind the finding, for a screen to show beside the text (POINT_OVER_CAPACITY). */
  details?: Record<string, number | null>;
}

/** Finds problems in one conference; reads through the given manager (a read-only snapshot). */
export type CheckProvider = (conferenceId: string, manager: EntityManager) => Promise<Check[]>;
