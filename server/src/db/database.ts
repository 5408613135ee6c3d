import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the one SQLite database under the data directory.
 * WAL lets readers run beside the writer; synchronous=FULL makes a commit durable before
 * it returns, so "saved on the server" survives a kill -9 or a power cut.
 */
export function openDatabase(dataDir: string, file = 'stockroom.db'): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, file));
  configure(db);
  migrate(db);
  return db;
}

/** An in-memory database with the same schema, for unit tests. */
export function openMemoryDatabase(): Db {
  const db = new Database(':memory:');
  configure(db);
  migrate(db);
  return db;
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `database schema version ${current} is newer than this server (${MIGRATIONS.length}); upgrade the server`,
    );
  }
  if (current === MIGRATIONS.length) return;
  // A migration may rebuild a table others refer to (SQLite cannot change a CHECK in place):
  // foreign keys are off while migrating (it cannot change inside a transaction) and
  // checked once at the end.
  db.pragma('foreign_keys = OFF');
  try {
    for (let v = current; v < MIGRATIONS.length; v++) {
      db.transaction(() => {
        db.exec(MIGRATIONS[v]!);
        db.pragma(`user_version = ${v + 1}`);
      })();
    }
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length) throw new Error(`migration left ${broken.length} broken foreign keys`);
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
