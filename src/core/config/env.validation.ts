import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  validateSync,
  ValidationArguments,
  registerDecorator,
} from 'class-validator';
import { normaliseTrustedProxy } from '../http/client-address';
import { normaliseAllowedHost } from '../http/outbound/destination-policy';
import { parseDnsServer } from '../http/outbound/dns-servers';
import { HubMode, TRIAL_SHARED_BUFFERS } from './hub-mode';
import { readMasterKey } from './master-key';
import { tokenWeakness } from './token-strength';

function IsMasterKey(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isMasterKey',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => readMasterKey(String(value), String(propertyName)).ok,
        defaultMessage: (args?: ValidationArguments) => {
          const reading = readMasterKey(String(args?.value), String(propertyName));
          return reading.ok ? '' : reading.problem;
        },
      },
    });
}

function isProduction(args?: ValidationArguments): boolean {
  return (args?.object as { NODE_ENV?: string } | undefined)?.NODE_ENV === 'production';
}

/** Under NODE_ENV=production, a credential of the operator's must be strong (core/config/token-strength.ts). */
function IsStrongInProduction(): PropertyDecorator {
  return ValidateBy({
    name: 'isStrongInProduction',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => !isProduction(args) || typeof value !== 'string' || tokenWeakness(args!.property, value) === undefined,
      defaultMessage: (args?: ValidationArguments) => tokenWeakness(args!.property, String(args?.value)) ?? `${args?.property} is too weak`,
    },
  });
}

