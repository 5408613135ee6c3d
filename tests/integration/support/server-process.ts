import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is tests/integration/support/server-process.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServerOptions {
  /** Extra environment (PORT, HOST, DATA_DIR and ADMIN_PASSWORD are set by the harness unless given). */
  env?: Record<string, string>;
  /** Reuse a data directory (default: a fresh temporary one, removed by `cleanup()`). */
  dataDir?: string;
  /** Run the esbuild bundle `server/dist/main.js` instead of the sources through tsx. */
  bundled?: boolean;
  /** How long to wait for /healthz (ms). */
  startTimeoutMs?: number;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The real server as a child process on a free loopback port, with its own data directory.
 * It keeps its port across restarts, so clients pointed at it reconnect by themselves.
 */
export class ServerProcess {
  readonly adminPassword: string;
  readonly dataDir: string;
  private child: ChildProcess | null = null;
  private exitPromise: Promise<Exit> | null = null;
  private output = '';
  private readonly ownsDataDir: boolean;

  private constructor(
    readonly port: number,
    private readonly options: ServerOptions,
  ) {
    this.ownsDataDir = !options.dataDir;
    this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'stockroom-it-'));
    this.adminPassword = options.env?.ADMIN_PASSWORD ?? `admin-${randomBytes(9).toString('base64url')}`;
  }

  static async start(options: ServerOptions = {}): Promise<ServerProcess> {
    const server = new ServerProcess(Number(options.env?.PORT ?? (await freePort())), options);
    await server.start();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Base URL for y-websocket providers: rooms are `${wsUrl}/${room}`. */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/sync`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** The server's process id while it runs (benchmarks read its CPU time and memory). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Everything the server printed (JSON log lines), for assertions and debugging. */
  logs(): string {
    return this.output;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error('server already running');
    const entry = this.options.bundled ? ['server/dist/main.js'] : ['--import', 'tsx', 'server/src/main.ts'];
    const child = spawn(process.execPath, entry, {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        ...this.options.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        ADMIN_PASSWORD: this.adminPassword,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => {
      this.output += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      this.output += d.toString();
    });
    this.exitPromise = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = null;
        resolve({ code, signal });
      }),
    );
    await this.waitHealthy(this.options.startTimeoutMs ?? 30_000);
  }

  /** Sends a signal and waits for the process to exit. */
  async kill(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<Exit> {
    const child = this.child;
    const exited = this.exitPromise;
    if (!child || !exited) throw new Error('server is not running');
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Clean stop (SIGTERM). */
  stop(): Promise<Exit> {
    return this.kill('SIGTERM');
  }

  /** Stop (SIGTERM, or the given signal) and start again on the same port and data. */
  async restart(signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> {
    const exit = await this.kill(signal);
    await this.start();
    return exit;
  }

  /** Stops the server if running and removes its temporary data directory. */
  async cleanup(): Promise<void> {
    if (this.child) await this.kill('SIGTERM').catch(() => undefined);
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const exited = this.exitPromise!;
    let gone: Exit | null = null;
    void exited.then((e) => {
      gone = e;
    });
    while (Date.now() < deadline) {
      if (gone) throw new Error(`server exited during start (${JSON.stringify(gone)}):\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`server did not become healthy within ${timeoutMs} ms:\n${this.output}`);
  }
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
