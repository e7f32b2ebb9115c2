import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { PaperFormat } from './file-sniff';
import type { PresentationAction, PresentationStatus } from './presentation-status';
import { VIETNAMESE } from '../common/collation';

/**
 * A presentation assignment (tham luận): a unit (and optionally a person) presents a topic at a
 * conference or one of its clusters, with a paper of so many A4 pages, a talk-time limit, the
 * unit that receives the paper, and a due (stored in `due_entry`).
 */
@Entity({ name: 'presentation' })
export class Presentation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  conferenceId: string;

  @Column({ type: 'uuid', nullable: true })
  clusterId: string | null;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ type: 'text', collation: VIETNAMESE })
  topic: string;

  @Column({ type: 'int', nullable: true })
  minPages: number | null;

  @Column({ type: 'int', nullable: true })
  maxPages: number | null;

  @Column({ type: 'int', nullable: true })
  talkMinutes: number | null;

  @Column({ type: 'uuid', nullable: true })
  receivingUnitId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: PresentationStatus;

  /** Set when the organizer stops taking uploads. */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  closedReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

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

/** One uploaded version of a paper: what it really is, its checksum, and whether it came on time. */
@Entity({ name: 'presentation_submission' })
export class PresentationSubmission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  presentationId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text', select: false })
  storageKey: string;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  format: PaperFormat;

  @Column({ type: 'text' })
  contentType: string;

  @Column({
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  sizeBytes: number;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'int', nullable: true })
  pageCount: number | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  warnings: SubmissionWarning[];

  @Column({ type: 'timestamptz' })
  uploadedAt: Date;

  /** The due in force when it was uploaded; null when the due was not resolved then. */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'boolean', nullable: true })
  late: boolean | null;

  @Column({ type: 'text' })
  uploadedByKind: string;

  @Column({ type: 'uuid', nullable: true })
  uploadedById: string | null;

  @Column({ type: 'text' })
  uploadedByLabel: string;
}

export interface SubmissionWarning {
  code: 'PAGES_OUTSIDE_RANGE' | 'PAGE_COUNT_UNKNOWN' | 'NAME_DOES_NOT_MATCH_CONTENT';
  message: { vi: string; en: string };
}

/** Who moved a presentation from which status to which, when, and with what comment. */
@Entity({ name: 'presentation_status_change' })
export class PresentationStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  presentationId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  action: PresentationAction | 'create' | 'close' | 'reopen';

  @Column({ type: 'text', nullable: true })
  fromStatus: PresentationStatus | null;

  @Column({ type: 'text' })
  toStatus: PresentationStatus;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'uuid', nullable: true })
  submissionId: string | null;

  @Column({ type: 'text' })
  actorKind: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorLabel: string;
}
