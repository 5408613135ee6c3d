import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Where the built PWA lives by default. This module runs both as `server/src/config.ts`
 * (tsx) and inside the bundle `server/dist/main.js`: both sit two levels below the repo
 * root, so one relative URL serves both.
 */
const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../client/dist', import.meta.url));

const Port = z.coerce.number().int().min(0).max(65535);
const PositiveMs = z.coerce.number().int().min(1);

const Env = z.object({
  PORT: Port.default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Only used on first start when no user exists; never logged. */
  ADMIN_PASSWORD: z
    .string()
    .min(8, 'must be at least 8 characters')
    .max(256)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  STATIC_DIR: z.string().min(1).default(DEFAULT_STATIC_DIR),
  ROOM_IDLE_MS: PositiveMs.default(30_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Lifetime of an access token (bearer for the API and sync upgrades). */
  ACCESS_TOKEN_TTL_MS: PositiveMs.default(15 * 60_000),
  /** A session (refresh token) ends this long after its last refresh. */
  REFRESH_TOKEN_TTL_MS: PositiveMs.default(30 * 24 * 3600_000),
  /** Largest sync message; a bigger one closes the connection with 4413. */
  SYNC_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  /** Per-connection token bucket: sustained messages per second, and the burst allowed. */
  SYNC_RATE_PER_SEC: z.coerce.number().positive().default(100),
  SYNC_RATE_BURST: z.coerce.number().int().min(1).default(1000),
  /** Open sync connections (one per room) per device session, per user, and in total. */
  SYNC_MAX_CONNECTIONS_PER_SESSION: z.coerce.number().int().min(1).default(64),
  SYNC_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).default(128),
  SYNC_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(10_000),
  /** Write limits inside rooms (write-guard.ts): changes per update, bytes per connection and hour, bytes per room. */
  SYNC_MAX_STRUCTS_PER_UPDATE: z.coerce.number().int().min(1).default(120_000),
  SYNC_MAX_BYTES_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024 * 1024),
  SYNC_MAX_ROOM_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024 * 1024),
  /** Largest JSON request body; bigger ones get 413. */
  HTTP_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** A bearer token for Prometheus to read /metrics (admins' access tokens work too). Never logged. */
  METRICS_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    .max(256)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Login throttling (policy: server/src/auth/login-limiter.ts). Failures free per account from one address (and device), and per address, before growing delays. */
  LOGIN_FREE_FAILURES: z.coerce.number().int().min(1).default(10),
  LOGIN_FREE_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  /** The first delay, doubled after each further failure up to the cap; a key quiet this long is forgotten. */
  LOGIN_DELAY_BASE_MS: PositiveMs.default(1000),
  LOGIN_DELAY_MAX_MS: PositiveMs.default(5 * 60_000),
  LOGIN_FORGET_AFTER_MS: PositiveMs.default(15 * 60_000),
  /** Ceiling on failed logins per account from everywhere, per sliding hour (distributed guessing). */
  LOGIN_MAX_FAILURES_PER_ACCOUNT_HOUR: z.coerce.number().int().min(1).default(1000),
  /** Password checks (scrypt) at once (keep below libuv's 4 threads) and waiting; more → 503. */
  LOGIN_CHECKS_CONCURRENT: z.coerce.number().int().min(1).max(16).default(2),
  LOGIN_CHECKS_QUEUED: z.coerce.number().int().min(0).default(32),
});

export type Config = z.infer<typeof Env>;

/** Parses the environment; throws with every problem named (never echoing secret values). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}
