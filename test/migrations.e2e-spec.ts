import { Client } from 'pg';
import { revertAllMigrations, runMigrations } from '../src/database/migrate';
import { createTestDatabase, TestDatabase } from './support/database';

async function tables(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    return rows.map((r: { table_name: string }) => r.table_name);
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ template: false });
  });
  afterAll(() => db.drop());

  it('apply on an empty database, revert completely, and apply again', async () => {
    const applied = await runMigrations(db.url);
    expect(applied.length).toBeGreaterThan(0);
    const schema = await tables(db.url);
    expect(schema).toEqual(expect.arrayContaining(['app_user', 'api_token', 'audit_entry', 'migrations']));

    const reverted = await revertAllMigrations(db.url);
    expect(reverted).toBe(applied.length);
    expect(await tables(db.url)).toEqual(['migrations']);

    expect(await runMigrations(db.url)).toEqual(applied);
    expect(await tables(db.url)).toEqual(schema);
  });

  it('does nothing the second time, even when several instances migrate at once', async () => {
    const results = await Promise.all([runMigrations(db.url), runMigrations(db.url), runMigrations(db.url)]);
    expect(results).toEqual([[], [], []]);
  });
});
