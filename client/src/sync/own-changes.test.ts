// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ownChangesSince } from './own-changes.ts';

const sv = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

describe('own changes sent on reconnect', () => {
  it("holds this device's structs and deletions only, and applies like Yjs's own update", () => {
    const server = new Y.Doc();
    const device = new Y.Doc();
    const other = new Y.Doc();
    other.getMap('items.fields').set('A\u001fname', 'from the other device');
    other.getMap('items.fields').set('B\u001fname', 'old');
    const othersWork = Y.encodeStateAsUpdate(other);
    Y.applyUpdate(server, othersWork);
    Y.applyUpdate(device, othersWork);
    // The server loses the other device's last edit (a restore); this device saw it.
    const lost = Y.encodeStateAsUpdate(other, Y.encodeStateVector(server));
    other.getMap('items.fields').set('C\u001fname', 'lost on the server');
    other.getMap('items.fields').set('C\u001fname', 'edited again'); // deletes the first value
    Y.applyUpdate(device, Y.encodeStateAsUpdate(other, Y.encodeStateVector(server)));
    expect(lost.length).toBeGreaterThan(0);
    // This device's own work: a new field and an edit of one the other device wrote.
    device.getMap('items.fields').set('D\u001fname', 'mine');
    device.getMap('items.fields').set('B\u001fname', 'new');

    const update = ownChangesSince(device, sv(server), new Set([device.clientID]));
    const { structs, ds } = Y.decodeUpdate(update);
    expect(new Set(structs.map((s) => s.id.client))).toEqual(new Set([device.clientID]));
    expect([...ds.clients.keys()].every((c) => c === device.clientID)).toBe(true);

    Y.applyUpdate(server, update);
    const fields = server.getMap('items.fields');
    expect(fields.get('D\u001fname')).toBe('mine');
    expect(fields.get('B\u001fname')).toBe('new'); // the server deleted 'old' itself
    expect(fields.get('A\u001fname')).toBe('from the other device');
    expect(fields.has('C\u001fname')).toBe(false); // the other device brings that back itself
  });

  it('equals the plain Yjs update when everything is its own', () => {
    const server = new Y.Doc();
    const device = new Y.Doc();
    device.getMap('m').set('a', 1);
    device.getMap('m').set('a', 2);
    device.getMap('m').set('b', 3);
    const mine = ownChangesSince(device, sv(server), new Set([device.clientID]));
    expect(mine).toEqual(Y.encodeStateAsUpdate(device, Y.encodeStateVector(server)));
  });
});
