// @vitest-environment node
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { periodOf } from '@stockroom/shared/ledger/period';
import { StocktakeIndex } from '@stockroom/shared/stocktake/stocktake-index';
import { MESSAGE_SYNC } from '@stockroom/shared/sync/protocol';
import { CATALOG_ROOM, ledgerRoom, STOCKTAKES_ROOM, stocktakeRoom } from '@stockroom/shared/sync/rooms';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageYjsSyncStep2, messageYjsUpdate, writeSyncStep1 } from 'y-protocols/sync';
import * as Y from 'yjs';
import { apiRoutes } from '../../server/src/api/routes.ts';
import { ApiClient, login, loginAdmin, userWithRole } from './support/api-client.ts';
import { countOf, movementOf, periodMonthsAgo, putCount, putMovement, writer } from './support/entries.ts';
import { RawSyncSocket } from './support/raw-socket.ts';
import { ServerProcess } from './support/server-process.ts';
import { waitFor } from './support/wait.ts';

/**
 * Every role × every API route (read from the server's own route table, so a new route is
 * covered the day it is added) and × every room kind, against the roles as the product
 * specifies them — written out here by hand, not derived from the server's permission table.
 */
const ROLES = ['admin', 'manager', 'clerk', 'counter', 'technician', 'viewer'] as const;
type Role = (typeof ROLES)[number];
const ALL: Role[] = [...ROLES];

/**
 * Issue 4: admin (users, settings), manager (catalog, stocktakes, approvals), clerk (movements),
 * counter (assigned stocktakes), viewer (read-only). Issue 8: counters count blind, so they never
 * see stock on hand or movements. Purchasing and maintenance: managers plan and order, clerks
 * receive and issue parts, technicians see work orders and issue their parts, nothing else.
 */
const SPEC: Record<string, Role[]> = {
  'users.manage': ['admin'],
  'audit.read': ['admin', 'manager'],
  'catalog.read': ALL,
  'catalog.write': ['admin', 'manager'],
  'ledger.read': ['admin', 'manager', 'clerk', 'technician', 'viewer'],
  'ledger.write': ['admin', 'manager', 'clerk'],
  'stocktakes.read': ['admin', 'manager', 'clerk', 'counter', 'viewer'],
  'stocktakes.count': ['admin', 'manager', 'counter'],
  'stocktakes.manage': ['admin', 'manager'],
  'purchasing.read': ['admin', 'manager', 'clerk', 'viewer'],
  'purchasing.receive': ['admin', 'manager', 'clerk'],
  'purchasing.manage': ['admin', 'manager'],
  'maintenance.read': ['admin', 'manager', 'clerk', 'technician', 'viewer'],
  'maintenance.issue': ['admin', 'manager', 'clerk', 'technician'],
  'maintenance.plan': ['admin', 'manager'],
  'reports.read': ['admin', 'manager', 'viewer'],
  // Issue 13: admins set procedures; managers approve held adjustments.
  'settings.manage': ['admin'],
  'approvals.decide': ['admin', 'manager'],
};

/** none: 403 before the upgrade; missing: 404 (rooms exist once written). */
type Access = 'write' | 'read' | 'none' | 'missing';
/**
 * Sync rooms: what each role may do (an open stocktake the counter is assigned to, and one
 * they are not). Rooms nobody wrote yet do not exist for readers; writers bring them into
 * being (a ledger period in the bounds movements may be dated in; a stocktake a manager's
 * device defined offline).
 */
const ROOM_SPEC: Record<string, Record<Role, Access>> = {
  catalog: {
    admin: 'write',
    manager: 'write',
    clerk: 'read',
    counter: 'read',
    technician: 'read',
    viewer: 'read',
  },
  // A technician writes only parts issued to (or returned from) a work order.
  ledger: {
    admin: 'write',
    manager: 'write',
    clerk: 'write',
    counter: 'none',
    technician: 'write',
    viewer: 'read',
  },
  'ledger (a period nobody wrote)': {
    admin: 'write',
    manager: 'write',
    clerk: 'write',
    counter: 'none',
    technician: 'write',
    viewer: 'missing',
  },
  'stocktake (assigned)': {
    admin: 'write',
    manager: 'write',
    clerk: 'read',
    counter: 'write',
    technician: 'none',
    viewer: 'read',
  },
  'stocktake (not assigned)': {
    admin: 'write',
    manager: 'write',
    clerk: 'read',
    counter: 'none',
    technician: 'none',
    viewer: 'read',
  },
  'stocktake (nobody defined)': {
    admin: 'write',
    manager: 'write',
    clerk: 'missing',
    counter: 'missing',
    technician: 'none',
    viewer: 'missing',
  },
  stocktakes: {
    admin: 'write',
    manager: 'write',
    clerk: 'read',
    counter: 'read',
    technician: 'none',
    viewer: 'read',
  },
};

