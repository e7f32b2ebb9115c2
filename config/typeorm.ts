import * as path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Compiled or not, migrations sit in ../migrations beside this folder. */
export const MIGRATIONS_GLOB = path.join(__dirname, '..', 'migrations', '*.{ts,js}');

/** Options shared by the service, the migration CLI and the tests. Never `synchronize`. */
export function typeormOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: poolSize, application_name: 'convene' },
    // Instants are timestamptz; reading them back must not depend on the machine's zone.
    useUTC: true,
  };
}
