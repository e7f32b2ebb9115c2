import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { FieldProblem, fieldProblem, unprocessable } from '../common/problem';
import { queryRows } from '../common/sql';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { CopyRulesDto, CopyRulesResult, SiteDto } from './composition.dto';
import { COMPOSITION_PROBLEMS as P } from './composition.messages';
import { siteKey, SiteRef } from './composition.types';

interface Target {
  kind: 'conference' | 'bridge_point' | 'cluster';
  bridgePointId: string | null;
  clusterId: string | null;
}

/**
 * Copies the rules of one site to others in one statement: the district composition of a plan is
 * written once and given to every district point ("tại điểm cầu các huyện, thị xã, thành phố").
 */
@Injectable()
export class CompositionCopyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
    private readonly audit: AuditService,
  ) {}

  async copy(principal: Principal, actor: Actor, conferenceId: string, dto: CopyRulesDto): Promise<CopyRulesResult> {
    const shape = [siteProblems('from', dto.from), ...dto.to.map((t, i) => siteProblems(`to[${i}]`, t))].flat();
    if (shape.length > 0) throw unprocessable(shape);
    const from = siteRef(dto.from);
    const targets = dto.to.map(siteRef);
    return this.dataSource.transaction(async (manager) => {
      await this.access.lockForChange(manager, principal, conferenceId);
      const modes = await this.sourceModes(manager, conferenceId, from);
      await this.checkTargets(manager, conferenceId, from, targets, modes);
      const rows = targets.map(toTarget);
      const created = await queryRows<{ id: string }>(
        manager,
        `WITH target AS (
           SELECT * FROM unnest($3::text[], $4::uuid[], $5::uuid[]) WITH ORDINALITY AS t(kind, bridge_point_id, cluster_id, n)),
         source AS (
           SELECT r.*, row_number() OVER (ORDER BY r.position, r.created_at, r.id) AS k FROM composition_rule r
           WHERE r.conference_id = $1 AND ${SITE_MATCH('r', '$2')})
         INSERT INTO composition_rule (conference_id, site_kind, bridge_point_id, cluster_id, position, label, unit_kinds, unit_ids,
           children_of_unit_id, within_unit_id, roles, max_per_unit, delegate_mode, delegate_unit_id, note)
         SELECT $1, t.kind, t.bridge_point_id, t.cluster_id,
                coalesce((SELECT max(e.position) FROM composition_rule e WHERE e.conference_id = $1 AND e.site_kind = t.kind
                  AND e.bridge_point_id IS NOT DISTINCT FROM t.bridge_point_id AND e.cluster_id IS NOT DISTINCT FROM t.cluster_id), 0) + s.k,
                s.label, s.unit_kinds, s.unit_ids, s.children_of_unit_id, s.within_unit_id, s.roles, s.max_per_unit, s.delegate_mode, s.delegate_unit_id, s.note
         FROM target t CROSS JOIN source s ORDER BY t.n, s.k
         RETURNING id`,
        [
          conferenceId,
          siteKey(from),
          rows.map((r) => r.kind),
          rows.map((r) => r.bridgePointId),
          rows.map((r) => r.clusterId),
        ],
      );
      const result = {
        from: siteKey(from),
        sites: targets.length,
        rulesPerSite: modes.length,
        created: created.length,
      };
      await this.audit.record(manager, actor, {
        action: 'composition_rule.copy',
        entityType: 'composition_rule',
        conferenceId,
        after: { ...result, to: targets.map((t) => siteKey(t)) },
      });
      return result;
    });
  }

  /** The delegate modes of the source's rules, one per rule; a source without rules is refused. */
  private async sourceModes(manager: EntityManager, conferenceId: string, from: SiteRef): Promise<(string | null)[]> {
    const rows = await queryRows<{ mode: string | null }>(
      manager,
      `SELECT r.delegate_mode AS mode FROM composition_rule r WHERE r.conference_id = $1 AND ${SITE_MATCH('r', '$2')}`,
      [conferenceId, siteKey(from)],
    );
    if (rows.length === 0) throw unprocessable([fieldProblem('from', 'noRules', P.copyNoRules)]);
    return rows.map((r) => r.mode);
  }

  private async checkTargets(
    manager: EntityManager,
    conferenceId: string,
    from: SiteRef,
    targets: SiteRef[],
    modes: (string | null)[],
  ): Promise<void> {
    const ids = targets.flatMap((t) => (t.kind === 'conference' ? [] : [t.id]));
    const known = new Set(
      (
        await queryRows<{ id: string }>(
          manager,
          `SELECT id FROM bridge_point WHERE conference_id = $1 AND id = ANY($2::uuid[]) UNION ALL SELECT id FROM cluster WHERE conference_id = $1 AND id = ANY($2::uuid[])`,
          [conferenceId, ids],
        )
      ).map((r) => r.id),
    );
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    targets.forEach((t, i) => {
      const key = siteKey(t);
      if (t.kind !== 'conference' && !known.has(t.id.toLowerCase()))
        problems.push(fieldProblem(`to[${i}].id`, 'reference', P.siteReference(t.kind)));
      else if (key === siteKey(from)) problems.push(fieldProblem(`to[${i}]`, 'sameSite', P.copySameSite));
      else if (seen.has(key)) problems.push(fieldProblem(`to[${i}]`, 'duplicate', P.copyDuplicate));
      else if (t.kind !== 'cluster' && modes.includes('site_units'))
        problems.push(fieldProblem(`to[${i}].kind`, 'clusterOnly', P.clusterOnly));
      else if (t.kind === 'conference' && modes.includes('site_host'))
        problems.push(fieldProblem(`to[${i}].kind`, 'siteHasNoHost', P.siteHasNoHost));
      seen.add(key);
    });
    if (problems.length > 0)
      throw unprocessable(
        problems,
        undefined,
        problems.some((p) => p.rule === 'reference') ? 'REFERENCE_NOT_FOUND' : 'VALIDATION_FAILED',
      );
  }
}

/** The rules of the site a `siteKey` names, in SQL. */
const SITE_MATCH = (alias: string, key: string) =>
  `(CASE ${alias}.site_kind WHEN 'conference' THEN 'conference' WHEN 'bridge_point' THEN 'bridge_point:' || ${alias}.bridge_point_id ELSE 'cluster:' || ${alias}.cluster_id END) = ${key}`;

function siteProblems(field: string, site: SiteDto): FieldProblem[] {
  if (site.kind === 'conference' && site.id) return [fieldProblem(`${field}.id`, 'forbidden', P.siteIdForbidden)];
  if (site.kind !== 'conference' && !site.id) return [fieldProblem(`${field}.id`, 'required', P.siteIdRequired)];
  return [];
}

const siteRef = (site: SiteDto): SiteRef =>
  site.kind === 'conference' ? { kind: 'conference' } : { kind: site.kind, id: site.id!.toLowerCase() };

const toTarget = (t: SiteRef): Target => ({
  kind: t.kind,
  bridgePointId: t.kind === 'bridge_point' ? t.id : null,
  clusterId: t.kind === 'cluster' ? t.id : null,
});
