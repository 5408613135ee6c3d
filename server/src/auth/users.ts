import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { hashPassword, isCommonPassword } from './passwords.ts';
import { Role } from './permissions.ts';

export const Username = z
  .string({ error: 'is required' })
  .trim()
  .toLowerCase()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use letters, digits and . _ - only');

export const NewPassword = z
  .string({ error: 'is required' })
  .min(8, 'must be at least 8 characters')
  .max(256, 'must be at most 256 characters')
  .refine(
    (p) => !isCommonPassword(p),
    'is one of the most common passwords; choose one that is harder to guess',
  );

/** A password must not be the username (ignoring case): that is the first thing anyone tries. */
function refuseUsernameAsPassword(username: string, password: string): void {
  if (password.normalize('NFKC').trim().toLowerCase() !== username.toLowerCase()) return;
  const message = 'must not be the same as the username';
  throw new ApiError('invalid', `password: ${message}`, [{ path: 'password', message }]);
}

export interface User {
  username: string;
  role: Role;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

interface UserRow {
  username: string;
  password_hash: string;
  role: string;
  active: number;
  created_at: string;
  updated_at: string;
}

function toUser(row: UserRow): User {
  return {
    username: row.username,
    role: Role.parse(row.role),
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Users with roles; passwords only ever as scrypt hashes. */
export class UserStore {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  get(username: string): User | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as
      | UserRow
      | undefined;
    return row ? toUser(row) : undefined;
  }

  /** The user with their password hash, for login only. */
  credentials(username: string): { user: User; passwordHash: string } | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as
      | UserRow
      | undefined;
    return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
  }

  list(): User[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser);
  }

  /** Creates a user; returns undefined when the username is taken. */
  async create(username: string, password: string, role: Role): Promise<User | undefined> {
    refuseUsernameAsPassword(username, password);
    const hash = await hashPassword(password);
    const now = new Date().toISOString();
    const info = this.db
      .prepare(
        `INSERT INTO users (username, password_hash, role, active, created_at, updated_at)
         VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (username) DO NOTHING`,
      )
      .run(username, hash, role, now, now);
    return info.changes === 1 ? this.get(username) : undefined;
  }

  async update(
    username: string,
    change: { role?: Role; active?: boolean; password?: string },
  ): Promise<User | undefined> {
    if (change.password !== undefined) refuseUsernameAsPassword(username, change.password);
    const hash = change.password === undefined ? undefined : await hashPassword(change.password);
    const now = new Date().toISOString();
    this.db
      .prepare(
        `UPDATE users SET
           role = COALESCE(?, role),
           active = COALESCE(?, active),
           password_hash = COALESCE(?, password_hash),
           updated_at = ?
         WHERE username = ?`,
      )
      .run(
        change.role ?? null,
        change.active === undefined ? null : Number(change.active),
        hash ?? null,
        now,
        username,
      );
    return this.get(username);
  }
}
