// @vitest-environment node
import { receiptId } from '@stockroom/shared/purchasing/purchase-order';
import { parseScannedGs1 } from '@stockroom/shared/scanning/gs1/gs1';
import type { ScanResolution } from '@stockroom/shared/scanning/scan-resolver';
import { describe, expect, it } from 'vitest';
import {
  applyScan,
  deliveryParts,
  deliveryProblem,
  loadSession,
  newDeliveryId,
  newSession,
  postSession,
  type ReceiveScan,
  receiving,
  repeatScan,
  type ScanContext,
  saveSession,
  sessionUnits,
  withLot,
} from './receive-session.ts';
import { clerk, day, sentOrder } from './test-fixtures.ts';

let n = 0;
const context = (over: Partial<ScanContext> = {}): ScanContext => ({
  order: sentOrder().order(),
  bin: 'A-01',
  keypad: null,
  pending: new Map(),
  tracking: () => 'none',
  id: () => `s${++n}`,
  now: day('03-05'),
  ...over,
});
const item = (
  sku: string,
  extra: Partial<Extract<ScanResolution, { kind: 'item' }>> = {},
): ScanResolution => ({
  kind: 'item',
  sku,
  matchedBy: 'barcode',
  ...extra,
});
const raw = (code: string) => ({ raw: code });
const added = (outcome: ReturnType<typeof applyScan>): ReceiveScan => {
  if (outcome.kind !== 'added') throw new Error(`expected a scan, got ${JSON.stringify(outcome)}`);
  return outcome.scan;
};

describe('applying scans', () => {
  it('a bin label sets the bin; items count 1, the keypad quantity, or a pack', () => {
    expect(applyScan(raw('B-01'), { kind: 'location', code: 'B-01', matchedBy: 'code' }, context())).toEqual({
      kind: 'bin',
      bin: 'B-01',
    });
    expect(added(applyScan(raw('BOLT'), item('BOLT'), context()))).toMatchObject({
      line: '1',
      sku: 'BOLT',
      quantity: 1,
      location: 'A-01',
      source: 'scan',
    });
    expect(added(applyScan(raw('NUT-BOX'), item('NUT', { packQuantity: 10 }), context()))).toMatchObject({
      line: '2',
      quantity: 10,
      pack: 10,
    });
    // 3 on the keypad, then a box of 10: three boxes.
    expect(
      added(applyScan(raw('NUT-BOX'), item('NUT', { packQuantity: 10 }), context({ keypad: 3 }))),
    ).toMatchObject({
      quantity: 30,
      source: 'keypad',
    });
    expect(added(applyScan(raw('BOLT'), item('BOLT'), context({ keypad: 2.5 })))).toMatchObject({
      quantity: 2.5,
    });
  });

  it('takes quantity, lot and expiry from a GS1 label', () => {
    const code = '(01)09501101530003(17)270131(10)L-42(30)12';
    const gs1 = parseScannedGs1(code).data;
    expect(gs1).toBeDefined();
    const scan = added(applyScan({ raw: code, gs1 }, item('BOLT', { gs1 }), context()));
    expect(scan).toMatchObject({ quantity: 12, lot: 'L-42', expiry: '2027-01-31', source: 'gs1' });
  });

  it('says why a scan adds nothing', () => {
    expect(
      applyScan(
        raw('X'),
        { kind: 'unknown', raw: 'X', reason: 'no item or location answers to "X"' },
        context(),
      ),
    ).toEqual({
      kind: 'error',
      message: 'Unknown code: no item or location answers to "X"',
    });
    expect(applyScan(raw('WASHER'), item('WASHER'), context())).toEqual({
      kind: 'error',
      message: 'WASHER is not on this order',
    });
    expect(applyScan(raw('BOLT'), item('BOLT'), context({ bin: null }))).toEqual({
      kind: 'error',
      message: 'Scan or choose the bin first',
    });
    expect(applyScan(raw('BOLT'), item('BOLT'), context({ tracking: () => 'serial', keypad: 2 }))).toEqual({
      kind: 'error',
      message: 'BOLT has serial numbers: scan each unit',
    });
  });

  it('asks for the lot of a tracked item, and takes it from the next scan', () => {
    const outcome = applyScan(raw('BOLT'), item('BOLT'), context({ tracking: () => 'lot' }));
    expect(outcome.kind).toBe('needs-lot');
    if (outcome.kind !== 'needs-lot') return;
    expect(withLot(outcome.scan, raw(' LOT-7 '))).toMatchObject({ lot: 'LOT-7', quantity: 1 });
    const gs1 = parseScannedGs1('(10)LOT-8(17)270101').data;
    expect(withLot(outcome.scan, { raw: '(10)LOT-8(17)270101', gs1 })).toMatchObject({
      lot: 'LOT-8',
      expiry: '2027-01-01',
    });
  });

  it('fills lines of one SKU in turn and repeats the last scan from the keypad', () => {
    const { order } = sentOrder([
      { sku: 'BOLT', quantity: 2, unitCost: 1 },
      { sku: 'BOLT', quantity: 5, unitCost: 1 },
    ]);
    const ctx = context({ order: order(), pending: new Map([['1', 20_000]]) });
    const scan = added(applyScan(raw('BOLT'), item('BOLT'), ctx));
    expect(scan.line).toBe('2');
    expect(repeatScan({ ...scan, pack: 10 }, 4, 'r1', day('03-06'))).toEqual({
      ...scan,
      id: 'r1',
      quantity: 4,
      source: 'keypad',
      at: day('03-06').toISOString(),
    });
    expect(sessionUnits([scan, { ...scan, quantity: 2 }])).toEqual(new Map([['2', 30_000]]));
  });
});

