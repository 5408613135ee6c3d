// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ApiClient, loginAdmin } from './support/api-client.ts';
import { countKeys, countOf, putCount, writer } from './support/entries.ts';
import { REPO_ROOT, ServerProcess } from './support/server-process.ts';
import { connect, SyncClient } from './support/sync-client.ts';
import { sleep, waitFor } from './support/wait.ts';

/** Runs the real `pnpm backup` / `pnpm restore` entry point against the server's data directory. */
function ops(dataDir: string, ...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/ops/cli.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, INIT_CWD: REPO_ROOT },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Runs `ops` in a child process without blocking this event loop (the writer must keep writing). */
async function opsAsync(dataDir: string, ...args: string[]): Promise<{ status: number | null; out: string }> {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/ops/cli.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, INIT_CWD: REPO_ROOT },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (status) => resolve({ status, out }));
  });
}

/** The writing device: the admin on the device the support logs in with. */
const ADMIN = writer('admin');

describe('backup and restore', () => {
  let server: ServerProcess;
  let work: string;

  beforeAll(async () => {
    server = await ServerProcess.start();
    work = mkdtempSync(join(tmpdir(), 'stockroom-backups-'));
  });
  afterAll(async () => {
    await server?.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  it('takes a consistent online backup while clients write, and restores it; clients then resend what it lacks', async () => {
    const admin = await loginAdmin(server);
    const writer = await connect(server.wsUrl, 'stocktake-backup', admin.token!);
    let written = 0;
    let writing = true;
    const loop = (async () => {
      while (writing) {
        putCount(writer.doc, ADMIN, `k${written}`, written + 1);
        written++;
        await sleep(5);
      }
    })();
    const apiWrites = (async () => {
      for (let i = 0; writing && i < 200; i++) {
        await admin.post('/api/locations', { code: `BK-${i}`, kind: 'site' });
      }
    })();
    await waitFor(() => written > 100, 'some writes before the backup');
    await writer.waitSaved();
    // One count entry per clock tick: everything below the acknowledged clock is stored.
    const savedBeforeBackup = writer.saved.clockOf(writer.doc.clientID);
    const keysBeforeBackup = written;

    const file = join(work, 'online.db');
    const backup = await opsAsync(server.dataDir, 'backup', file);
    expect(backup.out).toContain('backup written to');
    expect(backup.status).toBe(0);
    const writtenDuringBackup = written - keysBeforeBackup;

    // Restore refuses while the server has the database open.
    const busy = ops(server.dataDir, 'restore', file);
    expect(busy.status).toBe(1);
    expect(busy.out).toContain('stop the server first');

    await waitFor(() => written > keysBeforeBackup + writtenDuringBackup + 50, 'writes after the backup');
    writing = false;
    await loop;
    await apiWrites;
    await writer.waitSaved();
    const allKeys = countKeys(writer.doc).length;
    writer.destroy();
    await server.stop();

    // The backup holds at least everything saved before it began (checked after restoring below).
    const restored = ops(server.dataDir, 'restore', file);
    expect(restored.out).toContain('restored');
    expect(restored.status).toBe(0);
    expect(existsSync(join(server.dataDir, 'stockroom.db.bak'))).toBe(true);
    await server.start();

    // Sessions from the backup are revoked: devices log in again.
    expect((await admin.get('/api/me')).status).toBe(401);
    const again = await loginAdmin(server);
    const fresh = await connect(server.wsUrl, 'stocktake-backup', again.token!);
    expect(Y.getState(fresh.doc.store, writer.doc.clientID)).toBeGreaterThanOrEqual(savedBeforeBackup);
    expect(savedBeforeBackup).toBeGreaterThan(100);
    for (let i = 0; i < savedBeforeBackup; i++) expect(countOf(fresh.doc, `k${i}`), `k${i}`).toBe(i + 1);
    expect(countKeys(fresh.doc).length).toBeLessThan(allKeys); // the writes after the backup are not in it...

    // ...until the device that made them reconnects: its copy fills the gap (CRDT resync).
    const device = new SyncClient(server.wsUrl, 'stocktake-backup', again.token!, { doc: writer.doc });
    try {
      await device.waitSaved(20_000);
      await waitFor(
        () => countKeys(fresh.doc).length === allKeys,
        'the restored server to get the rest back',
      );
    } finally {
      device.destroy();
      fresh.destroy();
    }
  });

  it('refuses to restore a file that is not a Stockroom database, leaving the data alone', async () => {
    await server.stop();
    const junk = join(work, 'junk.db');
    writeFileSync(junk, 'this is not sqlite');
    const r = ops(server.dataDir, 'restore', junk);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/not a SQLite database|cannot be opened/);
    const usage = ops(server.dataDir, 'restore');
    expect(usage.status).toBe(2);
    await server.start();
    expect((await new ApiClient(server.url).get('/healthz')).status).toBe(200);
    const admin = await loginAdmin(server);
    expect((await admin.get('/api/locations')).body.length).toBeGreaterThan(0);
  });
});
