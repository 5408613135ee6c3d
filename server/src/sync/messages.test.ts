import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { assertDecodableUpdate, clientsOfUpdate, storedStateFor } from './messages.ts';

describe('clientsOfUpdate', () => {
  it('names the client of every update, not only its first (clock 0) one', () => {
    const client = new Y.Doc();
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 3; i++) client.getMap('m').set(`k${i}`, i);
    // Y.encodeStateVectorFromUpdate would return an empty vector for updates[1] and [2].
    expect(updates.map(clientsOfUpdate)).toEqual([[client.clientID], [client.clientID], [client.clientID]]);
  });

  it('reports the server’s stored clock for those clients', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 3; i++) client.getMap('m').set(`k${i}`, i);
    Y.applyUpdate(server, updates[0]!);
    Y.applyUpdate(server, updates[2]!); // waits for updates[1]: not counted as stored
    expect(storedStateFor(server, clientsOfUpdate(updates[2]!))).toEqual(new Map([[client.clientID, 1]]));
  });
});

describe('assertDecodableUpdate', () => {
  const good = (() => {
    const d = new Y.Doc();
    d.getMap('m').set('k', 'a value long enough to truncate');
    return Y.encodeStateAsUpdate(d);
  })();

  it('accepts a real update', () => {
    expect(() => assertDecodableUpdate(good)).not.toThrow();
  });

  it('throws on truncated or garbage bytes', () => {
    expect(() => assertDecodableUpdate(good.subarray(0, good.length - 5))).toThrow();
    expect(() => assertDecodableUpdate(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]))).toThrow();
  });
});
