import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../../config/app-config';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { UsersService } from '../../src/auth/users.service';
import { Clock } from '../../src/common/clock';
import { createTestDatabase, TestDatabase } from './database';
import { FakeClock } from './fake-clock';
import { SmtpSink } from './smtp-sink';

export const ADMIN_EMAIL = 'admin@convene.test';
export const ADMIN_PASSWORD = 'admin-password-for-tests';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  db: TestDatabase;
  dataSource: DataSource;
  clock: FakeClock;
  sink: SmtpSink;
  /** supertest bound to the app, e.g. `t.http().get('/health')`. */
  http(): ReturnType<typeof request>;
  /** A bearer token for the administrator. */
  adminToken(): Promise<string>;
  /** Creates a user with this role and answers a bearer token for them. */
  userToken(role: 'admin' | 'organizer' | 'observer', email?: string): Promise<{ token: string; userId: string }>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: FakeClock;
  sink?: SmtpSink;
  /** Share another app's database (a second instance); it is then not dropped on close. */
  database?: TestDatabase;
  /** Variables the helper would set, left unset so the shipped default applies (e.g. MAIL_FROM, SMTP_URL). */
  unset?: string[];
}

let userCounter = 0;

/**
 * The real application on a fresh database, sending to a real SMTP sink, with a clock the test
 * controls. The scheduler does not tick unless SCHEDULER_ENABLED=true is passed in `env`.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.database ?? (await createTestDatabase());
  const sink = options.sink ?? (await SmtpSink.start());
  const clock = options.clock ?? new FakeClock();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    SMTP_URL: sink.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SCHEDULER_ENABLED: 'false',
    DEMO_DATA: 'false',
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    DATABASE_POOL_SIZE: '5',
    STORAGE_DIR: path.join(process.env.CONVENE_TEST_TMP ?? os.tmpdir(), db.name, 'files'),
    PUBLIC_URL: 'http://convene.test',
    MAIL_FROM: 'Convene <convene@convene.test>',
    // Suites log in far more often than people do; the rate-limit spec sets its own limits.
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    RATE_LIMIT_TOKENS_PER_MINUTE: '100000',
    RATE_LIMIT_LINKS_PER_MINUTE: '100000',
    RATE_LIMIT_UPLOADS_PER_MINUTE: '100000',
    // Suites play the proxy and name the client in X-Forwarded-For; the default (no proxy) is in security.
    TRUST_PROXY: 'loopback',
    ...options.env,
  };
  for (const name of options.unset ?? []) delete env[name];
  const config = loadConfig(env);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = configureApp(moduleRef.createNestApplication({ bufferLogs: true }), config);
  await app.init();
  const users = app.get(UsersService);
  await users.ensureAdmin();
  const http = () => request(app.getHttpServer());
  const login = async (email: string, password: string) => {
    const res = await http().post('/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  };
  return {
    app,
    config,
    db,
    dataSource: app.get(DataSource),
    clock,
    sink,
    http,
    adminToken: () => login(ADMIN_EMAIL, ADMIN_PASSWORD),
    async userToken(role, email) {
      userCounter += 1;
      const address = email ?? `${role}${userCounter}.${process.pid}@convene.test`;
      const adminToken = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
      const created = await http()
        .post('/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ email: address, displayName: `Test ${role}`, password: 'password-for-tests', role });
      if (created.status !== 201) throw new Error(`could not create ${address}: ${JSON.stringify(created.body)}`);
      return { token: await login(address, 'password-for-tests'), userId: created.body.id as string };
    },
    async close() {
      await app.close();
      if (!options.sink) await sink.stop();
      if (!options.database) await db.drop();
    },
  };
}
