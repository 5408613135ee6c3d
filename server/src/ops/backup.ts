import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../db/database.ts';
import { MIGRATIONS } from '../db/migrations.ts';

export const DB_FILE = 'stockroom.db';

/** Tables every Stockroom database has, whatever its schema version. */
const REQUIRED_TABLES = ['room_updates', 'users', 'sessions', 'audit'];

export class BackupError extends Error {}

export interface DatabaseFacts {
  schemaVersion: number;
  rooms: number;
  updateRows: number;
  users: number;
  bytes: number;
}

/**
 * A consistent copy of the live database, taken from a separate connection while the
 * server keeps writing. `VACUUM INTO` reads inside one read transaction, so with WAL it sees
 * one committed snapshot and never blocks the server's writes (the page-by-page backup API
 * would restart whenever the server commits, and on a busy server may never finish). The
 * copy is written next to the destination, checked, flushed to disk, then renamed into place.
 */
export function backupDatabase(sourceFile: string, destFile: string): DatabaseFacts & { ms: number } {
  if (!existsSync(sourceFile)) throw new BackupError(`no database at ${sourceFile}`);
  if (existsSync(destFile)) throw new BackupError(`${destFile} already exists; choose a new file name`);
  const tmp = join(dirname(destFile), `.${basename(destFile)}.partial`);
  rmSync(tmp, { force: true });
  const start = performance.now();
  const source = new Database(sourceFile, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 10000');
    source.prepare('VACUUM INTO ?').run(tmp);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw new BackupError(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    source.close();
  }
  try {
    const facts = checkStockroomDatabase(tmp);
    fsyncFile(tmp);
    renameSync(tmp, destFile);
    fsyncFile(dirname(destFile));
    return { ...facts, ms: performance.now() - start };
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Checks that a file is a readable, intact Stockroom database of a schema this server can
 * open; throws a BackupError saying what is wrong otherwise.
 */
export function checkStockroomDatabase(file: string): DatabaseFacts {
  if (!existsSync(file)) throw new BackupError(`no file at ${file}`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as SQLite: ${(error as Error).message}`);
  }
  try {
    let check: unknown;
    try {
      check = db.pragma('quick_check', { simple: true });
    } catch (error) {
      throw new BackupError(`${file} is not a SQLite database: ${(error as Error).message}`);
    }
    if (check !== 'ok') throw new BackupError(`${file} is damaged: ${String(check)}`);
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length)
      throw new BackupError(`${file} is not a Stockroom database (no ${missing.join(', ')})`);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion < 1 || schemaVersion > MIGRATIONS.length) {
      throw new BackupError(
        `${file} has schema version ${schemaVersion}; this server reads 1–${MIGRATIONS.length}`,
      );
    }
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      schemaVersion,
      rooms: one('SELECT COUNT(DISTINCT room) AS n FROM room_updates'),
      updateRows: one('SELECT COUNT(*) AS n FROM room_updates'),
      users: one('SELECT COUNT(*) AS n FROM users'),
      bytes: statSync(file).size,
    };
  } finally {
    db.close();
  }
}

export interface RestoreResult extends DatabaseFacts {
  /** Where the database that was replaced now lives (null when there was none). */
  previous: string | null;
  sessionsRevoked: number;
}

/**
 * Replaces the data directory's database by a backup. The server must be stopped: this is
 * checked by asking SQLite for exclusive access (switching the live file out of WAL mode
 * fails while any other process has it open). The old database is checkpointed into one
 * file and kept as `stockroom.db.bak` (or `.bak-<time>` if that exists).
 *
 * Sessions in the backup are revoked unless `keepSessions`: the backup predates every
 * logout and device revocation since, and those must not come back to life. Devices log in
 * again and resend whatever the backup lacks (their Yjs state is intact).
 */
export function restoreDatabase(
  dataDir: string,
  backupFile: string,
  options: { keepSessions?: boolean; now?: () => Date } = {},
): RestoreResult {
  checkStockroomDatabase(backupFile);
  const live = join(dataDir, DB_FILE);
  let previous: string | null = null;
  if (existsSync(live)) {
    assertNotInUse(live);
    previous = `${live}.bak`;
    if (existsSync(previous)) {
      previous = `${live}.bak-${(options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
    }
    renameSync(live, previous);
    for (const suffix of ['-wal', '-shm']) rmSync(`${live}${suffix}`, { force: true });
  }
  const tmp = join(dataDir, `.${DB_FILE}.restoring`);
  rmSync(tmp, { force: true });
  copyFileSync(backupFile, tmp);
  fsyncFile(tmp);
  renameSync(tmp, live);
  fsyncFile(dataDir);
  // Opening it the server's way applies newer migrations and turns WAL on.
  const db = openDatabase(dataDir, DB_FILE);
  let sessionsRevoked = 0;
  try {
    if (!options.keepSessions) {
      sessionsRevoked = db
        .prepare(
          "UPDATE sessions SET revoked_at = ?, revoked_reason = 'database restored' WHERE revoked_at IS NULL",
        )
        .run(Date.now()).changes;
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return { ...checkStockroomDatabase(live), previous, sessionsRevoked };
}

/** Throws unless this process can take the database for itself (no server has it open). */
function assertNotInUse(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    // Leaving WAL mode needs every other connection gone; it also checkpoints the WAL, so
    // the file kept as .bak holds everything on its own.
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw new BackupError('the database is in use; stop the server first');
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the database is in use (${(error as Error).message}); stop the server first`);
  } finally {
    db.close();
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
