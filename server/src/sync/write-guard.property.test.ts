// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Session } from '../auth/sessions.ts';
import { createLogger } from '../log.ts';
import { MemoryUpdateStore } from '../storage/update-store.ts';
import { MemoryClientOwners } from './client-owners.ts';
import { Room, type RoomPeer } from './room.ts';
import { rulesFor } from './room-rules.ts';
import { WriteGuard } from './write-guard.ts';

/**
 * Random hostile updates from random roles, mixed with honest traffic, on one ledger room
 * (the real Room and WriteGuard, in process): every honest update is accepted, every hostile
 * one refused, and in the end every honest replica equals the server and holds exactly the
 * honest movements, each with the value its author wrote.
 */
const log = createLogger('silent');
const PERIOD = 'ledger-2026-11';
const people: Session[] = [
  { id: 's-clara', username: 'clara', role: 'clerk', device: 'gun-1', expiresAt: Number.MAX_SAFE_INTEGER },
  { id: 's-mia', username: 'mia', role: 'manager', device: 'desk', expiresAt: Number.MAX_SAFE_INTEGER },
  { id: 's-olaf', username: 'olaf', role: 'clerk', device: 'gun-2', expiresAt: Number.MAX_SAFE_INTEGER },
];

type Step =
  | { kind: 'honest'; who: number; quantity: number }
  | { kind: 'sync'; who: number }
  | { kind: 'offline'; who: number }
  | {
      kind: 'hostile';
      who: number;
      attack: 'forge-author' | 'edit' | 'delete' | 'forged-winner' | 'squat' | 'unknown-map' | 'server-map';
      target: number;
    };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('honest' as const),
    who: fc.nat(2),
    quantity: fc.integer({ min: 1, max: 999 }),
  }),
  fc.record({ kind: fc.constant('sync' as const), who: fc.nat(2) }),
  fc.record({ kind: fc.constant('offline' as const), who: fc.nat(2) }),
  fc.record({
    kind: fc.constant('hostile' as const),
    who: fc.nat(2),
    attack: fc.constantFrom(
      'forge-author',
      'edit',
      'delete',
      'forged-winner',
      'squat',
      'unknown-map',
      'server-map',
    ) as fc.Arbitrary<
      'forge-author' | 'edit' | 'delete' | 'forged-winner' | 'squat' | 'unknown-map' | 'server-map'
    >,
    target: fc.nat(1000),
  }),
);

function movement(id: string, by: Session, quantity: number) {
  return {
    id,
    type: 'receive',
    sku: 'BOLT',
    location: 'A-1',
    quantity,
    user: by.username,
    device: by.device,
    at: '2026-11-20T10:00:00.000Z',
  };
}

const peer: RoomPeer = { awarenessClients: new Set(), send: () => {}, close: () => {} };

