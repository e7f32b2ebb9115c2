import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { FieldProblem, fieldProblem, notFound, unprocessable } from '../common/problem';
import { nfc } from '../common/text';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { CompositionRule } from './composition-rule.entity';
import { CreateRuleDto, RuleListQuery, siteFromQuery, toRuleResponse, UpdateRuleDto } from './composition.dto';
import { COMPOSITION_PROBLEMS as P } from './composition.messages';
import { columnsOf, draftOf, draftProblems, RuleDraft, unitReferences } from './rule-draft';
import { assertFresh, IfMatch } from '../common/etag';

const SITE_TABLES = { bridge_point: 'bridge_point', cluster: 'cluster' } as const;

/** Writing and reading the rules: one transaction per command, each change in the audit log. */
@Injectable()
export class CompositionRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, actor: Actor, conferenceId: string, dto: CreateRuleDto): Promise<CompositionRule> {
    const draft: RuleDraft = {
      siteKind: dto.site.kind,
      siteId: dto.site.id,
      units: dto.units,
      roles: dto.roles,
      everyone: dto.everyone,
      delegate: dto.delegate,
    };
    return this.dataSource.transaction(async (manager) => {
      await this.access.lockForChange(manager, principal, conferenceId);
      await this.check(manager, conferenceId, draft);
      const site = {
        siteKind: draft.siteKind,
        bridgePointId: draft.siteKind === 'bridge_point' ? draft.siteId! : null,
        clusterId: draft.siteKind === 'cluster' ? draft.siteId! : null,
      };
      const rule = manager.create(CompositionRule, {
        conferenceId,
        ...site,
        ...columnsOf(draft),
        label: nfc(dto.label.trim()),
        maxPerUnit: dto.maxPerUnit ?? null,
        note: optional(dto.note),
        position: dto.position ?? (await this.nextPosition(manager, conferenceId, site)),
      });
      await manager.save(rule);
      await this.audit.record(manager, actor, {
        action: 'composition_rule.create',
        entityType: 'composition_rule',
        entityId: rule.id,
        conferenceId,
        after: toRuleResponse(rule),
      });
      return rule;
    });
  }

  async update(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    id: string,
    dto: UpdateRuleDto,
    ifMatch: IfMatch = null,
  ): Promise<CompositionRule> {
    return this.dataSource.transaction(async (manager) => {
      await this.access.lockForChange(manager, principal, conferenceId);
      const rule = await this.find(manager, conferenceId, id);
      assertFresh(ifMatch, rule.version, 'composition rule');
      const before = toRuleResponse(rule);
      const draft = mergeDraft(draftOf(rule), dto);
      await this.check(manager, conferenceId, draft);
      Object.assign(rule, columnsOf(draft));
      if (dto.label != null) rule.label = nfc(dto.label.trim());
      if (dto.maxPerUnit !== undefined) rule.maxPerUnit = dto.maxPerUnit ?? null;
      if (dto.position != null) rule.position = dto.position;
      if (dto.note !== undefined) rule.note = optional(dto.note);
      await manager.save(rule);
      await this.audit.record(manager, actor, {
        action: 'composition_rule.update',
        entityType: 'composition_rule',
        entityId: id,
        conferenceId,
        before,
        after: toRuleResponse(rule),
      });
      return rule;
    });
  }

  async remove(principal: Principal, actor: Actor, conferenceId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.access.lockForChange(manager, principal, conferenceId);
      const rule = await this.find(manager, conferenceId, id);
      await manager.delete(CompositionRule, { id });
      await this.audit.record(manager, actor, {
        action: 'composition_rule.remove',
        entityType: 'composition_rule',
        entityId: id,
        conferenceId,
        before: toRuleResponse(rule),
      });
    });
  }

  async get(principal: Principal, conferenceId: string, id: string): Promise<CompositionRule> {
    await this.access.assertCanRead(principal, conferenceId);
    return this.find(this.dataSource.manager, conferenceId, id);
  }

  /** The rules of the conference (or of one site), site by site, in position order. */
  async list(principal: Principal, conferenceId: string, query: RuleListQuery): Promise<CompositionRule[]> {
    await this.access.assertCanRead(principal, conferenceId);
    const site = siteFromQuery(query);
    const qb = this.dataSource
      .getRepository(CompositionRule)
      .createQueryBuilder('r')
      .where('r.conferenceId = :conferenceId', { conferenceId });
    if (site) qb.andWhere('r.siteKind = :kind', { kind: site.kind });
    if (site && site.kind !== 'conference')
      qb.andWhere('(r.bridgePointId = :siteId OR r.clusterId = :siteId)', { siteId: site.id });
    return qb
      .orderBy('r.siteKind')
      .addOrderBy('r.bridgePointId')
      .addOrderBy('r.clusterId')
      .addOrderBy('r.position')
      .addOrderBy('r.createdAt')
      .addOrderBy('r.id')
      .getMany();
  }

  /** Field rules first, then references: the site must be of this conference, units must exist and be active. */
  private async check(manager: EntityManager, conferenceId: string, draft: RuleDraft): Promise<void> {
    const shape = draftProblems(draft);
    if (shape.length > 0) throw unprocessable(shape);
    const problems: FieldProblem[] = [];
    if (draft.siteKind !== 'conference') {
      const [site] = await manager.query(
        `SELECT 1 FROM ${SITE_TABLES[draft.siteKind]} WHERE id = $1 AND conference_id = $2`,
        [draft.siteId, conferenceId],
      );
      if (!site) problems.push(fieldProblem('site.id', 'reference', P.siteReference(draft.siteKind)));
    }
    const refs = unitReferences(draft);
    const rows: { id: string; active: boolean }[] = refs.length
      ? await manager.query(`SELECT id, active FROM unit WHERE id = ANY($1::uuid[])`, [refs.map((r) => r.id)])
      : [];
    const units = new Map(rows.map((r) => [r.id, r.active]));
    for (const ref of refs) {
      const active = units.get(ref.id.toLowerCase());
      if (active === undefined) problems.push(fieldProblem(ref.field, 'reference', `${ref.field} ${P.unitReference}`));
      else if (!active) problems.push(fieldProblem(ref.field, 'inactiveUnit', `${ref.field} ${P.inactiveUnit}`));
    }
    if (problems.length > 0) throw unprocessable(problems, undefined, 'REFERENCE_NOT_FOUND');
  }

  private async nextPosition(
    manager: EntityManager,
    conferenceId: string,
    site: Pick<CompositionRule, 'siteKind' | 'bridgePointId' | 'clusterId'>,
  ): Promise<number> {
    const [{ next }] = await manager.query(
      `SELECT coalesce(max(position), 0) + 1 AS next FROM composition_rule
       WHERE conference_id = $1 AND site_kind = $2 AND bridge_point_id IS NOT DISTINCT FROM $3 AND cluster_id IS NOT DISTINCT FROM $4`,
      [conferenceId, site.siteKind, site.bridgePointId, site.clusterId],
    );
    return next;
  }

  private async find(manager: EntityManager, conferenceId: string, id: string): Promise<CompositionRule> {
    const rule = await manager.findOneBy(CompositionRule, { conferenceId, id });
    if (!rule) throw notFound('composition rule', id);
    return rule;
  }
}

/** The rule an update would make: `units`, `roles`/`everyone` and `delegate` are replaced whole when given. */
function mergeDraft(current: RuleDraft, dto: UpdateRuleDto): RuleDraft {
  const merged = { ...current };
  if (dto.units !== undefined) merged.units = dto.units;
  if (dto.roles !== undefined || dto.everyone !== undefined)
    Object.assign(merged, { roles: dto.roles, everyone: dto.everyone });
  if (dto.delegate !== undefined) merged.delegate = dto.delegate;
  return merged;
}

const optional = (text: string | null | undefined): string | null => (text?.trim() ? nfc(text.trim()) : null);
