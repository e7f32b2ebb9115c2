import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict, fieldProblem, notFound, unprocessable } from '../common/problem';
import { queryRows } from '../common/sql';
import { foldVietnamese, nfc, singleLine } from '../common/text';
import { FINISHED_STATUSES } from '../conferences/conference.constants';
import { Conference } from '../conferences/conference.entity';
import { mailSettingProblems } from '../mail/mail-settings';
import { Invitation, InvitationSource } from './invitation.entity';
import { InvitationFanout } from './invitation-fanout';
import { SecretLinksService } from '../secret-links/secret-links.service';
import { ANSWER_LINK, InvitationScopes, Site, SiteScope, subtreeOf } from './invitation-scope';
import { invitationRow, invitationRows } from './invitation-views';
import { AddInvitationDto, InvitationListQuery, InvitationRow, SendResult, SiteTargetDto } from './invitations.dto';

/**
 * Invitations one at a time (add, withdraw, list) and the sending of a conference's or a site's
 * invitations. Each command is one transaction that locks the conference row, so two concurrent
 * sends queue each message once.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: InvitationScopes,
    private readonly fanout: InvitationFanout,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly links: SecretLinksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every invitation carries the sender and the ORGANIZER: refused up front rather than queued to be skipped. */
  private refuseUnusableMailSettings(): void {
    const [problem] = mailSettingProblems(this.config.mail);
    if (problem) throw conflict(problem.code, problem.detail, { variable: problem.variable, address: problem.address });
  }

  async list(
    principal: Principal,
    conferenceId: string,
    query: InvitationListQuery,
  ): Promise<[InvitationRow[], number]> {
    const manager = this.dataSource.manager;
    const scope = await this.scopes.forRead(manager, principal, conferenceId);
    if (query.siteId) await this.scopes.site(manager, scope, conferenceId, query.siteId);
    return invitationRows(manager, conferenceId, scope, {
      siteIds: query.siteId ? [query.siteId] : undefined,
      answer: query.answer,
      sent: query.sent,
      withdrawn: query.withdrawn,
      q: query.q,
      mail: query.mail,
      limit: query.limit,
      offset: query.offset,
    });
  }

  async add(principal: Principal, actor: Actor, conferenceId: string, dto: AddInvitationDto): Promise<InvitationRow> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.scopes.forChange(manager, principal, conferenceId);
      await lockConference(manager, conferenceId);
      const site = await this.scopes.site(manager, scope, conferenceId, dto.siteId);
      const personId = await this.personFor(manager, dto);
      const source: InvitationSource = scope.kind === 'coordinator' ? 'coordinator' : 'manual';
      const invitation = await insertInvitation(manager, actor, {
        conferenceId,
        site,
        personId,
        source,
        positionTitle: dto.positionTitle ? nfc(dto.positionTitle.trim()) : null,
      });
      await this.audit.record(manager, actor, {
        action: 'invitation.add',
        entityType: 'invitation',
        entityId: invitation.id,
        conferenceId,
        after: { personId, siteId: site.id, source, ...(dto.email ? { byEmail: true } : {}) },
      });
      return (await invitationRow(manager, conferenceId, invitation.id))!;
    });
  }

  /**
   * The person to invite: by id, or by e-mail — the directory's person with that address, else a
   * new one (as a delegate's substitute is), so a coordinator can invite whom the directory lacks.
   */
  private async personFor(manager: EntityManager, dto: AddInvitationDto): Promise<string> {
    if (dto.personId !== undefined) {
      if (dto.email !== undefined || dto.fullName !== undefined)
        throw unprocessable([
          fieldProblem('personId', 'exclusive', 'give either personId, or fullName and email — not both'),
        ]);
      const person = await manager.query(`SELECT id FROM person WHERE id = $1 AND active`, [dto.personId]);
      if (person.length === 0)
        throw unprocessable(
          [fieldProblem('personId', 'reference', 'names no active person of the directory')],
          undefined,
          'REFERENCE_NOT_FOUND',
        );
      return dto.personId;
    }
    const name = singleLine(dto.fullName ?? '');
    if (!name) throw unprocessable([fieldProblem('fullName', 'required', 'fullName must not be blank')]);
    const email = dto.email!.trim().toLowerCase();
    const [found] = await queryRows<{ id: string; active: boolean }>(
      manager,
      `SELECT id, active FROM person WHERE email = $1`,
      [email],
    );
    if (found && !found.active)
      throw unprocessable([
        fieldProblem('email', 'reference', 'this address belongs to someone no longer active in the directory'),
      ]);
    if (found) return found.id;
    const [created] = await queryRows<{ id: string }>(
      manager,
      `INSERT INTO person (full_name, email, language, search_key) VALUES ($1, $2, 'vi', $3) RETURNING id`,
      [nfc(name), email, foldVietnamese(name)],
    );
    return created.id;
  }

  /** Withdraws the invitation; if it was sent, that person alone gets a CANCEL. */
  async remove(principal: Principal, actor: Actor, conferenceId: string, invitationId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const invitation = await this.lockedInScope(manager, principal, conferenceId, invitationId);
      await manager.update(Invitation, { id: invitationId }, { withdrawnAt: this.clock.now() });
      await this.fanout.run(
        manager,
        conferenceId,
        { bridgePointIds: null, clusterIds: null, invitationId },
        'withdrawn',
      );
      await this.audit.record(manager, actor, {
        action: 'invitation.withdraw',
        entityType: 'invitation',
        entityId: invitationId,
        conferenceId,
        before: { personId: invitation.personId, siteId: invitation.bridgePointId ?? invitation.clusterId },
      });
    });
  }

  /**
   * Sends one delegate's invitation again (the mail was lost, or its answer link went to the wrong
   * person): every answer link of that invitation stops working, and the new mail carries a fresh one.
   */
  async resend(principal: Principal, actor: Actor, conferenceId: string, invitationId: string): Promise<SendResult> {
    return this.dataSource.transaction(async (manager) => {
      const invitation = await this.lockedInScope(manager, principal, conferenceId, invitationId);
      this.refuseUnusableMailSettings();
      if (invitation.sentSequence === null)
        throw conflict('NOT_SENT', 'This invitation was never sent; send it with POST …/invitations/send.');
      if (invitation.answer === 'delegated')
        throw conflict(
          'PASSED_ON',
          'This delegate passed the invitation on to a substitute; the substitute has their own.',
        );
      await this.links.revokeAllFor(manager, ANSWER_LINK, invitationId);
      const result = await this.fanout.resend(manager, invitationId);
      if (result.withoutEmail > 0)
        throw conflict('NO_EMAIL', 'The invited person has no e-mail address in the directory; add one first.');
      await this.audit.record(manager, actor, {
        action: 'invitation.resend',
        entityType: 'invitation',
        entityId: invitationId,
        conferenceId,
        after: { sequence: invitation.sentSequence },
      });
      return result;
    });
  }

  /** For a change to one invitation: the caller's scope, the conference locked, the live invitation within that scope (else 404). */
  private async lockedInScope(
    manager: EntityManager,
    principal: Principal,
    conferenceId: string,
    invitationId: string,
  ): Promise<Invitation> {
    const scope = await this.scopes.forChange(manager, principal, conferenceId);
    await lockConference(manager, conferenceId);
    const invitation = await manager.findOneBy(Invitation, { id: invitationId, conferenceId });
    if (!invitation || invitation.withdrawnAt) throw notFound('invitation', invitationId);
    await this.scopes
      .site(manager, scope, conferenceId, invitation.bridgePointId ?? invitation.clusterId!)
      .catch(() => {
        throw notFound('invitation', invitationId);
      });
    return invitation;
  }

  /**
   * Queues every invitation of the target not sent yet, and queues again the last invitation message
   * of those whose mail the relay did not take (failed, or skipped), in one transaction.
   */
  async send(principal: Principal, actor: Actor, conferenceId: string, dto: SiteTargetDto): Promise<SendResult> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.scopes.forChange(manager, principal, conferenceId);
      const conference = await lockConference(manager, conferenceId);
      this.refuseUnusableMailSettings();
      const target = await this.target(manager, scope, conferenceId, dto);
      // Whatever the target: a cluster has its own time, but a roundtable still in draft is not announced yet.
      if (conference.status !== 'scheduled' || !conference.startsAt) {
        throw conflict(
          'CONFERENCE_NOT_SCHEDULED',
          `The conference has no confirmed time (it is ${conference.status}); invitations are sent once it is scheduled.`,
          { currentStatus: conference.status },
        );
      }
      const first = await this.fanout.run(manager, conferenceId, target, 'initial');
      const requeued = await this.fanout.requeueUndelivered(manager, conferenceId, target);
      const result = { ...first, queued: first.queued + requeued };
      await this.audit.record(manager, actor, {
        action: 'invitation.send',
        entityType: 'conference',
        entityId: conferenceId,
        conferenceId,
        after: { ...dto, ...result, requeued },
      });
      return result;
    });
  }

  /** The sites a send reaches: one site (and optionally those below it), or all the caller may reach. */
  private async target(manager: EntityManager, scope: SiteScope, conferenceId: string, dto: SiteTargetDto) {
    if (!dto.siteId) {
      if (scope.kind === 'organizer') return { bridgePointIds: null, clusterIds: null };
      // A cluster's coordinator reaches that cluster only; a point's, the points below it.
      return {
        bridgePointIds: scope.siteIds.filter((id) => !scope.clusterIds.includes(id)),
        clusterIds: scope.clusterIds,
      };
    }
    const site = await this.scopes.site(manager, scope, conferenceId, dto.siteId);
    if (site.kind === 'cluster') return { bridgePointIds: [], clusterIds: [site.id] };
    return { bridgePointIds: dto.includeBelow ? await subtreeOf(manager, site.id) : [site.id], clusterIds: [] };
  }
}