/** A comma-separated list whose every entry passes `read`; the message names the first entry that does not. */
function IsListOf(read: (entry: string) => unknown, what: string): PropertyDecorator {
  const firstBad = (value: unknown): string | undefined => String(value).split(',').find((entry) => read(entry) === undefined);
  return ValidateBy({
    name: 'isListOf',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && firstBad(value) === undefined,
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must be a comma-separated list of ${what}; "${String(firstBad(args?.value)).trim()}" is not one`,
    },
  });
}

const BOOLEAN = ['true', 'false'];

// The environment is the hub's configuration contract (README, "Configuration"). Every variable is
// validated at boot; a bad one stops the process with a message naming it.
export class EnvironmentVariables {
  // "production" turns on the production checks: strong tokens, no development keys, https partners.
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  // server (the default: PostgreSQL and Redis) or trial (embedded, one machine). Trial mode is never
  // what a missing or mistyped value gives: an unknown value stops the hub.
  @IsOptional()
  @IsIn(Object.values(HubMode), { message: ({ value }: ValidationArguments) => `HUB_MODE must be "server" or "trial", not ${JSON.stringify(value)}` })
  @ValidateBy({
    name: 'trialNotInProduction',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => !(value === HubMode.TRIAL && (args?.object as { NODE_ENV?: string }).NODE_ENV === 'production'),
      defaultMessage: () => 'HUB_MODE=trial keeps everything in one local directory and is refused when NODE_ENV=production',
    },
  })
  HUB_MODE?: HubMode;

  // Trial mode only: where the embedded database keeps its files (default ./data).
  @IsOptional()
  @IsString()
  HUB_DATA_DIR?: string;

  // Trial mode only: the embedded database's buffer pool (PostgreSQL's shared_buffers), 1MB to
  // 1024MB, default 128MB (core/database/embedded/embedded-postgres.ts says what it costs).
  @IsOptional()
  @Matches(TRIAL_SHARED_BUFFERS, { message: 'HUB_TRIAL_SHARED_BUFFERS must be a size from 1MB to 1024MB, such as 16MB' })
  HUB_TRIAL_SHARED_BUFFERS?: string;

  @ValidateIf((env: EnvironmentVariables) => env.HUB_MODE !== HubMode.TRIAL)
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @ValidateIf((env: EnvironmentVariables) => env.HUB_MODE !== HubMode.TRIAL)
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL!: string;

  @IsString()
  @MinLength(24, { message: 'HUB_ADMIN_TOKEN must be at least 24 characters' })
  @IsStrongInProduction()
  HUB_ADMIN_TOKEN!: string;

  // A bearer token for Prometheus scrapers: when set, /metrics answers only to it.
  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'HUB_METRICS_TOKEN must be at least 24 characters' })
  @Matches(/^[\x21-\x7e]+$/, { message: 'HUB_METRICS_TOKEN must be visible ASCII characters' })
  @IsStrongInProduction()
  HUB_METRICS_TOKEN?: string;

  // /docs and /docs-json are public unless this is "false".
  @IsOptional()
  @IsIn(BOOLEAN, { message: 'HUB_PUBLIC_DOCS must be true or false' })
  HUB_PUBLIC_DOCS?: string;

  // A staging hub under NODE_ENV=production may still make development keys (and says so at start).
  @IsOptional()
  @IsIn(BOOLEAN, { message: 'HUB_ALLOW_DEV_KEYS must be true or false' })
  HUB_ALLOW_DEV_KEYS?: string;

  // Under NODE_ENV=production partner endpoints need https unless this is "true".
  @IsOptional()
  @IsIn(BOOLEAN, { message: 'HUB_ALLOW_HTTP_PARTNERS must be true or false' })
  HUB_ALLOW_HTTP_PARTNERS?: string;

  // Hosts (names or IP addresses) the hub may connect to even when they are loopback, link-local or
  // metadata addresses: e.g. 127.0.0.1 for a partner on the same machine.
  @IsOptional()
  @IsListOf(normaliseAllowedHost, 'host names or IP addresses in their usual form, without port')
  HUB_PARTNER_ALLOWED_HOSTS?: string;

  // The load balancers or reverse proxies whose X-Forwarded-For the hub believes (addresses or CIDR
  // blocks); from anyone else the header is ignored, so a caller cannot choose its own address.
  @IsOptional()
  @IsListOf(normaliseTrustedProxy, 'IP addresses or CIDR blocks (10.0.0.5, 10.0.0.0/8, 2001:db8::/32)')
  HUB_TRUSTED_PROXIES?: string;

  // The DNS servers outbound connections resolve partner host names with (default: the system's resolver).
  @IsOptional()
  @IsListOf(parseDnsServer, 'IP addresses with an optional port (203.0.113.53, 203.0.113.53:5353, [2001:db8::53]:53)')
  HUB_DNS_SERVERS?: string;

  // Encrypts private keys at rest (pki/crypto/key-encryption.ts); checked for length and randomness.
  @IsOptional()
  @IsString()
  @IsMasterKey()
  HUB_MASTER_KEY?: string;

  // The master key being replaced, during a rotation (README, "Rotating the master key"): it only
  // opens what is still sealed under it; everything new is sealed under HUB_MASTER_KEY.
  @IsOptional()
  @IsString()
  @IsMasterKey()
  @ValidateBy({
    name: 'previousMasterKey',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const current = (args?.object as { HUB_MASTER_KEY?: string }).HUB_MASTER_KEY;
        return current !== undefined && String(value).trim() !== current.trim();
      },
      defaultMessage: (args?: ValidationArguments) =>
        (args?.object as { HUB_MASTER_KEY?: string }).HUB_MASTER_KEY === undefined
          ? 'HUB_MASTER_KEY_PREVIOUS is only read beside HUB_MASTER_KEY (the new key): set both during a rotation'
          : 'HUB_MASTER_KEY_PREVIOUS is the same as HUB_MASTER_KEY: during a rotation HUB_MASTER_KEY is the new key and HUB_MASTER_KEY_PREVIOUS the old one',
    },
  })
  HUB_MASTER_KEY_PREVIOUS?: string;

  // An older scheme's label, kept in each private key's record and bound into its encryption; the
  // key a secret is sealed under is now named by an id derived from the key itself, so rotating
  // needs no new version here.
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000000)
  HUB_MASTER_KEY_VERSION?: number;

  // A PKCS#11 module (hardware security module) holding signing keys: the path of its library. Set,
  // the token is named by HUB_PKCS11_SLOT and/or HUB_PKCS11_TOKEN_LABEL, and its user PIN comes from
  // HUB_PKCS11_PIN or HUB_PKCS11_PIN_FILE (exactly one). Unset, pkcs11js is never loaded.
  @IsOptional()
  @Matches(/^\/\S/, { message: 'HUB_PKCS11_LIBRARY must be the absolute path of the PKCS#11 library (a .so file)' })
  @ValidateBy({
    name: 'pkcs11Complete',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => pkcs11Problem(args?.object as EnvironmentVariables) === undefined,
      defaultMessage: (args?: ValidationArguments) => pkcs11Problem(args?.object as EnvironmentVariables) ?? '',
    },
  })
  HUB_PKCS11_LIBRARY?: string;

  // The slot id as the library numbers it (decimal; `softhsm2-util --show-slots`, `pkcs11-tool -L`).
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'HUB_PKCS11_SLOT must be a slot id, a decimal number' })
  HUB_PKCS11_SLOT?: string;

  // The token's label (CKA token label, at most 32 characters).
  @IsOptional()
  @IsString()
  @Matches(/^.{1,32}$/, { message: 'HUB_PKCS11_TOKEN_LABEL must be 1 to 32 characters' })
  HUB_PKCS11_TOKEN_LABEL?: string;

  // The token user's PIN; never logged. HUB_PKCS11_PIN_FILE keeps it out of the environment.
  @IsOptional()
  @IsString()
  HUB_PKCS11_PIN?: string;

  @IsOptional()
  @Matches(/^\/\S/, { message: 'HUB_PKCS11_PIN_FILE must be an absolute path' })
  HUB_PKCS11_PIN_FILE?: string;

  // Benchmarks only (bench/scenarios/sign-api.ts): issue without signing, to measure what signing costs. Refused under
  // NODE_ENV=production (which the container image sets), so it cannot reach a real deployment.
  @IsOptional()
  @IsIn(['true', 'false'])
  @ValidateBy({
    name: 'notInProduction',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => !(value === 'true' && (args?.object as { NODE_ENV?: string }).NODE_ENV === 'production'),
      defaultMessage: () => 'HUB_BENCH_DIGEST_ONLY=true issues unsigned certificates and is refused when NODE_ENV=production',
    },
  })
  HUB_BENCH_DIGEST_ONLY?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  HUB_PUBLIC_URL?: string;

  @IsOptional()
  @IsString()
  HUB_HS_FILE?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'HUB_QUEUE_PREFIX must be 1-40 letters, digits, _ or -' })
  HUB_QUEUE_PREFIX?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  HUB_BODY_LIMIT?: number;

  // `npm start`: API processes beside the worker process (default: one per core). Trial mode runs one.
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64)
  HUB_API_PROCESSES?: number;

  // PostgreSQL connections for the whole hub, divided across its processes (default 30).
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(10000)
  HUB_DB_CONNECTIONS?: number;
  // "false" sends statements unnamed, for a connection pooler in transaction mode that cannot keep
  // a connection's prepared statements (PgBouncer before 1.21, or without max_prepared_statements).
  @IsOptional()
  @IsIn(BOOLEAN, { message: 'HUB_DB_PREPARED_STATEMENTS must be true or false' })
  HUB_DB_PREPARED_STATEMENTS?: string;

  // The batch endpoints' own body limit (POST /v1/certificates/batch, /v1/verifications/batch):
  // up to 500 certificates do not fit in HUB_BODY_LIMIT. Checked before the body is parsed.
  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  HUB_BATCH_BODY_LIMIT?: number;

  // Unauthenticated verifications (POST /v1/verifications without a key, GET /verify/{token}) per
  // client address and window; counted in PostgreSQL so the limit holds across API processes.
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  HUB_PUBLIC_RATE_LIMIT?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86_400)
  HUB_PUBLIC_RATE_WINDOW_SECONDS?: number;

  // Client addresses counted per scope and window; more share one budget, so a caller rotating its
  // address cannot make the counters grow without bound.
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  HUB_PUBLIC_RATE_MAX_CLIENTS?: number;

  // Largest document or signature file in a multipart verification upload, in bytes.
  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(16 * 1024 * 1024)
  HUB_VERIFY_UPLOAD_LIMIT?: number;

  // Supporting documents of an exporter's application (POST /v1/applications/{id}/documents): the
  // largest file in bytes (that route's own body limit) and how many one application may hold.
  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  HUB_APPLICATION_DOCUMENT_MAX_BYTES?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  HUB_APPLICATION_DOCUMENTS_MAX?: number;

  // Webhook deliveries (webhooks/webhooks.config.ts): the first retry's wait, doubling up to the
  // second figure; how long a receiver may fail before its subscription is disabled; how often the
  // hub looks for work a lost notice or job left behind.
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(24 * 3600 * 1000)
  HUB_WEBHOOK_RETRY_BASE_MS?: number;

  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(24 * 3600 * 1000)
  HUB_WEBHOOK_RETRY_MAX_MS?: number;

  @IsOptional()
  @IsInt()
  @Min(1000)
  @Max(30 * 24 * 3600 * 1000)
  HUB_WEBHOOK_DISABLE_AFTER_MS?: number;

  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(3600 * 1000)
  HUB_WEBHOOK_SWEEP_MS?: number;

  // One attempt to a webhook receiver, from connecting to reading its answer.
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  HUB_WEBHOOK_TIMEOUT_MS?: number;

  // Attachments to verification answers travel base64 in JSON bodies and envelopes: one file at most
  // this many bytes (decoded), and the files of one message together at most the second figure. Both
  // must fit, base64 (4/3) with room for the rest of the message, in the body limit, or every full
  // message would be refused with 413. Unset, they default to 256 KiB and 512 KiB, less when the
  // body limit is smaller.
  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(48 * 1024 * 1024)
  @ValidateBy({
    name: 'attachmentFitsBody',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => typeof value !== 'number' || value <= attachmentRoom(args?.object as EnvironmentVariables),
      defaultMessage: () => 'HUB_ATTACHMENT_MAX_BYTES in base64, with room for the rest of the message, must fit in HUB_BODY_LIMIT',
    },
  })
  HUB_ATTACHMENT_MAX_BYTES?: number;

  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(48 * 1024 * 1024)
  @ValidateBy({
    name: 'attachmentsFitBody',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const env = args?.object as EnvironmentVariables;
        return typeof value !== 'number' || (value >= attachmentLimitsOf({ ...env, HUB_ATTACHMENTS_MAX_BYTES: undefined }).maxBytes && value <= attachmentRoom(env));
      },
      defaultMessage: () => 'HUB_ATTACHMENTS_MAX_BYTES must be at least HUB_ATTACHMENT_MAX_BYTES, and in base64, with room for the rest of the message, fit in HUB_BODY_LIMIT',
    },
  })
  HUB_ATTACHMENTS_MAX_BYTES?: number;
}

/** What is missing or contradictory in the PKCS#11 settings (never quoting the PIN), or undefined. */
function pkcs11Problem(env: EnvironmentVariables): string | undefined {
  const set = (value: unknown): boolean => value !== undefined && value !== '';
  if (!set(env.HUB_PKCS11_LIBRARY)) return undefined;
  const problems: string[] = [];
  if (!set(env.HUB_PKCS11_SLOT) && !set(env.HUB_PKCS11_TOKEN_LABEL)) problems.push('name the token with HUB_PKCS11_SLOT or HUB_PKCS11_TOKEN_LABEL');
  if (set(env.HUB_PKCS11_PIN) === set(env.HUB_PKCS11_PIN_FILE)) problems.push('give the PIN with exactly one of HUB_PKCS11_PIN and HUB_PKCS11_PIN_FILE');
  return problems.length > 0 ? `HUB_PKCS11_LIBRARY is set: ${problems.join('; ')}` : undefined;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_BATCH_BODY_LIMIT = 4 * 1024 * 1024;
const DEFAULT_ATTACHMENT_MAX_BYTES = 256 * 1024;
const DEFAULT_ATTACHMENTS_MAX_BYTES = 512 * 1024;

/** The decoded bytes of attachments one request body can carry: base64 is 4/3, and the message needs room too. */
function attachmentRoom(env: Pick<EnvironmentVariables, 'HUB_BODY_LIMIT'>): number {
  const body = typeof env.HUB_BODY_LIMIT === 'number' ? env.HUB_BODY_LIMIT : DEFAULT_BODY_LIMIT;
  const headroom = Math.min(64 * 1024, Math.floor(body / 4));
  return Math.floor((body - headroom) / 4) * 3;
}

/** The attachment limits the environment sets, with the defaults filled in. */
export function attachmentLimitsOf(env: Pick<EnvironmentVariables, 'HUB_BODY_LIMIT' | 'HUB_ATTACHMENT_MAX_BYTES' | 'HUB_ATTACHMENTS_MAX_BYTES'>): { maxBytes: number; maxTotalBytes: number } {
  const room = attachmentRoom(env);
  const maxBytes = typeof env.HUB_ATTACHMENT_MAX_BYTES === 'number' ? env.HUB_ATTACHMENT_MAX_BYTES : Math.min(DEFAULT_ATTACHMENT_MAX_BYTES, room);
  const maxTotalBytes = typeof env.HUB_ATTACHMENTS_MAX_BYTES === 'number' ? env.HUB_ATTACHMENTS_MAX_BYTES : Math.max(maxBytes, Math.min(DEFAULT_ATTACHMENTS_MAX_BYTES, room));
  return { maxBytes, maxTotalBytes };
}

const INTEGER_VARIABLES = [
  'PORT',
  'HUB_BODY_LIMIT',
  'HUB_API_PROCESSES',
  'HUB_DB_CONNECTIONS',
  'HUB_BATCH_BODY_LIMIT',
  'HUB_MASTER_KEY_VERSION',
  'HUB_PUBLIC_RATE_LIMIT',
  'HUB_PUBLIC_RATE_WINDOW_SECONDS',
  'HUB_PUBLIC_RATE_MAX_CLIENTS',
  'HUB_VERIFY_UPLOAD_LIMIT',
  'HUB_ATTACHMENT_MAX_BYTES',
  'HUB_ATTACHMENTS_MAX_BYTES',
  'HUB_APPLICATION_DOCUMENT_MAX_BYTES',
  'HUB_APPLICATION_DOCUMENTS_MAX',
  'HUB_WEBHOOK_RETRY_BASE_MS',
  'HUB_WEBHOOK_RETRY_MAX_MS',
  'HUB_WEBHOOK_DISABLE_AFTER_MS',
  'HUB_WEBHOOK_SWEEP_MS',
  'HUB_WEBHOOK_TIMEOUT_MS',
] as const;

export class ConfigValidationError extends Error {}

/** Validates the raw environment; throws one error naming every bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const input: Record<string, unknown> = { ...raw };
  for (const name of INTEGER_VARIABLES) {
    const value = input[name];
    if (value === undefined || value === '') {
      delete input[name];
    } else if (typeof value === 'string' && /^\d+$/.test(value)) {
      input[name] = Number(value);
    }
  }
  for (const [name, value] of Object.entries(input)) {
    if (value === '') delete input[name];
  }
  const env = plainToInstance(EnvironmentVariables, input);
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const reasons = Object.values(e.constraints ?? {}).join('; ');
      return `  ${e.property}: ${e.value === undefined ? 'missing' : 'invalid'} (${reasons})`;
    });
    throw new ConfigValidationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return env;
}
