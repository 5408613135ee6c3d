/**
 * Issue 8: what checking an update against its room's write rules costs on the server
 * (server/src/sync/write-guard.ts: inspection of the structs and delete set, clientID
 * ownership, the rules declared in shared/), next to applying the same update, for the two
 * updates the server sees most: a scan in a busy stocktake room and a movement in a full
 * ledger month. In process, real Room and WriteGuard. Prints figures only.
 */

import { encodeCount } from '@stockroom/shared/stocktake/entry-codec';
import { sessionId } from '@stockroom/shared/stocktake/session';
import * as Y from 'yjs';
import type { Session } from '../../server/src/auth/sessions.ts';
import { createLogger } from '../../server/src/log.ts';
import { MemoryUpdateStore } from '../../server/src/storage/update-store.ts';
import { MemoryClientOwners } from '../../server/src/sync/client-owners.ts';
import { Room, type RoomPeer } from '../../server/src/sync/room.ts';
import { rulesFor } from '../../server/src/sync/room-rules.ts';
import { inspectUpdate } from '../../server/src/sync/update-inspection.ts';
import { WriteGuard } from '../../server/src/sync/write-guard.ts';
import { percentile, table } from './measure.ts';

const SCANS_HELD = 20_000;
const MOVEMENTS_HELD = 50_000;
const SAMPLES = Number(process.env.BENCH_GUARD_SAMPLES ?? 5000);
const log = createLogger('silent');
const peer: RoomPeer = { awarenessClients: new Set(), send: () => {}, close: () => {} };

const counters: Session[] = Array.from({ length: 25 }, (_, i) => ({
  id: `s${i}`,
  username: `counter${i}`,
  role: 'counter',
  device: `phone-${i}`,
  expiresAt: Number.MAX_SAFE_INTEGER,
}));
const clerk: Session = {
  id: 'c',
  username: 'clara',
  role: 'clerk',
  device: 'gun',
  expiresAt: Number.MAX_SAFE_INTEGER,
};

function scan(by: Session, id: string) {
  return encodeCount({
    id,
    session: sessionId(by.username, by.device),
    location: `A-${id.length % 40}`,
    sku: `SKU-${id.length % 500}`,
    quantity: 1,
    round: 1,
    at: '2026-12-01T10:00:00.000Z',
    source: 'scan',
  });
}

function movement(id: string, by: Session) {
  return {
    id,
    type: 'issue',
    sku: 'SKU-1',
    location: 'A-1',
    quantity: 2,
    user: by.username,
    device: by.device,
    at: '2026-12-01T10:00:00.000Z',
  };
}

interface Case {
  name: string;
  room: Room;
  /** One client update per sample, made on that client's replica. */
  updates: { session: Session; update: Uint8Array }[];
}

function buildCase(
  name: string,
  roomName: string,
  held: number,
  write: (doc: Y.Doc, i: number) => Session,
): Case {
  const ref = roomName.startsWith('ledger-')
    ? ({ kind: 'ledger', period: roomName.slice(7) } as const)
    : ({ kind: 'stocktake', id: roomName.slice(10) } as const);
  const room = new Room(roomName, ref, new MemoryUpdateStore(), {
    compactEvery: 1e9,
    log,
    onFailure: () => {},
  });
  const seed = new Y.Doc();
  seed.transact(() => {
    for (let i = 0; i < held; i++) write(seed, -1 - i);
  });
  room.applyClientUpdate(Y.encodeStateAsUpdate(seed), peer);
  const replicas = new Map<Session, Y.Doc>();
  const updates: Case['updates'] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const probe = new Y.Doc();
    const session = write(probe, i);
    let doc = replicas.get(session);
    if (!doc) {
      doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
      replicas.set(session, doc);
    }
    const before = Y.encodeStateVector(doc);
    write(doc, i);
    updates.push({ session, update: Y.encodeStateAsUpdate(doc, before) });
  }
  return { name, room, updates };
}

function measure(c: Case) {
  const guard = new WriteGuard(rulesFor, new MemoryClientOwners());
  const check: number[] = [];
  const inspect: number[] = [];
  const apply: number[] = [];
  const written = { bytes: 0, since: Date.now() };
  let refused = 0;
  for (const { session, update } of c.updates) {
    let t = performance.now();
    inspectUpdate(c.room.doc, update);
    inspect.push((performance.now() - t) * 1000);
    t = performance.now();
    if (guard.check(c.room, update, { session, written })) refused++;
    check.push((performance.now() - t) * 1000);
    t = performance.now();
    c.room.applyClientUpdate(update, peer);
    apply.push((performance.now() - t) * 1000);
  }
  const stat = (xs: number[]) =>
    `${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1)} / ${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 99).toFixed(1)}`;
  return [c.name, stat(check), stat(inspect), stat(apply), refused];
}

export async function run(): Promise<string> {
  const scans = buildCase(
    'a scan (stocktake room holding 20,000 scans of 25 counters)',
    'stocktake-bench',
    SCANS_HELD,
    (doc, i) => {
      const by = counters[Math.abs(i) % counters.length]!;
      doc.getMap('e').set(`e${i}`, scan(by, `e${i}`));
      return by;
    },
  );
  const moves = buildCase(
    'a movement (ledger month holding 50,000 movements)',
    'ledger-2026-12',
    MOVEMENTS_HELD,
    (doc, i) => {
      doc.getMap('movements').set(`m${i}`, movement(`m${i}`, clerk));
      return clerk;
    },
  );
  const rows = [measure(scans), measure(moves)];
  for (const c of [scans, moves]) c.room.destroy();
  return [
    '## Write rules: cost of checking an update (issue 8)',
    '',
    `${SAMPLES} updates per case, each from a client replica of the room, in process (real Room and`,
    'WriteGuard, MemoryUpdateStore so that storage is not part of it). Figures in µs: mean / p50 / p99.',
    '"check" is everything the guard does (inspection, clientID ownership, the room\'s rules);',
    '"apply" is Y.applyUpdate of the same update into the room, for scale.',
    '',
    table(['update', 'check (µs)', 'of which inspection (µs)', 'apply (µs)', 'refused'], rows),
  ].join('\n');
}
