import type { Actor } from '../identity/principal';
import type { DomainEvent } from '../events/domain-events';
import type { ConferenceStatus } from './conference.constants';

/**
 * Events of the scheduling core, published inside the transaction of the change. Each carries
 * what a listener (invitations, reminders, relative deadlines) needs without reading history.
 */
export interface TimeSpan {
  startsAt: Date;
  endsAt: Date;
}

interface ConferenceEventBase extends DomainEvent {
  conferenceId: string;
  /** The conference's IANA zone, for rendering times in messages. */
  timeZone: string;
  actor: Actor;
  at: Date;
}

/** First confirmation (previous = null) and every move. */
export interface ConferenceScheduled extends ConferenceEventBase {
  type: 'conference.scheduled';
  previous: TimeSpan | null;
  current: TimeSpan;
  previousStatus: ConferenceStatus;
  reason: string | null;
}

export interface ConferencePostponed extends ConferenceEventBase {
  type: 'conference.postponed';
  /** The time that no longer holds. */
  previous: TimeSpan;
  reason: string;
  window: { from: string | null; to: string | null; note: string | null };
}

export interface ConferenceCancelled extends ConferenceEventBase {
  type: 'conference.cancelled';
  previousStatus: ConferenceStatus;
  /** The time it had, if it was scheduled or postponed. */
  previous: TimeSpan | null;
  reason: string;
}

export interface ConferenceStatusChanged extends ConferenceEventBase {
  type: 'conference.held' | 'conference.closed';
  previousStatus: ConferenceStatus;
}

export interface ChangedField {
  field: string;
  before: unknown;
  after: unknown;
}

export interface ConferenceUpdated extends ConferenceEventBase {
  type: 'conference.updated';
  changes: ChangedField[];
}

export interface BridgePointUpdated extends ConferenceEventBase {
  type: 'bridge_point.updated';
  bridgePointId: string;
  changes: ChangedField[];
}

export interface BridgePointRemoved extends ConferenceEventBase {
  type: 'bridge_point.removed';
  bridgePointId: string;
  name: string;
  unitId: string | null;
  parentId: string | null;
}

interface ClusterEventBase extends ConferenceEventBase {
  clusterId: string;
  clusterNumber: number;
  calendarUid: string;
}

/** A cluster got its time (at creation, previous = null) or moved. */
export interface ClusterScheduled extends ClusterEventBase {
  type: 'cluster.scheduled';
  previous: TimeSpan | null;
  current: TimeSpan;
  reason: string | null;
}

export interface ClusterUpdated extends ClusterEventBase {
  type: 'cluster.updated';
  changes: ChangedField[];
}

export interface ClusterCancelled extends ClusterEventBase {
  type: 'cluster.cancelled';
  /** Null for a cluster cancelled while tentative. */
  previous: TimeSpan | null;
  reason: string;
}

export type SchedulingEvent =
  | ConferenceScheduled
  | ConferencePostponed
  | ConferenceCancelled
  | ConferenceStatusChanged
  | ConferenceUpdated
  | BridgePointUpdated
  | BridgePointRemoved
  | ClusterScheduled
  | ClusterUpdated
  | ClusterCancelled;

/** The fields that changed between two snapshots, compared as JSON. */
export function changedFields<T extends object>(before: T, after: T, fields: (keyof T & string)[]): ChangedField[] {
  return fields
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .map((f) => ({ field: f, before: before[f], after: after[f] }));
}
