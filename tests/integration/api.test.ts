// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, loginAdmin, userWithRole } from './support/api-client.ts';
import { ServerProcess } from './support/server-process.ts';

describe('HTTP API', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  let viewer: ApiClient;
  let clerk: ApiClient;

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
    viewer = await userWithRole(server, admin, 'vic', 'viewer');
    clerk = await userWithRole(server, admin, 'cleo', 'clerk');
    for (const [code, kind, parent] of [
      ['S1', 'site', null],
      ['Z1', 'zone', 'S1'],
      ['BIN-A', 'bin', 'Z1'],
      ['BIN-B', 'bin', 'Z1'],
    ] as const) {
      expect((await admin.post('/api/locations', { code, kind, parent })).status).toBe(201);
    }
    expect(
      (await admin.post('/api/items', { sku: 'BOLT-M6', name: 'Bolt M6', barcodes: ['4006381333931'] }))
        .status,
    ).toBe(201);
    expect(
      (await admin.post('/api/items', { sku: 'RESIN', name: 'Resin', tracking: 'lot', unit: 'kg' })).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('GET /healthz is open and ok', async () => {
    const res = await new ApiClient(server.url).get('/healthz');
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
  });

  describe('authentication', () => {
    it('login returns a token and the user; bad credentials are 401', async () => {
      const anon = new ApiClient(server.url);
      const ok = await anon.post('/api/auth/login', { username: 'admin', password: server.adminPassword });
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({
        token: expect.any(String),
        refreshToken: expect.any(String),
        expiresAt: expect.any(String),
        refreshExpiresAt: expect.any(String),
        user: { username: 'admin', role: 'admin' },
      });
      const bad = await anon.post('/api/auth/login', { username: 'admin', password: 'wrong password' });
      expect(bad.status).toBe(401);
      expect(bad.body.error).toBe('unauthorized');
      const nobody = await anon.post('/api/auth/login', { username: 'nobody', password: 'whatever1' });
      expect(nobody.status).toBe(401);
      const invalid = await anon.post('/api/auth/login', { username: 'admin' });
      expect(invalid.status).toBe(400);
      expect(invalid.body.fields).toEqual([{ path: 'password', message: 'is required' }]);
    });

    it('repeated failed logins for one account are refused with 429 for a while', async () => {
      const temp = await userWithRole(server, admin, 'guessme', 'viewer', 'the-real-password');
      expect((await temp.get('/api/me')).status).toBe(200);
      const anon = new ApiClient(server.url);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        statuses.push(
          (await anon.post('/api/auth/login', { username: 'guessme', password: `guess-${i}` })).status,
        );
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses[10]).toBe(429);
      // Even the right password waits until the window passes; other accounts are unaffected.
      const locked = await anon.post('/api/auth/login', {
        username: 'guessme',
        password: 'the-real-password',
      });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(locked.body.error).toBe('rate_limited');
      expect(
        (await anon.post('/api/auth/login', { username: 'admin', password: server.adminPassword })).status,
      ).toBe(200);
    });

    it('every /api route needs a valid token', async () => {
      const anon = new ApiClient(server.url);
      const forged = anon.withToken('not-a-real-token');
      for (const [method, path] of [
        ['GET', '/api/me'],
        ['GET', '/api/items'],
        ['POST', '/api/items'],
        ['GET', '/api/stock'],
        ['POST', '/api/movements'],
        ['GET', '/api/users'],
        ['GET', '/api/openapi.json'],
        ['POST', '/api/auth/logout'],
      ] as const) {
        for (const client of [anon, forged]) {
          const res = await client.request(method, path, method === 'POST' ? {} : undefined);
          expect(res.status, `${method} ${path}`).toBe(401);
          expect(res.body.error).toBe('unauthorized');
        }
      }
    });

    it('GET /api/me tells who is logged in and what they may do', async () => {
      const res = await viewer.get('/api/me');
      expect(res.body).toMatchObject({ username: 'vic', role: 'viewer', device: 'integration-test' });
      expect(res.body.permissions).toEqual([
        'catalog.read',
        'ledger.read',
        'stocktakes.read',
        'purchasing.read',
        'maintenance.read',
        'reports.read',
      ]);
    });

    it('logout revokes the token', async () => {
      const temp = await userWithRole(server, admin, 'tmp-logout', 'viewer');
      expect((await temp.get('/api/me')).status).toBe(200);
      expect((await temp.post('/api/auth/logout')).status).toBe(200);
      expect((await temp.get('/api/me')).status).toBe(401);
    });
  });

  describe('permissions', () => {
    it('a viewer reads but may not write (403)', async () => {
      expect((await viewer.get('/api/items')).status).toBe(200);
      expect((await viewer.get('/api/stock')).status).toBe(200);
      for (const [path, body] of [
        ['/api/items', { sku: 'V-1', name: 'no' }],
        ['/api/locations', { code: 'V-L', kind: 'site' }],
        ['/api/suppliers', { code: 'V-S', name: 'no' }],
        ['/api/movements', { type: 'receive', sku: 'BOLT-M6', location: 'BIN-A', quantity: 1 }],
        ['/api/users', { username: 'v2', password: 'password-1', role: 'admin' }],
      ] as const) {
        const res = await viewer.post(path, body);
        expect(res.status, path).toBe(403);
        expect(res.body.error).toBe('forbidden');
      }
      expect((await viewer.patch('/api/items/BOLT-M6', { name: 'no' })).status).toBe(403);
      expect((await admin.get('/api/items/V-1')).status).toBe(404);
    });

    it('a clerk records movements but may not edit the catalog or users', async () => {
      expect(
        (
          await clerk.post('/api/movements', {
            type: 'receive',
            sku: 'BOLT-M6',
            location: 'BIN-B',
            quantity: 1,
          })
        ).status,
      ).toBe(201);
      expect((await clerk.post('/api/items', { sku: 'C-1', name: 'no' })).status).toBe(403);
      expect((await clerk.get('/api/users')).status).toBe(403);
    });
  });

  describe('catalog', () => {
    it('invalid bodies are 400 with a message per field', async () => {
      const res = await admin.post('/api/items', {
        sku: 'has space',
        name: '',
        unitCost: -1,
        tracking: 'weird',
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid');
      const paths = res.body.fields.map((f: { path: string }) => f.path).sort();
      expect(paths).toEqual(['name', 'sku', 'tracking', 'unitCost']);
      for (const f of res.body.fields) expect(f.message).toEqual(expect.any(String));
    });

    it('bad JSON is 400, a body over 1 MiB is 413', async () => {
      const bad = await admin.request('POST', '/api/items', '{"sku": ');
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe('invalid');
      const huge = await admin.post('/api/items', { sku: 'BIG', name: 'x'.repeat(1024 * 1024 + 10) });
      expect(huge.status).toBe(413);
      expect(huge.body.error).toBe('too_large');
    });

    it('duplicate SKU and location code are 409', async () => {
      const dupItem = await admin.post('/api/items', { sku: 'BOLT-M6', name: 'again' });
      expect(dupItem.status).toBe(409);
      expect(dupItem.body.error).toBe('conflict');
      expect(dupItem.body.fields[0].path).toBe('sku');
      const dupLoc = await admin.post('/api/locations', { code: 'BIN-A', kind: 'bin', parent: 'Z1' });
      expect(dupLoc.status).toBe(409);
    });

    it('unknown SKU or location is 404', async () => {
      expect((await admin.get('/api/items/NOPE')).status).toBe(404);
      expect((await admin.patch('/api/items/NOPE', { name: 'x' })).status).toBe(404);
      expect((await admin.get('/api/locations/NOPE')).status).toBe(404);
    });

    it('search, read and patch items; untouched fields stay', async () => {
      const found = await admin.get('/api/items?q=4006381333931');
      expect(found.body.map((i: { sku: string }) => i.sku)).toEqual(['BOLT-M6']);
      const patched = await admin.patch('/api/items/BOLT-M6', { reorderPoint: 10 });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ sku: 'BOLT-M6', name: 'Bolt M6', reorderPoint: 10 });
      const invalid = await admin.patch('/api/items/BOLT-M6', { minQty: 5, maxQty: 1 });
      expect(invalid.status).toBe(400);
      expect((await admin.get('/api/items/BOLT-M6')).body.reorderPoint).toBe(10);
    });

    it('locations and suppliers', async () => {
      const list = await admin.get('/api/locations');
      expect(list.body.map((l: { code: string }) => l.code)).toEqual(['BIN-A', 'BIN-B', 'S1', 'Z1']);
      expect((await admin.patch('/api/locations/BIN-A', { name: 'Shelf A' })).body.name).toBe('Shelf A');
      const sup = await admin.post('/api/suppliers', {
        code: 'ACME',
        name: 'Acme Ltd',
        email: 'orders@acme.test',
      });
      expect(sup.status).toBe(201);
      expect((await admin.post('/api/suppliers', { code: 'ACME', name: 'dup' })).status).toBe(409);
      expect((await admin.patch('/api/suppliers/ACME', { leadTimeDays: 5 })).body.leadTimeDays).toBe(5);
      expect((await admin.get('/api/suppliers')).body).toHaveLength(1);
    });
  });

  describe('movements and stock', () => {
    it('validates movements per field; unknown SKU or location is 404', async () => {
      const invalid = await admin.post('/api/movements', {
        type: 'adjust',
        sku: 'BOLT-M6',
        location: 'BIN-A',
        quantity: 2,
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.fields).toEqual([{ path: 'reason', message: 'is required for an adjustment' }]);
      const badType = await admin.post('/api/movements', {
        type: 'steal',
        sku: 'BOLT-M6',
        location: 'BIN-A',
        quantity: 2,
      });
      expect(badType.status).toBe(400);
      const badQty = await admin.post('/api/movements', {
        type: 'receive',
        sku: 'BOLT-M6',
        location: 'BIN-A',
        quantity: -3,
      });
      expect(badQty.status).toBe(400);
      expect(badQty.body.fields[0].path).toBe('quantity');
      const sku = await admin.post('/api/movements', {
        type: 'receive',
        sku: 'NOPE',
        location: 'BIN-A',
        quantity: 1,
      });
      expect(sku.status).toBe(404);
      expect(sku.body.fields[0].path).toBe('sku');
      const loc = await admin.post('/api/movements', {
        type: 'receive',
        sku: 'BOLT-M6',
        location: 'NOPE',
        quantity: 1,
      });
      expect(loc.status).toBe(404);
      const lot = await admin.post('/api/movements', {
        type: 'receive',
        sku: 'RESIN',
        location: 'BIN-A',
        quantity: 1,
      });
      expect(lot.status).toBe(400);
      expect(lot.body.fields[0].path).toBe('lot');
    });

    it('records a receipt (201), refuses issuing more than on hand (409) unless allowNegative', async () => {
      const rec = await admin.post('/api/movements', {
        type: 'receive',
        sku: 'RESIN',
        location: 'BIN-A',
        quantity: 2.5,
        lot: 'L-77',
        reference: 'PO-1',
      });
      expect(rec.status).toBe(201);
      expect(rec.body).toMatchObject({
        id: expect.any(String),
        type: 'receive',
        user: 'admin',
        quantity: 2.5,
        lot: 'L-77',
      });
      const tooMuch = await admin.post('/api/movements', {
        type: 'issue',
        sku: 'RESIN',
        location: 'BIN-A',
        quantity: 3,
        lot: 'L-77',
      });
      expect(tooMuch.status).toBe(409);
      expect(tooMuch.body.error).toBe('insufficient');
      const forced = await admin.post('/api/movements', {
        type: 'issue',
        sku: 'RESIN',
        location: 'BIN-A',
        quantity: 3,
        lot: 'L-77',
        allowNegative: true,
      });
      expect(forced.status).toBe(201);
      const stock = await admin.get('/api/stock?sku=RESIN');
      expect(stock.body).toEqual([{ sku: 'RESIN', location: 'BIN-A', lot: 'L-77', quantity: -0.5 }]);
    });

    it('a retried requestId records once (201 then 200 with the same movement)', async () => {
      const body = { type: 'receive', sku: 'BOLT-M6', location: 'BIN-A', quantity: 4, requestId: 'form-123' };
      const first = await admin.post('/api/movements', body);
      const again = await admin.post('/api/movements', body);
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      const same = (await admin.get('/api/movements?sku=BOLT-M6&location=BIN-A')).body.filter(
        (m: { id: string }) => m.id === first.body.id,
      );
      expect(same).toHaveLength(1);
    });

    it('transfers move stock between locations; history filters work', async () => {
      await admin.post('/api/movements', {
        type: 'receive',
        sku: 'BOLT-M6',
        location: 'BIN-A',
        quantity: 10,
      });
      const before = (await admin.get('/api/stock?sku=BOLT-M6&location=BIN-A')).body[0].quantity;
      const t = await admin.post('/api/movements', {
        type: 'transfer',
        sku: 'BOLT-M6',
        location: 'BIN-A',
        toLocation: 'BIN-B',
        quantity: 3,
      });
      expect(t.status).toBe(201);
      expect((await admin.get('/api/stock?sku=BOLT-M6&location=BIN-A')).body[0].quantity).toBe(before - 3);
      const transfers = await admin.get('/api/movements?type=transfer&location=BIN-B');
      expect(transfers.body.map((m: { id: string }) => m.id)).toContain(t.body.id);
      expect((await admin.get('/api/movements?period=2025-13')).status).toBe(400);
      expect((await admin.get('/api/movements?period=2001-01')).body).toEqual([]);
    });

    it('20 concurrent receipts add up exactly', async () => {
      await admin.post('/api/items', { sku: 'CONC', name: 'Concurrency probe' });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? admin : clerk).post('/api/movements', {
            type: 'receive',
            sku: 'CONC',
            location: 'BIN-A',
            quantity: 1.25,
            reference: `PO-${i}`,
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(20);
      expect((await admin.get('/api/stock?sku=CONC')).body).toEqual([
        { sku: 'CONC', location: 'BIN-A', quantity: 25 },
      ]);
      expect((await admin.get('/api/movements?sku=CONC')).body).toHaveLength(20);
    });
  });

  describe('users', () => {
    it('admin creates users (409 on duplicates), changes roles, deactivates', async () => {
      const created = await admin.post('/api/users', {
        username: 'Dora',
        password: 'dora-password',
        role: 'counter',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ username: 'dora', role: 'counter', active: true });
      expect(
        (await admin.post('/api/users', { username: 'dora', password: 'dora-password', role: 'viewer' }))
          .status,
      ).toBe(409);
      const invalid = await admin.post('/api/users', { username: 'x y', password: 'short', role: 'boss' });
      expect(invalid.status).toBe(400);
      expect(invalid.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
        'password',
        'role',
        'username',
      ]);

      const dora = await new ApiClient(server.url).post('/api/auth/login', {
        username: 'dora',
        password: 'dora-password',
      });
      const doraClient = new ApiClient(server.url, dora.body.token);
      expect((await admin.patch('/api/users/dora', { role: 'manager' })).body.role).toBe('manager');
      // A role change signs the user out everywhere.
      expect((await doraClient.get('/api/me')).status).toBe(401);
      expect((await admin.patch('/api/users/dora', { active: false })).body.active).toBe(false);
      const login = await new ApiClient(server.url).post('/api/auth/login', {
        username: 'dora',
        password: 'dora-password',
      });
      expect(login.status).toBe(401);
      expect((await admin.patch('/api/users/nobody', { active: false })).status).toBe(404);
      const users = await admin.get('/api/users');
      expect(users.body.map((u: { username: string }) => u.username)).toContain('dora');
      expect(JSON.stringify(users.body)).not.toContain('scrypt');
    });

    it('the last active admin cannot be demoted or deactivated', async () => {
      const res = await admin.patch('/api/users/admin', { role: 'viewer' });
      expect(res.status).toBe(409);
    });

    it('writes and logins are audited', async () => {
      const entries = await admin.get('/api/audit?subject=item:BOLT-M6');
      expect(entries.status).toBe(200);
      expect(entries.body.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['item.create', 'item.update', 'movement.receive', 'movement.transfer']),
      );
      const logins = await admin.get('/api/audit?subject=user:vic');
      expect(logins.body.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['user.create', 'auth.login']),
      );
      expect((await viewer.get('/api/audit')).status).toBe(403);
    });
  });

  it('serves an OpenAPI 3.1 document listing the routes', async () => {
    const res = await viewer.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/items',
        '/api/items/{sku}',
        '/api/movements',
        '/api/stock',
      ]),
    );
  });

  it('security headers on every response', async () => {
    const res = await viewer.get('/api/me');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
