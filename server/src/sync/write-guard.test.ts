// @vitest-environment node
import { CLOSE } from '@stockroom/shared/sync/protocol';
import { parseRoom } from '@stockroom/shared/sync/rooms';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Session } from '../auth/sessions.ts';
import { createLogger } from '../log.ts';
import { MemoryUpdateStore } from '../storage/update-store.ts';
import { MemoryClientOwners } from './client-owners.ts';
import { Room, type RoomPeer } from './room.ts';
import { rulesFor } from './room-rules.ts';
import { inspectUpdate } from './update-inspection.ts';
import { DEFAULT_WRITE_LIMITS, WriteGuard } from './write-guard.ts';

const log = createLogger('silent');
const PERIOD = 'ledger-2026-11';

function session(username: string, role: Session['role'], device = `${username}-phone`): Session {
  return { id: `s-${username}-${device}`, username, role, device, expiresAt: Date.now() + 60_000 };
}
const clerk = session('clara', 'clerk');
const other = session('olaf', 'clerk');
const manager = session('mia', 'manager');

function room(name = PERIOD): Room {
  return new Room(name, parseRoom(name)!, new MemoryUpdateStore(), {
    compactEvery: 500,
    log,
    onFailure: () => {},
  });
}

function movement(id: string, by: Session, quantity = 10, extra: Record<string, unknown> = {}) {
  return {
    id,
    type: 'receive',
    sku: 'BOLT',
    location: 'A-1',
    quantity,
    user: by.username,
    device: by.device,
    at: '2026-11-20T10:00:00.000Z',
    ...extra,
  };
}

/**
 * A client replica of the room, synced with what the server holds, writing as `clientID`
 * (set after the sync: Yjs gives itself a new clientID when it receives its own from elsewhere).
 */
function replica(r: Room, clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(r.doc));
  if (clientID !== undefined) doc.clientID = clientID;
  return doc;
}

/** What `edit` adds to `doc`, as the update a client would send. */
function changeOf(doc: Y.Doc, edit: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  edit();
  return Y.encodeStateAsUpdate(doc, before);
}

const peer: RoomPeer = { awarenessClients: new Set(), send: () => {}, close: () => {} };

function harness(name = PERIOD) {
  const r = room(name);
  const guard = new WriteGuard(rulesFor, new MemoryClientOwners());
  const from = (s: Session) => ({ session: s, written: { bytes: 0, since: Date.now() } });
  /** Checks the update as the server would, and applies it when allowed. */
  const send = (s: Session, update: Uint8Array) => {
    const refused = guard.check(r, update, from(s));
    if (!refused) r.applyClientUpdate(update, peer);
    return refused;
  };
  return { r, send };
}

describe('update inspection', () => {
  it('sees an added entry, an edit of it, and its removal', () => {
    const r = room('catalog');
    const doc = replica(r);
    const add = changeOf(doc, () => doc.getMap('items.fields').set('BOLT\u001fname', 'Bolt'));
    expect(inspectUpdate(r.doc, add).changes).toEqual([
      {
        map: 'items.fields',
        key: 'BOLT\u001fname',
        before: undefined,
        after: 'Bolt',
        added: ['Bolt'],
        overwrites: false,
        replaced: false,
      },
    ]);
    Y.applyUpdate(r.doc, add);
    const edit = changeOf(doc, () => doc.getMap('items.fields').set('BOLT\u001fname', 'Bolt M8'));
    expect(inspectUpdate(r.doc, edit).changes[0]).toMatchObject({
      before: 'Bolt',
      after: 'Bolt M8',
      overwrites: true,
      replaced: true,
    });
    Y.applyUpdate(r.doc, edit);
    const remove = changeOf(doc, () => doc.getMap('items.fields').delete('BOLT\u001fname'));
    expect(inspectUpdate(r.doc, remove).changes[0]).toMatchObject({ before: 'Bolt M8', after: undefined });
  });

  it('a concurrent copy of an id wins with the higher clientID and loses with the lower', () => {
    const r = room();
    const held = replica(r, 1000);
    Y.applyUpdate(
      r.doc,
      changeOf(held, () => held.getMap('movements').set('m1', movement('m1', clerk))),
    );
    for (const [client, wins] of [
      [5, false],
      [5_000_000, true],
    ] as const) {
      const offline = new Y.Doc();
      offline.clientID = client;
      const copy = changeOf(offline, () => offline.getMap('movements').set('m1', movement('m1', other, 1)));
      expect(inspectUpdate(r.doc, copy).changes[0]).toMatchObject({ overwrites: false, replaced: wins });
    }
  });

  it('cannot judge nested types, text, or structs that depend on changes the room lacks', () => {
    const r = room();
    const doc = replica(r);
    const nested = changeOf(doc, () => doc.getMap('movements').set('m1', new Y.Map()));
    expect(inspectUpdate(r.doc, nested).problem).toMatch(/plain values|nested/);
    const textDoc = new Y.Doc();
    const text = changeOf(textDoc, () => textDoc.getText('movements').insert(0, 'x'));
    expect(inspectUpdate(r.doc, text).problem).toMatch(/plain values|map entr/);
    const a = new Y.Doc();
    a.getMap('movements').set('m1', movement('m1', clerk));
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const later = changeOf(b, () => b.getMap('movements').set('m1', movement('m1', clerk, 2)));
    expect(inspectUpdate(r.doc, later).problem).toMatch(/does not hold/);
  });
});

