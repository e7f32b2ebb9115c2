import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ANSWERS = ['accepted', 'declined', 'tentative', 'delegated'] as const;
export type Answer = (typeof ANSWERS)[number];

/** How the invitation came to be: from a composition rule, by hand, named as a substitute, or by a site coordinator. */
export const SOURCES = ['composition', 'manual', 'substitute', 'coordinator'] as const;
export type InvitationSource = (typeof SOURCES)[number];

/**
 * One person invited to one conference, for one site: a bridge point or a cluster. Withdrawn
 * invitations are kept (their CANCEL is rendered from them, their answer links show "withdrawn").
 */
@Entity({ name: 'invitation' })
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  conferenceId: string;

  @Column({ type: 'uuid', nullable: true })
  bridgePointId: string | null;

  @Column({ type: 'uuid', nullable: true })
  clusterId: string | null;

  @Column({ type: 'uuid' })
  personId: string;

  /** The composition rule it was generated from (none when added by hand). */
  @Column({ type: 'uuid', nullable: true })
  ruleId: string | null;

  @Column({ type: 'text' })
  source: InvitationSource;

  /** The position the composition rule matched (set at generation): the one the letter, list and CSV name. */
  @Column({ type: 'uuid', nullable: true })
  positionId: string | null;

  /** The position the letter names, when the directory has none for it (a substitute's own words). */
  @Column({ type: 'text', nullable: true })
  positionTitle: string | null;

  /** The invitation whose delegate named this person as substitute. */
  @Column({ type: 'uuid', nullable: true })
  substituteForId: string | null;

  @Column({ type: 'text' })
  addedByKind: string;

  @Column({ type: 'uuid', nullable: true })
  addedById: string | null;

  @Column({ type: 'text' })
  addedByLabel: string;

  @Column({ type: 'text', nullable: true })
  answer: Answer | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'text', nullable: true })
  answerNote: string | null;

  /** The calendar SEQUENCE the answer answered: below sentSequence, it was given for an earlier time or place. */
  @Column({ type: 'int', nullable: true })
  answerSequence: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  /** The calendar SEQUENCE last queued to this person; null: never sent. */
  @Column({ type: 'int', nullable: true })
  sentSequence: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstSentAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSentAt: Date | null;

  /**
   * The secret in this invitation's ORGANIZER address (`giaymoi+<secret>@…`), where calendar apps
   * send its answer; set by the database, never read with the row.
   */
  @Column({ type: 'text', select: false, insert: false, update: false })
  replySecret: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
