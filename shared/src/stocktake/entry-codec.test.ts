// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CountEntry } from './count-entry.ts';
import { CountLog } from './count-log.ts';
import { decodeCount, encodeCount } from './entry-codec.ts';

const base: CountEntry = {
  id: 'Ab3dEf6hIj9k',
  session: 'S3ss10nX',
  location: 'A-01-02',
  sku: 'SKU-00042',
  quantity: 1,
  round: 1,
  at: '2026-11-28T09:15:27.000Z',
  source: 'scan',
};

const roundTrip = (e: CountEntry) => {
  const decoded = decodeCount(e.id, JSON.parse(JSON.stringify(encodeCount(e))));
  if ('problem' in decoded) throw new Error(decoded.problem);
  return CountEntry.parse(decoded.value);
};

describe('entry codec', () => {
  it('round-trips a plain scan and drops default quantity and source from the stored tuple', () => {
    expect(encodeCount(base)).toHaveLength(5);
    expect(roundTrip(base)).toEqual(base);
  });

  it('round-trips keypad quantities, GS1 lots, API sources and unknown barcodes', () => {
    const cases: CountEntry[] = [
      { ...base, quantity: 12.5, source: 'keypad' },
      { ...base, quantity: 1, source: 'api' },
      { ...base, quantity: 24, source: 'gs1', lot: 'L-2026-11' },
      { ...base, quantity: 1, lot: 'SER-1' },
      { ...base, sku: undefined, barcode: '0400000000000\u001d10ABC' },
      { ...base, round: 3, at: '2024-06-01T00:00:00.000Z' },
    ].map((e) => CountEntry.parse(JSON.parse(JSON.stringify(e))));
    for (const e of cases) expect(roundTrip(e)).toEqual(e);
  });

  it('reports values that are not stored counts instead of throwing', () => {
    for (const raw of [
      null,
      'x',
      {},
      [],
      ['s', 'l', 'i', 1],
      ['s', 'l', 'i', 1, 1.5],
      ['s', 'l', 'i', 1, 0, 1, 9],
    ]) {
      expect(decodeCount('id', raw)).toHaveProperty('problem');
    }
    expect(decodeCount('id', ['s', 'l', 'i', 1, 1e20])).toHaveProperty('problem');
  });

  it('stores a scan in under 60 bytes when 25 counters scan at once', () => {
    const counters = 25;
    const scans = 2500;
    const docs = Array.from({ length: counters }, (_, i) => {
      const doc = new Y.Doc();
      doc.clientID = 1_000_000_000 + i * 7919; // realistic 4-byte client ids, fixed so the figure is stable
      return doc;
    });
    const logs = docs.map((d) => new CountLog(d, 'stocktake-x'));
    for (let i = 0; i < scans; i++) {
      const c = i % counters;
      const doc = docs[c]!;
      const before = Y.encodeStateVector(doc);
      logs[c]!.append({
        ...base,
        id: `${String(c).padStart(2, '0')}${String(i).padStart(10, '0')}`,
        session: `sess${String(c).padStart(4, '0')}`,
        sku: `SKU-${String(i % 500).padStart(5, '0')}`,
        at: new Date(Date.parse(base.at) + i * 500).toISOString().replace(/\.\d+Z$/, '.000Z'),
      });
      const update = Y.encodeStateAsUpdate(doc, before);
      for (const other of docs) if (other !== doc) Y.applyUpdate(other, update);
    }
    const perScan = Y.encodeStateAsUpdate(docs[0]!).length / scans;
    console.log(`stored bytes per scan (25 counters): ${perScan.toFixed(1)}`);
    expect(logs[0]!.size).toBe(scans);
    expect(perScan).toBeLessThan(60);
  });
});
