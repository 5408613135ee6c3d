// @vitest-environment node
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../db/database.ts';
import { MIGRATIONS } from '../db/migrations.ts';
import { SqliteUpdateStore } from '../storage/sqlite-update-store.ts';
import { BackupError, backupDatabase, checkStockroomDatabase, DB_FILE, restoreDatabase } from './backup.ts';

const dirs: string[] = [];
const open: Db[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'stockroom-backup-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A data directory with a live (open) database holding `rows` updates in room `catalog`. */
function liveDatabase(rows: number): { dir: string; db: Db; store: SqliteUpdateStore } {
  const dir = tempDir();
  const db = openDatabase(dir);
  open.push(db);
  const store = new SqliteUpdateStore(db);
  for (let i = 0; i < rows; i++) store.append('catalog', new Uint8Array([i % 256, 1, 2, 3]));
  db.prepare(
    "INSERT INTO users (username, password_hash, role, created_at, updated_at) VALUES ('ann', 'h', 'admin', 'x', 'x')",
  ).run();
  db.prepare(
    `INSERT INTO sessions (id, username, device, created_at, expires_at, last_seen_at) VALUES ('s1', 'ann', 'd', 0, 9e15, 0)`,
  ).run();
  return { dir, db, store };
}

describe('backupDatabase', () => {
  it('copies a live WAL database (with uncheckpointed commits) into a checked file', () => {
    const { dir, store } = liveDatabase(50);
    const dest = join(tempDir(), 'copy.db');
    const facts = backupDatabase(join(dir, DB_FILE), dest);
    expect(facts).toMatchObject({ rooms: 1, updateRows: 50, users: 1, schemaVersion: MIGRATIONS.length });
    store.append('catalog', new Uint8Array([9])); // the live database carries on
    expect(checkStockroomDatabase(dest).updateRows).toBe(50);
  });

  it('refuses to overwrite an existing file and leaves no partial file on failure', () => {
    const { dir } = liveDatabase(1);
    const dest = join(tempDir(), 'taken.db');
    writeFileSync(dest, 'keep me');
    expect(() => backupDatabase(join(dir, DB_FILE), dest)).toThrow(/already exists/);
    expect(() => backupDatabase(join(tempDir(), DB_FILE), join(tempDir(), 'x.db'))).toThrow(BackupError);
  });
});

describe('checkStockroomDatabase', () => {
  it('refuses files that are not an intact Stockroom database of a known schema', () => {
    const d = tempDir();
    const garbage = join(d, 'garbage.db');
    writeFileSync(garbage, Buffer.alloc(8192, 7));
    expect(() => checkStockroomDatabase(garbage)).toThrow(BackupError);
    const other = join(d, 'other.db');
    const o = new Database(other);
    o.exec('CREATE TABLE notes (x)');
    o.close();
    expect(() => checkStockroomDatabase(other)).toThrow(/not a Stockroom database/);
    const future = join(d, 'future.db');
    const f = openDatabase(d, 'future.db');
    f.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    f.close();
    expect(() => checkStockroomDatabase(future)).toThrow(/schema version/);
    expect(() => checkStockroomDatabase(join(d, 'missing.db'))).toThrow(/no file/);
  });
});

describe('restoreDatabase', () => {
  it('refuses while the database is open elsewhere (the server is running)', () => {
    const { dir } = liveDatabase(3);
    const backup = join(tempDir(), 'b.db');
    backupDatabase(join(dir, DB_FILE), backup);
    expect(() => restoreDatabase(dir, backup)).toThrow(/stop the server first/);
  });

  it('replaces the database, keeps the old one as .bak (then .bak-<time>), revokes sessions', () => {
    const { dir, db, store } = liveDatabase(10);
    const backup = join(tempDir(), 'b.db');
    backupDatabase(join(dir, DB_FILE), backup);
    for (let i = 0; i < 5; i++) store.append('ledger-2025-01', new Uint8Array([i]));
    db.close();

    const first = restoreDatabase(dir, backup);
    expect(first).toMatchObject({
      previous: join(dir, `${DB_FILE}.bak`),
      updateRows: 10,
      sessionsRevoked: 1,
    });
    expect(checkStockroomDatabase(join(dir, `${DB_FILE}.bak`)).updateRows).toBe(15);
    const restored = openDatabase(dir);
    expect(restored.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(restored.prepare('SELECT revoked_reason FROM sessions').get()).toEqual({
      revoked_reason: 'database restored',
    });
    restored.close();

    const second = restoreDatabase(dir, backup, {
      keepSessions: true,
      now: () => new Date('2025-06-01T10:00:00Z'),
    });
    expect(second.previous).toBe(join(dir, `${DB_FILE}.bak-2025-06-01T10-00-00-000Z`));
    expect(second.sessionsRevoked).toBe(0);
    expect(existsSync(second.previous!)).toBe(true);
  });

  it('refuses a bad backup without touching the live database', () => {
    const { dir, db } = liveDatabase(2);
    db.close();
    const bad = join(tempDir(), 'bad.db');
    writeFileSync(bad, 'not a database at all');
    expect(() => restoreDatabase(dir, bad)).toThrow(BackupError);
    expect(checkStockroomDatabase(join(dir, DB_FILE)).updateRows).toBe(2);
    expect(existsSync(join(dir, `${DB_FILE}.bak`))).toBe(false);
  });
});
