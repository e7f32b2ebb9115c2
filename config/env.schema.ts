import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { isIP } from 'node:net';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One proxy: an IP address, a CIDR range (`10.0.0.0/8`, `fd00::/8`) or one of Express's named ranges. */
export function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const IsProxyList = () =>
  ValidateBy({
    name: 'isProxyList',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        value
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean)
          .every(isProxyAddress),
      defaultMessage: () =>
        'TRUST_PROXY must be a comma-separated list of IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal)',
    },
  });

/**
 * Every environment variable Convene reads, with its rule. README.md lists the same
 * variables with their defaults; keep the two in step.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PUBLIC_URL?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  PG_DATA_DIR = '.data/postgres';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PG_PORT = 54329;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** How long a start waits for an unreachable DATABASE_URL (retrying with back-off) before giving up; 0: not at all. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  DATABASE_WAIT_SECONDS = 60;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  SMTP_POOL_SIZE = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  SMTP_SOCKET_TIMEOUT_MS = 60000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  MAIL_CATCHER_PORT = 1025;

  @IsString()
  @Matches(/^[^\r\n]+$/, { message: 'must be one line' })
  // A reserved name (RFC 6761) that the address check, nodemailer and the catcher all accept.
  MAIL_FROM = 'Convene <convene@convene.localhost>';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail({ require_tld: false })
  MAIL_ORGANIZER?: string;

  // Answers from calendar apps (src/replies): an SMTP listener for the organizer mailbox.
  /** Unset: no listener; 0 takes a free port. */
  @Transform((p) => toInt({ value: emptyToUndefined(p) }))
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  INBOUND_SMTP_PORT?: number;

  @IsString()
  @MinLength(1)
  INBOUND_SMTP_HOST = '0.0.0.0';

  /** Addresses that take replies besides MAIL_ORGANIZER (an alias, a former organizer mailbox). */
  @Matches(/^\s*([^\s,@]+@[^\s,@]+(\s*,\s*[^\s,@]+@[^\s,@]+)*)?\s*$/, {
    message: 'must be e-mail addresses separated by commas',
  })
  INBOUND_SMTP_ADDRESSES = '';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  INBOUND_SMTP_MAX_BYTES = 1024 * 1024;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(7 * 86400)
  SESSION_TTL_SECONDS = 8 * 3600;

  @IsEmail({ require_tld: false })
  ADMIN_EMAIL = 'admin@convene.local';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  ADMIN_PASSWORD?: string;

  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  DEMO_DATA?: boolean;

  @Transform(toBool)
  @IsBoolean()
  SCHEDULER_ENABLED = true;

  @IsString()
  CORS_ORIGINS = '';

  @IsProxyList()
  TRUST_PROXY = '';

  @IsString()
  @MinLength(1)
  STORAGE_DIR = '.data/files';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_LOGIN_PER_MINUTE = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_TOKENS_PER_MINUTE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_LINKS_PER_MINUTE = 120;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_UPLOADS_PER_MINUTE = 30;

  // The outbox and its dispatcher (src/outbox).
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  OUTBOX_BATCH_SIZE = 100;

  /** Sends in flight per instance; unset means twice SMTP_POOL_SIZE, so no pooled connection idles. */
  @Transform((p) => toInt({ value: emptyToUndefined(p) }))
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  OUTBOX_CONCURRENCY?: number;

  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(600000)
  OUTBOX_POLL_INTERVAL_MS = 1000;

  /** Renewed every quarter of itself while the instance lives: how soon a dead instance's claims are due again. */
  @Transform(toInt)
  @IsInt()
  @Min(5000)
  @Max(3600000)
  OUTBOX_LEASE_MS = 8000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  OUTBOX_MAX_ATTEMPTS = 10;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86400000)
  OUTBOX_RETRY_BASE_MS = 60000;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(604800000)
  OUTBOX_RETRY_MAX_MS = 3600000;

  /** 0 means no limit. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000000)
  OUTBOX_RATE_PER_MINUTE = 0;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600000)
  OUTBOX_SHUTDOWN_GRACE_MS = 10000;
}
