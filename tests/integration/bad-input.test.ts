// @vitest-environment node
import { CLOSE, MESSAGE_AWARENESS, MESSAGE_SYNC } from '@stockroom/shared/sync/protocol';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prng } from '../support/prng.ts';
import { type ApiClient, loginAdmin } from './support/api-client.ts';
import { countOf, counts, putCount, writer } from './support/entries.ts';
import { RawSyncSocket } from './support/raw-socket.ts';
import { ServerProcess } from './support/server-process.ts';
import { connect, type SyncClient } from './support/sync-client.ts';
import { waitFor } from './support/wait.ts';

function message(...parts: ((e: encoding.Encoder) => void)[]): Uint8Array {
  const e = encoding.createEncoder();
  for (const p of parts) p(e);
  return encoding.toUint8Array(e);
}
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);
const raw = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeUint8Array(e, b);

/** Every connection here is the admin's, on the device the support logs in with. */
const me = writer('admin');

/** An honest update (two count entries): what the broken messages below are made from. */
function realUpdate(): Uint8Array {
  const d = new Y.Doc();
  putCount(d, me, 'scan-1', 3);
  putCount(d, me, 'scan-2', 5, 'A-2');
  return Y.encodeStateAsUpdate(d);
}

/** A presence update whose state is not JSON. */
const awarenessNotJson = message(
  uint(MESSAGE_AWARENESS),
  bytes(message(uint(1), uint(123), uint(1), (e) => encoding.writeVarString(e, '{not json'))),
);

describe('bad input on the sync endpoint', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  let a: SyncClient;
  let b: SyncClient;
  const ROOM = 'stocktake-fuzz';

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
    a = await connect(server.wsUrl, ROOM, admin.token!);
    b = await connect(server.wsUrl, ROOM, admin.token!);
  });
  afterAll(async () => {
    a?.destroy();
    b?.destroy();
    await server?.cleanup();
  });

  const update = realUpdate();
  const cases: [string, Uint8Array | string][] = [
    ['random bytes', new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x99, 0x12])],
    ['an empty message', new Uint8Array(0)],
    ['a text frame', 'hello'],
    ['an unknown message type', message(uint(77), uint(1))],
    ['an unknown sync step', message(uint(MESSAGE_SYNC), uint(9), bytes(update))],
    [
      'a truncated update',
      message(uint(MESSAGE_SYNC), uint(2), bytes(update.subarray(0, update.length >> 1))),
    ],
    [
      'an update whose length prefix lies',
      message(uint(MESSAGE_SYNC), uint(2), uint(1_000_000), raw(update)),
    ],
    [
      'a garbage update body',
      message(uint(MESSAGE_SYNC), uint(2), bytes(new Uint8Array([5, 200, 200, 200, 200, 1]))),
    ],
    ['a garbage state vector', message(uint(MESSAGE_SYNC), uint(0), bytes(new Uint8Array([3, 0xff, 0xff])))],
  ];
  let next = 0;
  /** A count by a, and the wait until b holds it and the server acknowledged it. */
  const bystanderStillSyncs = async () => {
    const key = `after-${next++}`;
    putCount(a.doc, me, key);
    await waitFor(() => countOf(b.doc, key) === 1, 'the next change to reach b');
    await a.waitSaved();
  };

  it.each(cases)('%s closes that connection only (4400), others keep syncing', async (_name, payload) => {
    const bad = await RawSyncSocket.open(server.wsUrl, ROOM, admin.token!);
    bad.send(payload);
    expect(await bad.closed).toBe(CLOSE.badMessage);

    await bystanderStillSyncs();
    await waitFor(
      () => server.logs().includes('bad sync message; closing connection'),
      `log line bad sync message; closing connection`,
    );
  });

  it('awareness that is not JSON is dropped (presence is checked, not relayed): the connection stays, others keep syncing', async () => {
    const errors = async () => {
      const res = await fetch(`${server.url}/metrics`, {
        headers: { Authorization: `Bearer ${admin.token}` },
      });
      const m = /stockroom_errors_total\{kind="awareness_dropped"\} (\d+)/.exec(await res.text());
      return Number(m?.[1] ?? 0);
    };
    const droppedBefore = await errors();
    const sender = await RawSyncSocket.open(server.wsUrl, ROOM, admin.token!);
    try {
      sender.send(awarenessNotJson);
      // The server handles one socket's messages in order: once it answers a SyncStep1 sent
      // after the presence, the presence was handled (dropped), and the socket is still open.
      sender.send(message(uint(MESSAGE_SYNC), uint(0), bytes(Y.encodeStateVector(new Y.Doc()))));
      await waitFor(
        () => sender.received.some((m) => m[0] === MESSAGE_SYNC && m[1] === 1),
        'the SyncStep2 answer',
      );
      expect(sender.open).toBe(true);
      expect(await errors()).toBe(droppedBefore + 1);
      expect(b.provider.awareness.getStates().has(123)).toBe(false);
      await bystanderStillSyncs();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      sender.close();
    }
  });

  it('thousands of random and mutated messages leave the server serving, and replicas converge', async () => {
    const rand = prng(20250301);
    const base = [
      message(uint(MESSAGE_SYNC), uint(2), bytes(update)),
      message(uint(MESSAGE_SYNC), uint(0), bytes(Y.encodeStateVector(a.doc))),
      message(
        uint(MESSAGE_AWARENESS),
        bytes(message(uint(1), uint(42), uint(1), (e) => encoding.writeVarString(e, '{"u":1}'))),
      ),
    ];
    const mutate = (m: Uint8Array): Uint8Array => {
      const out = m.slice();
      switch (Math.floor(rand() * 4)) {
        case 0:
          return out.subarray(0, Math.floor(rand() * out.length));
        case 1:
          for (let i = 0; i < 1 + rand() * 4; i++)
            out[Math.floor(rand() * out.length)] = Math.floor(rand() * 256);
          return out;
        case 2:
          return Uint8Array.from({ length: 1 + Math.floor(rand() * 64) }, () => Math.floor(rand() * 256));
        default: {
          const extra = Uint8Array.from({ length: Math.floor(rand() * 16) }, () => Math.floor(rand() * 256));
          const joined = new Uint8Array(out.length + extra.length);
          joined.set(out);
          joined.set(extra, out.length);
          return joined;
        }
      }
    };
    let socket = await RawSyncSocket.open(server.wsUrl, ROOM, admin.token!);
    let closedByServer = 0;
    for (let i = 0; i < 2000; i++) {
      if (!socket.open) {
        closedByServer++;
        socket = await RawSyncSocket.open(server.wsUrl, ROOM, admin.token!);
      }
      socket.send(mutate(base[Math.floor(rand() * base.length)]!));
      // Let the server answer now and then so closes are observed.
      if (i % 25 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    socket.close();
    expect(closedByServer).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    putCount(a.doc, me, 'after-fuzz', 2);
    await waitFor(() => countOf(b.doc, 'after-fuzz') === 2, 'a change after the fuzzing to reach b');
    await a.waitSaved();
    await b.waitSaved();
    const fresh = await connect(server.wsUrl, ROOM, admin.token!);
    try {
      await waitFor(
        () =>
          Y.encodeStateVector(fresh.doc).toString() === Y.encodeStateVector(a.doc).toString() &&
          Y.encodeStateVector(b.doc).toString() === Y.encodeStateVector(a.doc).toString(),
        'all replicas to hold the same state',
      );
      expect(counts(fresh.doc)).toEqual(counts(a.doc));
      expect(counts(b.doc)).toEqual(counts(a.doc));
    } finally {
      fresh.destroy();
    }
  });
});