describe('write guard', () => {
  it('lets a clerk append her own movements', () => {
    const { r, send } = harness();
    const doc = replica(r);
    expect(
      send(
        clerk,
        changeOf(doc, () => doc.getMap('movements').set('m1', movement('m1', clerk))),
      ),
    ).toBeNull();
    expect(r.doc.getMap('movements').get('m1')).toMatchObject({ user: 'clara' });
  });

  it('refuses a movement in the name of another user or device, and unknown maps', () => {
    const { r, send } = harness();
    const doc = replica(r);
    const forged = send(
      clerk,
      changeOf(doc, () => doc.getMap('movements').set('m1', movement('m1', manager))),
    );
    expect(forged).toMatchObject({ code: CLOSE.forbidden, reason: expect.stringMatching(/another user/) });
    const doc2 = replica(r);
    const device = send(
      clerk,
      changeOf(doc2, () => doc2.getMap('movements').set('m2', movement('m2', { ...clerk, device: 'desk' }))),
    );
    expect(device?.reason).toMatch(/another device/);
    const doc3 = replica(r);
    expect(
      send(
        clerk,
        changeOf(doc3, () => doc3.getMap('notes').set('x', 1)),
      )?.reason,
    ).toMatch(/not part of this room/);
    const doc4 = replica(r);
    expect(
      send(
        clerk,
        changeOf(doc4, () => doc4.getMap('meta').set('opening', {})),
      )?.reason,
    ).toMatch(/only the server/);
    expect(r.doc.getMap('movements').size).toBe(0);
  });

  it("refuses replacing or deleting another user's movement (edit, forged winner, delete)", () => {
    const { r, send } = harness();
    const owner = replica(r, 10);
    expect(
      send(
        other,
        changeOf(owner, () => owner.getMap('movements').set('m1', movement('m1', other, 137))),
      ),
    ).toBeNull();

    const edit = replica(r, 20);
    const overwrite = changeOf(edit, () => edit.getMap('movements').set('m1', movement('m1', clerk, 1)));
    expect(send(clerk, overwrite)?.reason).toMatch(/never changed/);

    const attacker = new Y.Doc();
    attacker.clientID = 4_000_000_000;
    const winner = changeOf(attacker, () => attacker.getMap('movements').set('m1', movement('m1', clerk, 1)));
    expect(send(clerk, winner)?.reason).toMatch(/another user/);

    const del = replica(r, 30);
    expect(
      send(
        clerk,
        changeOf(del, () => del.getMap('movements').delete('m1')),
      )?.reason,
    ).toMatch(/never removed/);
    expect(r.doc.getMap('movements').get('m1')).toMatchObject({ quantity: 137, user: 'olaf' });
  });

  it('two managers posting one stocktake offline: either copy of an adjustment may stay', () => {
    const { r, send } = harness();
    const posting = (by: Session) =>
      movement('adj-1', by, -5, { type: 'adjust', reason: 'stocktake', reference: 'stocktake:st1' });
    const a = new Y.Doc();
    a.clientID = 100;
    expect(
      send(
        manager,
        changeOf(a, () => a.getMap('movements').set('adj-1', posting(manager))),
      ),
    ).toBeNull();
    const second = session('max', 'manager');
    const b = new Y.Doc();
    b.clientID = 200;
    expect(
      send(
        second,
        changeOf(b, () => b.getMap('movements').set('adj-1', posting(second))),
      ),
    ).toBeNull();
    // A clerk may not post a stocktake's adjustments at all.
    const c = new Y.Doc();
    expect(
      send(
        clerk,
        changeOf(c, () => c.getMap('movements').set('adj-2', { ...posting(clerk), id: 'adj-2' })),
      )?.reason,
    ).toMatch(/only managers/);
  });

  it("refuses structs under another device's clientID, and deletions of its future changes", () => {
    const { r, send } = harness();
    const mine = new Y.Doc();
    mine.clientID = 77;
    expect(
      send(
        manager,
        changeOf(mine, () => mine.getMap('movements').set('m1', movement('m1', manager))),
      ),
    ).toBeNull();
    // A clerk writes at the manager's next clock, under the manager's clientID.
    const squatter = replica(r, 77);
    const squat = changeOf(squatter, () => squatter.getMap('movements').set('m2', movement('m2', clerk)));
    expect(send(clerk, squat)?.reason).toMatch(/belongs to another device/);
    // The same user on the same device (a reload, a new login) carries on under it.
    const relogin = { ...manager, id: 'another-session' };
    const reload = replica(r, 77);
    expect(
      send(
        relogin,
        changeOf(reload, () => reload.getMap('movements').set('m3', movement('m3', manager))),
      ),
    ).toBeNull();

    // The manager writes m4 offline; a clerk who got hold of it sends only its deletion, so
    // that m4 would vanish the moment the manager syncs it.
    const offline = replica(r, 77);
    offline.getMap('movements').set('m4', movement('m4', manager));
    const clerkDoc = new Y.Doc();
    Y.applyUpdate(clerkDoc, Y.encodeStateAsUpdate(offline));
    clerkDoc.getMap('movements').delete('m4');
    const onlyDeletion = Y.encodeStateAsUpdate(clerkDoc, Y.encodeStateVector(offline));
    expect(send(clerk, onlyDeletion)?.reason).toMatch(/deletes changes of another device/);
  });

  it('refuses updates over the struct and size limits with 4413, over the hourly quota with 4429', () => {
    const r = room();
    const guard = new WriteGuard(rulesFor, new MemoryClientOwners(), {
      ...DEFAULT_WRITE_LIMITS,
      maxStructsPerUpdate: 10,
      maxBytesPerHour: 5000,
    });
    const doc = replica(r);
    const big = changeOf(doc, () => {
      for (let i = 0; i < 11; i++) doc.getMap('movements').set(`m${i}`, movement(`m${i}`, clerk));
    });
    const written = { bytes: 0, since: Date.now() };
    expect(guard.check(r, big, { session: clerk, written })?.code).toBe(CLOSE.tooLarge);
    const doc2 = replica(r);
    const one = changeOf(doc2, () => doc2.getMap('movements').set('m1', movement('m1', clerk)));
    expect(guard.check(r, one, { session: clerk, written })).toBeNull();
    written.bytes = 5000 - one.byteLength + 1;
    expect(guard.check(r, one, { session: clerk, written })?.code).toBe(CLOSE.rateLimited);
  });
});

describe('write guard: one delivery posted by two clerks offline', () => {
  it("either clerk's copy of the receipt movement may stay", () => {
    const { send } = harness();
    const receipt = (by: Session) => movement('rcv-1', by, 10, { reference: 'po:2026-abc:1' });
    const a = new Y.Doc();
    a.clientID = 100;
    expect(
      send(
        clerk,
        changeOf(a, () => a.getMap('movements').set('rcv-1', receipt(clerk))),
      ),
    ).toBeNull();
    const b = new Y.Doc();
    b.clientID = 200;
    expect(
      send(
        other,
        changeOf(b, () => b.getMap('movements').set('rcv-1', receipt(other))),
      ),
    ).toBeNull();
  });
});