const scan = (line: string, sku: string, quantity: number, location = 'A-01', lot?: string): ReceiveScan => ({
  id: `x${++n}`,
  line,
  sku,
  quantity,
  location,
  ...(lot ? { lot } : {}),
  source: 'scan',
  at: day('03-05').toISOString(),
});

describe('posting a session', () => {
  it('sums scans per line, bin and lot; a second lot or bin of a line is part 2 of the delivery', () => {
    const parts = deliveryParts({
      delivery: ' DN-7 ',
      scans: [
        scan('1', 'BOLT', 1),
        scan('2', 'NUT', 10),
        scan('1', 'BOLT', 1),
        scan('1', 'BOLT', 3, 'B-01'),
        scan('2', 'NUT', 5, 'A-01', 'L1'),
      ],
    });
    expect(parts).toEqual([
      {
        delivery: 'DN-7',
        lines: [
          { line: '1', quantity: 2, location: 'A-01' },
          { line: '2', quantity: 10, location: 'A-01' },
        ],
      },
      {
        delivery: 'DN-7/2',
        lines: [
          { line: '1', quantity: 3, location: 'B-01' },
          { line: '2', quantity: 5, location: 'A-01', lot: 'L1' },
        ],
      },
    ]);
  });

  it('flags an over-receipt against what is still open, live as other receipts arrive', () => {
    const { room, ledger, id, order } = sentOrder();
    const session = { ...newSession(id, 'A-01'), scans: [scan('1', 'BOLT', 8), scan('2', 'NUT', 20)] };
    expect(receiving(order(), session).map((l) => [l.line, l.session, l.over])).toEqual([
      ['1', 8, 0],
      ['2', 20, 0],
    ]);
    // Another device receives 5 bolts meanwhile: 8 more would be 3 too many.
    room.receive(id, 'DN-OTHER', [{ line: '1', quantity: 5, location: 'B-01' }], ledger, { actor: clerk });
    const lines = receiving(order(), session);
    expect(lines[0]).toMatchObject({ received: 5, open: 5, session: 8, over: 3 });
    const refused = postSession(room, session, ledger, { actor: clerk });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toMatch(/would exceed the 5 still open/);
    const posted = postSession(room, session, ledger, { actor: clerk, allowOver: true });
    expect(posted).toMatchObject({ ok: true, alreadyPosted: false, deliveries: [session.delivery] });
    expect(order().lines.map((l) => l.received)).toEqual([13, 20]);
    expect(order().receipts.find((r) => r.line === '1' && r.delivery === session.delivery)?.overReceipt).toBe(
      true,
    );
  });

  it('posts a session once however often it is posted, and skips lines already posted under its delivery id', () => {
    const { room, ledger, id, order } = sentOrder();
    const session = {
      ...newSession(id),
      delivery: 'DN-1',
      scans: [scan('1', 'BOLT', 4), scan('1', 'BOLT', 2, 'B-01')],
    };
    const first = postSession(room, session, ledger, { actor: clerk });
    expect(first).toMatchObject({ ok: true, alreadyPosted: false, deliveries: ['DN-1', 'DN-1/2'] });
    if (first.ok)
      expect(first.receipts.map((r) => r.id)).toEqual([
        receiptId(id, 'DN-1', '1'),
        receiptId(id, 'DN-1/2', '1'),
      ]);
    const again = postSession(room, session, ledger, { actor: clerk });
    expect(again).toMatchObject({ ok: true, alreadyPosted: true, receipts: [] });
    expect(order().lines[0]?.received).toBe(6);
    expect([...ledger.values()].map((m) => m.quantity)).toEqual([4, 2]);

    // Someone scans the same delivery note again, with a line it did not have.
    const retry = { ...session, scans: [scan('1', 'BOLT', 6), scan('2', 'NUT', 3)] };
    expect(receiving(order(), retry).map((l) => [l.session, l.alreadyPosted, l.over])).toEqual([
      [0, 6, 0],
      [3, 0, 0],
    ]);
    const third = postSession(room, retry, ledger, { actor: clerk });
    expect(third).toMatchObject({ ok: true, alreadyPosted: false });
    expect(order().lines.map((l) => l.received)).toEqual([6, 3]);
    expect(postSession(room, { ...session, scans: [] }, ledger, { actor: clerk })).toMatchObject({
      ok: false,
    });
  });

  it('keeps the session on the device across reloads, and refuses what is not a session', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    const session = { ...newSession('2026-abcdefgh12', 'A-01'), scans: [scan('1', 'BOLT', 2)] };
    saveSession(storage, session);
    expect(loadSession(storage, session.po)).toEqual(session);
    expect(loadSession(storage, 'other')).toBeNull();
    store.set('stockroom.receive.bad', '{"po":"bad","scans":"nope"}');
    expect(loadSession(storage, 'bad')).toBeNull();
    store.set('stockroom.receive.worse', '{');
    expect(loadSession(storage, 'worse')).toBeNull();
  });

  it('makes readable scan-session ids and checks typed delivery ids', () => {
    expect(newDeliveryId()).toMatch(/^S-[A-Z2-9]{8}$/);
    expect(newDeliveryId()).not.toBe(newDeliveryId());
    expect(deliveryProblem('DN-1')).toBeNull();
    expect(deliveryProblem('  ')).toMatch(/delivery note number/);
    expect(deliveryProblem('x'.repeat(91))).toBe('must be at most 90 characters');
    expect(deliveryProblem('DN\u202e1')).toMatch(/./);
  });
});
