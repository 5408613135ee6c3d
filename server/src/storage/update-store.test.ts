// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Db, openMemoryDatabase } from '../db/database.ts';
import { SqliteUpdateStore } from './sqlite-update-store.ts';
import { MemoryUpdateStore, type UpdateStore } from './update-store.ts';

function updateSetting(key: string, value: string, clientID?: number): Uint8Array {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  doc.getMap('m').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

function docFrom(rows: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const r of rows) Y.applyUpdate(doc, r);
  return doc;
}

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

const implementations: [string, () => UpdateStore][] = [
  ['memory', () => new MemoryUpdateStore()],
  [
    'sqlite',
    () => {
      const db = openMemoryDatabase();
      dbs.push(db);
      return new SqliteUpdateStore(db);
    },
  ],
];

describe.each(implementations)('UpdateStore (%s)', (_name, make) => {
  it('returns nothing for a room never written', () => {
    expect(make().load('catalog')).toEqual([]);
  });

  it('returns appended updates in order, per room', () => {
    const store = make();
    const a = updateSetting('a', '1');
    const b = updateSetting('b', '2');
    const c = updateSetting('c', '3');
    store.append('catalog', a);
    store.append('ledger-2025-01', b);
    store.append('catalog', c);
    expect(store.load('catalog').map((u) => [...u])).toEqual([[...a], [...c]]);
    expect(store.load('ledger-2025-01').map((u) => [...u])).toEqual([[...b]]);
    expect(store.rooms()).toEqual(['catalog', 'ledger-2025-01']);
  });

  it('compaction replaces a room’s rows by one that holds the same content', () => {
    const store = make();
    store.append('catalog', updateSetting('a', '1'));
    store.append('catalog', updateSetting('b', '2'));
    store.append('other', updateSetting('x', '9'));
    const merged = Y.mergeUpdates(store.load('catalog'));
    store.compact('catalog', merged);
    const rows = store.load('catalog');
    expect(rows).toHaveLength(1);
    expect(docFrom(rows).getMap('m').toJSON()).toEqual({ a: '1', b: '2' });
    expect(store.load('other')).toHaveLength(1);
  });

  it('keeps updates appended after a compaction', () => {
    const store = make();
    store.append('catalog', updateSetting('a', '1'));
    store.compact('catalog', Y.mergeUpdates(store.load('catalog')));
    store.append('catalog', updateSetting('b', '2'));
    expect(docFrom(store.load('catalog')).getMap('m').toJSON()).toEqual({ a: '1', b: '2' });
  });
});

describe('SqliteUpdateStore', () => {
  it('keeps rows across reopening the database file', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openDatabase } = await import('../db/database.ts');
    const dir = mkdtempSync(join(tmpdir(), 'stockroom-store-'));
    try {
      const db1 = openDatabase(dir);
      expect(db1.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db1.pragma('synchronous', { simple: true })).toBe(2); // FULL
      new SqliteUpdateStore(db1).append('catalog', updateSetting('a', '1'));
      db1.close();
      const db2 = openDatabase(dir);
      expect(docFrom(new SqliteUpdateStore(db2).load('catalog')).getMap('m').get('a')).toBe('1');
      db2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
