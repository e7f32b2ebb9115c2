import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { SlotKind } from './agenda.constants';

/** Who performs a slot or a sub-item: a unit, a person, and/or the words of the plan ("Ban Tổ chức"). */
export interface Performer {
  unitId: string | null;
  personId: string | null;
  text: string | null;
}

/** A numbered point under a slot's content ("- Phân tích Chỉ số CCHC…"): text, not a timed slot. */
export interface SubItem {
  text: string;
  performers: Performer[];
}

/** What a line of an agenda says beside its time: performers in the plan's order, sub-items, place. */
export abstract class SlotContent {
  @Column({ type: 'jsonb', default: () => `'[]'` })
  performers: Performer[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  subItems: SubItem[];

  /** Where in the venue: "Hội trường tầng 2". */
  @Column({ type: 'text', nullable: true })
  place: string | null;
}

/**
 * One line of an agenda (Thời gian / Nội dung / Thực hiện), of a conference (clusterId null) or
 * of one cluster of a roundtable.
 */
@Entity({ name: 'agenda_slot' })
export class AgendaSlot extends SlotContent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  conferenceId: string;

  @Column({ type: 'uuid', nullable: true })
  clusterId: string | null;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  kind: SlotKind;

  /** The presentation the slot belongs to; the presentations module adds the foreign key. */
  @Column({ type: 'uuid', nullable: true })
  presentationId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

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

/** A slot of a roundtable's agenda template, as minutes from the session start. */
@Entity({ name: 'agenda_template_slot' })
export class AgendaTemplateSlot extends SlotContent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  conferenceId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'int' })
  offsetMinutes: number;

  @Column({ type: 'int' })
  durationMinutes: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  kind: SlotKind;

  @Column({ type: 'uuid', nullable: true })
  presentationId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
