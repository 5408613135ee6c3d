// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { z } from 'zod';
import { EventCollection } from './event-collection.ts';

const Ev = z.object({ id: z.string().min(1), n: z.number() });
type Ev = z.infer<typeof Ev>;

const open = (doc = new Y.Doc()) => new EventCollection<Ev>(doc, 'events', Ev, 'room-x');
const sync = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

describe('EventCollection', () => {
  it('appends once per id: a second append of the same id is a no-op', () => {
    const events = open();
    expect(events.append({ id: 'a', n: 1 })).toBe(true);
    expect(events.append({ id: 'a', n: 99 })).toBe(false);
    expect(events.size).toBe(1);
    expect(events.get('a')).toEqual({ id: 'a', n: 1 });
    expect([...events.values()]).toEqual([{ id: 'a', n: 1 }]);
  });

  it('collapses the same id created on two replicas into one entry', () => {
    const a = open();
    const b = open();
    a.append({ id: 'same-cause', n: 5 });
    b.append({ id: 'same-cause', n: 5 });
    sync(a.doc, b.doc);
    sync(b.doc, a.doc);
    expect([...a.values()]).toEqual([{ id: 'same-cause', n: 5 }]);
    expect([...b.values()]).toEqual([{ id: 'same-cause', n: 5 }]);
  });

  it('reads entries already in the document when opened', () => {
    const doc = new Y.Doc();
    open(doc).append({ id: 'a', n: 1 });
    const again = open(doc);
    expect(again.get('a')).toEqual({ id: 'a', n: 1 });
  });

  it('skips and reports garbage written straight into the map, and never throws', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('events');
    doc.transact(() => {
      map.set('ok', { id: 'ok', n: 1 });
      map.set('wrong-type', { id: 'wrong-type', n: 'one' });
      map.set('not-object', 42);
      map.set('null', null);
      map.set('array', [1, 2]);
      map.set('mismatch', { id: 'other', n: 1 });
      map.set('nested', new Y.Map());
    });
    const events = open(doc);
    expect([...events.values()]).toEqual([{ id: 'ok', n: 1 }]);
    expect(events.size).toBe(1);
    const invalid = events.invalidEntries();
    expect(invalid.map((e) => e.key).sort()).toEqual([
      'array',
      'mismatch',
      'nested',
      'not-object',
      'null',
      'wrong-type',
    ]);
    for (const entry of invalid) {
      expect(entry.room).toBe('room-x');
      expect(entry.problem.length).toBeGreaterThan(0);
    }
    expect(invalid.find((e) => e.key === 'mismatch')?.problem).toBe('id does not match its key');
    expect(invalid.find((e) => e.key === 'wrong-type')?.problem).toContain('n:');
    expect(events.get('mismatch')).toBeUndefined();
    expect(events.get('other')).toBeUndefined();
  });

  it('validates entries that arrive later through sync, and tells listeners only about valid ones', () => {
    const local = open();
    const added: Ev[][] = [];
    local.onChange((events) => added.push(events));
    const remote = new Y.Doc();
    remote.transact(() => {
      remote.getMap('events').set('good', { id: 'good', n: 2 });
      remote.getMap('events').set('bad', { id: 'bad' });
    });
    sync(remote, local.doc);
    expect(added).toEqual([[{ id: 'good', n: 2 }]]);
    expect(local.invalidEntries().map((e) => e.key)).toEqual(['bad']);
  });

  it('a key rewritten with a valid event stops being reported', () => {
    const events = open();
    events.map.set('k', { id: 'k' });
    expect(events.invalidEntries()).toHaveLength(1);
    events.map.set('k', { id: 'k', n: 3 });
    expect(events.invalidEntries()).toEqual([]);
    expect(events.get('k')).toEqual({ id: 'k', n: 3 });
    events.map.delete('k');
    expect(events.get('k')).toBeUndefined();
    expect(events.size).toBe(0);
  });

  it('has() is true for a taken id even when its entry is invalid, so it is not appended over', () => {
    const events = open();
    events.map.set('k', 'garbage');
    expect(events.has('k')).toBe(true);
    expect(events.append({ id: 'k', n: 1 })).toBe(false);
  });

  it('stops notifying after destroy and after unsubscribe', () => {
    const events = open();
    let calls = 0;
    const off = events.onChange(() => calls++);
    events.append({ id: 'a', n: 1 });
    off();
    events.append({ id: 'b', n: 1 });
    expect(calls).toBe(1);
    events.onChange(() => calls++);
    events.destroy();
    events.map.set('c', { id: 'c', n: 1 });
    expect(calls).toBe(1);
  });

  it('reports an event as added once, even when a concurrent copy of the same id arrives later', () => {
    for (let round = 0; round < 20; round++) {
      const a = open();
      const b = open();
      const seen = new Map<string, number>();
      b.onChange((added) => {
        for (const e of added) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
      });
      a.append({ id: 'dup', n: 1 });
      b.append({ id: 'dup', n: 1 });
      sync(a.doc, b.doc);
      sync(b.doc, a.doc);
      sync(a.doc, b.doc);
      expect(seen.get('dup')).toBe(1);
      expect(b.size).toBe(1);
    }
  });
});
