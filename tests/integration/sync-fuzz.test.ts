// @vitest-environment node
import net from 'node:net';
import { Catalog } from '@stockroom/shared/catalog/catalog';
import { periodOf } from '@stockroom/shared/ledger/period';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
} from '@stockroom/shared/sync/protocol';
import { CATALOG_ROOM, ledgerRoom } from '@stockroom/shared/sync/rooms';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prng } from '../support/prng.ts';
import { type ApiClient, loginAdmin } from './support/api-client.ts';
import { movements, periodMonthsAgo, putMovement, startOf, writer } from './support/entries.ts';
import { RawSyncSocket } from './support/raw-socket.ts';
import { ServerProcess } from './support/server-process.ts';
import { connect, type SyncClient } from './support/sync-client.ts';
import { sleep, waitFor } from './support/wait.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20250417);
const MESSAGES = 5000;
const SOCKETS = 6;
const me = writer('admin');
const LAST_MONTH = periodMonthsAgo(1);

/** The rooms fuzzed, each with the honest write its clients make and the entries replicas compare. */
interface FuzzedRoom {
  name: string;
  /** Returns a writer of entry `key` (the n-th) into `doc`. */
  writerOf(doc: Y.Doc): (key: string, n: number) => void;
  entries(doc: Y.Doc): Record<string, unknown>;
}
const ROOMS: FuzzedRoom[] = [
  {
    name: CATALOG_ROOM,
    writerOf(doc) {
      const catalog = new Catalog(doc);
      return (key) => {
        if (!catalog.createItem({ sku: key, name: `Fuzz ${key}` }, me).ok) throw new Error(`item ${key}`);
      };
    },
    entries: (doc) => doc.getMap('items').toJSON(),
  },
  {
    name: ledgerRoom(LAST_MONTH),
    writerOf: (doc) => (key, n) => putMovement(doc, me, key, n + 1, { at: startOf(LAST_MONTH) }),
    entries: movements,
  },
  {
    name: ledgerRoom(periodOf(new Date())),
    writerOf: (doc) => (key, n) => putMovement(doc, me, key, n + 1),
    entries: movements,
  },
];

function msg(...parts: ((e: encoding.Encoder) => void)[]): Uint8Array {
  const e = encoding.createEncoder();
  for (const p of parts) p(e);
  return encoding.toUint8Array(e);
}
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);
const str = (s: string) => (e: encoding.Encoder) => encoding.writeVarString(e, s);

/** An update a fresh device (`clientID`) makes with `edit`. */
function updateOf(clientID: number, edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  edit(doc);
  return Y.encodeStateAsUpdate(doc);
}

/**
 * Real protocol messages of every kind the server reads: the seeds the mutations start from.
 * Updates of every shape: honest ones the rooms' rules accept (a movement, an item, from the
 * fuzzing admin's own session), one in another user's name the rules refuse, and structures
 * no room holds (arrays, text, XML, deletions), which the write guard cannot judge.
 */
function corpus(): Uint8Array[] {
  const a = new Y.Doc();
  a.clientID = 1_000_001;
  const b = new Y.Doc();
  b.clientID = 1_000_002;
  const updates: Uint8Array[] = [];
  a.on('update', (u: Uint8Array) => updates.push(u));
  a.getMap('m').set('k', { nested: [1, 2, 3], s: 'text' });
  a.getArray('arr').insert(0, ['x', 'y', 'z']);
  a.getText('t').insert(0, 'hello fuzzing world');
  a.getText('t').delete(2, 5);
  a.getMap('m').delete('k');
  a.getXmlFragment('x').insert(0, [new Y.XmlText('xml')]);
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  b.getMap('m').set('from-b', new Uint8Array([1, 2, 3]));
  const merged = Y.encodeStateAsUpdate(b);
  const honestMovement = updateOf(1_000_003, (d) => putMovement(d, me, 'fuzz-seed', 2));
  const honestItem = updateOf(1_000_004, (d) =>
    new Catalog(d).createItem({ sku: 'FUZZ-SEED', name: 'Seed item' }, me),
  );
  const forged = updateOf(1_000_005, (d) => putMovement(d, writer('mallory'), 'forged', 2));
  const awareness = (json: string) =>
    msg(uint(MESSAGE_AWARENESS), bytes(msg(uint(1), uint(77), uint(3), str(json))));
  return [
    ...updates.map((u) => msg(uint(MESSAGE_SYNC), uint(2), bytes(u))),
    ...[honestMovement, honestItem, forged].map((u) => msg(uint(MESSAGE_SYNC), uint(2), bytes(u))),
    msg(uint(MESSAGE_SYNC), uint(1), bytes(honestMovement)),
    msg(uint(MESSAGE_SYNC), uint(1), bytes(merged)),
    msg(uint(MESSAGE_SYNC), uint(0), bytes(Y.encodeStateVector(b))),
    msg(uint(MESSAGE_SYNC), uint(0), bytes(Y.encodeStateVector(new Y.Doc()))),
    awareness('{"user":{"name":"fuzz"}}'),
    awareness('null'),
    msg(uint(MESSAGE_QUERY_AWARENESS)),
    msg(uint(MESSAGE_AUTH), uint(0), str('permission denied')),
    msg(uint(MESSAGE_SAVED), uint(1), uint(5), uint(5)),
  ];
}

