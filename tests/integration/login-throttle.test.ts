// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, loginAdmin } from './support/api-client.ts';
import { ServerProcess } from './support/server-process.ts';

/**
 * Login throttling against the real server with real scrypt. The server takes the client's
 * address from the socket, so different loopback source addresses (127.0.0.0/8 all reach the
 * server on Linux) stand for different attackers and users.
 */

/** The limits this file relies on, set explicitly (they are also the defaults). */
const PER_CLIENT = 10;
const PER_ADDRESS = 20;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely and assert on them.
  body: any;
}

describe('login throttling', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  let staticDir: string;

  /** One HTTP request on its own connection from the given local address. */
  const send = (from: string, method: string, path: string, body?: unknown): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          localAddress: from,
          method,
          path,
          agent: false,
          headers: data
            ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) }
            : {},
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => {
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON (a static file): keep the text
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
          });
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  const loginFrom = (from: string, username: string, password: string, device?: string) =>
    send(from, 'POST', '/api/auth/login', { username, password, ...(device ? { device } : {}) });

  const createUser = async (username: string, password: string) => {
    const res = await admin.post('/api/users', { username, password, role: 'viewer' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'stockroom-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Stockroom</title>');
    server = await ServerProcess.start({
      env: {
        STATIC_DIR: staticDir,
        LOG_LEVEL: 'warn',
        LOGIN_FREE_FAILURES: String(PER_CLIENT),
        LOGIN_FREE_FAILURES_PER_ADDRESS: String(PER_ADDRESS),
        LOGIN_CHECKS_CONCURRENT: '2',
        LOGIN_CHECKS_QUEUED: '64',
      },
    });
    admin = await loginAdmin(server);
    await createUser('victim', 'victim-real-pass-1');
    await createUser('busy', 'busy-real-pass-1');
  });
  afterAll(async () => {
    await server?.cleanup();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
  });

  it('30 simultaneous guesses for one account from one address: at most the limit are checked, the right one late is 429', async () => {
    const attacker = '127.0.0.2';
    const settled: number[] = [];
    const wrong = Array.from({ length: 29 }, (_, i) =>
      loginFrom(attacker, 'victim', `wrong-guess-${i}`).then((r) => {
        settled.push(r.status);
        return r;
      }),
    );
    // Once one guess has been refused, the limit is taken by guesses in flight: the right
    // password now comes among the late ones.
    const firstRefusal = new Promise<void>((resolve) => {
      for (const p of wrong) void p.then((r) => r.status === 429 && resolve());
    });
    await Promise.race([firstRefusal, Promise.all(wrong)]);
    const inFlightWhenRightSent = wrong.length - settled.length;
    const right = await loginFrom(attacker, 'victim', 'victim-real-pass-1');
    const answers = await Promise.all(wrong);

    const statuses = answers.map((a) => a.status);
    const checked = statuses.filter((s) => s === 401).length;
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(PER_CLIENT);
    expect(inFlightWhenRightSent).toBeGreaterThan(0);
    expect(right.status).toBe(429);
    expect(right.body.error).toBe('rate_limited');
    expect(right.body.message).toMatch(/too many failed logins/);
    expect(Number(right.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Every refusal says how long to wait.
    for (const a of answers.filter((x) => x.status === 429)) {
      expect(Number(a.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
  });

  it('while that address is throttled, the real owner logs in from another address at once', async () => {
    expect((await loginFrom('127.0.0.2', 'victim', 'victim-real-pass-1')).status).toBe(429);
    const owner = await loginFrom('127.0.0.3', 'victim', 'victim-real-pass-1', 'owner-phone');
    expect(owner.status).toBe(200);
    expect(owner.body.user).toEqual({ username: 'victim', role: 'viewer' });
    // The attacker is still throttled after the owner's success.
    expect((await loginFrom('127.0.0.2', 'victim', 'victim-real-pass-1')).status).toBe(429);
  });

  it('many failures from one address (over many accounts) are refused with 429', async () => {
    const attacker = '127.0.0.4';
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => loginFrom(attacker, `sprayed-${i}`, 'Summer2024!')),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(PER_ADDRESS);
    const next = await loginFrom(attacker, 'someone-else', 'Summer2024!');
    expect(next.status).toBe(429);
    expect(next.body.message).toMatch(/from this address/);
    expect(Number(next.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another address is not affected.
    expect((await loginFrom('127.0.0.5', 'busy', 'busy-real-pass-1')).status).toBe(200);
  });

  it('while 30 logins are in flight, /healthz and static files are answered before the logins finish', async () => {
    const order: string[] = [];
    const logins = Array.from({ length: 30 }, (_, i) =>
      loginFrom(
        `127.0.1.${i + 1}`,
        i % 2 ? 'busy' : `nobody-${i}`,
        i % 2 ? 'busy-real-pass-1' : 'no-such-pass',
      ).then((r) => {
        order.push('login');
        return r;
      }),
    );
    const probes = [
      send('127.0.2.1', 'GET', '/healthz').then((r) => {
        order.push('healthz');
        return r;
      }),
      send('127.0.2.2', 'GET', '/').then((r) => {
        order.push('static');
        return r;
      }),
    ];
    const [health, page] = await Promise.all(probes);
    const loginsDoneBeforeProbes = order.filter((o) => o === 'login').length;
    const answers = await Promise.all(logins);

    expect(health!.status).toBe(200);
    expect(page!.status).toBe(200);
    expect(String(page!.body)).toContain('<title>Stockroom</title>');
    // Both answered while almost every login was still waiting for its password check.
    expect(loginsDoneBeforeProbes).toBeLessThan(5);
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(15).fill(200), ...Array(15).fill(401)]);
  });
});
