import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigError, loadConfig, readEnvironment } from '../config/app-config';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { UsersService } from './auth/users.service';
import { EmbeddedPostgres, startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { waitForDatabase } from './database/wait-for-database';
import { listenWhileStarting } from './health/starting-server';
import { loadDemoData } from './demo/demo-data';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** What is running, so that a signal or a failed start stops it in order (and no PostgreSQL outlives us). */
const running: { app?: INestApplication; embedded?: EmbeddedPostgres; stopping?: boolean } = {};

async function shutdown(reason: string, code: number): Promise<never> {
  if (!running.stopping) {
    running.stopping = true;
    if (code === 0) say(`${reason} received: stopping…`);
    // In order: stop taking requests and finish jobs, then stop the database under them.
    await running.app?.close().catch((error) => say(`while closing: ${error}`));
    await running.embedded?.stop().catch((error) => say(`while stopping PostgreSQL: ${error}`));
    process.exit(code);
  }
  return new Promise<never>(() => undefined);
}

function readConfig(): AppConfig {
  try {
    return loadConfig(readEnvironment());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
}

async function bootstrap(): Promise<void> {
  const config = readConfig();
  // From here on, not only once listening: a signal during migrations or the demo data must stop the embedded PostgreSQL too.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal, 0));
  if (!config.database.url) {
    say(
      `Starting the embedded PostgreSQL (data in ${config.database.embeddedDataDir}, port ${config.database.embeddedPort})…`,
    );
    const embedded = await startEmbeddedPostgres({
      dataDir: config.database.embeddedDataDir,
      port: config.database.embeddedPort,
      persistent: true,
      callerHandlesSignals: true,
    });
    running.embedded = embedded;
    config.database.url = embedded.url;
    say(`Embedded PostgreSQL is up: DATABASE_URL=${embedded.url}`);
  }
  const starting = { state: 'waiting for PostgreSQL' };
  // An outside database may be down or still starting: hold the port meanwhile, answering "starting".
  const holding = running.embedded
    ? undefined
    : await listenWhileStarting(config.port, config.host, () => `Convene is starting: ${starting.state}`);
  if (!running.embedded) {
    await waitForDatabase(config.database.url, config.database.waitSeconds, (line) => {
      starting.state = line;
      say(line);
    });
  }
  starting.state = 'applying migrations';
  const applied = await runMigrations(config.database.url);
  if (applied.length > 0) say(`Applied migrations: ${applied.join(', ')}`);

  starting.state = 'loading its modules';
  const app = configureApp(await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true }), config);
  running.app = app;
  await holding?.close();
  await app.listen(config.port, config.host);
  const admin = await app.get(UsersService).ensureAdmin();
  if (config.demoData) {
    await loadDemoData(app);
    say(
      'Demo data loaded: the Quảng Nam and Cần Thơ directory and the conferences of seeds 000 and 001 (DEMO_DATA=false turns it off).',
    );
  }
  const url = config.publicUrl;

  say(`Convene is listening on ${url}  (API docs: ${url}/docs, health: ${url}/health)`);
  say(`Open the console in a browser: ${url}/`);
  if (admin.password) {
    say(`Log in as ${admin.email} with password ${admin.password} (also saved in ${admin.credentialsFile}):`);
  } else if (admin.credentialsFile) {
    say(`Log in as ${admin.email}; the password is in ${admin.credentialsFile}:`);
  } else if (admin.created) {
    say(`Log in as ${admin.email} with ADMIN_PASSWORD:`);
  }
  say(
    `  curl -s -X POST ${url}/auth/login -H 'content-type: application/json' -d '{"email":"${admin.email}","password":"…"}'`,
  );
  if (!config.mail.smtpUrl) say(`Mail goes to the built-in catcher: see ${url}/docs#/outbox (GET /outbox/messages).`);
}

bootstrap().catch((error) => {
  // A stop asked for while starting makes the start fail under it; that is no failure to report.
  if (running.stopping) return;
  process.stderr.write(`Convene could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  void shutdown('start-up failure', 1);
});
