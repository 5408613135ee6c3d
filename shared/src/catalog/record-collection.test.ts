// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { z } from 'zod';
import { RecordCodec } from './record-codec.ts';
import { RecordCollection } from './record-collection.ts';

const Rec = z.object({ code: z.string().min(1), name: z.string(), size: z.number().default(0) });
type Rec = z.infer<typeof Rec>;
const SEP = '\u001f';

const codec = new RecordCodec('code', { name: 'n', size: 's' }, Rec.shape);
const open = (doc = new Y.Doc()) => new RecordCollection<Rec>(doc, 'things', Rec, 'catalog', 'code', codec);
const sync = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

describe('RecordCollection', () => {
  it('creates, reads and patches a record field by field', () => {
    const things = open();
    things.create('A', { code: 'A', name: 'first', size: 1 });
    things.patch('A', { name: 'renamed' });
    expect(things.get('A')).toEqual({ code: 'A', name: 'renamed', size: 1 });
    expect(things.exists('A')).toBe(true);
    expect(things.size).toBe(1);
    // the creation entry is untouched (stored compactly): the edit lives in its own field entry
    expect(things.base.get('A')).toEqual({ n: 'first', s: 1 });
    expect(things.fields.get(`A${SEP}name`)).toBe('renamed');
  });

  it('writes a patch as one transaction', () => {
    const things = open();
    things.create('A', { code: 'A', name: 'x', size: 1 });
    let updates = 0;
    things.doc.on('update', () => updates++);
    things.patch('A', { name: 'y', size: 2 });
    expect(updates).toBe(1);
  });

  it('never lets a field edit change the key field', () => {
    const things = open();
    things.create('A', { code: 'A', name: 'x', size: 1 });
    things.patch('A', { code: 'B' });
    expect(things.get('A')?.code).toBe('A');
    expect(things.get('B')).toBeUndefined();
  });

  it('applies field edits that arrive before the record itself', () => {
    const creator = open();
    creator.create('A', { code: 'A', name: 'x', size: 1 });
    const editor = open();
    sync(creator.doc, editor.doc);
    editor.patch('A', { size: 9 });
    const late = open();
    sync(editor.doc, late.doc); // holds the creation and the edit
    const reader = open();
    // deliver only the editor's own update first: the field edit without the record
    Y.applyUpdate(reader.doc, Y.encodeStateAsUpdate(editor.doc, Y.encodeStateVector(creator.doc)));
    expect(reader.get('A')).toBeUndefined();
    expect(reader.invalidEntries()).toEqual([]);
    sync(creator.doc, reader.doc);
    expect(reader.get('A')).toEqual({ code: 'A', name: 'x', size: 9 });
    expect(late.get('A')).toEqual(reader.get('A'));
  });

  it('skips and reports invalid records written straight into the maps, without throwing', () => {
    const doc = new Y.Doc();
    const base = doc.getMap('things');
    const fields = doc.getMap('things.fields');
    doc.transact(() => {
      base.set('ok', { n: 'fine' });
      base.set('num', 7);
      base.set('null', null);
      base.set('arr', ['a']);
      base.set('str', 'text');
      base.set('wrongtype', { n: 5 });
      base.set('badfield', { n: 'x' });
      fields.set(`badfield${SEP}size`, 'huge');
      fields.set('no-separator', 'ignored');
    });
    const things = open(doc);
    expect([...things.values()]).toEqual([{ code: 'ok', name: 'fine', size: 0 }]);
    const invalid = new Map(things.invalidEntries().map((e) => [e.key, e]));
    expect([...invalid.keys()].sort()).toEqual(['arr', 'badfield', 'null', 'num', 'str', 'wrongtype']);
    expect(invalid.get('num')?.problem).toBe('entry is not a record');
    expect(invalid.get('badfield')?.problem).toContain('size');
    expect(invalid.get('wrongtype')?.problem).toContain('name');
    expect(invalid.get('wrongtype')?.room).toBe('catalog');
    // a taken key stays taken even when invalid, so create() checks can refuse it
    expect(things.exists('num')).toBe(true);
    expect(things.get('num')).toBeUndefined();
  });

  it('takes the identity from the map key, never from a key field stored in the entry', () => {
    const doc = new Y.Doc();
    doc.getMap('things').set('A', { code: 'B', n: 'x' });
    const things = open(doc);
    expect(things.get('A')).toEqual({ code: 'A', name: 'x', size: 0 });
    expect(things.get('B')).toBeUndefined();
  });

  it('stores a record without its key and without fields equal to their default', () => {
    const things = open();
    things.create('A', { code: 'A', name: 'x', size: 0 });
    expect(things.base.get('A')).toEqual({ n: 'x' });
    expect(things.get('A')).toEqual({ code: 'A', name: 'x', size: 0 });
  });

  it('re-validates when a bad field is corrected later, and reports to listeners', () => {
    const things = open();
    const changed: string[][] = [];
    things.onChange((keys) => changed.push([...keys]));
    things.create('A', { code: 'A', name: 'x', size: 1 });
    things.fields.set(`A${SEP}size`, 'huge');
    expect(things.get('A')).toBeUndefined();
    expect(things.invalidEntries().map((e) => e.key)).toEqual(['A']);
    things.patch('A', { size: 2 });
    expect(things.get('A')).toEqual({ code: 'A', name: 'x', size: 2 });
    expect(things.invalidEntries()).toEqual([]);
    expect(changed).toEqual([['A'], ['A'], ['A']]);
  });

  it('re-reads a document it was opened on, edits included', () => {
    const doc = new Y.Doc();
    const first = open(doc);
    first.create('A', { code: 'A', name: 'x', size: 1 });
    first.patch('A', { name: 'y' });
    first.destroy();
    expect(open(doc).get('A')).toEqual({ code: 'A', name: 'y', size: 1 });
  });

  it('keeps both sides of concurrent edits to different fields', () => {
    const a = open();
    a.create('A', { code: 'A', name: 'x', size: 1 });
    const b = open();
    sync(a.doc, b.doc);
    a.patch('A', { name: 'from a' });
    b.patch('A', { size: 42 });
    sync(a.doc, b.doc);
    sync(b.doc, a.doc);
    expect(a.get('A')).toEqual({ code: 'A', name: 'from a', size: 42 });
    expect(b.get('A')).toEqual(a.get('A'));
  });

  describe('lazy mode', () => {
    const openLazy = (doc: Y.Doc) =>
      new RecordCollection<Rec>(doc, 'things', Rec, 'catalog', 'code', codec, { lazy: true });
    /** A room with valid and invalid records, some edited through field entries. */
    function room(): Y.Doc {
      const doc = new Y.Doc();
      doc.transact(() => {
        const base = doc.getMap('things');
        const fields = doc.getMap('things.fields');
        for (let i = 0; i < 20; i++) base.set(`K${String(i).padStart(2, '0')}`, { n: `thing ${i}`, s: i });
        base.set('K03', { n: 7 }); // wrong type
        base.set('K07', 'text'); // not a record
        fields.set(`K11${SEP}size`, 'huge'); // an edit that makes it invalid
        fields.set(`K12${SEP}name`, 'renamed');
      });
      return doc;
    }

    it('reads exactly what eager mode reads, invalid entries skipped and reported, in the same order', () => {
      const eager = open(room());
      const lazy = openLazy(room());
      expect(lazy.settled).toBe(false);
      expect(lazy.get('K12')).toEqual({ code: 'K12', name: 'renamed', size: 12 });
      expect(lazy.get('K03')).toBeUndefined();
      expect([...lazy.values()]).toEqual([...eager.values()]);
      expect(lazy.size).toBe(17);
      expect(lazy.invalidEntries()).toEqual(eager.invalidEntries());
      expect(lazy.settled).toBe(true);
    });

    it('validates a record on its first read and the rest in slices', () => {
      const lazy = openLazy(room());
      expect([...lazy.keys()]).toHaveLength(20); // keys without validating anything
      expect(lazy.get('K07')).toBeUndefined();
      expect(lazy.exists('K07')).toBe(true);
      expect(lazy.settleSome(5)).toBe(false);
      expect(lazy.settled).toBe(false);
      let rounds = 0;
      while (!lazy.settleSome(5)) rounds++;
      expect(rounds).toBeGreaterThan(0);
      expect(lazy.settled).toBe(true);
      expect(lazy.invalidEntries().map((e) => e.key)).toEqual(['K03', 'K07', 'K11']);
      expect([...lazy.values()].map((r) => r.code)).toEqual([...open(room()).values()].map((r) => r.code));
    });

    it('validates changes as they arrive, before anything else was read', () => {
      const doc = room();
      const lazy = openLazy(doc);
      const changed: string[][] = [];
      lazy.onChange((keys) => changed.push([...keys]));
      doc.getMap('things.fields').set(`K11${SEP}size`, 3); // corrects the bad edit
      lazy.patch('K05', { name: 'edited' });
      expect(changed).toEqual([['K11'], ['K05']]);
      expect(lazy.get('K11')).toEqual({ code: 'K11', name: 'thing 11', size: 3 });
      expect(lazy.get('K05')).toEqual({ code: 'K05', name: 'edited', size: 5 });
      expect(lazy.invalidEntries().map((e) => e.key)).toEqual(['K03', 'K07']);
    });
  });
});
