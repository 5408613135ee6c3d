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
