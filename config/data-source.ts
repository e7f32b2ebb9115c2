import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig, readEnvironment } from './app-config';
import { typeormOptions } from './typeorm';

/**
 * The DataSource the TypeORM CLI uses (`npm run migration:generate -- migrations/Name`,
 * `npm run migration:run`). It needs DATABASE_URL: start the service once (embedded PostgreSQL
 * prints its URL) or point it at any PostgreSQL.
 */
const config = loadConfig(readEnvironment());
if (!config.database.url) {
  throw new Error('DATABASE_URL must be set for the migration CLI (npm start prints the embedded database URL).');
}

export default new DataSource({
  ...typeormOptions(config.database.url),
  entities: [path.join(__dirname, '..', 'src', '**', '*.entity.{ts,js}')],
});
