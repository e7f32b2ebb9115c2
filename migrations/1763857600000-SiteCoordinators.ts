import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Site coordinators with accounts: an account assigned to one or more sites (bridge points or
 * clusters) of a conference, reaching those sites and the points nested under them, as a
 * coordinator link does. One row per (account, site); exactly one of the two site columns is set.
 * The rows go with their site, their conference and their account.
 */
export class SiteCoordinators1763857600000 implements MigrationInterface {
  name = 'SiteCoordinators1763857600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE site_coordinator (
        conference_id uuid NOT NULL CONSTRAINT fk_site_coordinator_conference REFERENCES conference(id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT fk_site_coordinator_user REFERENCES app_user(id) ON DELETE CASCADE,
        bridge_point_id uuid CONSTRAINT fk_site_coordinator_bridge_point REFERENCES bridge_point(id) ON DELETE CASCADE,
        cluster_id uuid CONSTRAINT fk_site_coordinator_cluster REFERENCES cluster(id) ON DELETE CASCADE,
        added_at timestamptz NOT NULL DEFAULT now(),
        added_by uuid,
        CONSTRAINT ck_site_coordinator_one_site CHECK ((bridge_point_id IS NULL) <> (cluster_id IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_site_coordinator_site ON site_coordinator (user_id, (coalesce(bridge_point_id, cluster_id)))`,
    );
    await q.query(`CREATE INDEX ix_site_coordinator_conference ON site_coordinator (conference_id, user_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE site_coordinator`);
  }
}