function mutate(rand: () => number, seeds: Uint8Array[]): Uint8Array | string {
  const pick = () => seeds[Math.floor(rand() * seeds.length)]!;
  const m = pick().slice();
  const at = () => Math.floor(rand() * Math.max(1, m.length));
  switch (Math.floor(rand() * 10)) {
    case 0: // truncated
      return m.subarray(0, at());
    case 1: // bits flipped
      for (let i = 0; i < 1 + rand() * 3; i++) m[at()]! ^= 1 << Math.floor(rand() * 8);
      return m;
    case 2: // bytes replaced
      for (let i = 0; i < 1 + rand() * 6; i++) m[at()] = Math.floor(rand() * 256);
      return m;
    case 3: // random garbage
      return Uint8Array.from({ length: Math.floor(rand() * 200) }, () => Math.floor(rand() * 256));
    case 4: {
      // two messages glued together (trailing bytes)
      const other = pick();
      const out = new Uint8Array(m.length + other.length);
      out.set(m);
      out.set(other, m.length);
      return out;
    }
    case 5: // a length prefix that lies (huge varint after the type bytes)
      return msg(uint(m[0] ?? 0), uint(m[1] ?? 0), uint(0xfffffff), (e) =>
        encoding.writeUint8Array(e, m.subarray(2)),
      );
    case 6: // a slice from the middle
      return m.subarray(at(), at() + 1 + Math.floor(rand() * 40));
    case 7: // text instead of binary
      return rand() < 0.5 ? 'hello' : String.fromCharCode(...m.subarray(0, 50));
    case 8: // unchanged: valid messages keep the connection busy between broken ones
      return m;
    default: // random bytes inserted
      return Uint8Array.from([
        ...m.subarray(0, at()),
        ...Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Math.floor(rand() * 256)),
        ...m.subarray(at()),
      ]);
  }
}

describe('fuzzing the sync endpoint', () => {
  let server: ServerProcess;
  let admin: ApiClient;

  beforeAll(async () => {
    // A generous rate limit, so the fuzz reaches the message parser instead of the token bucket.
    server = await ServerProcess.start({ env: { SYNC_RATE_PER_SEC: '1000000', SYNC_RATE_BURST: '1000000' } });
    admin = await loginAdmin(server);
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it(`${MESSAGES} random, truncated and mutated messages on ${SOCKETS} connections: the server stays up and honest clients converge (seed ${SEED})`, async () => {
    const rand = prng(SEED);
    const seeds = corpus();
    const honest: {
      writer: SyncClient;
      reader: SyncClient;
      write: (key: string, n: number) => void;
      written: number;
    }[] = [];
    for (const room of ROOMS) {
      const writer = await connect(server.wsUrl, room.name, admin.token!);
      honest.push({
        writer,
        reader: await connect(server.wsUrl, room.name, admin.token!),
        write: room.writerOf(writer.doc),
        written: 0,
      });
    }
    let writing = true;
    const writers = honest.map(async (h, i) => {
      while (writing) {
        h.write(`w${i}-${h.written}`, h.written);
        h.written++;
        await sleep(15);
      }
    });
    const sockets: RawSyncSocket[] = [];
    const open = (i: number) => RawSyncSocket.open(server.wsUrl, ROOMS[i % ROOMS.length]!.name, admin.token!);
    for (let i = 0; i < SOCKETS; i++) sockets.push(await open(i));
    let closedByServer = 0;
    const codes = new Map<number, number>();
    for (let n = 0; n < MESSAGES; n++) {
      const i = n % SOCKETS;
      if (!sockets[i]!.open) {
        closedByServer++;
        const code = sockets[i]!.closeCode ?? 0;
        codes.set(code, (codes.get(code) ?? 0) + 1);
        sockets[i] = await open(i);
      }
      sockets[i]!.send(mutate(rand, seeds));
      if (n % 20 === 0) await sleep(2);
    }
    for (const s of sockets) s.close();

    // Hostile bytes before any WebSocket exists: broken upgrade requests and plain garbage.
    await Promise.all(
      Array.from({ length: 40 }, (_, k) => {
        const junk =
          k % 2
            ? `GET /sync/catalog?token=${admin.token} HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n`.slice(
                0,
                Math.floor(rand() * 150),
              )
            : Buffer.from(Array.from({ length: 64 }, () => Math.floor(rand() * 256)));
        return new Promise<void>((resolve) => {
          const sock = net.connect(server.port, '127.0.0.1', () => sock.end(junk));
          sock.on('error', () => resolve());
          sock.on('close', () => resolve());
          // A half-sent request is kept open by the server until its header timeout: do not wait for it.
          sock.setTimeout(500, () => sock.destroy());
        });
      }),
    );
    writing = false;
    await Promise.all(writers);
    expect(server.running).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(closedByServer).toBeGreaterThan(100);
    expect(codes.get(4400)).toBeGreaterThan(0); // broken messages
    expect(codes.get(4403)).toBeGreaterThan(0); // updates the write guard refused

    for (const [i, h] of honest.entries()) {
      await h.writer.waitSaved(20_000);
      expect(h.writer.closeCodes).toEqual([]);
      const room = ROOMS[i]!;
      const fresh = await connect(server.wsUrl, room.name, admin.token!);
      try {
        await waitFor(
          () =>
            [h.reader, fresh].every(
              (c) => Y.encodeStateVector(c.doc).toString() === Y.encodeStateVector(h.writer.doc).toString(),
            ),
          `replicas of ${room.name} to converge`,
        );
        const expected = room.entries(h.writer.doc);
        // Every honest write is there; the fuzz may have added entries an honest seed mutated into.
        expect(Object.keys(expected).filter((k) => k.startsWith(`w${i}-`))).toHaveLength(h.written);
        expect(room.entries(h.reader.doc)).toEqual(expected);
        expect(room.entries(fresh.doc)).toEqual(expected);
      } finally {
        fresh.destroy();
        h.writer.destroy();
        h.reader.destroy();
      }
    }
    // Broken input is refused, never an internal error.
    const errors = server
      .logs()
      .split('\n')
      .filter((l) => l.includes('"level":"error"'));
    expect(errors).toEqual([]);
  }, 180_000);
});
