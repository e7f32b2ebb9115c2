import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';

export const SIGNING_KEY = Symbol('SIGNING_KEY');

/**
 * The JWT signing key: JWT_SECRET when configured, otherwise one generated on the first start and
 * kept in the database, so every instance signs and verifies with the same key.
 */
export async function loadSigningKey(config: AppConfig, dataSource: DataSource): Promise<string> {
  if (config.auth.jwtSecret) return config.auth.jwtSecret;
  await dataSource.query(
    `INSERT INTO system_setting (key, value) VALUES ('jwt_secret', $1) ON CONFLICT (key) DO NOTHING`,
    [randomBytes(48).toString('base64url')],
  );
  const rows: { value: string }[] = await dataSource.query(`SELECT value FROM system_setting WHERE key = 'jwt_secret'`);
  return rows[0].value;
}
