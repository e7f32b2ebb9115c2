import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { loadConfig, readEnvironment } from '../config/app-config';
import { hashPassword } from './auth/passwords';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';

const USAGE =
  'usage: npm run admin:create -- --email <e-mail> --password <at least 10 characters> [--name <display name>]';

/**
 * `create-admin`: creates an administrator, or makes an existing user one with a new password.
 * Uses DATABASE_URL, or the embedded PostgreSQL when it is unset (stop the service first).
 */
async function createAdmin(argv: string[]): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  });
  const email = values.email?.trim().toLowerCase();
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error(`--email must be an e-mail address\n${USAGE}`);
  if (!values.password || values.password.length < 10)
    throw new Error(`--password must be at least 10 characters\n${USAGE}`);
  const config = loadConfig(readEnvironment());
  const embedded = config.database.url
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: config.database.embeddedDataDir,
        port: config.database.embeddedPort,
        persistent: true,
      });
  const url = config.database.url ?? embedded!.url;
  try {
    await runMigrations(url);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      // A new password ends the tokens issued before it, as it does through PATCH /users/:id.
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO app_user (email, display_name, password_hash, role) VALUES ($1, $2, $3, 'admin')
         ON CONFLICT (email) DO UPDATE SET role = 'admin', active = true, password_hash = EXCLUDED.password_hash,
           failed_logins = 0, locked_until = NULL, token_version = app_user.token_version + 1, updated_at = now()
         RETURNING id`,
        [email, values.name ?? 'Administrator', await hashPassword(values.password)],
      );
      await client.query(`UPDATE api_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
        rows[0].id,
      ]);
      await client.query(`UPDATE browser_session SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL`, [
        rows[0].id,
      ]);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  } finally {
    await embedded?.stop();
  }
  return `${email} is an administrator; log in at POST /auth/login.`;
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'create-admin') throw new Error(USAGE);
  process.stdout.write(`${await createAdmin(rest)}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