/** Changes to one conference's invitations happen one at a time; finished conferences refuse them. */
export async function lockConference(manager: EntityManager, conferenceId: string): Promise<Conference> {
  const conference = await manager.findOne(Conference, {
    where: { id: conferenceId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!conference) throw notFound('conference', conferenceId);
  if (FINISHED_STATUSES.includes(conference.status)) {
    throw conflict(
      'CONFERENCE_FINISHED',
      `The conference is ${conference.status}; its invitations can no longer be changed.`,
      { currentStatus: conference.status },
    );
  }
  return conference;
}

export interface NewInvitation {
  conferenceId: string;
  site: Site;
  personId: string;
  source: InvitationSource;
  ruleId?: string | null;
  positionTitle?: string | null;
  substituteForId?: string | null;
}

/** A person is invited once per conference: a second invitation is 409 ALREADY_INVITED. */
export async function insertInvitation(
  manager: EntityManager,
  actor: Actor,
  input: NewInvitation,
): Promise<Invitation> {
  const existing = await manager.findOneBy(Invitation, {
    conferenceId: input.conferenceId,
    personId: input.personId,
    withdrawnAt: IsNull(),
  });
  if (existing) {
    throw conflict('ALREADY_INVITED', 'This person is already invited to the conference.', {
      invitationId: existing.id,
      siteId: existing.bridgePointId ?? existing.clusterId,
    });
  }
  const invitation = manager.create(Invitation, {
    conferenceId: input.conferenceId,
    bridgePointId: input.site.kind === 'bridge_point' ? input.site.id : null,
    clusterId: input.site.kind === 'cluster' ? input.site.id : null,
    personId: input.personId,
    ruleId: input.ruleId ?? null,
    source: input.source,
    positionTitle: input.positionTitle ?? null,
    substituteForId: input.substituteForId ?? null,
    addedByKind: actor.kind,
    addedById: actor.id,
    addedByLabel: actor.label,
  });
  await manager.insert(Invitation, invitation);
  return invitation;
}
