// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { abcClassification } from './abc.ts';

const classes = (rows: ReturnType<typeof abcClassification>) => rows.map((r) => `${r.sku}:${r.class}`);

describe('abcClassification', () => {
  it('is B once the items above hold exactly 80 %, C once they hold exactly 95 %', () => {
    const rows = abcClassification([
      { sku: 'S3', value: 5 },
      { sku: 'S1', value: 80 },
      { sku: 'S2', value: 15 },
    ]);
    expect(rows).toEqual([
      { sku: 'S1', consumptionValue: 80, share: 0.8, cumulativeShare: 0.8, class: 'A' },
      { sku: 'S2', consumptionValue: 15, share: 0.15, cumulativeShare: 0.95, class: 'B' }, // above: 80 %
      { sku: 'S3', consumptionValue: 5, share: 0.05, cumulativeShare: 1, class: 'C' }, // above: 95 %
    ]);
  });

  it('keeps the item that crosses 80 % in A, and the one that crosses 95 % in B', () => {
    // above: 0, 79.99, 94.99, 99.99 %
    const rows = abcClassification([
      { sku: 'P', value: 79.99 },
      { sku: 'Q', value: 15 },
      { sku: 'R', value: 5 },
      { sku: 'S', value: 0.01 },
    ]);
    expect(classes(rows)).toEqual(['P:A', 'Q:A', 'R:B', 'S:C']);
  });

  it('makes the top item A even when it alone is over 95 %', () => {
    expect(
      classes(
        abcClassification([
          { sku: 'BIG', value: 990 },
          { sku: 'SMALL', value: 10 },
        ]),
      ),
    ).toEqual(['BIG:A', 'SMALL:C']);
  });

  it('breaks ties by SKU, and classes items without consumption C', () => {
    const rows = abcClassification(
      [
        { sku: 'B', value: 50 },
        { sku: 'A', value: 50 },
        { sku: 'Z', value: 0 },
      ],
      ['A', 'B', 'Y', 'Z'],
    );
    expect(rows.map((r) => [r.sku, r.class, r.cumulativeShare])).toEqual([
      ['A', 'A', 0.5],
      ['B', 'A', 1],
      ['Y', 'C', 1],
      ['Z', 'C', 1],
    ]);
  });

  it('puts everything in C when nothing was consumed', () => {
    expect(abcClassification([], ['A'])).toEqual([
      { sku: 'A', consumptionValue: 0, share: 0, cumulativeShare: 0, class: 'C' },
    ]);
  });

  it('is exact on decimal values (no float drift at the boundary)', () => {
    // 0.1 + 0.7 is 0.7999999999999999 in floats; in units it is exactly 80 % of 1.0.
    const rows = abcClassification([
      { sku: 'a', value: 0.7 },
      { sku: 'b', value: 0.1 },
      { sku: 'c', value: 0.1 },
      { sku: 'd', value: 0.1 },
    ]);
    expect(classes(rows)).toEqual(['a:A', 'b:A', 'c:B', 'd:B']); // above c: 80 %, above d: 90 %
  });

  it('takes other thresholds', () => {
    const rows = abcClassification(
      [
        { sku: 'x', value: 60 },
        { sku: 'y', value: 30 },
        { sku: 'z', value: 10 },
      ],
      [],
      { a: 60, b: 90 },
    );
    expect(classes(rows)).toEqual(['x:A', 'y:B', 'z:C']);
  });
});