const userOf = (role: Role) => (role === 'admin' ? 'admin' : `mx-${role}`);

/** The honest write a role's device makes in each kind of room, and how to find it in a replica. */
interface RoomWrite {
  write(doc: Y.Doc, role: Role, key: string): void;
  holds(doc: Y.Doc, key: string): boolean;
}
const CATALOG_WRITE: RoomWrite = {
  write: (doc, role, key) =>
    void new Catalog(doc).createItem({ sku: key, name: 'Probe' }, writer(userOf(role))),
  holds: (doc, key) => new Catalog(doc).items.get(key) !== undefined,
};
const LEDGER_WRITE: RoomWrite = {
  write: (doc, role, key) =>
    putMovement(doc, writer(userOf(role)), key, 1, {
      sku: 'MX-1',
      location: 'MX',
      ...(role === 'technician' ? { type: 'issue', reference: 'wo:WO-MX' } : {}),
    }),
  holds: (doc, key) => movementOf(doc, key) !== undefined,
};
const STOCKTAKE_WRITE: RoomWrite = {
  write: (doc, role, key) => putCount(doc, writer(userOf(role)), key, 1, 'MX'),
  holds: (doc, key) => countOf(doc, key) !== undefined,
};
const INDEX_WRITE: RoomWrite = {
  write: (doc, role, key) =>
    void new StocktakeIndex(doc).add({
      id: key,
      name: 'Probe',
      createdAt: new Date().toISOString(),
      createdBy: userOf(role),
    }),
  holds: (doc, key) => new StocktakeIndex(doc).get(key) !== undefined,
};

const routes = apiRoutes('matrix');

