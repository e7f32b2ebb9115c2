import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../identity/principal';
import { conflict, notFound, ProblemException } from '../common/problem';
import { FINISHED_STATUSES, MemberRole } from './conference.constants';
import { Conference } from './conference.entity';

const forbidden = (detail: string) => new ProblemException(HttpStatus.FORBIDDEN, 'FORBIDDEN', detail);

/**
 * Who may see and change a conference. Admins: everything. Users: the conferences they are members
 * of; owners and organizers change them, observers read. A conference the caller may not see
 * answers 404, so its existence is not revealed. Other modules call this for their own resources.
 */
@Injectable()
export class ConferenceAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The caller's membership role ('admin' for admins); 404 when they may not see the conference. */
  async assertCanRead(
    principal: Principal,
    conferenceId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MemberRole | 'admin'> {
    // Secret links (coordinators, speakers, answers) carry their own narrow rights and are checked
    // by the module that issued them; none of them opens the organizer's view of a conference.
    if (principal.kind === 'link') throw notFound('conference', conferenceId);
    const rows: { role: MemberRole | null }[] = await manager.query(
      `SELECT m.role FROM conference c LEFT JOIN conference_member m ON m.conference_id = c.id AND m.user_id = $2 WHERE c.id = $1`,
      [conferenceId, principal.userId],
    );
    if (rows.length === 0) throw notFound('conference', conferenceId);
    if (principal.role === 'admin') return 'admin';
    const role = rows[0].role;
    if (!role) throw notFound('conference', conferenceId);
    return role;
  }

  /** Owners, organizers and admins; observers get 403, strangers 404. */
  async assertCanManage(principal: Principal, conferenceId: string, manager?: EntityManager): Promise<void> {
    const role = await this.assertCanRead(principal, conferenceId, manager);
    if (role === 'observer') throw forbidden('Observers of this conference have read-only access.');
    if (principal.kind === 'user' && principal.role === 'observer') throw forbidden('Observers have read-only access.');
  }

  async assertOwner(principal: Principal, conferenceId: string, manager?: EntityManager): Promise<void> {
    const role = await this.assertCanRead(principal, conferenceId, manager);
    if (role !== 'owner' && role !== 'admin') {
      if (role === 'organizer' || role === 'observer')
        throw forbidden('Only an owner of the conference manages its members.');
      throw notFound('conference', conferenceId);
    }
  }

  /**
   * For a change to the conference or anything in it: checks the caller may manage it, locks its row
   * (changes to one conference happen one at a time) and refuses finished conferences.
   */
  async lockForChange(
    manager: EntityManager,
    principal: Principal,
    conferenceId: string,
    options: { allowFinished?: boolean } = {},
  ): Promise<Conference> {
    await this.assertCanManage(principal, conferenceId, manager);
    const conference = await manager.findOne(Conference, {
      where: { id: conferenceId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!conference) throw notFound('conference', conferenceId);
    if (!options.allowFinished && FINISHED_STATUSES.includes(conference.status)) {
      throw conflict('CONFERENCE_FINISHED', `The conference is ${conference.status}; it can no longer be changed.`, {
        currentStatus: conference.status,
      });
    }
    return conference;
  }

  /** Narrows a query over conferences (alias `alias`) to those the caller may see. */
  restrictToVisible<T extends object>(
    qb: SelectQueryBuilder<T>,
    principal: Principal,
    alias: string,
  ): SelectQueryBuilder<T> {
    if (principal.kind === 'user' && principal.role === 'admin') return qb;
    // Links open single resources, never lists.
    if (principal.kind === 'link') return qb.andWhere('1 = 0');
    return qb.andWhere(
      `EXISTS (SELECT 1 FROM conference_member vm WHERE vm.conference_id = ${alias}.id AND vm.user_id = :visibleToUser)`,
      { visibleToUser: principal.userId },
    );
  }
}
