import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Logger } from '../log.ts';
import type { UserStore } from './users.ts';

export const INITIAL_PASSWORD_FILE = 'initial-admin-password';

/**
 * First start: with no user at all, create `admin`. Its password is ADMIN_PASSWORD, or a
 * random one written to a 0600 file in the data directory — only the file's path is logged.
 */
export async function bootstrapAdmin(opts: {
  users: UserStore;
  audit: AuditLog;
  dataDir: string;
  adminPassword: string | undefined;
  log: Logger;
}): Promise<void> {
  if (opts.users.count() > 0) return;
  let password = opts.adminPassword;
  let file: string | null = null;
  if (!password) {
    password = randomBytes(18).toString('base64url');
    file = join(opts.dataDir, INITIAL_PASSWORD_FILE);
    writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'w' });
  }
  await opts.users.create('admin', password, 'admin');
  opts.audit.record({
    user: null,
    device: 'server',
    action: 'user.create',
    subject: 'user:admin',
    details: { role: 'admin', bootstrap: true },
  });
  if (file)
    opts.log.warn('created user admin with a random password; read it from the file, then delete the file', {
      file,
    });
  else opts.log.info('created user admin with the password from ADMIN_PASSWORD');
}
