// @vitest-environment node
import { periodOf } from '@stockroom/shared/ledger/period';
import { CLOSE, MESSAGE_QUERY_AWARENESS } from '@stockroom/shared/sync/protocol';
import { ledgerRoom } from '@stockroom/shared/sync/rooms';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ApiClient, login, loginAdmin } from './support/api-client.ts';
import {
  movementKeys,
  movementOf,
  periodMonthsAgo,
  putMovement,
  startOf,
  writer,
} from './support/entries.ts';
import { RawSyncSocket } from './support/raw-socket.ts';
import { ServerProcess } from './support/server-process.ts';
import { connect, type SyncClient } from './support/sync-client.ts';
import { waitFor } from './support/wait.ts';

const LIMITS = {
  SYNC_RATE_PER_SEC: '20',
  SYNC_RATE_BURST: '50',
  SYNC_MAX_MESSAGE_BYTES: String(64 * 1024),
  SYNC_MAX_CONNECTIONS_PER_SESSION: '3',
  SYNC_MAX_CONNECTIONS_PER_USER: '5',
  HTTP_MAX_BODY_BYTES: '4096',
};

/** Ledger rooms writers may open (rooms exist once written; periods up to 400 days back). */
const THIS_MONTH = ledgerRoom(periodOf(new Date()));
const LAST_MONTH = periodMonthsAgo(1);
const MONTHS_AGO = [1, 2, 3, 4].map((n) => ledgerRoom(periodMonthsAgo(n)));
const me = writer('admin');

function queryAwareness(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS);
  return encoding.toUint8Array(e);
}

describe('limits', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  const sockets: RawSyncSocket[] = [];
  const clients: SyncClient[] = [];
  const raw = async (room: string, token: string) => {
    const s = await RawSyncSocket.open(server.wsUrl, room, token);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    server = await ServerProcess.start({ env: LIMITS });
    admin = await loginAdmin(server);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('a connection sending faster than its token bucket is closed with 4429; others carry on', async () => {
    const honestA = await connect(server.wsUrl, THIS_MONTH, admin.token!);
    const honestB = await connect(server.wsUrl, THIS_MONTH, admin.token!);
    clients.push(honestA, honestB);
    const flood = await raw('catalog', admin.token!);
    for (let i = 0; i < 200; i++) flood.send(queryAwareness());
    expect(await flood.closed).toBe(CLOSE.rateLimited);
    await waitFor(
      () => server.logs().includes('sync message rate exceeded; closing connection (4429)'),
      `log line sync message rate exceeded; closing connection (4429)`,
    );

    // A burst within the bucket (30 updates < 50) is fine.
    for (let i = 0; i < 30; i++) putMovement(honestA.doc, me, `k${i}`, i + 1);
    await honestA.waitSaved();
    await waitFor(() => movementKeys(honestB.doc).length === 30, 'every change at the other client');
    expect(honestA.closeCodes).toEqual([]);
  });

  it('a message above SYNC_MAX_MESSAGE_BYTES closes the connection with 4413, and the stock client stops retrying', async () => {
    const big = await raw('catalog', admin.token!);
    big.send(new Uint8Array(100 * 1024));
    expect(await big.closed).toBe(CLOSE.tooLarge);
    await waitFor(
      () => server.logs().includes('sync message too large; closing connection (4413)'),
      `log line sync message too large; closing connection (4413)`,
    );

    const room = ledgerRoom(LAST_MONTH);
    const at = startOf(LAST_MONTH);
    const client = await connect(server.wsUrl, room, admin.token!);
    clients.push(client);
    const observer = await connect(server.wsUrl, room, admin.token!);
    clients.push(observer);
    // A day's receipts recorded in one go (an import on the device): one update above the limit.
    client.doc.transact(() => {
      for (let i = 0; i < 1000; i++) putMovement(client.doc, me, `huge-${i}`, 1, { at });
    });
    expect(Y.encodeStateAsUpdate(client.doc).byteLength).toBeGreaterThan(64 * 1024);
    await waitFor(() => client.closeCodes.includes(CLOSE.tooLarge), 'the client to be closed with 4413');
    expect(client.provider.shouldConnect).toBe(false);
    // The room and its other client are unaffected.
    const other = await connect(server.wsUrl, room, admin.token!);
    clients.push(other);
    putMovement(other.doc, me, 'small', 1, { at });
    await waitFor(() => movementOf(observer.doc, 'small') === 1, 'a normal change to arrive');
    expect(movementKeys(observer.doc)).toEqual(['small']);
  });

  it('connections per device session and per user are capped: HTTP 429 before the upgrade', async () => {
    expect(
      (await admin.post('/api/users', { username: 'lim', password: 'limited-pass-1', role: 'manager' }))
        .status,
    ).toBe(201);
    const phone = await login(server, 'lim', 'limited-pass-1', 'phone');
    const tablet = await login(server, 'lim', 'limited-pass-1', 'tablet');
    const [first, second, third, fourth] = MONTHS_AGO as [string, string, string, string];
    const onPhone = [
      await raw('catalog', phone.token!),
      await raw(first, phone.token!),
      await raw(second, phone.token!),
    ];
    await expect(RawSyncSocket.open(server.wsUrl, third, phone.token!)).rejects.toThrow(
      'upgrade refused: 429',
    );
    // The log line crosses the child's stdout pipe after the 429 reached us: wait for it.
    await waitFor(
      () => server.logs().includes('too_many_rooms_for_this_device'),
      'the too_many_rooms_for_this_device log line',
    );
    // The tablet may open two more (5 for the user), then the user's cap applies.
    await raw('catalog', tablet.token!);
    await raw(first, tablet.token!);
    await expect(RawSyncSocket.open(server.wsUrl, fourth, tablet.token!)).rejects.toThrow(
      'upgrade refused: 429',
    );
    // The log line crosses the child's stdout pipe after the 429 reached us: wait for it.
    await waitFor(
      () => server.logs().includes('too_many_connections_for_this_user'),
      'the too_many_connections_for_this_user log line',
    );
    // Closing one makes room again.
    onPhone[0]!.close();
    await onPhone[0]!.closed;
    const again = await waitFor(
      () => RawSyncSocket.open(server.wsUrl, third, phone.token!).catch(() => null),
      'a connection once one closed',
    );
    sockets.push(again);
    expect(again.open).toBe(true);
  });

  it('API bodies above HTTP_MAX_BODY_BYTES get 413; smaller ones are read', async () => {
    const huge = await admin.post('/api/items', { sku: 'BIG', name: 'x'.repeat(5000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toBe('too_large');
    const fits = await admin.post('/api/items', { sku: 'FITS', name: 'y'.repeat(100) });
    expect(fits.status).toBe(201);
  });

  it('counts every trip in /metrics', async () => {
    const res = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${admin.token}` } });
    const text = await res.text();
    for (const kind of ['rate_limited', 'message_too_large', 'connection_limit']) {
      const m = new RegExp(`stockroom_errors_total\\{kind="${kind}"\\} (\\d+)`).exec(text);
      expect(Number(m?.[1]), kind).toBeGreaterThan(0);
    }
  });
});
