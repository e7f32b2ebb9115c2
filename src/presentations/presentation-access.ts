import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../identity/principal';
import { notFound, ProblemException } from '../common/problem';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { Conference } from '../conferences/conference.entity';
import { Presentation } from './presentation.entity';
import type { LinkPrincipal } from '../identity/principal';
import { SPEAKER_LINK, SPEAKER_UNIT_LINK } from './speaker-links.service';

/**
 * Who may reach a presentation: members of its conference (organizers and owners change it,
 * observers read it), admins, the holder of its own speaker link — which opens that one
 * presentation and nothing else (another presentation answers 404) — and the holder of its unit's
 * link for that conference, which opens every presentation of that unit there.
 */
@Injectable()
export class PresentationAccess {
  constructor(private readonly conferences: ConferenceAccess) {}

  async readable(manager: EntityManager, principal: Principal, id: string): Promise<Presentation> {
    const presentation = await this.find(manager, principal, id);
    if (principal.kind === 'user') await this.conferences.assertCanRead(principal, presentation.conferenceId, manager);
    return presentation;
  }

  /** Organizers, owners and admins, or the speaker's own link: papers are theirs to see. */
  async forFiles(manager: EntityManager, principal: Principal, id: string): Promise<Presentation> {
    const presentation = await this.find(manager, principal, id);
    if (principal.kind === 'user')
      await this.conferences.assertCanManage(principal, presentation.conferenceId, manager);
    return presentation;
  }

  /**
   * For a change by the organizer: checks, then locks the conference (refusing finished ones,
   * unless asked) and the presentation, in that order everywhere so changes never deadlock.
   */
  async lockForChange(
    manager: EntityManager,
    principal: Principal,
    id: string,
    options: { allowFinished?: boolean } = {},
  ): Promise<{ presentation: Presentation; conference: Conference }> {
    if (principal.kind === 'link')
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        'A speaker link submits papers; it does not change the assignment.',
      );
    const found = await this.find(manager, principal, id);
    const conference = await this.conferences.lockForChange(manager, principal, found.conferenceId, options);
    return { presentation: await this.lock(manager, id), conference };
  }

  /** For an upload: the speaker's link or an organizer; locks as `lockForChange` does, finished conferences included (the caller refuses them). */
  async lockForUpload(
    manager: EntityManager,
    principal: Principal,
    id: string,
  ): Promise<{ presentation: Presentation; conference: Conference }> {
    const found = await this.find(manager, principal, id);
    if (principal.kind === 'user') await this.conferences.assertCanManage(principal, found.conferenceId, manager);
    // Shared: uploads to one conference run side by side, while a schedule change (which moves the due in force) waits for them.
    const conference = await manager.findOne(Conference, {
      where: { id: found.conferenceId },
      lock: { mode: 'pessimistic_read' },
    });
    if (!conference) throw notFound('presentation', id);
    return { presentation: await this.lock(manager, id), conference };
  }

  private async lock(manager: EntityManager, id: string): Promise<Presentation> {
    const presentation = await manager.findOne(Presentation, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!presentation) throw notFound('presentation', id);
    return presentation;
  }

  private async find(manager: EntityManager, principal: Principal, id: string): Promise<Presentation> {
    if (principal.kind === 'link' && !SPEAKER_PURPOSES.includes(principal.purpose)) throw notFound('presentation', id);
    if (principal.kind === 'link' && principal.purpose === SPEAKER_LINK && principal.subjectId !== id)
      throw notFound('presentation', id);
    const presentation = await manager.findOneBy(Presentation, { id });
    if (!presentation || (principal.kind === 'link' && !linkOpens(principal, presentation)))
      throw notFound('presentation', id);
    return presentation;
  }
}

const SPEAKER_PURPOSES = [SPEAKER_LINK, SPEAKER_UNIT_LINK];

/** A speaker link opens its presentation; a unit's link, the unit's presentations in its conference. */
function linkOpens(link: LinkPrincipal, presentation: Presentation): boolean {
  if (link.purpose === SPEAKER_LINK) return link.subjectId === presentation.id;
  return (
    link.purpose === SPEAKER_UNIT_LINK &&
    link.subjectId === presentation.unitId &&
    link.conferenceId === presentation.conferenceId
  );
}
