// @vitest-environment node
import type { ScanResolution } from '@stockroom/shared/scanning/scan-resolver';
import { describe, expect, it } from 'vitest';
import {
  applyIssueScan,
  type IssueContext,
  issueUnitCost,
  loadIssueState,
  saveIssueState,
} from './issue-session.ts';
import { line, order } from './test-fixtures.ts';

const item = (
  sku: string,
  extra: Partial<Extract<ScanResolution, { kind: 'item' }>> = {},
): ScanResolution => ({
  kind: 'item',
  sku,
  matchedBy: 'barcode',
  ...extra,
});

function ctx(over: Partial<IssueContext> = {}): IssueContext {
  return {
    state: { mode: 'issue', bin: 'A-01', quantity: 1, lot: '' },
    order: order({ id: 'wo1', status: 'in_progress', parts: [line('BOLT', { issued: 3, returned: 1 })] }),
    target: { kind: 'none' },
    resolution: item('BOLT'),
    tracking: () => 'none',
    request: () => 'req-1',
    ...over,
  };
}

describe('applyIssueScan', () => {
  it('issues a scanned part from the bin at once, with a new request id', () => {
    expect(applyIssueScan(ctx())).toEqual({
      kind: 'post',
      part: { request: 'req-1', sku: 'BOLT', quantity: 1, location: 'A-01' },
    });
  });

  it('multiplies a pack and the quantity per scan, and takes the lot from GS1 data or the field', () => {
    const c = ctx({
      state: { mode: 'issue', bin: 'A-01', quantity: 2, lot: 'L7' },
      resolution: item('BOLT', { packQuantity: 10 }),
    });
    expect(applyIssueScan(c)).toMatchObject({ kind: 'post', part: { quantity: 20, lot: 'L7' } });
    const gs1 = ctx({ resolution: item('BOLT', { gs1: { lot: 'G1' } as never }) });
    expect(applyIssueScan(gs1)).toMatchObject({ part: { lot: 'G1' } });
  });

  it('asks for the bin first, and sets it from a bin label', () => {
    expect(applyIssueScan(ctx({ state: { mode: 'issue', bin: null, quantity: 1, lot: '' } }))).toEqual({
      kind: 'error',
      message: 'Scan or choose the bin first',
    });
    expect(
      applyIssueScan(ctx({ resolution: { kind: 'location', code: 'B-02', matchedBy: 'code' } })),
    ).toEqual({
      kind: 'bin',
      bin: 'B-02',
    });
  });

  it('moves to another work order by its sheet, or by an asset tag with one open work order', () => {
    expect(applyIssueScan(ctx({ target: { kind: 'order', id: 'wo2' } }))).toEqual({
      kind: 'switch',
      id: 'wo2',
    });
    const tag = { kind: 'unknown', raw: 'TAG', reason: '' } as const;
    expect(
      applyIssueScan(ctx({ target: { kind: 'asset', code: 'FAN', open: ['wo9'] }, resolution: tag })),
    ).toEqual({ kind: 'switch', id: 'wo9' });
    expect(
      applyIssueScan(ctx({ target: { kind: 'asset', code: 'FAN', open: ['a', 'b'] }, resolution: tag })),
    ).toEqual({ kind: 'error', message: 'Asset FAN has 2 open work orders: choose one from the list' });
  });

  it('needs the lot of a tracked part', () => {
    expect(applyIssueScan(ctx({ tracking: () => 'lot' }))).toEqual({
      kind: 'error',
      message: 'BOLT is tracked by lot: type the lot number first',
    });
  });

  it('returns no more than was issued and not returned', () => {
    const ret = (quantity: number, sku = 'BOLT') =>
      applyIssueScan(
        ctx({ state: { mode: 'return', bin: 'A-01', quantity, lot: '' }, resolution: item(sku) }),
      );
    expect(ret(2)).toMatchObject({ kind: 'post', part: { quantity: 2 } });
    expect(ret(3)).toEqual({
      kind: 'error',
      message: 'Only 2 of BOLT was issued to this work order and not returned',
    });
    expect(ret(1, 'NUT')).toEqual({ kind: 'error', message: 'No NUT was issued to this work order' });
  });

  it('refuses parts for a complete work order and unknown codes', () => {
    expect(applyIssueScan(ctx({ order: order({ id: 'wo1', status: 'complete' }) }))).toMatchObject({
      kind: 'error',
    });
    expect(applyIssueScan(ctx({ resolution: { kind: 'unknown', raw: 'X9', reason: '' } }))).toEqual({
      kind: 'error',
      message: 'Unknown code X9',
    });
  });
});

describe('issue state on the device', () => {
  it('keeps the bin and the mode, never a quantity or lot', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    saveIssueState(storage, { mode: 'return', bin: 'A-01', quantity: 5, lot: 'L1' });
    expect(loadIssueState(storage)).toEqual({ mode: 'return', bin: 'A-01', quantity: 1, lot: '' });
    store.set('stockroom.issue-session', '{broken');
    expect(loadIssueState(storage)).toEqual({ mode: 'issue', bin: null, quantity: 1, lot: '' });
  });

  it('costs a unit at the moving average, else the item cost', () => {
    expect(issueUnitCost(0.42, 0.5)).toBe(0.42);
    expect(issueUnitCost(null, 0.5)).toBe(0.5);
    expect(issueUnitCost(undefined, undefined)).toBe(0);
  });
});