describe('authorization matrix', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  const clients = {} as Record<Role, ApiClient>;
  const passwords = {} as Record<Role, string>;
  let roomsById: Record<string, { room: string; writes: RoomWrite }>;
  let apiStocktake: string;

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
    clients.admin = admin;
    passwords.admin = server.adminPassword;
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      passwords[role] = `pw-mx-${role}-123456`;
      clients[role] = await userWithRole(server, admin, `mx-${role}`, role, passwords[role]);
    }
    expect((await admin.post('/api/locations', { code: 'MX', kind: 'site' })).status).toBe(201);
    expect((await admin.post('/api/items', { sku: 'MX-1', name: 'Matrix item' })).status).toBe(201);
    const stocktake = async (counters: string[], blind = true) => {
      const res = await admin.post('/api/stocktakes', { name: 'Matrix', locations: ['MX'], counters, blind });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    roomsById = {
      catalog: { room: CATALOG_ROOM, writes: CATALOG_WRITE },
      // This month's ledger always exists.
      ledger: { room: ledgerRoom(periodOf(new Date())), writes: LEDGER_WRITE },
      'ledger (a period nobody wrote)': { room: ledgerRoom(periodMonthsAgo(2)), writes: LEDGER_WRITE },
      'stocktake (assigned)': {
        room: stocktakeRoom(await stocktake(['mx-counter'])),
        writes: STOCKTAKE_WRITE,
      },
      'stocktake (not assigned)': { room: stocktakeRoom(await stocktake([])), writes: STOCKTAKE_WRITE },
      'stocktake (nobody defined)': { room: stocktakeRoom('never-defined'), writes: STOCKTAKE_WRITE },
      stocktakes: { room: STOCKTAKES_ROOM, writes: INDEX_WRITE },
    };
    // Not blind: a blind stocktake's report is refused to non-managers by content, not by role.
    apiStocktake = await stocktake(['mx-counter'], false);
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('knows every permission the route table uses', () => {
    const used = new Set(routes.map((r) => r.access).filter((a) => a !== 'public' && a !== 'authenticated'));
    for (const p of used) expect(SPEC, `add ${p} to the specification above`).toHaveProperty(p);
    expect(routes.length).toBeGreaterThan(30);
  });

  /** A concrete path for a route pattern: ids point at a stocktake the counter is assigned to. */
  const pathOf = (pattern: string) =>
    pattern.replace(/\{(\w+)\}/g, (_m, name: string) =>
      name === 'id' && pattern.includes('stocktakes') ? apiStocktake : 'MX',
    );

  it('every API route: anonymous → 401 unless public; roles without the permission → 403 before the handler; others pass', async () => {
    const anon = new ApiClient(server.url);
    const problems: string[] = [];
    // Roles that may do least first, so state changes by managers (starting a stocktake) come last.
    for (const role of ['viewer', 'counter', 'technician', 'clerk', 'manager', 'admin'] as Role[]) {
      for (const r of routes) {
        let client = clients[role];
        // Logging out would end the session the rest of the matrix uses: log in once more for it.
        if (r.path === '/api/auth/logout')
          client = await login(server, `${role === 'admin' ? 'admin' : `mx-${role}`}`, passwords[role]);
        const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
        const res = await client.request(r.method, pathOf(r.path), body);
        const roleRefused = res.status === 403 && /role may not do this/.test(String(res.body?.message));
        const expected =
          r.access === 'public' || r.access === 'authenticated'
            ? true
            : (SPEC[r.access]?.includes(role) ?? false);
        const label = `${role} ${r.method} ${r.path} → ${res.status}`;
        if (expected && (res.status === 401 || res.status === 403))
          problems.push(`${label}: should be allowed`);
        if (!expected && !roleRefused) problems.push(`${label}: should be refused (403 by role)`);
      }
    }
    for (const r of routes) {
      if (r.access === 'public') continue;
      const res = await anon.request(r.method, pathOf(r.path), r.method === 'GET' ? undefined : {});
      if (res.status !== 401) problems.push(`anonymous ${r.method} ${r.path} → ${res.status}: should be 401`);
    }
    expect(problems).toEqual([]);
  });

  it('a counter sees only the stocktakes assigned to them through the API', async () => {
    const mine = await clients.counter.get(`/api/stocktakes/${apiStocktake}`);
    expect(mine.status).toBe(200);
    const other = roomsById['stocktake (not assigned)']!.room.slice('stocktake-'.length);
    expect((await clients.counter.get(`/api/stocktakes/${other}`)).status).toBe(403);
    const list = await clients.counter.get('/api/stocktakes');
    expect(list.body.map((s: { id: string }) => s.id)).not.toContain(other);
  });

  it('/metrics: admin only (or METRICS_TOKEN)', async () => {
    const status = async (token?: string) =>
      (await fetch(`${server.url}/metrics`, { headers: token ? { Authorization: `Bearer ${token}` } : {} }))
        .status;
    expect(await status()).toBe(401);
    for (const role of ROLES)
      expect(await status(clients[role].token!), role).toBe(role === 'admin' ? 200 : 403);
  });

  let probes = 0;

  /**
   * Opens a raw socket as `role`, sends the honest update that role's device would make, then
   * SyncStep1; the server handles a socket's messages in order, so its SyncStep2 answer shows
   * whether the update was applied (write) or dropped (read). A refused upgrade is 'none'
   * (403) or 'missing' (404); a socket the server closes instead of answering is reported
   * with its close code (a write the room's rules refused).
   */
  async function probe(
    { room, writes }: { room: string; writes: RoomWrite },
    role: Role,
    token: string,
  ): Promise<Access | string> {
    let socket: RawSyncSocket;
    try {
      socket = await RawSyncSocket.open(server.wsUrl, room, token);
    } catch (error) {
      const m = /upgrade refused: (\d+)/.exec(String(error));
      return m?.[1] === '403' ? 'none' : m?.[1] === '404' ? 'missing' : String(error);
    }
    try {
      const key = `probe-${role}-${probes++}`;
      const doc = new Y.Doc();
      writes.write(doc, role, key);
      if (!writes.holds(doc, key)) throw new Error(`the probe write of ${role} in ${room} did not happen`);
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, MESSAGE_SYNC);
      encoding.writeVarUint(update, messageYjsUpdate);
      encoding.writeVarUint8Array(update, Y.encodeStateAsUpdate(doc));
      socket.send(encoding.toUint8Array(update));
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, MESSAGE_SYNC);
      writeSyncStep1(step1, new Y.Doc());
      socket.send(encoding.toUint8Array(step1));
      const answer = await waitFor(
        () =>
          socket.received.find((m) => {
            const d = decoding.createDecoder(m);
            return (
              decoding.readVarUint(d) === MESSAGE_SYNC && decoding.readVarUint(d) === messageYjsSyncStep2
            );
          }) ?? (socket.open ? null : 'closed'),
        `the SyncStep2 answer in ${room} for ${role}`,
      );
      if (answer === 'closed') return `closed with ${socket.closeCode}`;
      const d = decoding.createDecoder(answer);
      decoding.readVarUint(d);
      decoding.readVarUint(d);
      const state = new Y.Doc();
      Y.applyUpdate(state, decoding.readVarUint8Array(d));
      return writes.holds(state, key) ? 'write' : 'read';
    } finally {
      socket.close();
    }
  }

  it('every room kind × role: refused before the upgrade, read-only (updates dropped) or read-write', async () => {
    const got: Record<string, Record<string, Access | string>> = {};
    for (const [kind, room] of Object.entries(roomsById)) {
      got[kind] = {};
      // Readers first: once a writer wrote a room nobody had written, it exists for everyone.
      for (const role of [...ROLES].reverse())
        got[kind]![role] = await probe(room, role, clients[role].token!);
    }
    expect(got).toEqual(ROOM_SPEC);
  });

  it('rooms refuse anonymous and forged tokens with 401', async () => {
    for (const { room } of Object.values(roomsById)) {
      for (const token of ['', 'forged']) {
        await expect(RawSyncSocket.open(server.wsUrl, room, token)).rejects.toThrow('upgrade refused: 401');
      }
    }
  });
});