describe('write guard under random hostile traffic', () => {
  it('honest replicas converge with exactly the honest movements; every hostile update is refused', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 60 }), (steps) => {
        const room = new Room(PERIOD, { kind: 'ledger', period: '2026-11' }, new MemoryUpdateStore(), {
          compactEvery: 50,
          log,
          onFailure: () => {},
        });
        const guard = new WriteGuard(rulesFor, new MemoryClientOwners());
        const replicas = people.map(() => new Y.Doc());
        const online = people.map(() => true);
        const written = people.map(() => ({ bytes: 0, since: Date.now() }));
        const honest = new Map<string, { user: string; quantity: number }>();
        let n = 0;

        /** What a replica sends on (re)connect: everything the server lacks; then it receives the rest. */
        const sync = (i: number) => {
          const doc = replicas[i]!;
          const update = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(room.doc));
          expect(guard.check(room, update, { session: people[i]!, written: written[i]! })).toBeNull();
          room.applyClientUpdate(update, peer);
          Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc, Y.encodeStateVector(doc)));
        };
        const attempt = (i: number, update: Uint8Array) => {
          expect(guard.check(room, update, { session: people[i]!, written: written[i]! })).not.toBeNull();
        };
        /** A copy of what the server holds, writing as `clientID`. */
        const serverCopy = (clientID: number) => {
          const d = new Y.Doc();
          Y.applyUpdate(d, Y.encodeStateAsUpdate(room.doc));
          d.clientID = clientID;
          return d;
        };
        const diff = (d: Y.Doc, edit: (m: Y.Map<unknown>) => void) => {
          const before = Y.encodeStateVector(d);
          edit(d.getMap('movements'));
          return Y.encodeStateAsUpdate(d, before);
        };

        for (const s of steps) {
          const me = people[s.who]!;
          if (s.kind === 'honest') {
            const id = `m${n++}`;
            replicas[s.who]!.getMap('movements').set(id, movement(id, me, s.quantity));
            honest.set(id, { user: me.username, quantity: s.quantity });
            if (online[s.who]) sync(s.who);
          } else if (s.kind === 'sync') {
            online[s.who] = true;
            sync(s.who);
          } else if (s.kind === 'offline') {
            online[s.who] = false;
          } else {
            const stored = [...honest.keys()].filter((id) => room.doc.getMap('movements').has(id));
            const victimId = stored.find((id) => honest.get(id)!.user !== me.username);
            const other = people[(s.who + 1) % people.length]!;
            const fresh = 3_000_000_000 + s.target + n++;
            switch (s.attack) {
              case 'forge-author':
                attempt(
                  s.who,
                  diff(serverCopy(fresh), (m) => m.set(`x${n}`, movement(`x${n}`, other, 1))),
                );
                break;
              case 'unknown-map': {
                const d = serverCopy(fresh);
                const before = Y.encodeStateVector(d);
                d.getMap('notes').set('x', 1);
                attempt(s.who, Y.encodeStateAsUpdate(d, before));
                break;
              }
              case 'server-map': {
                const d = serverCopy(fresh);
                const before = Y.encodeStateVector(d);
                d.getMap('meta').set('opening', { period: '2026-11', lines: [] });
                attempt(s.who, Y.encodeStateAsUpdate(d, before));
                break;
              }
              case 'edit':
                if (victimId)
                  attempt(
                    s.who,
                    diff(serverCopy(fresh), (m) => m.set(victimId, movement(victimId, me, 1))),
                  );
                break;
              case 'delete':
                if (victimId)
                  attempt(
                    s.who,
                    diff(serverCopy(fresh), (m) => m.delete(victimId)),
                  );
                break;
              case 'forged-winner':
                if (victimId) {
                  const d = new Y.Doc();
                  d.clientID = 4_294_000_000 + (s.target % 1000);
                  attempt(
                    s.who,
                    diff(d, (m) => m.set(victimId, movement(victimId, me, 1))),
                  );
                }
                break;
              case 'squat': {
                const owner = replicas[(s.who + 1) % people.length]!;
                if (Y.getState(room.doc.store, owner.clientID) === 0) break; // not claimed yet
                const id = `sq${n}`;
                attempt(
                  s.who,
                  diff(serverCopy(owner.clientID), (m) => m.set(id, movement(id, me, 1))),
                );
                break;
              }
            }
          }
        }
        for (let i = 0; i < people.length; i++) sync(i);
        for (let i = 0; i < people.length; i++) sync(i); // the last ones to sync reach the first ones

        const onServer = room.doc.getMap('movements').toJSON() as Record<
          string,
          { user: string; quantity: number }
        >;
        expect(Object.keys(onServer).sort()).toEqual([...honest.keys()].sort());
        for (const [id, m] of honest) expect(onServer[id]).toMatchObject(m);
        for (const doc of replicas) expect(doc.getMap('movements').toJSON()).toEqual(onServer);
        expect([...room.doc.share.keys()].filter((k) => k !== 'movements')).toEqual([]);
        room.destroy();
      }),
      { numRuns: 150, seed: 20261203 },
    );
  });
});
