import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ConferenceFormat, ConferenceKind, ConferenceStatus } from './conference.constants';
import { VIETNAMESE } from '../common/collation';
import type { Addressee, Chair, CitedDocument, Venue } from './plan-facts.dto';

/** A conference, roundtable or meeting, from its plan (kế hoạch) to its closing. */
@Entity({ name: 'conference' })
export class Conference {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', collation: VIETNAMESE })
  title: string;

  @Column({ type: 'text' })
  kind: ConferenceKind;

  @Column({ type: 'text' })
  format: ConferenceFormat;

  @Column({ type: 'text', default: 'draft' })
  status: ConferenceStatus;

  @Column({ type: 'uuid', nullable: true })
  organizingUnitId: string | null;

  @Column({ type: 'uuid', nullable: true })
  chairPersonId: string | null;

  /** The chair as the plan writes it: "Chủ tịch Ủy ban nhân dân tỉnh". */
  @Column({ type: 'text', nullable: true })
  chairText: string | null;

  /** Đồng chủ trì: the co-chairs, in the plan's order, each in the chair's shape. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  coChairs: Chair[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  purposes: string[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  contentItems: string[];

  @Column({ type: 'text', nullable: true })
  fundingSource: string | null;

  /** "690/KH-UBND"; "/KH-SNV" when the plan has no number yet. */
  @Column({ type: 'text', nullable: true })
  planReference: string | null;

  /** Partial date: "2023", "2023-03" or "2023-02-13". */
  @Column({ type: 'text', nullable: true })
  planIssuedOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  planIssuingUnitId: string | null;

  /** What the plan cites (căn cứ / thực hiện), in its order. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  citedDocuments: CitedDocument[];

  /** Kính gửi: the units (or the plan's words) the plan is addressed to. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  addressees: Addressee[];

  /** Where an in-person or hybrid conference is held; an online one has none. */
  @Column({ type: 'jsonb', nullable: true })
  venue: Venue | null;

  /** The main event this conference is a round or rehearsal of (one level: a main event is no round). */
  @Column({ type: 'uuid', nullable: true })
  mainConferenceId: string | null;

  /** "Đợt 1", "Tổng duyệt": what the plan calls this round. */
  @Column({ type: 'text', nullable: true })
  roundLabel: string | null;

  @Column({ type: 'text' })
  timeZone: string;

  /** The tentative window, as dates in the conference's zone ("2023-03-06".."2023-03-10"). */
  @Column({ type: 'date', nullable: true })
  windowFrom: string | null;

  @Column({ type: 'date', nullable: true })
  windowTo: string | null;

  @Column({ type: 'text', nullable: true })
  windowNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  /** Generated once; calendar clients keep one entry per UID. */
  @Column({ type: 'text' })
  calendarUid: string;

  /** Raised only by the invitations module, when it sends a change. */
  @Column({ type: 'int', default: 0 })
  calendarSequence: number;

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
