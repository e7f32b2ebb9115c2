/**
 * Hostile body shapes (issue 13, items 3 and 4): `npm run bench -- body-shape [keys=100000]`.
 * Before: the global ValidationPipe given the parsed bodies directly (what every request did before
 * the shape limits): a body nested 20,000 deep, and one with `keys` unknown keys. After: the real
 * service on an embedded PostgreSQL, over HTTP: the same bodies and a 2 MB one refused, and /health
 * answered while four 2 MB hostile bodies are in flight. Prints each figure on its own line.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../config/app-config';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { LoginDto } from '../../src/auth/auth.dto';
import { scanJsonShape } from '../../src/common/body-shape';
import { createValidationPipe } from '../../src/common/validation';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migrate';
import { freePort } from '../support/free-port';
import { SmtpSink } from '../support/smtp-sink';

const arg = (name: string, fallback: number) => {
  const found = process.argv.find((a) => a.startsWith(`${name}=`));
  return found ? Number(found.slice(name.length + 1)) : fallback;
};
const KEYS = arg('keys', 100_000);

const figure = (name: string, value: number | string, unit = '') =>
  process.stdout.write(`${name}: ${value}${unit ? ` ${unit}` : ''}\n`);
const ms = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const manyKeys = (keys: number) => {
  const parts = ['"email":"a@b.test"', '"password":"x"'];
  for (let i = 0; i < keys; i += 1) parts.push(`"key${String(i).padStart(9, '0')}":0`);
  return `{${parts.join(',')}}`;
};

async function before(): Promise<void> {
  const pipe = createValidationPipe();
  const metadata = { type: 'body' as const, metatype: LoginDto, data: '' };
  for (const [label, body] of [
    ['depth 20,000', nested(20_000)],
    [`${KEYS.toLocaleString('en')} unknown keys`, manyKeys(KEYS)],
  ] as const) {
    const started = process.hrtime.bigint();
    const parsed: unknown = JSON.parse(body);
    const outcome = await pipe.transform(parsed, metadata).then(
      () => 'accepted',
      (error: Error) => (error instanceof RangeError ? `RangeError (${error.message})` : `refused (${error.name})`),
    );
    figure(
      `before: ${label} (${(body.length / 1e6).toFixed(2)} MB) through the validation pipe`,
      ms(started).toFixed(1),
      `ms, ${outcome}`,
    );
  }
}

function post(port: number, body: string): Promise<{ status: number; ms: number; afterSent: number }> {
  const started = process.hrtime.bigint();
  let sent = started;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/auth/login',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: ms(started),
            afterSent: Number(process.hrtime.bigint() - sent) / 1e6,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body, () => (sent = process.hrtime.bigint()));
  });
}

function health(port: number): Promise<{ status: number; ms: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: ms(started) }));
      })
      .on('error', reject);
  });
}

async function after(): Promise<void> {
  const hostile = manyKeys(120_000);
  const bytes = Buffer.from(hostile);
  let started = process.hrtime.bigint();
  const problem = scanJsonShape(bytes);
  figure(
    `after: the scan of ${(bytes.length / 1e6).toFixed(2)} MB with 120,000 keys, in process`,
    ms(started).toFixed(3),
    `ms, ${problem?.rule}`,
  );
  const plain = Buffer.from(JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(2_000_000) }));
  started = process.hrtime.bigint();
  scanJsonShape(plain);
  figure(
    `after: the scan of ${(plain.length / 1e6).toFixed(2)} MB that passes (one long string), in process`,
    ms(started).toFixed(1),
    'ms',
  );

  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'convene-bench-body-'));
  await fs.chmod(root, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(root, 'pg'), port: await freePort(), persistent: false });
  const sink = await SmtpSink.start();
  let app: INestApplication | undefined;
  try {
    await runMigrations(pg.url);
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: pg.url,
      SMTP_URL: sink.url,
      LOG_LEVEL: 'silent',
      SCHEDULER_ENABLED: 'false',
      DEMO_DATA: 'false',
      MAIL_FROM: 'Convene <convene@bench.gov.vn>',
      PUBLIC_URL: 'https://convene.bench.gov.vn',
      STORAGE_DIR: path.join(root, 'files'),
      RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    });
    app = configureApp(await NestFactory.create(AppModule.forRoot(config), { logger: false }), config);
    await app.listen(0, '127.0.0.1');
    const port = ((app.getHttpServer() as http.Server).address() as AddressInfo).port;
    await health(port);
    const idle = await health(port);
    figure(
      'after: GET /health with nothing else in flight (the baseline on this machine)',
      idle.ms.toFixed(1),
      `ms, ${idle.status}`,
    );
    for (const [label, body] of [
      ['depth 20,000', nested(20_000)],
      [`${KEYS.toLocaleString('en')} unknown keys`, manyKeys(KEYS)],
      ['120,000 unknown keys', hostile],
    ] as const) {
      const res = await post(port, body);
      figure(
        `after: ${label} (${(body.length / 1e6).toFixed(2)} MB) on POST /auth/login`,
        res.ms.toFixed(1),
        `ms in all, ${res.afterSent.toFixed(1)} ms after the last byte was sent, ${res.status}`,
      );
    }
    const four = Array.from({ length: 4 }, () => post(port, hostile));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const during = await health(port);
    const answers = await Promise.all(four);
    figure(
      'after: four 2 MB hostile bodies at once',
      answers.map((a) => `${a.status} in ${a.ms.toFixed(1)} ms`).join(', '),
    );
    figure('after: GET /health meanwhile', during.ms.toFixed(1), `ms, ${during.status}`);
    figure(
      'machine',
      `${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await app?.close();
    await sink.stop();
    await pg.stop();
    await fs.rm(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  await before();
  await after();
}

main().catch((error) => {
  process.stderr.write(`body-shape bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
