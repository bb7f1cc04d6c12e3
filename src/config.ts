import { z } from 'zod';

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`));

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL');

const origins = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.union([
        z.literal('*'),
        z.string().regex(/^https?:\/\/[^/\s]+$/, 'must list origins like https://app.example.com (scheme and host, no path), separated by commas, or *'),
      ]),
    ),
  );

const environment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], 'must be development, production or test').default('development'),
  HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  PORT: integer(0, 65535).default(4000),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_MAX: integer(1, 500).default(10),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./.data'),
  CORS_ORIGINS: origins.default([]),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'must be one of fatal, error, warn, info, debug, trace, silent')
    .default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json'], 'must be pretty or json').optional(),
  SHUTDOWN_TIMEOUT_MS: integer(0, 600_000).default(10_000),
  SANDBOX_DELIVERY_DELAY_MS: integer(0, 3_600_000).default(2_000),
  DISPATCH_BATCH_SIZE: integer(1, 1_000).default(50),
  DISPATCH_MAX_ATTEMPTS: integer(1, 100).default(5),
  DISPATCH_LEASE_SECONDS: integer(5, 3_600).default(30),
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+[^/\s]$/, 'must be the URL providers reach this server at, like https://sms.example.com (no trailing slash)')
    .optional(),
  CREDENTIALS_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 random bytes in base64 (openssl rand -base64 32)')
    .optional(),
  PROVIDER_TIMEOUT_MS: integer(100, 120_000).default(10_000),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL')
    .optional(),
  STATUS_POLL_AFTER_SECONDS: integer(1, 86_400).default(300),
  STATUS_POLL_INTERVAL_MS: integer(100, 3_600_000).default(5_000),
  PACKAGES_CACHE_SECONDS: integer(0, 86_400).default(60),
  BREAKER_ERROR_PERCENT: integer(1, 100).default(50),
  BREAKER_VOLUME_THRESHOLD: integer(2, 1_000).default(3),
  BREAKER_RESET_SECONDS: integer(1, 3_600).default(30),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: { kind: 'postgres'; url: string; poolMax: number } | { kind: 'pglite'; dataDir: string };
  corsOrigins: string[];
  log: { level: string; format: 'pretty' | 'json' };
  shutdownTimeoutMs: number;
  sandboxDeliveryDelayMs: number;
  dispatch: { batchSize: number; maxAttempts: number; leaseMs: number };
  /** The base of every connection's webhook URL. */
  publicUrl: string;
  /** The AES-256-GCM key for provider credentials; a fixed development key outside production. */
  credentialsKey: { key: Buffer; development: boolean };
  providerTimeoutMs: number;
  polling: { afterMs: number; intervalMs: number };
  /** Events (status changes, key revocations) shared across instances; in memory when unset. */
  redisUrl: string | undefined;
  packagesCacheMs: number;
  breaker: { errorThresholdPercentage: number; volumeThreshold: number; resetTimeoutMs: number };
}

/**
 * Outside production a fixed key keeps a fresh clone working with no set-up; it is public (it is
 * in this file), so production refuses to start without CREDENTIALS_KEY.
 */
const DEVELOPMENT_CREDENTIALS_KEY = 'c3dpdGNoYm9hcmQtZGV2ZWxvcG1lbnQta2V5LTAwMDA=';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment into a typed Config; the error names the first bad variable and its rule. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = environment.safeParse(blanksRemoved);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0]);
    const got = source[variable];
    throw new ConfigError(`Invalid configuration: ${variable} ${issue.message} (got ${JSON.stringify(got)})`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production' && !env.CREDENTIALS_KEY) {
    throw new ConfigError('Invalid configuration: CREDENTIALS_KEY is required in production (openssl rand -base64 32)');
  }
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX }
      : { kind: 'pglite', dataDir: env.DATA_DIR },
    corsOrigins: env.CORS_ORIGINS,
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty') },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    sandboxDeliveryDelayMs: env.SANDBOX_DELIVERY_DELAY_MS,
    dispatch: { batchSize: env.DISPATCH_BATCH_SIZE, maxAttempts: env.DISPATCH_MAX_ATTEMPTS, leaseMs: env.DISPATCH_LEASE_SECONDS * 1000 },
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    credentialsKey: { key: Buffer.from(env.CREDENTIALS_KEY ?? DEVELOPMENT_CREDENTIALS_KEY, 'base64'), development: !env.CREDENTIALS_KEY },
    providerTimeoutMs: env.PROVIDER_TIMEOUT_MS,
    polling: { afterMs: env.STATUS_POLL_AFTER_SECONDS * 1000, intervalMs: env.STATUS_POLL_INTERVAL_MS },
    packagesCacheMs: env.PACKAGES_CACHE_SECONDS * 1000,
    redisUrl: env.REDIS_URL,
    breaker: { errorThresholdPercentage: env.BREAKER_ERROR_PERCENT, volumeThreshold: env.BREAKER_VOLUME_THRESHOLD, resetTimeoutMs: env.BREAKER_RESET_SECONDS * 1000 },
  };
}
