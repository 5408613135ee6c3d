import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './server-process.ts';

/**
 * Runs a read-only query against a (stopped) server's database and returns the rows. It
 * runs in a child process from server/, where better-sqlite3 is installed.
 */
export function queryDatabase<T = Record<string, unknown>>(dataDir: string, sql: string): T[] {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1], { readonly: true, fileMustExist: true });
    process.stdout.write(JSON.stringify(db.prepare(process.argv[2]).all()));
    db.close();
  `;
  const out = execFileSync(process.execPath, ['-e', script, join(dataDir, 'stockroom.db'), sql], {
    cwd: join(REPO_ROOT, 'server'),
    encoding: 'utf8',
  });
  return JSON.parse(out) as T[];
}
