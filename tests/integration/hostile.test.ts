// @vitest-environment node
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import { nextPeriod, periodOf } from '@stockroom/shared/ledger/period';
import { stateEventId } from '@stockroom/shared/stocktake/lifecycle';
import { ExpectedSnapshots } from '@stockroom/shared/stocktake/snapshot';
import { StocktakeRoom } from '@stockroom/shared/stocktake/stocktake-room';
import { CLOSE } from '@stockroom/shared/sync/protocol';
import { expectedRoom, ledgerRoom, stocktakeRoom } from '@stockroom/shared/sync/rooms';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { ApiClient } from './support/api-client.ts';
import { TEST_DEVICE } from './support/entries.ts';
import { RawSyncSocket } from './support/raw-socket.ts';
import { ServerProcess } from './support/server-process.ts';
import { type StocktakeSetup, setUpWarehouse } from './support/stocktake-setup.ts';
import { connect, type SyncClient } from './support/sync-client.ts';
import { waitFor } from './support/wait.ts';
import { NodeWebSocket } from './support/ws.ts';

/**
 * The attacks of issue 8, each tried with real y-websocket clients (or hand-made protocol
 * messages) against the real server: every one is refused, and honest replicas never see it.
 */

const period = periodOf(new Date());
const LEDGER = ledgerRoom(period);

function syncUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // sync
  encoding.writeVarUint(e, 2); // update
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

function awarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** An update adding `edit` to a copy of what `from` holds, written as `clientID`. */
function craft(from: Y.Doc, clientID: number, edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from));
  doc.clientID = clientID;
  const before = Y.encodeStateVector(doc);
  edit(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

/** Sends an update on a fresh socket and resolves with the close code (or null if it stays open). */
async function sendRaw(server: ServerProcess, room: string, token: string, update: Uint8Array) {
  const raw = await RawSyncSocket.open(server.wsUrl, room, token);
  raw.send(syncUpdate(update));
  // A refused update closes the socket at once; the wait only runs out when the server took
  // it (null, a failure of every caller). Generous: a loaded CI machine may need seconds to
  // load the room before the guard even sees the update.
  const code = await Promise.race([raw.closed, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
  raw.close();
  return code;
}

function upgradeStatus(server: ServerProcess, room: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new NodeWebSocket(`${server.wsUrl}/${room}?token=${encodeURIComponent(token)}`);
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => {});
  });
}

