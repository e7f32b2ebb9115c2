import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { VIETNAMESE } from '../common/collation';

/** tentative: only a window is known yet; scheduled: its time is confirmed. */
export const CLUSTER_STATUSES = ['tentative', 'scheduled', 'cancelled'] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];

/** One occurrence of a roundtable (cụm): its own time (or tentative window), host, venue, units and agenda. */
@Entity({ name: 'cluster' })
export class Cluster {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  conferenceId: string;

  /** "Cụm 1", "Cụm 2"… as the plan numbers them. */
  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text', collation: VIETNAMESE, nullable: true })
  name: string | null;

  /** Null while the cluster is tentative (only its window is known). */
  @Column({ type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  /** The tentative window, as the conference's (see conferences/tentative-window.ts). */
  @Column({ type: 'date', nullable: true })
  windowFrom: string | null;

  @Column({ type: 'date', nullable: true })
  windowTo: string | null;

  @Column({ type: 'text', nullable: true })
  windowNote: string | null;

  @Column({ type: 'uuid', nullable: true })
  hostUnitId: string | null;

  @Column({ type: 'text', collation: VIETNAMESE, nullable: true })
  venue: string | null;

  @Column({ type: 'int', nullable: true })
  minAttendees: number | null;

  @Column({ type: 'int', nullable: true })
  maxAttendees: number | null;

  @Column({ type: 'text', default: 'scheduled' })
  status: ClusterStatus;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  /** When its time was last set: a time already past then is worth a warning. */
  @Column({ type: 'timestamptz' })
  scheduledAt: Date;

  @Column({ type: 'text' })
  calendarUid: string;

  @Column({ type: 'int', default: 0 })
  calendarSequence: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /**
   * The resource's ETag. The row's BEFORE UPDATE trigger is what moves it (raw SQL writes count
   * too); declared a version column so that TypeORM reads the new value back after a save.
   */
  @VersionColumn()
  version: number;
}
