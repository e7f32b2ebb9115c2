import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgendaTemplateService } from '../agendas/agenda-template.service';
import type { Actor, UserPrincipal } from '../identity/principal';
import { BridgePointsBulkService } from '../bridge-points/bridge-points-bulk.service';
import { BridgePointsService } from '../bridge-points/bridge-points.service';
import { ClustersService } from '../clusters/clusters.service';
import { ConferencesService } from '../conferences/conferences.service';
import { SEED_000_UNIT_CODES, seed000Conference, seed000DistrictPoints, seed000HostPoint } from './seed-000';
import { SEED_001_UNIT_CODES, seed001Clusters, seed001Conference, seed001Template } from './seed-001';

const DEMO_ACTOR: Actor = { kind: 'system', id: null, label: 'demo data' };

export interface DemoLoadResult {
  created: string[];
  skipped: string[];
}

/**
 * Loads seeds 000 and 001 as real records, through the services (so every rule, history entry,
 * event and audit entry applies). Idempotent: a seed whose conference exists (same plan reference
 * and title) is skipped. Needs the directory demo (units by external code) and an administrator,
 * who becomes the owner.
 */
@Injectable()
export class ConferenceDemoLoader {
  private readonly logger = new Logger(ConferenceDemoLoader.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conferences: ConferencesService,
    private readonly points: BridgePointsService,
    private readonly bulk: BridgePointsBulkService,
    private readonly clusters: ClustersService,
    private readonly templates: AgendaTemplateService,
  ) {}

  async load(): Promise<DemoLoadResult> {
    const owner = await this.owner();
    const units = await this.units([...SEED_000_UNIT_CODES, ...SEED_001_UNIT_CODES]);
    const result: DemoLoadResult = { created: [], skipped: [] };
    const seed000 = seed000Conference(units, await this.headOf(units.QNA));
    if (await this.exists(seed000.plan!.reference!, seed000.title)) result.skipped.push('000');
    else {
      const conference = await this.conferences.create(owner, DEMO_ACTOR, seed000);
      await this.points.create(owner, DEMO_ACTOR, conference.id, seed000HostPoint(units));
      await this.bulk.createFromDirectory(owner, DEMO_ACTOR, conference.id, seed000DistrictPoints(units));
      result.created.push('000');
    }
    const seed001 = seed001Conference(units);
    if (await this.exists(seed001.plan!.reference!, seed001.title)) result.skipped.push('001');
    else {
      const conference = await this.conferences.create(owner, DEMO_ACTOR, seed001);
      await this.templates.put(owner, DEMO_ACTOR, conference.id, { slots: seed001Template(units) });
      for (const cluster of seed001Clusters(units))
        await this.clusters.create(owner, DEMO_ACTOR, conference.id, cluster);
      result.created.push('001');
    }
    this.logger.log(
      `Demo conferences: created ${result.created.join(', ') || 'none'}; already there ${result.skipped.join(', ') || 'none'}`,
    );
    return result;
  }

  private async owner(): Promise<UserPrincipal> {
    const [admin] = await this.dataSource.query(
      `SELECT id, email FROM app_user WHERE role = 'admin' AND active ORDER BY created_at LIMIT 1`,
    );
    if (!admin) throw new Error('The demo conferences need an administrator to own them; create one first.');
    return { kind: 'user', userId: admin.id, email: admin.email, role: 'admin' };
  }

  private async units(codes: string[]): Promise<Record<string, string>> {
    const rows: { id: string; external_code: string }[] = await this.dataSource.query(
      `SELECT id, external_code FROM unit WHERE external_code = ANY($1)`,
      [codes],
    );
    const units = Object.fromEntries(rows.map((r) => [r.external_code, r.id]));
    const missing = codes.filter((c) => !units[c]);
    if (missing.length > 0)
      throw new Error(`The demo conferences need the directory demo first; missing units: ${missing.join(', ')}`);
    return units;
  }

  /** The current head (Chủ tịch) of the provincial committee, when the directory knows them. */
  private async headOf(unitId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT person_id FROM person_position WHERE unit_id = $1 AND role = 'head' AND ended_on IS NULL ORDER BY started_on DESC NULLS LAST LIMIT 1`,
      [unitId],
    );
    return row?.person_id ?? null;
  }

  private async exists(reference: string, title: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM conference WHERE plan_reference = $1 AND title = $2 LIMIT 1`,
      [reference, title],
    );
    return rows.length > 0;
  }
}
