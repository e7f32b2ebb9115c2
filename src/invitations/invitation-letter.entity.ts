import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** What the letter (Giấy mời) says besides the conference itself; one per conference. */
@Entity({ name: 'invitation_letter' })
export class InvitationLetter {
  @PrimaryColumn({ type: 'uuid' })
  conferenceId: string;

  /** Default: the conference's organizing unit. */
  @Column({ type: 'uuid', nullable: true })
  issuingUnitId: string | null;

  /** The letter's number, "Số: 45/GM-UBND"; default the plan's reference. */
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  /** "Thành phần" as the letter words it; default the recipient's own position. */
  @Column({ type: 'text', nullable: true })
  composition: string | null;

  @Column({ type: 'text', nullable: true })
  contactName: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhone: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