describe('hostile clients inside rooms (issue 8)', () => {
  let server: ServerProcess;
  let w: StocktakeSetup;
  let clerk: ApiClient;
  let clerk2: ApiClient;
  const clients: SyncClient[] = [];
  const open = async (room: string, token: string) => {
    const c = await connect(server.wsUrl, room, token);
    clients.push(c);
    return c;
  };
  const actor = (user: string) => ({ user, device: TEST_DEVICE });
  const refusals = async () =>
    (
      (await w.admin.get('/api/audit?subject=room:' + encodeURIComponent(LEDGER))).body as {
        action: string;
      }[]
    ).filter((e) => e.action === 'sync.refused');

  beforeAll(async () => {
    server = await ServerProcess.start({
      env: {
        SYNC_MAX_STRUCTS_PER_UPDATE: '2000',
        ACCESS_TOKEN_TTL_MS: '600000',
        LOG_LEVEL: process.env.HOSTILE_LOG ?? 'info',
      },
    });
    w = await setUpWarehouse(server);
    const { userWithRole } = await import('./support/api-client.ts');
    clerk = await userWithRole(server, w.admin, 'clara', 'clerk');
    clerk2 = await userWithRole(server, w.admin, 'olaf', 'clerk');
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  /** Creates and starts a stocktake of counted by alice; returns its id. */
  async function stocktake(name: string, blind: boolean): Promise<string> {
    const res = await w.manager.post('/api/stocktakes', {
      name: `Hostile ${name}`,
      locations: ['A-1', 'A-2'],
      counters: ['alice'],
      blind,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.id as string;
    expect((await w.manager.post(`/api/stocktakes/${id}/start`)).status).toBe(200);
    return id;
  }

  it("1. an assigned counter cannot do a manager's job inside the stocktake room", async () => {
    const h1 = await stocktake('h1', true);
    const mine = await open(stocktakeRoom(h1), w.alice.token!);
    const st = new StocktakeRoom(mine.doc, h1, null);
    const me = actor('alice');
    const attempts: ((doc: Y.Doc) => void)[] = [
      (d) => new StocktakeRoom(d, h1, null).cancel({ actor: me }),
      // The domain refuses to switch blind off once counting: the attacker writes the event itself.
      (d) =>
        d.getMap('definition').set('blind-off', {
          type: 'edited',
          id: 'blind-off',
          patch: { blind: false },
          ...me,
          at: new Date().toISOString(),
        }),
      (d) => new StocktakeRoom(d, h1, null).edit({ name: 'mine now' }, { actor: me }),
      (d) => new StocktakeRoom(d, h1, null).assign('carol', { actor: me }),
      (d) =>
        d.getMap('states').set(stateEventId(h1, 'posted'), {
          id: stateEventId(h1, 'posted'),
          to: 'posted',
          ...me,
          at: new Date().toISOString(),
          period,
          adjustments: [],
        }),
    ];
    for (const attempt of attempts) {
      const update = craft(mine.doc, 1000 + attempts.indexOf(attempt), attempt);
      const code = await sendRaw(server, stocktakeRoom(h1), w.alice.token!, update);
      expect(code).toBe(CLOSE.forbidden);
    }
    const view = (await w.manager.get(`/api/stocktakes/${h1}`)).body;
    expect(view).toMatchObject({ status: 'counting', blind: true, name: 'Hostile h1', counters: ['alice'] });
    expect(st.status()).toBe('counting');
    // The honest counter carries on counting on its own connection.
    expect(st.count({ location: 'A-1', sku: 'BOLT' }, { actor: me }).ok).toBe(true);
    await mine.waitSaved();
    const audited = (await w.admin.get(`/api/audit?subject=room:${stocktakeRoom(h1)}`)).body as {
      action: string;
    }[];
    expect(audited.filter((e) => e.action === 'sync.refused')).toHaveLength(attempts.length);
    // Carol, never assigned, does not get in by any of it.
    expect(await upgradeStatus(server, stocktakeRoom(h1), w.carol.token!)).toBe(403);
  });

  it('2. a blind count is blind: no expected quantities in any room or route a counter can read', async () => {
    const h2 = await stocktake('h2', true);
    const counter = await open(stocktakeRoom(h2), w.alice.token!);
    const st = new StocktakeRoom(counter.doc, h2, null);
    expect(st.count({ location: 'A-1', sku: 'BOLT' }, { actor: actor('alice') }).ok).toBe(true);
    await counter.waitSaved();
    for (const e of st.locationEvents.values()) expect(e.type === 'start' && e.expected).toBeFalsy();
    // The server took the snapshot, in a room the manager reads and the counter does not.
    const expected = await open(expectedRoom(h2), w.manager.token!);
    const snapshots = new ExpectedSnapshots(expected.doc, h2);
    await waitFor(() => snapshots.events.size === 1, 'the server to take the snapshot');
    expect([...snapshots.values()][0]!.expected).toEqual([
      { sku: 'BOLT', quantity: 100 },
      { sku: 'NUT', quantity: 40 },
    ]);
    expect(await upgradeStatus(server, expectedRoom(h2), w.alice.token!)).toBe(403);
    expect(await upgradeStatus(server, LEDGER, w.alice.token!)).toBe(403);
    expect((await w.alice.get('/api/stock')).status).toBe(403);
    expect((await w.alice.get('/api/movements')).status).toBe(403);
    const line = (await w.alice.get(`/api/stocktakes/${h2}`)).body.lines[0];
    expect(line).toMatchObject({ counted: 1, expected: null, variance: null });
    // A counter of a stocktake that is not blind may read its expected quantities.
    const open2 = await stocktake('h2b', false);
    expect(await upgradeStatus(server, expectedRoom(open2), w.alice.token!)).toBe(101);
  });

  it("3. the ledger is append-only: nobody replaces or deletes another user's movement, or writes in another's name", async () => {
    const owner = await open(LEDGER, clerk2.token!);
    const ledger = new LedgerPeriod(owner.doc, period);
    const receipt = {
      id: 'receipt-137',
      type: 'receive',
      sku: 'BOLT',
      location: 'A-2',
      quantity: 137,
      user: 'olaf',
      device: TEST_DEVICE,
      at: new Date().toISOString(),
    } as const;
    ledger.movements.append(receipt);
    await owner.waitSaved();
    const before = (await refusals()).length;
    // The highest clientID there is: Yjs orders concurrent writes of one key by clientID, so
    // this copy always wins (with a random one it loses ~7 % of the time to the owner's, and a
    // losing copy changes nothing the guard needs to refuse).
    const forgedWinner = craft(new Y.Doc(), 0xffff_ffff, (d) =>
      d.getMap('movements').set(receipt.id, { ...receipt, quantity: 1, user: 'clara' }),
    );
    expect(await sendRaw(server, LEDGER, clerk.token!, forgedWinner)).toBe(CLOSE.forbidden);
    const edit = craft(owner.doc, 123_456, (d) =>
      d.getMap('movements').set(receipt.id, { ...receipt, quantity: 1 }),
    );
    expect(await sendRaw(server, LEDGER, clerk.token!, edit)).toBe(CLOSE.forbidden);
    const removal = craft(owner.doc, 123_457, (d) => d.getMap('movements').delete(receipt.id));
    expect(await sendRaw(server, LEDGER, clerk.token!, removal)).toBe(CLOSE.forbidden);
    const inTheNameOf = craft(owner.doc, 123_458, (d) =>
      d.getMap('movements').set('m-forged', { ...receipt, id: 'm-forged', user: 'maria', device: 'desk' }),
    );
    expect(await sendRaw(server, LEDGER, clerk.token!, inTheNameOf)).toBe(CLOSE.forbidden);
    expect((await refusals()).length - before).toBe(4);
    const listed = (await w.admin.get(`/api/movements?period=${period}`)).body as {
      id: string;
      quantity: number;
    }[];
    expect(listed.find((m) => m.id === receipt.id)?.quantity).toBe(137);
    expect(listed.some((m) => m.id === 'm-forged')).toBe(false);
    expect(ledger.movements.get(receipt.id)?.quantity).toBe(137);
  });

  it("4. a clerk cannot squat an offline manager's clientID: the manager's offline movement is stored", async () => {
    const managerClient = await open(LEDGER, w.manager.token!);
    const mine = new LedgerPeriod(managerClient.doc, period);
    const stampOf = (id: string) => ({
      id,
      type: 'receive' as const,
      sku: 'NUT',
      location: 'A-2',
      quantity: 1,
      user: 'maria',
      device: TEST_DEVICE,
      at: new Date().toISOString(),
    });
    mine.movements.append(stampOf('maria-online'));
    await managerClient.waitSaved();
    managerClient.provider.disconnect();
    // What the clerk sees of the room (the manager's online write), and the manager's clientID in it.
    const squat = craft(managerClient.doc, managerClient.doc.clientID, (d) =>
      d.getMap('movements').set('squat', { ...stampOf('squat'), user: 'clara' }),
    );
    mine.movements.append(stampOf('maria-offline'));
    // The squatter's struct sits exactly where the manager's offline one is (the same clock).
    expect(await sendRaw(server, LEDGER, clerk.token!, squat)).toBe(CLOSE.forbidden);
    managerClient.provider.connect();
    await managerClient.waitSaved();
    const check = await open(LEDGER, w.admin.token!);
    const seen = new LedgerPeriod(check.doc, period);
    expect(seen.movements.get('maria-offline')?.user).toBe('maria');
    expect(seen.movements.get('squat')).toBeUndefined();
  });

  it('5. readers do not create rooms; writers only for ledger periods the domain allows', async () => {
    const far = ledgerRoom('2031-01');
    expect(await upgradeStatus(server, far, w.viewer.token!)).toBe(404);
    expect(await upgradeStatus(server, far, w.manager.token!)).toBe(404);
    expect(await upgradeStatus(server, ledgerRoom('9999-12'), w.admin.token!)).toBe(404);
    expect(await upgradeStatus(server, ledgerRoom(nextPeriod(nextPeriod(period))), w.admin.token!)).toBe(404);
    expect(await upgradeStatus(server, stocktakeRoom('never-defined'), w.viewer.token!)).toBe(404);
    expect(await upgradeStatus(server, expectedRoom('never-defined'), w.manager.token!)).toBe(404);
    expect(await upgradeStatus(server, ledgerRoom(nextPeriod(period)), w.manager.token!)).toBe(101);
    const stored = (await w.admin.get('/api/export.json')).body.periods.map(
      (l: { period: string }) => l.period,
    );
    expect(stored).not.toContain('2031-01');
  });

  it('6. one update too big for its room is refused with 4413; the server stays responsive', async () => {
    const huge = craft(new Y.Doc(), 77_777, (d) => {
      const m = d.getMap('movements');
      for (let i = 0; i < 2500; i++)
        m.set(`bulk-${i}`, {
          id: `bulk-${i}`,
          type: 'receive',
          sku: 'NUT',
          location: 'A-2',
          quantity: 1,
          user: 'clara',
          device: TEST_DEVICE,
          at: new Date().toISOString(),
        });
    });
    expect(await sendRaw(server, LEDGER, clerk.token!, huge)).toBe(CLOSE.tooLarge);
    expect((await w.admin.get('/healthz')).status).toBe(200);
    const movements = (await w.admin.get(`/api/movements?period=${period}`)).body as { id: string }[];
    expect(movements.some((m) => m.id.startsWith('bulk-'))).toBe(false);
  });

  it('7. presence: only writers, only their own clientID, their own name, and small', async () => {
    const h7 = await stocktake('h7', true);
    const watcher = await open(stocktakeRoom(h7), w.manager.token!);
    const counter = await open(stocktakeRoom(h7), w.alice.token!);
    counter.provider.awareness.setLocalStateField('presence', {
      user: 'maria', // claims to be the manager
      device: 'desk',
      location: 'A-1',
      role: 'manager',
      since: new Date().toISOString(),
    });
    const states = () =>
      [...watcher.provider.awareness.getStates().values()] as { presence?: { location?: string } }[];
    await waitFor(() => states().some((s) => s.presence?.location === 'A-1'), "the counter's presence");
    const shown = states().find((s) => s.presence?.location === 'A-1')!;
    expect(shown.presence).toMatchObject({ user: 'alice', device: TEST_DEVICE, role: 'counter' });

    // A viewer's presence, a state for another connection's clientID, and a 1 MiB state: dropped.
    const viewer = await RawSyncSocket.open(server.wsUrl, stocktakeRoom(h7), w.viewer.token!);
    const fake = (client: number, state: Record<string, unknown>) => {
      const a = new awarenessProtocol.Awareness(new Y.Doc());
      a.clientID = client;
      a.setLocalState(state);
      a.setLocalState(state); // clock 1: a first state at clock 0 is not news to anyone
      return awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(a, [client]));
    };
    viewer.send(fake(424242, { presence: { user: 'vic', location: 'B-9' } }));
    const raw = await RawSyncSocket.open(server.wsUrl, stocktakeRoom(h7), w.alice.token!);
    raw.send(fake(counter.doc.clientID, { presence: { user: 'alice', location: 'HIJACK' } }));
    raw.send(fake(515151, { presence: { user: 'alice', location: 'BIG', pad: 'x'.repeat(1 << 20) } }));
    // A probe sent after them: once it arrives, the others would have too.
    raw.send(fake(515151, { presence: { user: 'alice', location: 'PROBE' } }));
    await waitFor(() => states().some((s) => s.presence?.location === 'PROBE'), 'the probe');
    const locations = states().map((s) => s.presence?.location);
    expect(locations).not.toContain('B-9');
    expect(locations).not.toContain('HIJACK');
    expect(locations).not.toContain('BIG');
    viewer.close();
    raw.close();
  });

  it('9. a sync socket lives no longer than its access token (4401), and its writes after that are not stored', async () => {
    const short = await ServerProcess.start({ env: { ACCESS_TOKEN_TTL_MS: '2500' } });
    try {
      const { loginAdmin } = await import('./support/api-client.ts');
      const admin = await loginAdmin(short);
      const c = await connect(short.wsUrl, ledgerRoom(period), admin.token!, { maxBackoffTime: 60_000 });
      try {
        await waitFor(
          () => c.closeCodes.includes(CLOSE.unauthorized),
          'the server to close at expiry',
          10_000,
        );
        new LedgerPeriod(c.doc, period).movements.append({
          id: 'after-expiry',
          type: 'receive',
          sku: 'X',
          location: 'Y',
          quantity: 1,
          user: 'admin',
          device: TEST_DEVICE,
          at: new Date().toISOString(),
        });
        await new Promise((r) => setTimeout(r, 500));
        const fresh = await loginAdmin(short);
        const ids = ((await fresh.get(`/api/movements?period=${period}`)).body as { id: string }[]).map(
          (m) => m.id,
        );
        expect(ids).not.toContain('after-expiry');
      } finally {
        c.destroy();
      }
    } finally {
      await short.cleanup();
    }
  });

  it('10. text: control characters and bidi overrides are refused with a clear message, limits named', async () => {
    const rlo = await w.admin.post('/api/items', { sku: 'RLO-1', name: 'Bolt \u202Egnp.exe' });
    expect(rlo.status).toBe(400);
    const nul = await w.admin.post('/api/items', { sku: 'NUL-1', name: 'Bolt\u0000' });
    expect(nul.status).toBe(400);
    const long = await w.admin.post('/api/items', { sku: 'LONG-1', name: 'x'.repeat(201) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toMatch(/at most 200 characters/);
    expect(JSON.stringify(long.body)).not.toMatch(/required/);
    const fine = await w.admin.post('/api/items', {
      sku: 'INTL-1',
      name: 'Schraube M8 · برغي · בורג · 螺栓 🔩',
    });
    expect(fine.status).toBe(201);
  });
});
