import * as path from 'node:path';
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { mainConstraint } from '../src/common/validation';
import { EnvironmentVariables } from './env.schema';

/** The validated configuration every part of Convene reads. Nothing else reads process.env. */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  logLevel: string;
  database: {
    /** Unset means: start the embedded PostgreSQL. */
    url?: string;
    embeddedDataDir: string;
    embeddedPort: number;
    poolSize: number;
    /** How long a start waits for an unreachable DATABASE_URL. */
    waitSeconds: number;
  };
  mail: {
    /** Unset means: start the built-in mail catcher and send to it. */
    smtpUrl?: string;
    poolSize: number;
    socketTimeoutMs: number;
    catcherPort: number;
    from: string;
    /** MAIL_FROM's address (between <> when it names the sender). */
    fromAddress: string;
    organizerAddress: string;
    /** Which variable the organizer mailbox comes from (MAIL_FROM's address unless MAIL_ORGANIZER is set). */
    organizerFrom: 'MAIL_FROM' | 'MAIL_ORGANIZER';
    /** The listener for calendar apps' answers (src/replies); null when INBOUND_SMTP_PORT is unset. */
    inbound: { port: number; host: string; addresses: string[]; maxBytes: number } | null;
  };
  auth: {
    jwtSecret?: string;
    accessTokenTtlSeconds: number;
    /** Lifetime of a console (cookie) session. */
    sessionTtlSeconds: number;
    adminEmail: string;
    adminPassword?: string;
  };
  demoData: boolean;
  schedulerEnabled: boolean;
  corsOrigins: string[];
  /** Addresses of the reverse proxies whose X-Forwarded-For is believed; empty: none (the socket's address counts). */
  trustProxy: string[];
  storageDir: string;
  uploadMaxBytes: number;
  /** Requests per minute per caller on the endpoints marked @RateLimited(name). */
  rateLimits: { login: number; tokens: number; links: number; uploads: number };
  /** The outbox dispatcher (src/outbox); README "Outbox" explains each setting. */
  outbox: {
    batchSize: number;
    concurrency: number;
    pollIntervalMs: number;
    leaseMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    retryMaxMs: number;
    /** Messages per minute over all instances; 0 means no limit. */
    ratePerMinute: number;
    shutdownGraceMs: number;
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function firstProblem(errors: ValidationError[]): string {
  const error = errors[0];
  const rule = mainConstraint(error.constraints)?.[1] ?? 'is invalid';
  // class-validator phrases rules as "<NAME> must …"; keep the variable name first.
  const text = rule.startsWith(error.property) ? rule : `${error.property} ${rule}`;
  return `${text} (got ${JSON.stringify(error.value)})`;
}

function addressOf(from: string): string {
  const match = /<([^>]+)>/.exec(from);
  return (match ? match[1] : from).trim();
}

/**
 * Validates the environment and builds the configuration. Throws ConfigError with one
 * line naming the first bad variable and its rule.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, { ...env });
  const errors = validateSync(vars, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(`Invalid configuration: ${firstProblem(errors)}`);

  checkOutbox(vars);
  const fromAddress = addressOf(vars.MAIL_FROM);
  const resolve = (p: string) => (path.isAbsolute(p) ? p : path.resolve(cwd, p));
  return {
    env: vars.NODE_ENV as AppConfig['env'],
    port: vars.PORT,
    host: vars.HOST,
    publicUrl: (vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/+$/, ''),
    logLevel: vars.LOG_LEVEL,
    database: {
      url: vars.DATABASE_URL,
      embeddedDataDir: resolve(vars.PG_DATA_DIR),
      embeddedPort: vars.PG_PORT,
      poolSize: vars.DATABASE_POOL_SIZE,
      waitSeconds: vars.DATABASE_WAIT_SECONDS,
    },
    mail: {
      smtpUrl: vars.SMTP_URL,
      poolSize: vars.SMTP_POOL_SIZE,
      socketTimeoutMs: vars.SMTP_SOCKET_TIMEOUT_MS,
      catcherPort: vars.MAIL_CATCHER_PORT,
      from: vars.MAIL_FROM,
      fromAddress,
      organizerAddress: vars.MAIL_ORGANIZER ?? fromAddress,
      organizerFrom: vars.MAIL_ORGANIZER ? 'MAIL_ORGANIZER' : 'MAIL_FROM',
      inbound:
        vars.INBOUND_SMTP_PORT === undefined
          ? null
          : {
              port: vars.INBOUND_SMTP_PORT,
              host: vars.INBOUND_SMTP_HOST,
              addresses: [
                ...new Set(
                  [vars.MAIL_ORGANIZER ?? fromAddress, ...vars.INBOUND_SMTP_ADDRESSES.split(',')]
                    .map((a) => a.trim().toLowerCase())
                    .filter(Boolean),
                ),
              ],
              maxBytes: vars.INBOUND_SMTP_MAX_BYTES,
            },
    },
    auth: {
      jwtSecret: vars.JWT_SECRET,
      accessTokenTtlSeconds: vars.ACCESS_TOKEN_TTL_SECONDS,
      sessionTtlSeconds: vars.SESSION_TTL_SECONDS,
      adminEmail: vars.ADMIN_EMAIL.toLowerCase(),
      adminPassword: vars.ADMIN_PASSWORD,
    },
    // Demo data is on by default only for the all-embedded local trial.
    demoData: vars.DEMO_DATA ?? !vars.DATABASE_URL,
    schedulerEnabled: vars.SCHEDULER_ENABLED,
    corsOrigins: vars.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: vars.TRUST_PROXY.split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    storageDir: resolve(vars.STORAGE_DIR),
    uploadMaxBytes: vars.UPLOAD_MAX_BYTES,
    rateLimits: {
      login: vars.RATE_LIMIT_LOGIN_PER_MINUTE,
      tokens: vars.RATE_LIMIT_TOKENS_PER_MINUTE,
      links: vars.RATE_LIMIT_LINKS_PER_MINUTE,
      uploads: vars.RATE_LIMIT_UPLOADS_PER_MINUTE,
    },
    outbox: {
      batchSize: vars.OUTBOX_BATCH_SIZE,
      concurrency: vars.OUTBOX_CONCURRENCY ?? 2 * vars.SMTP_POOL_SIZE,
      pollIntervalMs: vars.OUTBOX_POLL_INTERVAL_MS,
      leaseMs: vars.OUTBOX_LEASE_MS,
      maxAttempts: vars.OUTBOX_MAX_ATTEMPTS,
      retryBaseMs: vars.OUTBOX_RETRY_BASE_MS,
      retryMaxMs: vars.OUTBOX_RETRY_MAX_MS,
      ratePerMinute: vars.OUTBOX_RATE_PER_MINUTE,
      shutdownGraceMs: vars.OUTBOX_SHUTDOWN_GRACE_MS,
    },
  };
}

/**
 * Rules between outbox variables. (The lease needs none with SMTP_SOCKET_TIMEOUT_MS: it is renewed
 * while the instance lives, and a send is cut off when renewals stop — see src/outbox/held-leases.ts.)
 */
function checkOutbox(vars: EnvironmentVariables): void {
  if (vars.OUTBOX_RETRY_MAX_MS < vars.OUTBOX_RETRY_BASE_MS) {
    throw new ConfigError(
      `Invalid configuration: OUTBOX_RETRY_MAX_MS must be at least OUTBOX_RETRY_BASE_MS = ${vars.OUTBOX_RETRY_BASE_MS} (got ${vars.OUTBOX_RETRY_MAX_MS})`,
    );
  }
}

/** Reads `.env` (if present) under the real environment, which wins. */
export function readEnvironment(cwd = process.cwd()): Record<string, string | undefined> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dotenv = require('dotenv') as typeof import('dotenv');
  const fromFile = dotenv.config({ path: path.join(cwd, '.env'), processEnv: {}, quiet: true }).parsed ?? {};
  return { ...fromFile, ...process.env };
}
