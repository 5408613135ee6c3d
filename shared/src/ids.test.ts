// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { causeId, randomId } from './ids.ts';

describe('causeId', () => {
  it('is stable across calls', () => {
    expect(causeId('receipt', 'PO-1', 3)).toBe(causeId('receipt', 'PO-1', 3));
  });

  it('is a short url-safe string usable as a movement id', () => {
    const id = causeId('stocktake', 'ST-9', 'BOLT', 'A-01');
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('differs for different causes', () => {
    expect(causeId('a', 'b')).not.toBe(causeId('a', 'c'));
    expect(causeId('a', 'b')).not.toBe(causeId('b', 'a'));
    expect(causeId('a')).not.toBe(causeId('a', ''));
  });

  it('cannot be confused by separators inside the parts', () => {
    expect(causeId('a|b', 'c')).not.toBe(causeId('a', 'b|c'));
    expect(causeId('a\\', 'b')).not.toBe(causeId('a', '\\b'));
    expect(causeId('a\\|b')).not.toBe(causeId('a\\', 'b'));
    expect(causeId('ab')).not.toBe(causeId('a', 'b'));
  });

  it('maps distinct part lists to distinct ids', () => {
    const part = fc.string({ unit: fc.constantFrom('a', 'b', '|', '\\'), maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 4 }),
        fc.array(part, { minLength: 1, maxLength: 4 }),
        (x, y) => {
          fc.pre(JSON.stringify(x) !== JSON.stringify(y));
          expect(causeId(...x)).not.toBe(causeId(...y));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('randomId', () => {
  it('is url-safe and different every time', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => randomId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
