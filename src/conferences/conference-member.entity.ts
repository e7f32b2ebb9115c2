import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MemberRole } from './conference.constants';

/** Who may see (observer) or change (owner, organizer) a conference; admins need no membership. */
@Entity({ name: 'conference_member' })
export class ConferenceMember {
  @PrimaryColumn({ type: 'uuid' })
  conferenceId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  role: MemberRole;

  @Column({ type: 'timestamptz' })
  addedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  addedBy: string | null;
}
