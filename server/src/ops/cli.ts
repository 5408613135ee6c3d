import { join, resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { BackupError, backupDatabase, DB_FILE, restoreDatabase } from './backup.ts';

/**
 * `pnpm backup <file>`: a consistent copy of the live database (the server may keep running).
 * `pnpm restore <file> [--keep-sessions]`: replaces the database by a backup (server stopped).
 * Both read DATA_DIR like the server does.
 */
const USAGE = 'usage: backup <file> | restore <file> [--keep-sessions]';

function main(argv: string[]): number {
  const [command, file, ...flags] = argv;
  if (!file || (command !== 'backup' && command !== 'restore')) {
    console.error(USAGE);
    return 2;
  }
  const dataDir = resolve(loadConfig().DATA_DIR);
  // pnpm runs scripts from the repository root; a relative file name means where the command was typed.
  const target = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  try {
    if (command === 'backup') {
      const r = backupDatabase(join(dataDir, DB_FILE), target);
      console.log(
        `backup written to ${target}: ${mb(r.bytes)}, ${r.rooms} rooms, ${r.users} users, schema ${r.schemaVersion}, ${(r.ms / 1000).toFixed(1)} s`,
      );
      return 0;
    }
    const unknown = flags.filter((f) => f !== '--keep-sessions');
    if (unknown.length) {
      console.error(`unknown option ${unknown.join(' ')}\n${USAGE}`);
      return 2;
    }
    const r = restoreDatabase(dataDir, target, { keepSessions: flags.includes('--keep-sessions') });
    console.log(
      `restored ${target} into ${dataDir}: ${r.rooms} rooms, ${r.users} users, schema ${r.schemaVersion}` +
        `${r.previous ? `; the previous database is kept as ${r.previous}` : ''}` +
        `; ${r.sessionsRevoked} sessions revoked (devices log in again)`,
    );
    return 0;
  } catch (error) {
    console.error(error instanceof BackupError ? error.message : error);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
