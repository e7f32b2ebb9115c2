import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.CONVENE_TEST_PG_ADMIN_URL;
  if (!url) throw new Error('The test PostgreSQL is not running: run the tests through jest (npm test).');
  return url;
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one test file: a copy of the migrated template (`template: false` gives an
 * empty one, for the migration tests).
 */
export async function createTestDatabase(options: { template?: boolean } = {}): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const template = options.template === false ? 'template0' : 'convene_template';
  await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = adminUrl().replace(/\/postgres$/, `/${name}`);
  return {
    url,
    name,
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
